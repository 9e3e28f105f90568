package mmenv

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Script runs build/<name> of the checkout at root and returns its stdout (the
// server URL for e2e-up.sh); its progress messages go to our stderr.
func Script(root, name string) (string, error) {
	var out bytes.Buffer
	cmd := exec.Command("bash", filepath.Join(root, "build", name))
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build/%s: %w", name, err)
	}
	return strings.TrimSpace(out.String()), nil
}
