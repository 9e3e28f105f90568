package agent

import (
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
// speaks of it, or no FAQ's question names it.
func (s *session) matterFAQ() string {
	if s.asksStock() || namesValueOf(s.lastLine(), strings.ToLower(s.lastLine()), s.namedProducts(s.text)) {
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
	best, most := "", 0
	for i, h := range res.Results {
		if i == maxMatterHits {
			break
		}
		if h.Kind != string(knowledge.KindFAQ) {
			continue
		}
		if f := s.faqIn(h.ID); f != nil {
			if n := mattersIn(f.Question, matters); n > most {
				best, most = f.Answer, n
			}
		}
	}
	if most == 0 {
		return ""
	}
	return s.withoutExceptions(s.focusList(strings.TrimSpace(best)))
}

// mattersIn counts the matters a question names.
func mattersIn(question string, matters []string) int {
	n := 0
	for _, c := range knowledge.Concepts(question) {
		if slices.Contains(matters, c) {
			n++
		}
	}
	return n
}

// mattersAsked are the shop's matters the turn's last line names that no named
// product's title, tags or description speaks of; none when the line also asks
// of something else the product's text speaks of ("带去美国能用么 那边110v": the
// voltage its page states, not the shop's overseas shipping).
func (s *session) mattersAsked() []string {
	var out, others []string
	for _, c := range knowledge.Concepts(s.lastLine()) {
		if knowledge.ShopMatter(c) {
			out = append(out, c)
		} else {
			others = append(others, c)
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
		out = slices.DeleteFunc(out, func(c string) bool { return slices.Contains(own, c) })
	}
	return out
}
