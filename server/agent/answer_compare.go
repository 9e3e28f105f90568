package agent

import (
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
)

// Comparisons ("对比一下A款和B款", "compare the <model> and the <model>"): the
// products named, else those of the category named, side by side in a table.

func (s *session) answerCompare() section {
	products := s.productsAsked()
	if len(products) == 1 && (s.says(priceWords) || s.together()) {
		return s.answerPrice() // "1匹 vs 1.5匹 到手差多少": the variants of one product, quoted
	}
	if len(products) < 2 {
		return section{text: s.t("agent.compare.ask"), clarify: true}
	}
	ids := make([]string, 0, len(products))
	for _, p := range products {
		ids = append(ids, p.ID)
	}
	var res CompareResult
	if e := s.call(ToolCompareProducts, map[string]any{"product_ids": ids}, &res); e != nil {
		return section{text: s.errText(e)}
	}
	row := func(label string, cell func(p ProductSummary) string) string {
		cells := []string{label}
		for _, p := range res.Products {
			cells = append(cells, strings.ReplaceAll(cell(p), "|", "/"))
		}
		return "| " + strings.Join(cells, " | ") + " |"
	}
	rows := []string{
		row("", func(p ProductSummary) string { return "**" + titleText(p.Title, s.lang) + "**" }),
		"|" + strings.Repeat(" --- |", len(res.Products)+1),
		row(s.t("agent.compare.price"), func(p ProductSummary) string { return s.priceRange(p.PriceMin, p.PriceMax) }),
		row(s.t("agent.compare.price_now"), func(p ProductSummary) string { return s.priceRange(p.PriceNowMin, p.PriceNowMax) }),
		row(s.t("agent.compare.brand"), func(p ProductSummary) string { return localText(p.Brand, s.lang) }),
		row(s.t("agent.compare.options"), func(p ProductSummary) string { return strings.Join(p.Options, ", ") }),
		row(s.t("agent.compare.fit"), func(p ProductSummary) string { return s.fitText(p) }),
		row(s.t("agent.compare.stock"), func(p ProductSummary) string {
			if p.Stock > 0 {
				return s.t("agent.compare.in_stock")
			}
			return s.t("agent.compare.sold_out")
		}),
		row(s.t("agent.compare.promotions"), func(p ProductSummary) string {
			var titles []string
			for _, pr := range p.Promotions {
				titles = append(titles, localText(pr.Title, s.lang))
			}
			if len(titles) == 0 {
				return "—"
			}
			return strings.Join(titles, "<br>")
		}),
		row(s.t("agent.compare.tags"), func(p ProductSummary) string { return strings.Join(localTags(p.Tags, s.lang), ", ") }),
	}
	// What the customer asked to compare ("哪个屏幕大"), from each description.
	asked := map[string]string{}
	for _, p := range res.Products {
		if prod := s.snap.Product(p.ID); prod != nil {
			facts := s.factSentencesMin(prod.Title, localDescription(prod.Description, s.lang), minCompareScore)
			asked[p.ID] = strings.Join(facts, s.t("agent.sentence_sep"))
		}
	}
	if strings.Join(mapValues(asked), "") != "" {
		rows = append(rows[:2], append([]string{row(s.t("agent.compare.asked"), func(p ProductSummary) string {
			return or(asked[p.ID], "—")
		})}, rows[2:]...)...)
	}
	return section{text: s.t("agent.compare.head") + "\n\n" + strings.Join(rows, "\n") + "\n\n" + s.t("agent.compare.next")}
}

func (s *session) fitText(p ProductSummary) string {
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

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
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

// asksCompare: compare words, or "which" between two or more products named.
func (s *session) asksCompare() bool {
	return s.says(compareWords) || s.says(whichWords) && len(s.namedProducts(s.text)) >= 2
}
