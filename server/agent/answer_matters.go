package agent

import (
	"regexp"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/tool"
)

// A question about a product on one of the shop's matters — shipping, invoices,
// payment, warranty ("买一组<product>还要另外出邮费吗", "<product>能开专票吗") — is
// about the product only if its page speaks of that matter; otherwise the shop's
// FAQ on it answers, though the search ranks the product (named by its title)
// above the FAQ (named by one concept).

// maxMatterHits: how far down the search's hits an FAQ on the matter is looked for.
const maxMatterHits = 6

// matterFAQ is the answer of the shop's FAQ on the matter the turn asks about of
// the products it names, "" when it asks of no matter, a product's own text
// speaks of it, or no FAQ's question names it. It is worked out once per turn:
// routing asks it up to three times, and each time would search again.
func (s *session) matterFAQ() string {
	if s.matter == nil {
		text := s.findMatterFAQ()
		s.matter = &text
	}
	return *s.matter
}

// packSaid: a pack size as a customer says it ("6瓶装", "三支装").
var packSaid = regexp.MustCompile(`(\d{1,3}|[一两二三四五六七八九十])\s*\p{Han}装`)

func (s *session) findMatterFAQ() string {
	// A pack said ("一组<product>6瓶装 还要另外出邮费吗") is which one is bought, not a variant asked after.
	line := packSaid.ReplaceAllString(s.lastLine(), " ")
	if s.asksStock() || namesValueOf(line, strings.ToLower(line), s.namedProducts(s.text)) {
		return "" // "<product>有现货吗 今天能发吗", "白色的现在下单能发吗": the product's stock answers
	}
	matters := s.mattersAsked()
	if len(matters) == 0 {
		return ""
	}
	// The confident answer, if it is an FAQ on the matter; else the FAQ among the
	// first hits whose question names most of the matters asked.
	if text, kind := s.knowledge(); kind == knowledge.KindFAQ && mattersIn(s.kb.item.Title, matters) > 0 {
		return text
	}
	var res tool.SearchResult
	if s.call(tool.SearchKnowledge, map[string]string{"query": s.glossedQuery(s.lastLine())}, &res) != nil {
		return ""
	}
	if best := s.bestMatterFAQ(res.Results, matters); best != "" {
		return s.withoutExceptions(s.focusList(strings.TrimSpace(best)))
	}
	return ""
}

// bestMatterFAQ is the answer of the FAQ among the first hits whose question
// names most of the matters asked, "" when none names any, or two name as many
// and neither all of them ("地址填错了还没发货能改吗": shipping times, changing an
// order), which is a question to ask back.
func (s *session) bestMatterFAQ(hits []tool.SearchItem, matters [][]string) string {
	named := s.namedTitleConcepts()
	best, most, tied := "", 0, false
	for i, h := range hits {
		if i == maxMatterHits {
			break
		}
		if h.Kind != string(knowledge.KindFAQ) {
			continue
		}
		f := s.faqIn(h.ID)
		if f == nil || !s.coversOthers(f.Question, s.lastLine(), named) {
			continue
		}
		switch n := mattersIn(f.Question, matters); {
		case n > most:
			best, most, tied = f.Answer, n, false
		case n == most && n > 0 && f.Answer != best:
			tied = true
		}
	}
	if most == 0 || tied && most < len(matters) {
		return ""
	}
	return best
}

// asksAMatter: "我在<place> 想买两箱<kind> 能送到吗" asks a shop's matter the FAQ
// answers, not which product to buy; a budget or an explicit "推荐" asks what to buy.
func (s *session) asksAMatter() bool {
	if _, _, budget := s.budget(); budget || s.says(recommendExplicit) {
		return false // "想送女朋友…预算600以内": what to buy, not how it is wrapped
	}
	return s.matterFAQ() != ""
}

// askingConcepts are the concepts that ask of something (when, how much) rather
// than name it: an FAQ need not name them.
var askingConcepts = []string{"when", "price"}

// coversOthers: the question names every concept of line that another of the
// shop's FAQs names and that is no matter of the shop, nor an asking one, nor
// one of a named product's title (named) — "退的钱几天回到支付宝" is of refunds,
// which the payment FAQ does not name and the refund FAQ does; "<kind>的<part>坏了"
// is of a part no FAQ names.
func (s *session) coversOthers(question, line string, named []string) bool {
	own := knowledge.Concepts(question)
	for _, c := range knowledge.Concepts(line) {
		if knowledge.ShopMatter(c) || slices.Contains(askingConcepts, c) || slices.Contains(named, c) || slices.Contains(own, c) {
			continue
		}
		if s.words.faqConcepts[c] {
			return false
		}
	}
	return true
}

// namedTitleConcepts are the concepts of the named products' titles: the line
// names the product by them ("<feature><kind>" is of its feature), it does not ask of them.
func (s *session) namedTitleConcepts() []string {
	var out []string
	for _, p := range s.namedProducts(s.text) {
		out = append(out, knowledge.Concepts(p.Title)...)
	}
	return out
}

// mattersIn counts the mentions of matters a question names (by any of the
// concepts of each: "发货" is one mention, of delivery and of dispatch).
func mattersIn(question string, matters [][]string) int {
	own := knowledge.Concepts(question)
	n := 0
	for _, m := range matters {
		if slices.ContainsFunc(m, func(c string) bool { return slices.Contains(own, c) }) {
			n++
		}
	}
	return n
}

// mattersAsked are the mentions of the shop's matters in the turn's last line
// that no named product's title, tags or description speaks of; none when the
// line also asks of something else the product's text speaks of ("带去美国能用么
// 那边110v": the voltage its page states, not the shop's overseas shipping).
func (s *session) mattersAsked() [][]string {
	var out [][]string
	var others []string
	for _, m := range knowledge.Mentions(s.lastLine()) {
		if slices.ContainsFunc(m, knowledge.ShopMatter) {
			out = append(out, m)
		} else {
			others = append(others, m...)
		}
	}
	for _, p := range s.namedProducts(s.text) {
		own := knowledge.Concepts(p.Title + " " + strings.Join(p.Tags, " ") + " " + p.Description)
		// A concept of the title names the product ("速干" of "速干T恤"); one only
		// its page speaks of is asked of it.
		title := knowledge.Concepts(p.Title)
		if slices.ContainsFunc(others, func(c string) bool { return slices.Contains(own, c) && !slices.Contains(title, c) }) {
			return nil
		}
		out = slices.DeleteFunc(out, func(m []string) bool {
			return slices.ContainsFunc(m, func(c string) bool { return slices.Contains(own, c) })
		})
	}
	return out
}
