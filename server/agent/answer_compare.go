package agent

import (
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Comparisons ("对比一下A款和B款", "compare the <M> and the <M>"): the
// products named, else those of the category named, side by side in a table.

func (s *session) answerCompare() section {
	products := s.comparedProducts()
	if len(products) == 1 && (s.says(priceWords) || s.together()) {
		return s.answerPrice() // "<value A> vs <value B> 到手差多少": the variants of one product, quoted
	}
	if len(products) < 2 {
		return section{text: s.t("agent.compare.ask"), clarify: true}
	}
	ids := make([]string, 0, len(products))
	for _, p := range products {
		ids = append(ids, p.ID)
	}
	var res tool.CompareResult
	if e := s.call(tool.CompareProducts, map[string]any{"product_ids": ids}, &res); e != nil {
		return section{text: s.errText(e)}
	}
	prods := make([]*shop.Product, len(res.Products))
	for i, p := range res.Products {
		if prods[i] = s.snap.Product(p.ID); prods[i] == nil {
			prods[i] = &shop.Product{ID: p.ID}
		}
	}
	row := func(label string, cell func(i int) string) string {
		cells := []string{label}
		for i := range res.Products {
			cells = append(cells, strings.ReplaceAll(cell(i), "|", "/"))
		}
		return "| " + strings.Join(cells, " | ") + " |"
	}
	// Title, then what was asked, what each is, the measures the descriptions
	// state ("24g", "800流明"), then the shop's figures.
	rows := []string{
		row("", func(i int) string { return "**" + titleText(res.Products[i].Title, s.lang) + "**" }),
		"|" + strings.Repeat(" --- |", len(res.Products)+1),
	}
	rows = append(rows, s.describedRows(prods, row)...)
	measured, verdict := s.measureRows(prods, row)
	rows = append(append(rows, measured...), s.summaryRows(res.Products, row)...)
	head := s.t("agent.compare.head")
	if verdict != "" {
		head = verdict + "\n\n" + head
	}
	return section{text: head + "\n\n" + strings.Join(rows, "\n") + "\n\n" + s.t("agent.compare.next")}
}

// comparedProducts are the products asked about; one named against the one under
// discussion is the two ("is this one lighter than <B>?").
func (s *session) comparedProducts() []*shop.Product {
	products := s.productsAsked()
	if len(products) == 1 && s.says(comparativeWords) {
		if other := s.comparedWith(products[0]); other != nil {
			return []*shop.Product{other, products[0]}
		}
	}
	return products
}

// tableRow renders one row of a comparison from each product's cell.
type tableRow func(label string, cell func(i int) string) string

// describedRows: what the customer asked to compare ("哪个屏幕大"), from each
// description; and what each is, in its description's first words ("前4K+后1080P
// 双录…"), how a person tells two models of one series apart.
func (s *session) describedRows(prods []*shop.Product, row tableRow) []string {
	var rows []string
	asked := make([]string, len(prods))
	about := make([]string, len(prods))
	for i, p := range prods {
		desc := localDescription(p.Description, s.lang)
		asked[i] = strings.Join(s.factSentencesMin(p.Title, desc, minCompareScore), s.t("agent.sentence_sep"))
		about[i] = leadSentence(desc)
	}
	descs := make([]string, len(prods))
	shown := make([][]string, len(prods))
	for i, p := range prods {
		descs[i], shown[i] = localDescription(p.Description, s.lang), []string{asked[i], about[i]}
	}
	distinct := distinctSentences(descs, shown)
	for _, r := range []struct {
		key   string
		cells []string
	}{{"agent.compare.asked", asked}, {"agent.compare.about", about}, {"agent.compare.distinct", distinct}} {
		if strings.Join(r.cells, "") != "" {
			rows = append(rows, row(s.t(r.key), func(i int) string { return or(r.cells[i], "—") }))
		}
	}
	return rows
}

// summaryRows are the shop's figures of each product: prices, brand, options,
// fit, stock, promotions and tags.
func (s *session) summaryRows(ps []tool.ProductSummary, row tableRow) []string {
	return []string{
		row(s.t("agent.compare.price"), func(i int) string { return s.priceRange(ps[i].PriceMin, ps[i].PriceMax) }),
		row(s.t("agent.compare.price_now"), func(i int) string { return s.priceRange(ps[i].PriceNowMin, ps[i].PriceNowMax) }),
		row(s.t("agent.compare.brand"), func(i int) string { return localText(ps[i].Brand, s.lang) }),
		row(s.t("agent.compare.options"), func(i int) string { return strings.Join(ps[i].Options, ", ") }),
		row(s.t("agent.compare.fit"), func(i int) string { return s.fitText(ps[i]) }),
		row(s.t("agent.compare.stock"), func(i int) string {
			if ps[i].Stock > 0 {
				return s.t("agent.compare.in_stock")
			}
			return s.t("agent.compare.sold_out")
		}),
		row(s.t("agent.compare.promotions"), func(i int) string {
			var titles []string
			for _, pr := range ps[i].Promotions {
				titles = append(titles, localText(pr.Title, s.lang))
			}
			return or(strings.Join(titles, "<br>"), "—")
		}),
		row(s.t("agent.compare.tags"), func(i int) string { return strings.Join(localTags(ps[i].Tags, s.lang), ", ") }),
	}
}

// maxLeadRunes: a description's lead in a comparison is this long at most.
const maxLeadRunes = 60

// leadSentence is the first sentence of a description, cut to maxLeadRunes.
func leadSentence(desc string) string {
	sents := sentenceEnd.Split(strings.TrimSpace(desc), 2)
	lead := strings.TrimSpace(sents[0])
	if rs := []rune(lead); len(rs) > maxLeadRunes {
		lead = string(rs[:maxLeadRunes]) + "…"
	}
	return lead
}

func (s *session) fitText(p tool.ProductSummary) string {
	switch {
	case p.FitMM == nil:
		return "—"
	case *p.FitMM > 0:
		return s.t("agent.compare.runs_small")
	}
	return s.t("agent.compare.true_to_size")
}

// localTags keeps the tags in the customer's language when the product has some.
func localTags(tags []string, lang i18n.Lang) []string {
	var mine, all []string
	for _, t := range tags {
		all = append(all, t)
		if i18n.Detect(t) == lang {
			mine = append(mine, t)
		}
	}
	if len(mine) > 0 {
		return mine
	}
	return all
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// minCompareScore: one shared character is enough to show a product's closest sentence.
const minCompareScore = 0.25

// whichWords: choosing between things named; with two products, a comparison.
var whichWords = cues("which")

// comparativeWords set one product against another ("比", "than"): with the one
// under discussion and another named, a comparison of the two.
var comparativeWords = cues("comparative")

// asksCompare: compare words, or "which" between two or more products named, or
// one named set against another or the one under discussion.
func (s *session) asksCompare() bool {
	named := s.namedProducts(s.text)
	return s.says(compareWords) || s.says(whichWords) && len(named) >= 2 ||
		s.says(comparativeWords) && (len(named) >= 2 || len(named) == 1 && s.comparedWith(named[0]) != nil)
}

// comparedWith is the product under discussion that p is set against: the one
// other product the customer's last message naming any named, else the one the
// agent's last reply did (a reply's card may name the parts it comes with).
func (s *session) comparedWith(p *shop.Product) *shop.Product {
	for _, fromCustomer := range []bool{true, false} {
		for i := len(s.turn.History) - 1; i >= 0; i-- {
			m := s.turn.History[i]
			if m.FromCustomer != fromCustomer {
				continue
			}
			var others []*shop.Product
			for _, h := range s.namedProducts(m.Text) {
				if h.ID != p.ID {
					others = append(others, h)
				}
			}
			if len(others) == 1 {
				return others[0]
			}
			if len(others) > 1 {
				break
			}
		}
	}
	return nil
}
