package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// MaxKeyLen is the longest key the Mattermost KV store accepts.
const MaxKeyLen = 150

// KeyPart makes an id (an order id, a sku, anything a shop or a customer chose) safe
// as one part of a KV key: it keeps [A-Za-z0-9._-] and escapes the rest as %XX, so no
// id can reach into another's key space through "/", and a part longer than 40
// characters becomes "~" + 32 hex digits of its SHA-256 ("~" is always escaped
// otherwise, so a hashed part never equals a plain one). Keys built from a short
// prefix and a few such parts always fit in MaxKeyLen.
func KeyPart(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if b.Len() > 40 {
		sum := sha256.Sum256([]byte(s))
		return "~" + hex.EncodeToString(sum[:16])
	}
	return b.String()
}
