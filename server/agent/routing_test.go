package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/tool"
)

// Routing between look-alike questions: a price drop is price protection, never a
// return; a size list names only products it found a size in; an exchange rate is
// not an exchange of goods.

func TestIsPriceDrop(t *testing.T) {
	for _, tc := range []struct {
		msg  string
		want bool
	}{
		// price protection, however it is put
		{"the price fell a week after i paid, can i get the diff?", true},
		{"you lowered the price right after my purchase", true},
		{"it's cheaper now than what i paid, refund the difference", true},
		{"the price got reduced two days after i ordered", true},
		{"price has droped since my order", true},
		{"costs 20 bucks less now than when i bought it", true},
		{"can you pay me the price diff", true},
		{"刚付款就掉价了", true},
		{"买完第二天就跌价了，能补我吗", true},
		{"价格下调了 我前天刚买的", true},
		{"昨天买的今天价格降了30", true},
		{"刚下单就降了，怎么办", true},
		{"能退差额吗 现在价格低了", true},
		{"这款现在直降30了，我之前买了两袋原价的", true},
		{"现在都打9折了 我上周刚买的", true},
		// not a drop in price
		{"I dropped my phone and the screen cracked, can I return it?", false},
		{"what's the difference between the two runners?", false},
		{"can you lower the price a bit?", false},
		{"is there a cheaper one?", false},
		{"我想退货", false},
		{"现在打折吗 我想买两袋", false},
		{"价格能便宜点吗", false},
		{"降噪耳机有货吗", false},
		{"what's the price difference between the two phones?", false},
		{"the price went up, why?", false},
		{"which one is cheaper, the oxford or the loafer?", false},
		{"any lower price for vip members?", false},
		{"can i get the difference in price refunded? it's ¥30 lower now", true},
		{"it dropped by ¥50 after i bought it", true},
		{"refund my order please", false},
		// a sale to come is not a drop since the customer paid
		{"什么时候降价", false},
		{"双11会降价吗", false},
		{"这款还会便宜吗", false},
		{"when will the runner go on sale?", false},
		{"will the price drop next week?", false},
		{"会不会降价？降价了能退差价吗", true},
		{"降价了，我上周刚买的", true},
		{"纸尿裤刚买完就每包便宜15 能补吗", true},
		{"买两包就便宜10块吗", false},
		{"会员价降价了，我刚买的", true},
	} {
		if got := isPriceDrop(strings.ToLower(tc.msg)); got != tc.want {
			t.Errorf("isPriceDrop(%q) = %v, want %v", tc.msg, got, tc.want)
		}
	}
}

// TestPriceDropIsPriceProtection: a customer with orders has them checked for
// price protection; one without gets the price-protection rules. Neither is read
// the return policy nor offered a return.
func TestPriceDropIsPriceProtection(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ user, msg string }{
		{"bob", "the price fell a week after i paid, can i get the diff?"},
		{"bob", "price has droped since my order, refund me pls"},
		{"bob", "买完第二天就跌价了，能退钱吗"},
		{"dave", "the price got reduced two days after i ordered, refund pls"},
		{"dave", "it's cheaper now than what i paid, i want a refund"},
		{"dave", "刚付款就掉价了 退钱"},
		{"dave", "昨天买的今天价格降了30，能退吗"},
	} {
		r, calls := f.plan(t, turn(tc.user, tc.msg))
		for _, o := range toolArgs(t, calls, tool.OfferRefund) {
			if o["kind"] != commerce.KindPriceProtection {
				t.Errorf("%s %q: offered %v", tc.user, tc.msg, o)
			}
		}
		docs := docsInReply(r.Text)
		for _, d := range docs {
			if strings.HasPrefix(d, "pol-return") || strings.HasPrefix(d, "f-return") {
				t.Errorf("%s %q: answered with %s:\n%s", tc.user, tc.msg, d, r.Text)
			}
		}
		if tc.user == "bob" {
			checked := toolArgs(t, calls, tool.CheckPriceProtection)
			if len(checked) == 0 {
				t.Errorf("%s %q: no order checked for price protection: %v", tc.user, tc.msg, calledTools(calls))
			}
			// Nothing to refund: the orders looked at are named.
			noneHead, _, _ := strings.Cut(i18n.T(turn(tc.user, tc.msg).Lang, "agent.pp.none", "\x00"), "\x00")
			if strings.Contains(r.Text, noneHead) {
				for _, c := range checked {
					mustContain(t, r.Text, c["order_id"].(string))
				}
			}
			continue
		}
		// dave has no order: the rules, from the shop's own document.
		if len(docs) == 0 || !strings.Contains(docs[0], "price-protection") {
			t.Errorf("%s %q: want the price-protection FAQ or policy first, got %v:\n%s", tc.user, tc.msg, docs, r.Text)
		}
		noneHead, _, _ := strings.Cut(i18n.T(turn(tc.user, tc.msg).Lang, "agent.pp.none", "\x00"), "\x00")
		mustNotContain(t, r.Text, noneHead)
	}
}

