package commerce

import (
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// Every sentence this package has for a customer (quote notes, input errors, refusal
// reasons, order statuses, size advice) is a commerce.* message of the i18n
// catalogue (server/i18n/locales/commerce.{en,zh}.json), returned as an i18n.Msg:
// commerce never picks a language, the caller words the Msg for its reader.

// StatusMsg is an order status in plain words ("已发货，运输中"); an unknown status
// reads as is.
func StatusMsg(status string) i18n.Msg {
	if !i18n.Has("commerce.status." + status) {
		return i18n.M("commerce.status_unknown", status)
	}
	return i18n.M("commerce.status." + status)
}

// FormatMoney writes minor units as a price a customer reads: ¥123.45, $5.00, ¥1200 (JPY).
func FormatMoney(amount shop.Money, currency string) string {
	return i18n.Money(amount, currency)
}

// formatTime shows an instant in the offset it was written with (a shop that writes
// +08:00 reads +08:00 back).

// skuLabel names a sku for a customer: the product title and the sku's attributes.
func skuLabel(sku *shop.SKU, prod *shop.Product) string {
	if prod == nil || prod.Title == "" {
		return sku.ID
	}
	if v := attributeText(sku.Attributes); v != "" {
		return prod.Title + " (" + v + ")"
	}
	return prod.Title
}

// attributeText lists attribute values in a stable order (size first, then color,
// then the rest alphabetically) so that the same sku always reads the same.
func attributeText(attrs shop.Attrs) string {
	if len(attrs) == 0 {
		return ""
	}
	var parts []string
	for _, k := range []string{"size", "color"} {
		if v := attrs.Get(k); v != "" {
			parts = append(parts, v)
		}
	}
	var rest []string
	for k, v := range attrs.All() {
		if k != "size" && k != "color" && v != "" {
			rest = append(rest, k+": "+v)
		}
	}
	slices.Sort(rest)
	return strings.Join(append(parts, rest...), ", ")
}

// CouponNotHeldNote is the quote's note for a requested code the customer does not
// hold: a caller that asked for a code on purpose to get no coupon leaves it out.
func CouponNotHeldNote(code string) i18n.Msg {
	return i18n.M("commerce.note.coupon_not_held", code)
}
