package i18n

// Social moments and the clarifying question the offline planner asks instead of
// paging staff when it is not sure (package agent).
func init() {
	register(EN, map[string]string{
		"social.bot_identity":      "I'm the shop's AI customer-service assistant 🤖 — ask me about products, prices, sizes, your orders or refunds. If you'd rather talk to a person, just say \"human\" and I'll bring in a colleague.",
		"social.goodbye":           "You're welcome — happy shopping, and see you soon! 👋",
		"social.praise":            "Thank you, that's kind of you! 😊 Anything else I can help with?",
		"social.joy":               "That's wonderful — I'm happy for you! 🎉 If there's anything I can help you find or check, just tell me.",
		"social.down":              "Sending you a hug — I hope your day gets better. 🤗 If you'd like, I can suggest something nice or check today's offers for you.",
		"social.weather":           "Take good care and stay comfortable! ☕ Is there anything I can help you with?",
		"agent.clarify":            "Sorry, I'm not sure I understood. Did you mean:\n%s\n\nYou can also put it another way, or say \"human\" and a colleague will help.",
		"agent.clarify.none":       "Sorry, that's something I can't help with here — I can help with our products, prices, sizes, promotions, your orders and refunds. Could you tell me a bit more, or say \"human\" to talk to a colleague?",
		"agent.stock.variant_in":   "%s: in stock (%d left)",
		"agent.stock.variant_out":  "%s: out of stock right now",
		"agent.stock.no_variant":   "%s does not come in %s.",
		"agent.promos.live":        "Promotions running now:",
		"agent.promos.none":        "No promotion is running right now.",
		"agent.promos.soon":        "Not started yet (coming up):",
		"agent.promos.ended":       "Recently ended (no longer applied):",
		"agent.promos.until":       "%s (until %s)",
		"agent.promos.from":        "%s (from %s)",
		"agent.promos.ended_on":    "%s (ended %s)",
		"agent.refund.offer_staff": "If there's more to it (a quality problem, for example), just say \"human\" and I'll bring in a colleague.",
	})
	register(ZH, map[string]string{
		"social.bot_identity":      "我是本店的智能客服助手（AI）🤖，商品、价格、尺码、订单和退款都可以问我；想找真人客服的话，说一声“转人工”就好。",
		"social.goodbye":           "不客气，祝您购物愉快，下次见！👋",
		"social.praise":            "谢谢夸奖～😊 还有什么可以帮您的吗？",
		"social.joy":               "太好啦，真为您开心！🎉 有需要我帮忙挑选或查询的，随时告诉我～",
		"social.down":              "抱抱您～希望接下来一切顺利。🤗 想逛逛的话，我可以帮您推荐好物或查查优惠哦。",
		"social.weather":           "注意保暖、照顾好自己哦～☕ 有什么可以帮您的吗？",
		"agent.clarify":            "抱歉，我没太明白您的意思。您是想问：\n%s\n\n也可以换个说法告诉我，或者说“转人工”找同事帮您。",
		"agent.clarify.none":       "抱歉，这个我暂时帮不上忙～我可以帮您查商品、价格、尺码、优惠活动、订单和退款。能再具体说说吗？也可以说“转人工”找同事帮您。",
		"agent.stock.variant_in":   "%s：有货（还剩 %d 件）",
		"agent.stock.variant_out":  "%s：暂时缺货",
		"agent.stock.no_variant":   "%s 没有 %s 这个规格。",
		"agent.promos.live":        "目前正在进行的活动：",
		"agent.promos.none":        "目前没有进行中的活动。",
		"agent.promos.soon":        "尚未开始（即将开始）：",
		"agent.promos.ended":       "最近已结束（现在下单不再享受）：",
		"agent.promos.until":       "%s（截至 %s）",
		"agent.promos.from":        "%s（%s 开始）",
		"agent.promos.ended_on":    "%s（已于 %s 结束）",
		"agent.refund.offer_staff": "如果还有其他情况（比如质量问题），回复“转人工”，我马上请同事来帮您。",
	})
}
