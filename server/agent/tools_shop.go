package agent

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// The read-only shop tools: knowledge search, products, quotes and size advice.

const (
	searchLimit   = 5
	maxTextRunes  = 600 // a policy body in a search result; the model asks again if it needs more
	maxBriefRunes = 200
)

func runSearchKnowledge(ctx context.Context, tb *Toolbox, a searchArgs) (tool.SearchResult, Effects, error) {
	if tb.d.Search == nil {
		return tool.SearchResult{}, Effects{}, &unavailableError{"knowledge search is not available"}
	}
	hits, err := tb.d.Search.Search(ctx, a.Query, knowledge.SearchOptions{Limit: searchLimit})
	if err != nil {
		return tool.SearchResult{}, Effects{}, err
	}
	snap := tb.d.snapshot()
	res := tool.SearchResult{Results: make([]tool.SearchItem, 0, len(hits))}
	for _, h := range hits {
		it := tool.SearchItem{Kind: string(h.Kind), ID: h.ID, Title: h.Title, Score: math.Round(h.Score*1000) / 1000}
		switch h.Kind {
		case knowledge.KindFAQ:
			if f := findFAQ(snap, h.ID); f != nil {
				it.Lang, it.Text = f.Lang, strings.TrimSpace(f.Answer)
			}
		case knowledge.KindPolicy:
			if p := findPolicy(snap, h.ID); p != nil {
				it.Lang, it.Text = p.Lang, truncateRunes(strings.TrimSpace(p.Body), maxTextRunes)
			}
		case knowledge.KindProduct:
			if p := snap.Product(h.ID); p != nil {
				it.Lang, it.Text = p.Lang, truncateRunes(strings.TrimSpace(p.Description), maxBriefRunes)
			}
		}
		res.Results = append(res.Results, it)
	}
	return res, Effects{}, nil
}

func runGetProduct(_ context.Context, tb *Toolbox, a productArgs) (tool.ProductInfo, Effects, error) {
	snap := tb.d.snapshot()
	p, err := tb.product(snap, a.ProductID)
	if err != nil {
		return tool.ProductInfo{}, Effects{}, err
	}
	return describe(snap, p, tb.d.now()), Effects{}, nil
}

func (tb *Toolbox) product(snap *shop.Snapshot, id string) (*shop.Product, error) {
	id = strings.TrimSpace(id)
	if p := snap.Product(id); p != nil {
		return p, nil
	}
	return nil, &commerce.NotFoundError{Kind: "product", ID: id, Msg: i18n.M("agent.tool.product_not_found", id)}
}

func describe(snap *shop.Snapshot, p *shop.Product, now time.Time) tool.ProductInfo {
	info := tool.ProductInfo{ID: p.ID, Title: p.Title, Brand: p.Brand, Category: p.Category, Description: p.Description,
		Tags: p.Tags, Lang: p.Lang, MembershipEligible: p.MembershipEligible, SubsidyEligible: p.SubsidyEligible,
		SizeChart: p.SizeChart, SKUs: make([]tool.SKUInfo, 0, len(p.SKUs)), Promotions: livePromotions(snap, p, now),
		Currency: snap.Catalog.Currency}
	for _, s := range p.SKUs {
		now, _ := commerce.UnitPriceAt(snap, s.ID, now)
		info.SKUs = append(info.SKUs, tool.SKUInfo{ID: s.ID, Price: s.Price, PriceNow: now, Stock: s.Stock, Attributes: s.Attributes})
	}
	return info
}

// livePromotions are the promotions active now whose scope covers p and that can
// apply to it (membership only to eligible products, subsidies likewise).
func livePromotions(snap *shop.Snapshot, p *shop.Product, now time.Time) []tool.PromoInfo {
	out := []tool.PromoInfo{}
	for i := range snap.Catalog.Promotions {
		pr := &snap.Catalog.Promotions[i]
		if !pr.ActiveAt(now) || !pr.Covers(p) ||
			(pr.Type == shop.PromoMembership && !p.MembershipEligible) ||
			(pr.Type == shop.PromoSubsidy && !p.SubsidyEligible) {
			continue
		}
		out = append(out, tool.PromoInfo{ID: pr.ID, Type: pr.Type, Title: pr.DisplayTitle(), Ends: pr.Ends})
	}
	return out
}

