package agent

import (
	"regexp"
	"strings"

	"github.com/concierge-shop/concierge/server/shop"
)

// Model names ("<Series> P9", "X7 Pro") name a product by the Latin words
// of its title, whatever else the customer writes around them. Each word narrows the
// products whose title has it; the ones left, if few, are named.

// latinToken: a Latin word of two characters or more, digits allowed ("p9", "x7", "duoflow").
var latinToken = regexp.MustCompile(`[a-z0-9]{2,}`)

// maxModelProducts: more products than this sharing the words is no name.
const maxModelProducts = 2

// modelWord: a word distinctive enough to name a product: with a digit and a letter
// ("p9", "x3", "a2"), or four letters or more ("duoflow", "cloud").
func modelWord(t string) bool {
	hasDigit := strings.ContainsAny(t, "0123456789")
	hasLetter := strings.ContainsFunc(t, func(r rune) bool { return r >= 'a' && r <= 'z' })
	return hasDigit && hasLetter || !hasDigit && len(t) >= 4
}

func latinWords(title string) []string {
	var out []string
	for _, t := range latinToken.FindAllString(strings.ToLower(title), -1) {
		if modelWord(t) || len(t) >= 2 && !strings.ContainsAny(t, "0123456789") {
			out = append(out, t)
		}
	}
	return out
}

// byModel: the products the text's model words name, when they leave at most
// maxModelProducts and at least one of the words is distinctive.
func (w *catalogWords) byModel(low string) []*shop.Product {
	var cands []*shop.Product
	distinct := false
	for _, t := range latinToken.FindAllString(low, -1) {
		ps, ok := w.latin[t]
		if !ok {
			continue
		}
		if cands == nil {
			cands = append([]*shop.Product(nil), ps...)
		} else {
			var keep []*shop.Product
			for _, p := range cands {
				if containsProduct(ps, p) {
					keep = append(keep, p)
				}
			}
			if len(keep) == 0 {
				continue // a word of another product, or a common word: ignore it
			}
			cands = keep
		}
		// Only a model code (letters and digits: "p9", "x3") is distinctive enough on
		// its own; a Latin word ("leather", "cloud") narrows but does not name.
		distinct = distinct || modelWord(t) && strings.ContainsAny(t, "0123456789")
	}
	if !distinct || len(cands) == 0 || len(cands) > maxModelProducts {
		return nil
	}
	return cands
}
