package commerce

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// Every sentence this package shows a customer (quote notes, input errors, refusal
// reasons, order statuses, size advice) lives here in English and Chinese, so the
// two languages cannot drift apart and a missing translation is one table away.
var texts = map[string][2]string{ // key → {en, zh}
	"in.empty":     {"the cart is empty", "购物车是空的"},
	"in.sku":       {"sku_id is required", "缺少 sku_id"},
	"in.unknown":   {"unknown sku %q", "没有这个商品规格：%s"},
	"in.qty":       {"qty must be at least 1", "数量至少为 1"},
	"in.too_large": {"the cart amount is too large to price", "购物车金额过大，无法计价"},

	"note.out_of_stock": {"%s is out of stock; its price is shown for reference.",
		"%s 目前缺货，价格仅供参考。"},
	"note.low_stock": {"%s: only %d in stock, fewer than the %d asked for.",
		"%s 仅剩 %d 件，少于所需的 %d 件。"},
	"note.coupon_not_held": {"You do not hold coupon %s, so no coupon was applied.",
		"您没有优惠券 %s，因此未使用优惠券。"},
	"note.coupon_expired": {"Coupon %s expired at %s, so no coupon was applied.",
		"优惠券 %s 已于 %s 过期，因此未使用优惠券。"},
	"note.coupon_threshold": {"Coupon %s needs a spend of %s; the cart comes to %s after discounts (%s short), so no coupon was applied.",
		"优惠券 %s 需满 %s 可用；优惠后金额为 %s（还差 %s），因此未使用优惠券。"},

	"status.deposit_paid": {"deposit paid, balance not yet paid", "已付定金，待付尾款"},
	"status.paid":         {"paid, waiting to be shipped", "已付款，待发货"},
	"status.shipped":      {"shipped, on its way", "已发货，运输中"},
	"status.delivered":    {"delivered", "已签收"},
	"status.refunded":     {"refunded", "已退款"},
	"status.cancelled":    {"cancelled", "已取消"},

	"order.not_found":   {"No order %s was found for you.", "没有找到您的订单 %s。"},
	"product.not_found": {"There is no product %s.", "没有商品 %s。"},

	"pp.status": {"Price protection covers orders that are paid, shipped or delivered; this order is %s.",
		"价格保护只适用于已付款、已发货或已签收的订单；此订单状态为：%s。"},
	"pp.no_paid_at": {"This order has no payment time, so its price-protection window cannot be checked.",
		"此订单没有付款时间，无法判断价格保护期。"},
	"pp.window": {"The %d-day price-protection window of this order ended at %s.",
		"此订单的 %d 天价格保护期已于 %s 结束。"},
	"pp.nothing": {"No item of this order costs less now than what was paid, or it was already refunded.",
		"此订单的商品现价都不低于实付价，或差价已经退过。"},

	"refund.already": {"This has already been refunded.", "这笔款项已经退过了。"},
	"deposit.status": {"Only the deposit of an order still at \"deposit paid\" can be refunded; this order is %s.",
		"只有仍处于“已付定金”状态的订单才能退定金；此订单状态为：%s。"},
	"deposit.none": {"This order has no deposit.", "此订单没有定金。"},
	"deposit.not_refundable": {"The deposit of this order is not refundable under the shop's policy.",
		"按店铺规定，此订单的定金不可退。"},
	"return.status": {"A return refund needs an order that is paid, shipped or delivered; this order is %s.",
		"退货退款只适用于已付款、已发货或已签收的订单；此订单状态为：%s。"},
	"return.window": {"Returns are accepted within %d days of delivery; for this order that ended at %s.",
		"签收后 %d 天内可以申请退货；此订单已于 %s 超出退货期。"},
	"refund.pending": {"A refund of this is already in progress; we will let you know as soon as the shop's system confirms it.",
		"这笔退款已经在处理中，商家系统确认后会第一时间通知您。"},
	"return.nothing": {"Nothing is left to refund on this order.", "此订单已没有可退的金额。"},
	"refund.kind":    {"Unknown refund kind %q.", "未知的退款类型：%s。"},

	"size.no_chart": {"Product %s has no size chart, so no size can be recommended.",
		"商品 %s 没有尺码表，无法推荐尺码。"},
	"size.unknown_ref": {"Size %s is not in the %s size table, so it cannot be turned into a foot length.",
		"%[2]s 尺码表里没有 %[1]s 码，无法换算脚长。"},
	"size.system": {"Size %s is given in the %s system, but the size table of %s uses %s.",
		"%[1]s 码属于 %[2]s 尺码体系，而 %[3]s 的尺码表用的是 %[4]s。"},
	"size.too_short": {"No size of %s fits a %d mm foot (+%d mm room); its longest size is %s (%d mm).",
		"%s 没有适合 %d 毫米脚长（加 %d 毫米余量）的尺码；最大的是 %s 码（%d 毫米）。"},
	"size.exact": {"Size %s of %s matches your %d mm foot (with %d mm room) exactly.",
		"%[2]s 的 %[1]s 码正好适合您 %[3]d 毫米的脚长（含 %[4]d 毫米余量）。"},
	"size.between": {"Your %d mm foot (with %d mm room) falls between two sizes of %s; %s is the next size up.",
		"您 %[1]d 毫米的脚长（含 %[2]d 毫米余量）介于 %[3]s 的两个尺码之间，建议选大一码：%[4]s。"},
	"size.foot_range": {"A foot of %d mm is outside what a size chart covers (%d–%d mm); could you measure again?",
		"%d 毫米的脚长超出了尺码表的范围（%d–%d 毫米），可以再量一下吗？"},
	"size.smallest": {"Size %s is the smallest of %s and is long enough for your %d mm foot (with %d mm room).",
		"%[1]s 码是 %[2]s 最小的尺码，已足够您 %[3]d 毫米的脚长（含 %[4]d 毫米余量）。"},
}

// isZh: every language other than Chinese is answered in English.
func isZh(lang string) bool { return strings.HasPrefix(strings.ToLower(lang), "zh") }

// msg formats the text key in lang. An unknown key is a programming error that a test
// catches (TestTextsComplete); it shows the key rather than panicking in production.
func msg(lang, key string, args ...any) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	f := t[0]
	if isZh(lang) {
		f = t[1]
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// StatusText is an order status in plain words ("已发货，运输中"); an unknown status is
// returned as is.
func StatusText(status, lang string) string {
	if _, ok := texts["status."+status]; !ok {
		return status
	}
	return msg(lang, "status."+status)
}

// FormatMoney writes minor units as a price a customer reads: ¥123.45, $5.00, ¥1200 (JPY).
func FormatMoney(amount shop.Money, currency string) string {
	return i18n.Money(amount, currency)
}

// formatTime shows an instant in the offset it was written with (a shop that writes
// +08:00 reads +08:00 back).
func formatTime(t time.Time) string { return t.Format("2006-01-02 15:04 -07:00") }

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
func CouponNotHeldNote(lang, code string) string { return msg(lang, "note.coupon_not_held", code) }
