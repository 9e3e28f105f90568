package i18n

// The bot's own strings. Keys are grouped by the package that uses them.
func init() {
	register(EN, map[string]string{
		"agent.greeting":             "Hi @%s! I'm the shop's assistant. I can answer questions about products, sizes, shipping and returns, look up your orders, work out the final price with every promotion, and help with refunds and price protection. How can I help?",
		"agent.handoff.asked":        "Of course — I'm bringing in a colleague from our team. They'll reply right here.",
		"agent.handoff.reason.asked": "The customer asked for a person.",
		"agent.error":                "Sorry, something went wrong on my side. I've asked a colleague to help you here.",
		"agent.handoff.reason.error": "The bot could not prepare an answer.",
		"agent.error.retry":          "Sorry, something went wrong on my side and your message did not reach me. Please send it again.",
		"conversation.revising":      "…(updating this answer)",
		"conversation.too_long":      "That's a long message (over %d characters), more than I can read as one question. Could you tell me what you'd like to know in a sentence or two? I'm happy to help.",
		"conversation.stopped":       "(This answer was stopped.)",
	})
	register(ZH, map[string]string{
		"agent.greeting":             "您好 @%s！我是店铺的智能客服，可以解答商品、尺码、物流和退换货问题，查询您的订单，计算叠加所有优惠后的到手价，还能办理退款和价保。请问有什么可以帮您？",
		"agent.handoff.asked":        "好的，我这就请同事来为您服务，他们会在这里回复您。",
		"agent.handoff.reason.asked": "顾客要求人工服务。",
		"agent.error":                "抱歉，我这边出了点问题，已请同事在这里协助您。",
		"agent.handoff.reason.error": "机器人未能生成回答。",
		"agent.error.retry":          "抱歉，我这边出了点问题，没能收到您的消息，请再发一次。",
		"conversation.revising":      "…（正在更新这条回答）",
		"conversation.too_long":      "这条消息有点长（超过 %d 个字），我没法当作一个问题来读。能用一两句话告诉我您想了解什么吗？我很乐意帮您～",
		"conversation.stopped":       "（这条回答已停止。）",
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

func init() {
	register(EN, map[string]string{
		"agent.unsure":                "Let me get a colleague who knows this best — they'll answer you right here shortly.",
		"agent.handoff.reason.unsure": "The bot was not sure how to answer.",
		"agent.kb.faq":                "%s\n\nAnything else I can help with?",
		"agent.kb.policy":             "Here is our policy, **%s**:\n\n%s",
		"agent.kb.product":            "**%s** — %s\n%s\n\nWant me to check your size or the final price with today's promotions?",
		"agent.kb.product.soldout":    "**%s** — %s (currently sold out)\n%s",
	})
	register(ZH, map[string]string{
		"agent.unsure":                "这个问题我请最熟悉的同事来为您解答，他们稍后会在这里回复您。",
		"agent.handoff.reason.unsure": "机器人不确定如何回答。",
		"agent.kb.faq":                "%s\n\n还有什么可以帮您的吗？",
		"agent.kb.policy":             "这是我们的**%s**：\n\n%s",
		"agent.kb.product":            "**%s** — %s\n%s\n\n需要我帮您看看尺码，或者算一下叠加今天优惠后的到手价吗？",
		"agent.kb.product.soldout":    "**%s** — %s（目前缺货）\n%s",
	})
}

func init() {
	register(EN, map[string]string{
		"cmd.help": "**Concierge** — AI customer service\n" +
			"- `/concierge status` — conversations, shop data and settings problems (staff)\n" +
			"- `/concierge stats` — outcome numbers: resolved by the bot, handoffs, time to a person, satisfaction (staff)\n" +
			"- `/concierge takeover` · `handback` · `resolve` — staff, inside a customer's conversation or its staff-channel thread\n" +
			"- `/concierge kb status` · `kb search <query>` (staff) · `kb import catalog|orders` (admins; attach the JSON file in this channel first)\n" +
			"- `/concierge refund list` · `retry|done|failed|received <card>` — staff: refunds in doubt or awaiting returned goods",

		"cmd.unknown":                         "Unknown command `%s`. Try `/concierge help`.",
		"cmd.refund.usage":                    "Usage: `/concierge refund list`, or `/concierge refund retry|done|failed|received <card id> [reference]`.",
		"cmd.refund.none":                     "No refund is in doubt, stuck or waiting for returned goods.",
		"cmd.refund.open":                     "**Refunds in motion (%d)**",
		"cmd.refund.not_open":                 "Card `%s` is not processing, in doubt or waiting for returned goods.",
		"cmd.refund.now":                      "Card `%s`: %s",
		"cmd.staff_only":                      "Only staff can do that.",
		"cmd.admin_only":                      "Only system admins can do that.",
		"cmd.failed":                          "Sorry, that failed. The details are in the server log.",
		"cmd.no_conversation":                 "There is no customer conversation here. Run this inside the customer's thread or channel.",
		"cmd.state.takeover":                  "You have taken over the conversation with %s. The bot stays quiet until `/concierge handback`.",
		"cmd.state.handback":                  "The conversation with %s is back with the bot.",
		"cmd.state.resolve":                   "The conversation with %s is marked resolved.",
		"cmd.status":                          "**Concierge status**\nConversations: %d (bot %d, waiting for staff %d, staff %d, resolved %d); handoff rate %s\nShop: %d products, %d FAQs, %d orders",
		"cmd.config_problem":                  "⚠️ The last settings change was rejected (the previous settings stay in force): %s",
		"cmd.staff_problem.unset":             "⚠️ No staff channel is set (StaffChannel): only system admins are staff, and handoffs from DMs reach nobody.",
		"cmd.staff_problem.missing":           "⚠️ The staff channel `%s` does not exist: only system admins are staff. Create it as a **private** channel.",
		"cmd.staff_problem.not_private":       "⚠️ The staff channel `%s` is not private: anyone could join it, so its members are not staff (only system admins are) and no customer data is posted there. Make it a private channel.",
		"cmd.staff_problem.untrusted_creator": "⚠️ The staff channel `%s` was not created by a system admin: anyone could have created it while it was missing, so its members are not staff (only system admins are). Have a system admin create it (private) and add the staff.",
		"cmd.kb.usage":                        "Usage: `/concierge kb status`, `/concierge kb search <query>`, `/concierge kb import catalog|orders`.",
		"cmd.kb.never":                        "never imported",
		"cmd.kb.status":                       "**Knowledge base**\nCatalog: %s\nOrders: %s\nSearch index: %s (%d documents)",
		"cmd.kb.index.ready":                  "ready",
		"cmd.kb.index.building":               "building — try again in a moment",
		"cmd.kb.search.usage":                 "Usage: `/concierge kb search <query>`",
		"cmd.kb.search.none":                  "Nothing found for “%s”.",
		"cmd.kb.search.head":                  "Results for “%s”:",
		"cmd.kb.import.usage":                 "Usage: attach the JSON file in this channel, then run `/concierge kb import catalog` or `/concierge kb import orders`.",
		"cmd.kb.import.nofile":                "I found no JSON file you attached in this channel in the last 15 minutes. Post the file first, then run the command again.",
		"cmd.kb.import.started":               "Importing `%s` (%.1f MB)… I'll tell you here when it's done.",
		"cmd.kb.import.readfail":              "I could not read `%s`.",
		"cmd.kb.import.progress":              "Still importing: %d%% checked (%.1f of %.1f MB)…",
		"cmd.kb.import.invalid":               "`%s` was not imported — %d problem(s); nothing stored was changed:",
		"cmd.kb.import.failed":                "Importing `%s` failed; nothing stored was changed. The details are in the server log.",
		"cmd.kb.import.done":                  "Imported `%s`: %s (%s). The search index is being updated.",
	})
	register(ZH, map[string]string{
		"cmd.help": "**Concierge 智能客服**\n" +
			"- `/concierge status` — 会话与店铺数据概况、设置问题（客服）\n" +
			"- `/concierge stats` — 服务指标：机器人解决、转人工、等待人工时长、满意度（客服）\n" +
			"- `/concierge takeover` · `handback` · `resolve` — 客服在顾客会话或其客服频道消息串中使用：接手 · 交还机器人 · 标记解决\n" +
			"- `/concierge kb status` · `kb search <关键词>`（客服）· `kb import catalog|orders`（管理员；先在本频道上传 JSON 文件）\n" +
			"- `/concierge refund list` · `retry|done|failed|received <卡片>` — 客服：待确认或待退货签收的退款",

		"cmd.unknown":                         "未知命令 `%s`，请试试 `/concierge help`。",
		"cmd.refund.usage":                    "用法：`/concierge refund list`，或 `/concierge refund retry|done|failed|received <卡片 id> [流水号]`。",
		"cmd.refund.none":                     "目前没有待确认、卡住或等待退货签收的退款。",
		"cmd.refund.open":                     "**处理中的退款（%d）**",
		"cmd.refund.not_open":                 "卡片 `%s` 不在处理中、待确认或等待退货签收状态。",
		"cmd.refund.now":                      "卡片 `%s`：%s",
		"cmd.staff_only":                      "只有客服人员可以执行此操作。",
		"cmd.admin_only":                      "只有系统管理员可以执行此操作。",
		"cmd.failed":                          "抱歉，操作失败，详情见服务器日志。",
		"cmd.no_conversation":                 "这里没有顾客会话。请在顾客的消息串或频道中执行。",
		"cmd.state.takeover":                  "您已接手与 %s 的会话。在 `/concierge handback` 之前机器人不会发言。",
		"cmd.state.handback":                  "与 %s 的会话已交还给机器人。",
		"cmd.state.resolve":                   "与 %s 的会话已标记为已解决。",
		"cmd.status":                          "**Concierge 状态**\n会话：%d（机器人 %d，等待人工 %d，人工 %d，已解决 %d）；转人工率 %s\n店铺：%d 个商品，%d 条常见问题，%d 个订单",
		"cmd.config_problem":                  "⚠️ 最近一次设置修改被拒绝（仍沿用之前的设置）：%s",
		"cmd.staff_problem.unset":             "⚠️ 未设置客服频道（StaffChannel）：只有系统管理员是客服，私信中的转人工无人接收。",
		"cmd.staff_problem.missing":           "⚠️ 客服频道 `%s` 不存在：只有系统管理员是客服。请将它创建为**私有**频道。",
		"cmd.staff_problem.not_private":       "⚠️ 客服频道 `%s` 不是私有频道：任何人都能加入，因此其成员不算客服（只有系统管理员是），也不会在其中发布顾客数据。请将它改为私有频道。",
		"cmd.staff_problem.untrusted_creator": "⚠️ 客服频道 `%s` 不是由系统管理员创建的：在它不存在时任何人都可能抢先创建，因此其成员不算客服（只有系统管理员是）。请由系统管理员创建该私有频道并添加客服人员。",
		"cmd.kb.usage":                        "用法：`/concierge kb status`、`/concierge kb search <关键词>`、`/concierge kb import catalog|orders`。",
		"cmd.kb.never":                        "尚未导入",
		"cmd.kb.status":                       "**知识库**\n商品目录：%s\n订单：%s\n搜索索引：%s（%d 篇文档）",
		"cmd.kb.index.ready":                  "就绪",
		"cmd.kb.index.building":               "正在构建，请稍后再试",
		"cmd.kb.search.usage":                 "用法：`/concierge kb search <关键词>`",
		"cmd.kb.search.none":                  "没有找到与“%s”相关的内容。",
		"cmd.kb.search.head":                  "“%s”的搜索结果：",
		"cmd.kb.import.usage":                 "用法：先在本频道上传 JSON 文件，再执行 `/concierge kb import catalog` 或 `/concierge kb import orders`。",
		"cmd.kb.import.nofile":                "最近 15 分钟内没有找到您在本频道上传的 JSON 文件。请先上传文件，再执行命令。",
		"cmd.kb.import.started":               "正在导入 `%s`（%.1f MB）……完成后会在这里通知您。",
		"cmd.kb.import.readfail":              "无法读取 `%s`。",
		"cmd.kb.import.progress":              "仍在导入：已校验 %d%%（%.1f / %.1f MB）……",
		"cmd.kb.import.invalid":               "`%s` 未导入——共 %d 个问题，已存储的数据没有任何改动：",
		"cmd.kb.import.failed":                "导入 `%s` 失败，已存储的数据没有任何改动。详情见服务器日志。",
		"cmd.kb.import.done":                  "已导入 `%s`：%s（用时 %s）。搜索索引正在更新。",
	})
}

func init() {
	register(EN, map[string]string{
		"refund.card.title.deposit":          "Deposit refund",
		"refund.card.title.price_protection": "Price protection refund",
		"refund.card.title.return":           "Return refund",
		"refund.card.order":                  "Order",
		"refund.card.amount":                 "Amount",
		"refund.card.reason":                 "Reason",
		"refund.card.status":                 "Status",
		"refund.card.customer":               "Customer",
		"refund.card.kind":                   "Refund",
		"refund.card.limit":                  "Auto-approve limit",
		"refund.card.needs_approval":         "Above the auto-approve limit: after you confirm, a staff member approves it.",
		"refund.button.confirm":              "Confirm refund",
		"refund.button.cancel":               "Cancel",
		"refund.button.approve":              "Approve",
		"refund.button.reject":               "Reject",
		"refund.status.offered":              "Waiting for your confirmation",
		"refund.status.awaiting_approval":    "Confirmed — waiting for a staff approval",
		"refund.status.processing":           "Processing…",
		"refund.status.refunded":             "Refunded %s ✅",
		"refund.status.pending":              "Accepted — the shop is completing the refund",
		"refund.status.cancelled":            "Cancelled",
		"refund.status.rejected":             "Not approved by staff",
		"refund.status.failed":               "The refund could not be completed; a colleague will follow up",
		"refund.status.in_doubt":             "Pending — we are confirming it with the shop's system",
		"refund.status.expired":              "This offer has expired; ask me again if you still want it",
		"refund.status.awaiting_goods":       "Accepted — refunded as soon as the returned goods arrive",
		"refund.click.own_refund":            "You cannot approve a refund that is your own; another staff member must.",
		"refund.click.expired":               "This offer has expired. Ask me again and I will check it anew.",
		"refund.approval.title":              "Refund approval needed",
		"refund.approval.text":               "%s a refund above the auto-approve limit needs your approval.",
		"refund.approval.decided":            "Decided by %s.",
		"refund.click.not_yours":             "Only the customer this refund is for can confirm or cancel it.",
		"refund.click.staff_only":            "Only staff can approve or reject refunds.",
		"refund.click.stale":                 "This card has already been handled; it shows its current state.",
		"refund.click.unknown":               "This card is no longer valid.",
		"refund.click.error":                 "Sorry, that did not work. Please try again in a moment.",
		"refund.proactive.text":              "Good news: the price of an item in your order %s has dropped since you paid. Under our price protection you can get the difference back:",
	})
	register(ZH, map[string]string{
		"refund.card.title.deposit":          "定金退款",
		"refund.card.title.price_protection": "价保退款",
		"refund.card.title.return":           "退货退款",
		"refund.card.order":                  "订单",
		"refund.card.amount":                 "金额",
		"refund.card.reason":                 "原因",
		"refund.card.status":                 "状态",
		"refund.card.customer":               "顾客",
		"refund.card.kind":                   "退款类型",
		"refund.card.limit":                  "自动批准上限",
		"refund.card.needs_approval":         "金额超过自动批准上限：您确认后还需客服批准。",
		"refund.button.confirm":              "确认退款",
		"refund.button.cancel":               "取消",
		"refund.button.approve":              "批准",
		"refund.button.reject":               "拒绝",
		"refund.status.offered":              "等待您确认",
		"refund.status.awaiting_approval":    "已确认，等待客服批准",
		"refund.status.processing":           "处理中……",
		"refund.status.refunded":             "已退款 %s ✅",
		"refund.status.pending":              "已受理，店铺正在完成退款",
		"refund.status.cancelled":            "已取消",
		"refund.status.rejected":             "客服未批准",
		"refund.status.failed":               "退款未能完成，同事会跟进处理",
		"refund.status.in_doubt":             "处理中：正在与店铺系统确认",
		"refund.status.expired":              "此退款卡片已过期；如仍需要，请再问我一次",
		"refund.status.awaiting_goods":       "已受理：退货商品寄回签收后即退款",
		"refund.click.own_refund":            "不能批准自己的退款，需要其他客服人员批准。",
		"refund.click.expired":               "此退款卡片已过期，请再问我一次，我会重新核实。",
		"refund.approval.title":              "需要批准退款",
		"refund.approval.text":               "%s 有一笔超过自动批准上限的退款需要您批准。",
		"refund.approval.decided":            "由 %s 处理。",
		"refund.click.not_yours":             "只有该退款对应的顾客本人可以确认或取消。",
		"refund.click.staff_only":            "只有客服人员可以批准或拒绝退款。",
		"refund.click.stale":                 "这张卡片已经处理过了，显示的是当前状态。",
		"refund.click.unknown":               "这张卡片已失效。",
		"refund.click.error":                 "抱歉，操作没有成功，请稍后再试。",
		"refund.proactive.text":              "好消息：您订单 %s 中的商品在您付款后降价了。根据价保规则，您可以领取差价：",
	})
}

func init() {
	register(EN, map[string]string{
		"relay.from_staff":    "**%s** (our team): %s",
		"relay.from_customer": "@%s (DM): %s",
	})
	register(ZH, map[string]string{
		"relay.from_staff":    "**%s**（客服）：%s",
		"relay.from_customer": "@%s（私信）：%s",
	})
}

func init() {
	register(EN, map[string]string{
		"csat.ask":       "Glad we could help! How did we do?",
		"csat.title":     "Rate this conversation",
		"csat.star1":     "1 ★",
		"csat.star2":     "2 ★",
		"csat.star3":     "3 ★",
		"csat.star4":     "4 ★",
		"csat.star5":     "5 ★",
		"csat.thanks":    "Thank you for rating us %d ★!",
		"csat.not_yours": "Only the customer of this conversation can rate it.",
		"csat.invalid":   "This rating is no longer valid.",
		"csat.already":   "You have already rated this conversation — thank you!",
		"csat.failed":    "Sorry, your rating could not be saved. Please try again in a moment.",
	})
	register(ZH, map[string]string{
		"csat.ask":       "很高兴能帮到您！请为本次服务打个分吧：",
		"csat.title":     "为本次会话评分",
		"csat.star1":     "1 星",
		"csat.star2":     "2 星",
		"csat.star3":     "3 星",
		"csat.star4":     "4 星",
		"csat.star5":     "5 星",
		"csat.thanks":    "感谢您的 %d 星评价！",
		"csat.not_yours": "只有该会话的顾客本人可以评分。",
		"csat.invalid":   "该评分已失效。",
		"csat.already":   "您已为本次会话评过分，谢谢！",
		"csat.failed":    "抱歉，评分未能保存，请稍后再试。",
	})
}
