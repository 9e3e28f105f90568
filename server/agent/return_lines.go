package agent

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// Which lines of an order a return sends back. A customer who names one thing of
// an order of several returns that thing ("只退剃须刀", "the backpack hasn't
// arrived, can I return it?"); one who says what they keep returns the rest
// ("收纳袋我想退了 枕头留着", "return the bag but keep the pillow"). The card then
// pays back those lines, not the whole order.

var (
	keepWords  = cues("keep_item")
	wholeOrder = cues("whole_order")
	orderNouns = cues("order_noun")
)

// Windows around a mention in which a keep word speaks of it: "枕头我先留着",
// "I'll keep the pillow".
const (
	keepBeforeRunes = 12
	keepAfterRunes  = 8
)

// returnedSKUs are the lines of the customer's order id that the turn's last line
// sends back when it names some of them and not all; nil for the whole order.
func (s *session) returnedSKUs(id string) []string {
	o := s.snap.OrderOf(s.turn.Customer.Username, id)
	low := strings.ToLower(s.lastLine())
	if o == nil || len(o.Items) < 2 || wholeOrder.in(low) {
		return nil
	}
	names := s.lineNames(o)
	var back, kept []string
	for i, it := range o.Items {
		start, end, ok := s.lineMention(low, o, names, i)
		switch {
		case ok && namesTheOrder(low[end:]):
			return nil // "the cube suitcase order", "跑鞋那单": the item says which order
		case !ok:
		case keptAt(low, start, end):
			kept = append(kept, it.SKUID)
		default:
			back = append(back, it.SKUID)
		}
	}
	if len(back) == 0 && len(kept) > 0 {
		for _, it := range o.Items {
			if !slices.Contains(kept, it.SKUID) {
				back = append(back, it.SKUID)
			}
		}
	}
	if len(back) == len(o.Items) {
		return nil
	}
	return back
}

// lineNames are each line's product title, tags and bought values, lower-cased.
func (s *session) lineNames(o *shop.Order) []string {
	names := make([]string, len(o.Items))
	for j, it := range o.Items {
		if _, p := s.snap.SKU(it.SKUID); p != nil {
			names[j] = strings.ToLower(p.Title+" "+strings.Join(p.Tags, " ")) + " " + boughtValues(p, it.SKUID)
		}
	}
	return names
}

// lineMention is where low first names line i of o (names: lineNames) by a word no
// other line of the order has (the brand two lines share names neither).
func (s *session) lineMention(low string, o *shop.Order, names []string, i int) (start, end int, ok bool) {
	_, p := s.snap.SKU(o.Items[i].SKUID)
	if p == nil {
		return 0, 0, false
	}
	words := append(productWordsIn(low, p), glossedWordsIn(low, names[i])...)
	words = append(words, colloquialIn(low, names[i])...)
	start = -1
	for _, w := range words {
		if sharedByAnother(w, names, i) {
			continue
		}
		if at := strings.Index(low, w); at >= 0 && (start < 0 || at < start) {
			start, end = at, at+len(w)
		}
	}
	return start, end, start >= 0
}

// sharedByAnother: another line's names have w (an English word, or its Chinese)
// — unless w ends a word of line i's names and only sits inside a word of the
// other's: "饮水机" is the fountain, not the "饮水机配件" filters.
func sharedByAnother(w string, names []string, i int) bool {
	forms := []string{w}
	if isASCII(w) {
		forms = append(forms, lang.Chinese(w)...)
	}
	for j, n := range names {
		if j == i || n == "" {
			continue
		}
		for _, f := range forms {
			if strings.Contains(n, f) && (!endsAWord(names[i], f) || endsAWord(n, f)) {
				return true
			}
		}
	}
	return false
}

// namesTheOrder: an order noun follows an item's mention closely, in its clause,
// so the item names its order ("the cube suitcase order", "跑鞋那单").
func namesTheOrder(after string) bool {
	if k := strings.IndexFunc(after, func(r rune) bool { return unicode.IsPunct(r) && r != '-' && r != '\'' }); k >= 0 {
		after = after[:k]
	}
	if rs := []rune(after); len(rs) > orderNounWindow {
		after = string(rs[:orderNounWindow])
	}
	return orderNouns.in(after)
}

// orderNounWindow: how many runes after an item's mention an order noun still
// belongs to it ("<item> 26寸那单", "<item> suitcase order").
const orderNounWindow = 16

// keptAt: a keep word stands next to the mention low[start:end] in its clause.
func keptAt(low string, start, end int) bool {
	from, to := clauseOf(itemClauses(low), start)
	before, after := low[from:start], low[end:max(to, end)]
	if n := utf8.RuneCountInString(before); n > keepBeforeRunes {
		before = string([]rune(before)[n-keepBeforeRunes:])
	}
	if rs := []rune(after); len(rs) > keepAfterRunes {
		after = string(rs[:keepAfterRunes])
	}
	return keepWords.in(before) || keepWords.in(after)
}

// itemClauses is low with the breaks between things said of different items made
// commas, byte for byte (clauseOf's offsets stay): a space beside Chinese ("收纳袋
// 我想退了 枕头留着") and an English "and" ("return the bag and keep the pillow").
func itemClauses(low string) string {
	b := []byte(strings.ReplaceAll(low, " and ", ",and "))
	for i, c := range b {
		if c != ' ' {
			continue
		}
		prev, _ := utf8.DecodeLastRune(b[:i])
		next, _ := utf8.DecodeRune(b[i+1:])
		if unicode.Is(unicode.Han, prev) || unicode.Is(unicode.Han, next) {
			b[i] = ','
		}
	}
	return string(b)
}

// skuNames names the skus for the customer: product and variant, in a list.
func (s *session) skuNames(skus []string) string {
	names := make([]string, 0, len(skus))
	for _, id := range skus {
		k, p := s.snap.SKU(id)
		if k == nil || p == nil {
			names = append(names, id)
			continue
		}
		names = append(names, itemName(p.Title, k.Attributes, s.lang))
	}
	return strings.Join(names, s.t("agent.list_sep"))
}
