package cards

import (
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
)

// Markdown is the post's message: its words, then every card in plain Markdown, so a
// client without the plugin (mobile, email notifications, search) shows everything
// the card shows (each price step and the total, items by name, the refund's state).
// A price card the words already spell out (the offline planner writes every step
// and the total) is not repeated: the customer would read the breakdown twice.
func Markdown(v View) string {
	lang := i18n.Parse(v.Lang)
	parts := make([]string, 0, len(v.Cards)+1)
	text := strings.TrimSpace(v.Text)
	if text != "" {
		parts = append(parts, text)
	}
	for _, c := range v.Cards {
		if c.Price != nil && c.Price.toldIn(text) {
			continue
		}
		if md := c.markdown(lang); md != "" {
			parts = append(parts, md)
		}
	}
	return strings.Join(parts, "\n\n")
}

func (c Card) markdown(lang i18n.Lang) string {
	var b strings.Builder
	switch {
	case c.Price != nil:
		p := c.Price
		fmt.Fprintf(&b, "**%s**", i18n.T(lang, "card.price.title"))
		for _, l := range p.Lines {
			// Labelled: a bare list price beside the total reads as what the customer pays.
			fmt.Fprintf(&b, "\n- %s", i18n.T(lang, "card.price.line", l.Label(), l.Qty, i18n.Money(l.List, p.Currency)))
		}
		for _, s := range p.Steps {
			fmt.Fprintf(&b, "\n- %s: −%s", s.Title, i18n.Money(s.Off, p.Currency))
		}
		fmt.Fprintf(&b, "\n\n**%s**", i18n.T(lang, "card.price.total", i18n.Money(p.Total, p.Currency)))
		for _, n := range p.Notes {
			fmt.Fprintf(&b, "\n_%s_", n)
		}
	case c.Product != nil:
		c.Product.write(&b, lang)
	case c.Compare != nil:
		fmt.Fprintf(&b, "**%s**", i18n.T(lang, "card.compare.title"))
		for _, p := range c.Compare.Products {
			b.WriteString("\n\n")
			p.write(&b, lang)
		}
	case c.Refund != nil:
		r := c.Refund
		fmt.Fprintf(&b, "**%s** · %s", r.Title, i18n.T(lang, "card.refund.order", r.OrderID))
		for _, l := range r.Lines {
			fmt.Fprintf(&b, "\n- %s × %d: %s", l.Label(), l.Qty, i18n.Money(l.Amount, r.Currency))
		}
		fmt.Fprintf(&b, "\n\n%s", i18n.T(lang, "card.refund.amount", i18n.Money(r.Amount, r.Currency)))
		if r.Reason != "" {
			fmt.Fprintf(&b, "\n%s", i18n.T(lang, "card.refund.reason", r.Reason))
		}
		fmt.Fprintf(&b, "\n%s", i18n.T(lang, "card.refund.status", r.Status))
	case c.Handoff != nil:
		// No "@": the name must not page the customer from the staff channel.
		fmt.Fprintf(&b, "**%s**", i18n.T(lang, "card.handoff.title", c.Handoff.Customer))
	case c.CSAT != nil:
		if c.CSAT.Score > 0 {
			b.WriteString(i18n.T(lang, "csat.thanks", c.CSAT.Score))
		} else {
			b.WriteString(i18n.T(lang, "csat.ask"))
		}
	}
	return b.String()
}

func (p Product) write(b *strings.Builder, lang i18n.Lang) {
	fmt.Fprintf(b, "**%s**", p.Name)
	if p.Brand != "" {
		fmt.Fprintf(b, " · %s", p.Brand)
	}
	for _, v := range p.Variants {
		stock := i18n.T(lang, "card.product.in_stock", v.Stock)
		if v.Stock <= 0 {
			stock = i18n.T(lang, "card.product.sold_out")
		}
		price := i18n.Money(v.Price, p.Currency)
		if v.Now > 0 && v.Now != v.Price {
			price = i18n.T(lang, "card.product.now", i18n.Money(v.Now, p.Currency), price)
		}
		fmt.Fprintf(b, "\n- %s: %s (%s)", v.Name, price, stock)
	}
}

// Label is the item for people: "name (variant)".
func (it Item) Label() string {
	if it.Variant == "" {
		return it.Name
	}
	return it.Name + " (" + it.Variant + ")"
}

// toldIn: the words already give this quote, every step and the total, in the
// customer's money format.
func (p *Price) toldIn(text string) bool {
	if text == "" || !strings.Contains(text, i18n.Money(p.Total, p.Currency)) {
		return false
	}
	for _, s := range p.Steps {
		if !strings.Contains(text, i18n.Money(s.Off, p.Currency)) {
			return false
		}
	}
	return true
}
