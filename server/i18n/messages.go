package i18n

// The bot's own strings. Keys are grouped by the package that uses them.
func init() {
	register(EN, map[string]string{
		"agent.greeting":             "Hi @%s! I'm the shop's assistant. I can answer questions about products, sizes, shipping and returns, look up your orders, work out the final price with every promotion, and help with refunds and price protection. How can I help?",
		"agent.handoff.asked":        "Of course — I'm bringing in a colleague from our team. They'll reply right here.",
		"agent.handoff.reason.asked": "The customer asked for a person.",
		"agent.error":                "Sorry, something went wrong on my side. I've asked a colleague to help you here.",
	})
	register(ZH, map[string]string{
		"agent.greeting":             "您好 @%s！我是店铺的智能客服，可以解答商品、尺码、物流和退换货问题，查询您的订单，计算叠加所有优惠后的到手价，还能办理退款和价保。请问有什么可以帮您？",
		"agent.handoff.asked":        "好的，我这就请同事来为您服务，他们会在这里回复您。",
		"agent.handoff.reason.asked": "顾客要求人工服务。",
		"agent.error":                "抱歉，我这边出了点问题，已请同事在这里协助您。",
	})
}

func init() {
	register(EN, map[string]string{
		"handoff.card.title":        "Handed over to staff",
		"handoff.card.text":         "%s a customer needs you in this conversation.",
		"handoff.card.text.nostaff": "A customer needs a staff member in this conversation.",
		"handoff.card.customer":     "Customer",
		"handoff.card.reason":       "Reason",
		"handoff.card.summary":      "Summary",
		"handoff.card.footer":       "Reply here to take over; /concierge handback returns it to the bot.",
	})
	register(ZH, map[string]string{
		"handoff.card.title":        "已转人工",
		"handoff.card.text":         "%s 有顾客需要您在此会话中协助。",
		"handoff.card.text.nostaff": "有顾客需要客服人员在此会话中协助。",
		"handoff.card.customer":     "顾客",
		"handoff.card.reason":       "原因",
		"handoff.card.summary":      "摘要",
		"handoff.card.footer":       "在此回复即可接手；/concierge handback 交还给机器人。",
	})
}
