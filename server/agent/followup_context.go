package agent

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// cartContinues: "再加一盒拼图 一共多少", "+ 1 barrier balm, total?" adds to the
// product of the earlier message; the cart is both, read from both messages.
func (s *session) cartContinues() (string, bool) {
	if !s.together() || len(s.orderIDs()) > 0 {
		return "", false
	}
	now := s.productsNow()
	if len(now) == 0 {
		return "", false
	}
	prev, ps := s.productMessage()
	for _, p := range ps {
		if !containsProduct(now, p) {
			return prev + "\n" + s.text, true
		}
	}
	return "", false
}

// productMessage is the latest earlier customer message that names a product.
func (s *session) productMessage() (string, []*shop.Product) {
	if s.prodMsg == nil {
		text, ps := s.findProductMessage()
		s.prodMsg = &productMsg{text, ps}
	}
	return s.prodMsg.text, s.prodMsg.ps
}

func (s *session) findProductMessage() (string, []*shop.Product) {
	for i, m := range s.earlierFromCustomer() {
		if ps := s.namedProducts(m.Text); len(ps) > 0 {
			return m.Text, ps
		}
		// Named by words only the answer resolved ("<category word>", "<M>
		// 打印尺寸多大" → the one product the bot showed): the product of that answer,
		// by its title — unless a search of the words alone finds it too.
		found := s.searchProducts(m.Text, nil, false)
		if i+1 < len(s.turn.History) && !s.turn.History[i+1].FromCustomer {
			reply := s.turn.History[i+1].Text
			shown := s.namedProducts(boldParts(reply))
			if len(shown) == 1 && !containsProduct(found, shown[0]) {
				// Its question goes on with it ("<M> 标准版多少钱" → "带屏的呢" asks
				// that price of the other kit).
				return withoutOwnValues(shown[0]) + " " + m.Text, shown
			}
			if len(shown) >= 2 && compared(reply) {
				// "<n>W和<m>W的<kind>有啥区别" → "我就给<phone>充 买哪个": of the
				// products the comparison set side by side.
				return titlesOf(shown, s.lang) + " " + m.Text, shown
			}
		}
		if len(found) > 0 {
			return m.Text, found // a name as the answers found it
		}
	}
	return "", nil
}

// quotedAfter: the bot's reply to the customer's message i was a price quote —
// the question had its product ("<M> 标准版多少钱", a model the titles of its
// accessories share, priced as the device), so a value after it ("带屏的呢")
// continues it rather than answering it.
func (s *session) quotedAfter(i int) bool {
	if i+1 >= len(s.turn.History) || s.turn.History[i+1].FromCustomer {
		return false
	}
	reply := s.turn.History[i+1].Text
	return strings.HasPrefix(reply, i18n.T(i18n.ZH, "agent.price.intro")) || strings.HasPrefix(reply, i18n.T(i18n.EN, "agent.price.intro"))
}

// withoutOwnValues is p's title without the words that are values of its variants:
// "<Name> 120粒 <pack>" sold in 120粒 and 240粒 names the product, not the 120粒 one
// ("<kind><n2>粒的多少钱" → "再加一盒<B>" keeps <n2>粒).
func withoutOwnValues(p *shop.Product) string {
	title := strings.ToLower(p.Title)
	for i := range p.SKUs {
		for _, v := range p.SKUs[i].Attributes.All() {
			for _, part := range valueParts(v) {
				if !isHanWord(part) || utf8.RuneCountInString(part) > 1 {
					title = replaceWord(title, part, " ")
				}
			}
		}
	}
	return title
}

// boldPart: the bot writes the names of the products it shows in bold.
var boldPart = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)

// boldParts are the bold parts of a reply, one per line: the products it shows,
// not the ones its descriptions mention in passing.
func boldParts(reply string) string {
	var out []string
	for _, m := range boldPart.FindAllStringSubmatch(reply, -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, "\n")
}

// compared: the reply set products side by side (agent.compare.head).
func compared(reply string) bool {
	return strings.HasPrefix(reply, i18n.T(i18n.ZH, "agent.compare.head")) || strings.HasPrefix(reply, i18n.T(i18n.EN, "agent.compare.head"))
}

// titlesOf are the products' titles in the customer's language, joined.
func titlesOf(ps []*shop.Product, l i18n.Lang) string {
	ts := make([]string, len(ps))
	for i, p := range ps {
		ts[i] = localText(withoutOwnValues(p), l)
	}
	return strings.Join(ts, "、")
}
