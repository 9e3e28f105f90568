package i18n

// The Markdown fallback of the cards (package cards): what a client without the
// plugin shows in place of the card components.
func init() {
	register(EN, map[string]string{
		"card.price.title":      "Price breakdown",
		"card.price.total":      "Total: %s",
		"card.price.line":       "%s × %d, list price %s",
		"card.product.now":      "%s now (list price %s)",
		"card.compare.title":    "Comparison",
		"card.product.in_stock": "%d in stock",
		"card.product.sold_out": "sold out",
		"card.refund.order":     "order %s",
		"card.refund.amount":    "Amount: **%s**",
		"card.refund.reason":    "Reason: %s",
		"card.refund.status":    "Status: %s",
		"card.handoff.title":    "Handoff: %s",
	})
	register(ZH, map[string]string{
		"card.price.title":      "价格明细",
		"card.price.total":      "合计：%s",
		"card.price.line":       "%s × %d，原价 %s",
		"card.product.now":      "现价 %s（原价 %s）",
		"card.compare.title":    "商品对比",
		"card.product.in_stock": "有货 %d 件",
		"card.product.sold_out": "已售罄",
		"card.refund.order":     "订单 %s",
		"card.refund.amount":    "金额：**%s**",
		"card.refund.reason":    "原因：%s",
		"card.refund.status":    "状态：%s",
		"card.handoff.title":    "转人工：%s",
	})
}