func runCompareProducts(_ context.Context, tb *Toolbox, a compareArgs) (tool.CompareResult, Effects, error) {
	ids := uniqueTrimmed(a.ProductIDs)
	if len(ids) < 2 || len(ids) > maxCompare {
		return tool.CompareResult{}, Effects{}, badArgs("product_ids needs 2 to %d different products", maxCompare)
	}
	snap := tb.d.snapshot()
	res := tool.CompareResult{Currency: snap.Catalog.Currency}
	for _, id := range ids {
		p, err := tb.product(snap, id)
		if err != nil {
			return tool.CompareResult{}, Effects{}, err
		}
		res.Products = append(res.Products, summarize(describe(snap, p, tb.d.now())))
	}
	return res, Effects{}, nil
}

func summarize(info tool.ProductInfo) tool.ProductSummary {
	s := tool.ProductSummary{ID: info.ID, Title: info.Title, Brand: info.Brand, Category: info.Category, Tags: info.Tags,
		MembershipEligible: info.MembershipEligible, SubsidyEligible: info.SubsidyEligible, Promotions: info.Promotions}
	for i, k := range info.SKUs {
		if i == 0 || k.Price < s.PriceMin {
			s.PriceMin = k.Price
		}
		if i == 0 || k.PriceNow < s.PriceNowMin {
			s.PriceNowMin = k.PriceNow
		}
		s.PriceMax, s.PriceNowMax = max(s.PriceMax, k.Price), max(s.PriceNowMax, k.PriceNow)
		s.Stock += max(k.Stock, 0)
	}
	s.Options = variantOptions(info.SKUs)
	if info.SizeChart != nil {
		fit := info.SizeChart.FitMM
		s.FitMM = &fit
	}
	return s
}

// variantOptions are the attribute values a product is offered in: the values of
// every attribute that differs between its SKUs (or all of a single SKU's), in SKU
// order. Which attributes matter is the catalogue's business, not a list of names.
func variantOptions(skus []tool.SKUInfo) []string {
	values := map[string][]string{} // attribute name → its distinct values
	var names []string
	for _, k := range skus {
		for _, a := range k.Attributes {
			if a.Value == "" {
				continue
			}
			if _, seen := values[a.Name]; !seen {
				names = append(names, a.Name)
			}
			if !contains(values[a.Name], a.Value) {
				values[a.Name] = append(values[a.Name], a.Value)
			}
		}
	}
	var out []string
	for _, n := range names {
		if len(values[n]) > 1 || len(skus) == 1 {
			out = append(out, values[n]...)
		}
	}
	return out
}

func runQuotePrice(_ context.Context, tb *Toolbox, a quoteArgs) (*commerce.Quote, Effects, error) {
	items := make([]commerce.CartLine, len(a.Items))
	for i, it := range a.Items {
		items[i] = commerce.CartLine{SKUID: it.SKUID, Qty: it.Qty}
	}
	q, err := commerce.Price(tb.d.snapshot(), tb.turn.Customer.Username,
		commerce.QuoteRequest{Items: items, Coupon: a.Coupon, At: tb.d.now()})
	if err != nil {
		return nil, Effects{}, err
	}
	q.Notes = i18n.Texts(q.NoteMsgs, tb.lang)
	return q, Effects{}, nil
}

func runRecommendSize(_ context.Context, tb *Toolbox, a sizeArgs) (*commerce.SizeAdvice, Effects, error) {
	var adv *commerce.SizeAdvice
	var err error
	switch {
	case a.FootMM != 0: // the customer's measured foot length, no reference size needed
		adv, err = commerce.RecommendSizeForFoot(tb.d.snapshot(), a.ProductID, a.FootMM)
	default:
		// The one rule across fields, so not a tag: a size to start from, or a foot length.
		if strings.TrimSpace(a.ReferenceSize) == "" {
			return nil, Effects{}, badArgs("reference_size is required without foot_mm")
		}
		adv, err = commerce.RecommendSize(tb.d.snapshot(), a.ProductID, a.ReferenceSize, a.ReferenceCategory,
			a.ReferenceSystem)
	}
	if err != nil {
		return nil, Effects{}, err
	}
	adv.Note = adv.NoteMsg.In(tb.lang)
	return adv, Effects{}, nil
}

func uniqueTrimmed(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
