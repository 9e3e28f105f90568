package agent

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// A recommendation ("3000以内的手机推荐哪款", "跑马拉松穿哪双", "a gift for a
// 2-year-old under $50"): the products of the category asked about (or, naming
// none, of the categories the search finds for the words), in stock, within the
// budget, those whose title, tags and description share most of the question's
// words first — each with today's price and the sentence that says why.

const maxRecommended = 3

var (
	recommendWords = cues("recommend")
	budgetMax      = lang.Regexps("budget_max")
	budgetAround   = lang.Regexps("budget_around")
)

// asksRecommendation: a question of what to buy, about no product by name.
func (s *session) asksRecommendation() bool {
	if len(s.namedProducts(s.text)) > 0 || s.says(sizeAsk) {
		return false
	}
	_, _, budget := s.budget()
	return s.says(recommendWords) || (budget && !s.says(priceWords))
}

// budget is the price range the customer allows, in minor units.
func (s *session) budget() (lo, hi int64, ok bool) {
	scale := math.Pow10(minorDigits(s.snap.Catalog.Currency))
	amount := func(m []string) int64 {
		v, _ := strconv.ParseFloat(m[1], 64)
		switch m[2] {
		case "k", "千":
			v *= 1000
		case "w", "万":
			v *= 10000
		}
		return int64(math.Round(v * scale))
	}
	for _, re := range budgetMax {
		if m := re.FindStringSubmatch(s.low); m != nil {
			return 0, amount(m), true
		}
	}
	for _, re := range budgetAround {
		if m := re.FindStringSubmatch(s.low); m != nil {
			a := amount(m)
			return a * 3 / 4, a * 5 / 4, true
		}
	}
	return 0, 0, false
}

type pick struct {
	p      *shop.Product
	info   productInfo
	lo, hi int64
	score  float64
	why    string
}

func (s *session) answerRecommend() section {
	cands := s.recommendCandidates()
	if len(cands) == 0 {
		return section{}
	}
	lo, hi, hasBudget := s.budget()
	terms := s.questionTerms("")
	var fit, over []pick
	for _, p := range cands {
		if stockOf(p) <= 0 {
			continue
		}
		var info productInfo
		if e := s.call(ToolGetProduct, map[string]string{"product_id": p.ID}, &info); e != nil {
			continue
		}
		pk := pick{p: p, info: info, lo: -1}
		for _, k := range info.SKUs {
			if k.Stock > 0 && (pk.lo < 0 || k.PriceNow < pk.lo) {
				pk.lo = k.PriceNow
			}
			if !hasBudget || k.PriceNow <= hi {
				pk.hi = max(pk.hi, k.PriceNow) // the variants the budget buys
			}
		}
		pk.hi = max(pk.hi, pk.lo)
		doc := strings.ToLower(info.Title + " " + strings.Join(info.Tags, " ") + " " + info.Description)
		pk.score = terms.score(doc)
		if hasBudget && (pk.lo > hi || pk.hi < lo && lo > 0) {
			over = append(over, pk)
			continue
		}
		fit = append(fit, pk)
	}
	if len(fit) == 0 && len(over) == 0 {
		return section{}
	}
	var b strings.Builder
	if len(fit) == 0 {
		// Nothing within the budget: say so, and show the nearest.
		sort.SliceStable(over, func(i, j int) bool { return over[i].lo < over[j].lo })
		b.WriteString(s.t("agent.recommend.none", s.money(hi)))
		fit = over[:1]
	} else {
		sort.SliceStable(fit, func(i, j int) bool {
			if fit[i].score != fit[j].score {
				return fit[i].score > fit[j].score
			}
			if hasBudget {
				return fit[i].lo > fit[j].lo // the most the budget buys
			}
			return stockOf(fit[i].p) > stockOf(fit[j].p)
		})
		if hasBudget {
			b.WriteString(s.t("agent.recommend.budget", s.money(hi)))
		} else {
			b.WriteString(s.t("agent.recommend.intro"))
		}
	}
	for i, pk := range fit {
		if i == maxRecommended {
			break
		}
		line := s.t("agent.recommend.line", localText(pk.info.Title, s.lang), s.priceRange(pk.lo, pk.hi))
		if why := s.factSentences(pk.info.Title, localDescription(pk.info.Description, s.lang)); len(why) > 0 {
			line += " — " + why[0]
		}
		b.WriteString("\n" + line)
	}
	b.WriteString("\n\n" + s.t("agent.recommend.next"))
	return section{text: b.String()}
}

// recommendCandidates: every product of the categories the question names, or of
// those the search finds for its words.
func (s *session) recommendCandidates() []*shop.Product {
	cats := mentionedCats(s.words.categoryMentions(s.low))
	if len(cats) == 0 {
		for _, p := range s.searchProducts(s.text, nil, false) {
			if !contains(cats, p.Category) {
				cats = append(cats, p.Category)
			}
		}
	}
	var out []*shop.Product
	for _, c := range cats {
		out = append(out, s.words.byCat[c]...)
	}
	return out
}
