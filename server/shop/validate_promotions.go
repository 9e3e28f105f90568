package shop

import (
	"slices"
	"strings"
)

// promoField is a type-specific promotion field: which types read it and whether a
// promotion sets it. A field set on a type that ignores it is an error, because it
// is almost always a misspelt intention ("percent" on an item_discount, which only
// reads "percent_off") that would silently price wrong.
type promoField struct {
	name  string
	types []string
	set   func(p *Promotion) bool
}

var promoFields = []promoField{
	{"percent_off", []string{PromoItemDiscount, PromoMembership}, func(p *Promotion) bool { return p.PercentOff != nil }},
	{"amount_off", []string{PromoItemDiscount}, func(p *Promotion) bool { return p.AmountOff != nil }},
	{"threshold", []string{PromoSpendSave}, func(p *Promotion) bool { return p.Threshold != 0 }},
	{"off", []string{PromoSpendSave}, func(p *Promotion) bool { return p.Off != 0 }},
	{"repeat", []string{PromoSpendSave}, func(p *Promotion) bool { return p.Repeat }},
	{"max_off", []string{PromoSpendSave, PromoMembership}, func(p *Promotion) bool { return p.MaxOff != nil }},
	{"tier", []string{PromoMembership}, func(p *Promotion) bool { return p.Tier != "" }},
	{"percent", []string{PromoSubsidy}, func(p *Promotion) bool { return p.Percent != 0 }},
	{"cap_per_unit", []string{PromoSubsidy}, func(p *Promotion) bool { return p.CapPerUnit != nil }},
}

var promoTypes = []string{PromoItemDiscount, PromoSpendSave, PromoMembership, PromoSubsidy}

func checkPromotions(c *Catalog, col *collector) {
	var products map[string]bool // built only if some promotion names products
	checkRefs := !col.structuralUnder("products")
	ids := unique{kind: "shop.kind.promotion_id", base: "promotions", field: "id"}
	for i := range c.Promotions {
		p := &c.Promotions[i]
		ids.check(col, i, -1, p.ID)
		if p.Starts != nil && p.Ends != nil && !p.Starts.Before(*p.Ends) {
			col.at(at("promotions", i, "ends"), "shop.promo.ends",
				p.Starts.Format("2006-01-02T15:04:05Z07:00"), p.Ends.Format("2006-01-02T15:04:05Z07:00"))
		}
		for j, id := range p.ProductIDs {
			if blank(id) {
				col.requireText(at2("promotions", i, "product_ids", j, ""), id)
				continue
			}
			if products == nil {
				products = make(map[string]bool, len(c.Products))
				for k := range c.Products {
					products[c.Products[k].ID] = true
				}
			}
			// An unknown id is an error, not a warning: it is nearly always a typo,
			// and a promotion quietly covering nothing is found only by a customer.
			if checkRefs && !products[id] {
				col.at(at2("promotions", i, "product_ids", j, ""), "shop.promo.unknown_product", id)
			}
		}
		for j, cat := range p.Categories {
			col.requireText(at2("promotions", i, "categories", j, ""), cat)
		}
		if !slices.Contains(promoTypes, p.Type) {
			col.at(at("promotions", i, "type"), "shop.one_of", strings.Join(promoTypes, ", "), p.Type)
			continue
		}
		for _, f := range promoFields {
			if f.set(p) && !slices.Contains(f.types, p.Type) {
				col.at(at("promotions", i, f.name), "shop.promo.unused_field", p.Type, strings.Join(f.types, ", "))
			}
		}
		checkPromotionType(i, p, col)
	}
}

// checkPromotionType applies the SPEC §3/§4 rules of p's own type.
func checkPromotionType(i int, p *Promotion, col *collector) {
	pct := func(field string, v *int64) {
		if v != nil {
			col.percent(at("promotions", i, field), *v)
		}
	}
	money := func(field string, v *Money) {
		if v != nil {
			col.nonNegative(at("promotions", i, field), *v)
		}
	}
	switch p.Type {
	case PromoItemDiscount:
		if (p.PercentOff == nil) == (p.AmountOff == nil) {
			col.at(at("promotions", i, "percent_off"), "shop.promo.one_discount")
		}
		pct("percent_off", p.PercentOff)
		money("amount_off", p.AmountOff)
	case PromoSpendSave:
		if p.Threshold <= 0 {
			col.at(at("promotions", i, "threshold"), "shop.positive", p.Threshold)
		}
		if p.Off <= 0 {
			col.at(at("promotions", i, "off"), "shop.positive", p.Off)
		}
		money("max_off", p.MaxOff)
	case PromoMembership:
		col.requireText(at("promotions", i, "tier"), p.Tier)
		if p.PercentOff == nil {
			col.at(at("promotions", i, "percent_off"), "shop.promo.membership")
		}
		pct("percent_off", p.PercentOff)
		money("max_off", p.MaxOff)
	case PromoSubsidy:
		// percent 0 is allowed by SPEC §3 (integers 0..100); it is also what an
		// absent percent decodes to, so a subsidy without one simply takes nothing.
		col.percent(at("promotions", i, "percent"), p.Percent)
		money("cap_per_unit", p.CapPerUnit)
	}
}
