package cards

import (
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
)

// Names finds the product and variant names a SKU is sold under.
type Names interface {
	SKU(id string) (*shop.SKU, *shop.Product)
}

// ItemOf names a SKU: its product's title and its attribute values ("39 / white").
// An unknown SKU (deleted since) keeps fallback, the name the caller already had.
func ItemOf(names Names, skuID, fallback string) Item {
	if names != nil {
		if sku, p := names.SKU(skuID); sku != nil && p != nil {
			return Item{Name: p.Title, Variant: VariantName(sku)}
		}
	}
	if fallback == "" {
		fallback = skuID
	}
	return Item{Name: fallback}
}

// VariantName is a SKU's attribute values in catalog order.
func VariantName(sku *shop.SKU) string {
	vals := make([]string, 0, len(sku.Attributes))
	for _, a := range sku.Attributes {
		if a.Value != "" {
			vals = append(vals, a.Value)
		}
	}
	return strings.Join(vals, " / ")
}

// PriceOf is a quote as a card.
func PriceOf(names Names, q *commerce.Quote) Price {
	p := Price{Currency: q.Currency, Total: q.Total, Notes: q.Notes, Lines: []PriceLine{}, Steps: []PriceStep{}}
	for _, l := range q.Lines {
		p.Lines = append(p.Lines, PriceLine{Item: ItemOf(names, l.SKUID, l.Title), Qty: l.Qty, List: l.List, Final: l.Final})
	}
	for _, s := range q.Steps {
		title := s.Title
		if title == "" {
			title = s.ID
		}
		p.Steps = append(p.Steps, PriceStep{Kind: s.Kind, Title: title, Off: s.Off})
	}
	return p
}

// ProductOf is a catalog product as a card: list prices, and now(skuID) — the
// price after today's item discounts — where it differs (now may be nil).
func ProductOf(p *shop.Product, currency string, now func(skuID string) (shop.Money, bool)) Product {
	out := Product{ID: p.ID, Name: p.Title, Brand: p.Brand, Currency: currency, Variants: []Variant{}}
	for i := range p.SKUs {
		s := &p.SKUs[i]
		v := Variant{Name: VariantName(s), Price: s.Price, Stock: s.Stock}
		if now != nil {
			if n, ok := now(s.ID); ok && n != s.Price {
				v.Now = n
			}
		}
		out.Variants = append(out.Variants, v)
	}
	return out
}
