//go:build e2e

package e2e

import (
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// Issue 19: cards as post components. The server's posts carry typed props and a
// Markdown message; the bundle the server serves renders them in Chromium, and
// Confirm pressed there moves the money through the real plugin.

// viewOf reads a post's card props, failing the test when there are none.
func viewOf(t *testing.T, p *model.Post, wantType string) cards.View {
	t.Helper()
	v, ok := cards.FromPost(p)
	if !ok || p.Type != wantType {
		t.Fatalf("post %s: type %q, view %v; want %s with a view:\n%s", p.Id, p.Type, ok, wantType, p.Message)
	}
	return v
}

func TestCardPropsAndMarkdownFallback(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	_, price := ask(t, cust, ch, "疾风缓震跑鞋多少钱？", "")
	v := viewOf(t, price, cards.TypePrefix+cards.KindPrice)
	var pc *cards.Price
	for _, c := range v.Cards {
		if c.Price != nil {
			pc = c.Price
		}
	}
	if pc == nil || len(pc.Lines) == 0 {
		t.Fatalf("no price card with lines: %+v", v.Cards)
	}
	// The fallback names every line by product in the customer's language (the
	// Chinese part of a bilingual title, never a SKU id), every step, the total.
	zhPart := func(s string) string { return strings.TrimSpace(strings.Fields(strings.Split(s, "|")[0])[0]) }
	for _, l := range pc.Lines {
		if !strings.Contains(price.Message, zhPart(l.Name)) || strings.Contains(price.Message, "s-run-") {
			t.Errorf("message does not name %q by product, or shows a SKU id:\n%s", l.Name, price.Message)
		}
	}
	for _, s := range pc.Steps {
		if !strings.Contains(price.Message, zhPart(s.Title)) {
			t.Errorf("message lacks the step %q:\n%s", s.Title, price.Message)
		}
	}
	// The total is spelt out as an amount, whatever words lead it in.
	total := i18n.Money(pc.Total, pc.Currency)
	if !strings.Contains(price.Message, total) {
		t.Errorf("message lacks the total %s:\n%s", total, price.Message)
	}
}

func TestCardsRenderAndConfirmInChromium(t *testing.T) {
	const deposit = 10000
	cust, orderID := depositCustomer(t, "CARDS", deposit)
	ch := channelID(t, mmenv.ChannelGeneral)
	root, refundPost := ask(t, cust, ch, "我想退定金，订单 "+orderID, "")
	requireCard(t, refundPost, orderID, deposit)
	viewOf(t, refundPost, cards.TypePrefix+cards.KindRefund)
	_, price := ask(t, cust, ch, "疾风缓震跑鞋多少钱？", "")
	viewOf(t, price, cards.TypePrefix+cards.KindPrice)
	_, compare := ask(t, cust, ch, "对比一下疾风缓震跑鞋和步云碳板跑鞋", "")
	viewOf(t, compare, cards.TypePrefix+cards.KindCompare)
	_, product := ask(t, cust, ch, "扫地机器人还有货吗？", "")
	viewOf(t, product, cards.TypePrefix+cards.KindProduct)
	// A conversation staff resolved: its rating card.
	asked, _ := ask(t, cust, ch, "你们周末发货吗？", "")
	if status, body := pluginHTTP(t, "staff1", "POST", "/conversations/"+asked.Id+"/state", map[string]string{"state": "resolved"}); status != 200 {
		t.Fatalf("resolve: HTTP %d %s", status, body)
	}
	csat := waitForBotPost(t, ch, postTime(asked), replyTimeout, "rating card", func(p *model.Post) bool {
		return p.GetProp("concierge_csat") == asked.Id
	})
	viewOf(t, csat, cards.TypePrefix+cards.KindCSAT)

	browserCheck(t, "e2e/cards-check.mjs", cust, "Cust-pass-1", "LOCALE=zh-CN",
		"POSTS="+strings.Join([]string{price.Id, refundPost.Id, compare.Id, product.Id, csat.Id}, ","),
		"CONFIRM_POST="+refundPost.Id, "EXPECT_STATE=refunded", "RATE_POST="+csat.Id, "RATE=4")

	// The star pressed in the browser is the conversation's rating.
	waitPost(t, csat.Id, replyTimeout, "rated 4", func(p *model.Post) bool {
		v, ok := cards.FromPost(p)
		return ok && len(v.Cards) == 1 && v.Cards[0].CSAT != nil && v.Cards[0].CSAT.Score == 4
	})

	// The click in the browser moved the money: the card and the order say so.
	card := waitPost(t, refundPost.Id, replyTimeout, "refunded", func(p *model.Post) bool {
		v, ok := cards.FromPost(p)
		return ok && len(v.Cards) > 0 && v.Cards[len(v.Cards)-1].Refund != nil && v.Cards[len(v.Cards)-1].Refund.State == "refunded"
	})
	if len(buttons(card)) != 0 {
		t.Errorf("buttons left on the refunded card: %v", buttons(card))
	}
	_, orders := ask(t, cust, ch, "我的订单", root.Id)
	if line := lineContaining(orders.Message, orderID); !strings.Contains(line, commerce.StatusMsg(shop.StatusRefunded).In(i18n.ZH)) {
		t.Errorf("order line %q does not read refunded:\n%s", line, orders.Message)
	}
}
