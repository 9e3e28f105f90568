// Command gendict writes the trimmed Chinese dictionary embedded by package knowledge
// (dict/zh_trim.txt): the n most frequent words of gse's simplified-Chinese
// dictionary (data/dict/zh/s_1.txt, Apache-2.0/MIT, derived from jieba), without
// person names (POS nr*), which shop text does not need. Our own shop vocabulary is
// kept apart in dict/domain.txt, edited by hand.
//
//	go run ./server/knowledge/internal/gendict -n 20000 > server/knowledge/dict/zh_trim.txt
//
// After regenerating, the analysis fingerprint changes and existing indexes rebuild.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

type entry struct {
	line string
	freq float64
	pos  int
}

func main() {
	n := flag.Int("n", 20000, "number of words to keep")
	src := flag.String("src", "", "path of gse's s_1.txt (default: from the module cache)")
	flag.Parse()
	if err := run(*n, *src); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}

func run(n int, src string) error {
	if src == "" {
		dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
		if err != nil {
			return fmt.Errorf("locating gse: %w", err)
		}
		src = filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh", "s_1.txt")
	}
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	var all []entry
	sc := bufio.NewScanner(f)
	for i := 0; sc.Scan(); i++ {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || !allHan(fields[0]) {
			continue
		}
		if len(fields) > 2 && strings.HasPrefix(fields[2], "nr") {
			continue
		}
		freq, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			continue
		}
		all = append(all, entry{line: strings.Join(fields, " "), freq: freq, pos: i})
	}
	if err := sc.Err(); err != nil {
		return err
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].freq > all[j].freq })
	if n < len(all) {
		all = all[:n]
	}
	// Back to source order: a stable file that diffs well when n changes.
	sort.Slice(all, func(i, j int) bool { return all[i].pos < all[j].pos })
	w := bufio.NewWriter(os.Stdout)
	for _, e := range all {
		fmt.Fprintln(w, e.line)
	}
	return w.Flush()
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}
