package handoff

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/safetext"
	"github.com/concierge-shop/concierge/server/summary"
)

// The summary as staff see it: one Mattermost attachment. Everything a customer
// or a model wrote is stripped of mentions (it must not page anyone through the bot).

func cardText(lang i18n.Lang, staff []string) string {
	if len(staff) == 0 {
		return i18n.T(lang, "handoff.card.text.nostaff")
	}
	return i18n.T(lang, "handoff.card.text", "@"+strings.Join(staff, " @"))
}

func render(s summary.Summary) *model.MessageAttachment {
	lang := s.Lang
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	reason := safetext.NoMentions(s.Reason)
	if reason == "" {
		reason = "—"
	}
	fields := []*model.MessageAttachmentField{
		{Title: t("handoff.card.customer"), Value: "@" + s.Customer, Short: true},
		{Title: t("handoff.card.language"), Value: t("summary.lang." + string(lang)), Short: true},
		{Title: t("handoff.card.reason"), Value: reason, Short: true},
		{Title: t("handoff.card.mood"), Value: t("summary.mood." + string(s.Mood)), Short: true},
		{Title: t("handoff.card.wants"), Value: quote(safetext.NoMentions(strings.Join(s.Wants, "\n")))},
	}
	add := func(key string, lines []string) {
		if len(lines) > 0 {
			fields = append(fields, &model.MessageAttachmentField{Title: t(key), Value: safetext.NoMentions("- " + strings.Join(lines, "\n- "))})
		}
	}
	var lines []string
	for _, p := range s.Products {
		lines = append(lines, p.Label())
	}
	add("handoff.card.products", lines)
	lines = nil
	for _, o := range s.Orders {
		items := strings.Join(o.Items, ", ")
		lines = append(lines, t("handoff.card.order_line", o.ID, i18n.Money(o.Total, o.Currency), items))
	}
	add("handoff.card.orders", lines)
	lines = nil
	for _, q := range s.Quotes {
		if q.Coupon != "" {
			lines = append(lines, t("handoff.card.quote_coupon", strings.Join(q.Items, ", "), i18n.Money(q.Total, q.Currency), q.Coupon))
		} else {
			lines = append(lines, t("handoff.card.quote_line", strings.Join(q.Items, ", "), i18n.Money(q.Total, q.Currency)))
		}
	}
	add("handoff.card.quotes", lines)
	add("handoff.card.sizes", sizeLines(s, t))
	lines = nil
	for _, c := range s.Cards {
		state := t("summary.card.unknown")
		if c.State != "" {
			state = t("refund.status." + c.State)
		}
		lines = append(lines, t("handoff.card.card_line", t("refund.card.title."+c.Kind), c.OrderID, i18n.Money(c.Amount, c.Currency), state))
	}
	add("handoff.card.cards", lines)
	fields = append(fields, &model.MessageAttachmentField{Title: t("handoff.card.next"), Value: safetext.NoMentions(t(s.Next.Key, s.Next.Args...))})
	return &model.MessageAttachment{
		Color:  "#f5a623",
		Title:  t("handoff.card.title"),
		Fields: fields,
		Footer: t("handoff.card.footer"),
	}
}

// sizeLines: each size recommended and what it was worked out from, so staff do
// not ask the customer again.
func sizeLines(s summary.Summary, t func(string, ...any) string) []string {
	var lines []string
	for _, z := range s.Sizes {
		var from []string
		wears, foot := z.Told()
		if wears != "" {
			from = append(from, t("summary.size.wears", wears))
		}
		if foot > 0 {
			from = append(from, t("summary.size.foot", foot))
		}
		line := t("handoff.card.size_line", s.ProductLabel(z.ProductID), z.Recommended)
		if len(from) > 0 {
			line = t("handoff.card.size_from", line, strings.Join(from, t("summary.size.sep")))
		}
		lines = append(lines, line)
	}
	return lines
}

func quote(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "—"
	}
	if r := []rune(s); len(r) > 600 {
		s = string(r[:600]) + "…"
	}
	return "> " + strings.ReplaceAll(s, "\n", "\n> ")
}