// TestReturnWordingStaysReturn: what the price-drop rule must not take.
func TestReturnWordingStaysReturn(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("bob", "I dropped it once and it broke, I want to return O-2005"))
	mustOffer(t, calls, "O-2005", commerce.KindReturn)
	r, _ := f.plan(t, turn("dave", "how do returns work?"))
	if docs := docsInReply(r.Text); len(docs) == 0 || !strings.Contains(docs[0], "return") {
		t.Errorf("return question answered with %v:\n%s", docs, r.Text)
	}
}

// TestSizeListOnlySizedProducts: among the products of a category, one whose
// chart cannot size the customer is left out, not listed beside real answers; a
// product the customer named is still told plainly; and when none can be sized
// nothing is presented as a recommendation.
func TestSizeListOnlySizedProducts(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		msg       string
		want      []string // products listed, in order
		recommend bool     // a size is recommended
	}{
		{"I wear 45 in leather shoes, what size in running shoes?", []string{"p-run-2"}, true},
		{"平时穿44码皮鞋，跑步鞋买多大", []string{"p-run-2"}, true},
		{"I usually wear 33, what size would I be in leather shoes?", nil, false},
		{"I wear 45 in leather shoes, what size in the Gale Lite Women's Runner?", []string{"p-run-3"}, false},
	} {
		r, calls := f.plan(t, turn("dave", tc.msg))
		if len(toolArgs(t, calls, tool.RecommendSize)) == 0 {
			t.Errorf("%q: recommend_size not called", tc.msg)
			continue
		}
		if got := docsInReply(r.Text); !slices.Equal(got, tc.want) {
			t.Errorf("%q: products %v, want %v:\n%s", tc.msg, got, tc.want, r.Text)
		}
		cant := strings.Contains(r.Text, i18n.T(turn("dave", tc.msg).Lang, "agent.size.cant"))
		if cant == tc.recommend {
			t.Errorf("%q: says it can't tell = %v, want %v:\n%s", tc.msg, cant, !tc.recommend, r.Text)
		}
	}
}

// TestExchangeRateIsNotAnExchange: currency questions are not about exchanging
// goods; a real exchange question still is.
func TestExchangeRateIsNotAnExchange(t *testing.T) {
	f := newFixture(t)
	for _, msg := range []string{"what's the euro exchange rate right now?", "美元汇率是多少", "exchange rates?"} {
		r, calls := f.plan(t, turn("dave", msg))
		if docs := replyDocs(r); len(docs) > 0 || !declined(r, calls) {
			t.Errorf("%q: answered with %v (declined %v):\n%s", msg, docs, declined(r, calls), r.Text)
		}
	}
	for _, msg := range []string{"can I exchange them for a bigger size?", "可以换个大一码吗"} {
		r, _ := f.plan(t, turn("dave", msg))
		if docs := docsInReply(r.Text); len(docs) == 0 || !strings.HasPrefix(docs[0], "f-exchange") {
			t.Errorf("%q: answered with %v:\n%s", msg, docs, r.Text)
		}
	}
}

// "差价收到了 服务真不错" closes a conversation: thanked, no new card; "退款收到了吗"
// asks; a received parcel with a problem is no thanks.
func TestReceivedWithThanksCloses(t *testing.T) {
	f := newFixture(t)
	for _, msg := range []string{"好的好的 差价收到了 你们服务真不错👍", "got my refund, thanks a lot!"} {
		r, calls := f.plan(t, turn("alice", msg))
		if len(calls) > 0 || len(r.Offers) > 0 {
			t.Errorf("%s: want a closing remark, got %q (tools %v)", msg, r.Text, calledTools(calls))
		}
	}
	for _, msg := range []string{"退款收到了吗", "收到了 但是坏了"} {
		tr := turn("alice", msg)
		if s := newSession(t.Context(), f.deps, tr); s.saysReceivedWithThanks() {
			t.Errorf("%s: read as a closing remark", msg)
		}
	}
}

// Asking for everything bought lists the orders, in either language.
func TestWhatHaveIBoughtListsOrders(t *testing.T) {
	f := newFixture(t)
	for _, msg := range []string{"what have I bought from you?", "我在你家买过几单"} {
		_, calls := f.plan(t, turn("alice", msg))
		if !slices.Contains(calledTools(calls), tool.ListOrders) {
			t.Errorf("%s: no order list (tools %v)", msg, calledTools(calls))
		}
	}
}

// "refunded" asks a refund in English too; "after I pay" in a shipping question
// asks no price.
func TestEnglishRefundedAndAfterIPay(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("bob", "I'd like my deposit for the fridge refunded please"))
	if !strings.Contains(strings.Join(calledArgs(calls, tool.OfferRefund), " "), `"deposit"`) {
		t.Errorf("deposit refund not offered: %v", calledTools(calls))
	}
	_, calls = f.plan(t, turn("bob", "how soon after I pay do you send stuff out?"))
	if slices.Contains(calledTools(calls), tool.QuotePrice) {
		t.Errorf("shipping question priced: %v", calledTools(calls))
	}
}

// calledArgs are the arguments of every call of the tool name.
func calledArgs(calls []tool.Call, name string) []string {
	var out []string
	for _, c := range calls {
		if c.Name == name {
			out = append(out, c.Args)
		}
	}
	return out
}
