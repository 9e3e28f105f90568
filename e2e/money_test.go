//go:build e2e

package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// Issue #14 on the real server: money and authority with the shop's own order
// system behind the http order backend.

const shopSecret = "e2e-shop-secret"

// shopSystem is the shop's order system (docs/order-backend.md): it checks the
// signature, moves the money once per idempotency key, and then answers with
// `answer` — 200, or an ambiguous code after refunding.
type shopSystem struct {
	mu       sync.Mutex
	answer   int
	refunded map[string]int64 // idempotency key → amount
	calls    []string
}

func (s *shopSystem) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if !commerce.VerifySignature(shopSecret, body, r.Header.Get(commerce.SignatureHeader)) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var req commerce.RefundRequest
	if err := json.Unmarshal(body, &req); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.calls = append(s.calls, req.IdempotencyKey)
	if _, ok := s.refunded[req.IdempotencyKey]; !ok {
		s.refunded[req.IdempotencyKey] = req.Amount
	}
	answer := s.answer
	s.mu.Unlock()
	if answer != http.StatusOK {
		w.WriteHeader(answer)
		_, _ = w.Write([]byte(`{"error":"gateway lost the answer"}`))
		return
	}
	_ = json.NewEncoder(w).Encode(commerce.RefundResult{Status: commerce.RefundDone, Reference: "SHOP-" + req.IdempotencyKey})
}

func (s *shopSystem) total() (int64, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var sum int64
	for _, a := range s.refunded {
		sum += a
	}
	return sum, len(s.refunded)
}

func (s *shopSystem) setAnswer(code int) {
	s.mu.Lock()
	s.answer = code
	s.mu.Unlock()
}

// withShopSystem points the plugin at a fresh shop system for this test.
func withShopSystem(t *testing.T, overrides map[string]any) *shopSystem {
	t.Helper()
	s := &shopSystem{answer: http.StatusOK, refunded: map[string]int64{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	settings := map[string]any{"orderbackend": "http", "orderbackendurl": srv.URL, "orderbackendsecret": shopSecret}
	for k, v := range overrides {
		settings[k] = v
	}
	setPluginConfig(t, settings)
	return s
}

// unitNow is the sku's unit price after item promotions (what price protection
// compares with), read from a quote: list less the item discount.
func unitNow(t *testing.T, user, sku string) int64 {
	t.Helper()
	q := quoteAs(t, user, map[string]any{"items": []map[string]any{{"sku_id": sku, "qty": 1}}})
	unit := q.Lines[0].List
	for _, s := range q.Steps {
		if s.Kind == "item_discount" {
			unit -= s.Off
		}
	}
	return unit
}

// cardOf is the refund card a reply carries (its concierge_cards prop: the server
// strips the buttons' integration context from posts it sends to clients).
func cardOf(t *testing.T, p *model.Post) string {
	t.Helper()
	if ids, ok := p.GetProp("concierge_cards").([]any); ok && len(ids) > 0 {
		if id, ok := ids[0].(string); ok {
			return id
		}
	}
	t.Fatalf("post %s carries no refund card id: %v", p.Id, p.GetProps())
	return ""
}

// Issue #14.1: the return card and the price-protection card of one order
// confirmed at the same moment; the shop's system refunds whatever it is sent.
// The total refunded never exceeds what was paid.
func TestReturnAndPriceProtectionConfirmedAtOnce(t *testing.T) {
	ensureShop(t)
	shopSys := withShopSystem(t, map[string]any{"refundautoapprovelimit": 100_000_000})
	cust := newCustomer(t)
	const sku = "s-phone-1-256-black"
	paidUnit := unitNow(t, cust, sku) + 30000 // the price dropped ¥300 since
	orderID := uniqueOrderID("RACE")
	paidAt := time.Now().Add(-24 * time.Hour).UTC().Truncate(time.Second)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: cust}},
		Orders: []shop.Order{{ID: orderID, User: cust, Status: shop.StatusPaid, PaidAt: &paidAt,
			Items: []shop.Item{{SKUID: sku, Qty: 1, UnitPrice: paidUnit}}}},
	})
	ch := channelID(t, mmenv.ChannelGeneral)
	root, ret := ask(t, cust, ch, "帮我退掉 "+orderID, "")
	requireCard(t, ret, orderID, paidUnit)
	_, pp := ask(t, cust, ch, "订单 "+orderID+" 刚下单就降价了，能退差价吗", root.Id)
	requireCard(t, pp, orderID, 30000)

	var wg sync.WaitGroup
	for _, card := range []*model.Post{ret, pp} {
		wg.Add(1)
		go func() { defer wg.Done(); _ = clickButton(t, cust, card.Id, "confirm") }()
	}
	wg.Wait()
	total, keys := shopSys.total()
	if total > paidUnit || keys != 1 {
		t.Fatalf("the shop refunded %d under %d keys on an order paid %d", total, keys, paidUnit)
	}
	// One card shows the refund, the other that it could not be completed.
	refunded := 0
	for _, card := range []*model.Post{ret, pp} {
		if strings.Contains(fieldText(getPost(t, card.Id)), "已退款") {
			refunded++
		}
	}
	if refunded != 1 {
		t.Fatalf("%d cards show a refund:\n%s\n%s", refunded, fieldText(getPost(t, ret.Id)), fieldText(getPost(t, pp.Id)))
	}
}

// Issue #14.2–3: the shop refunds but answers 409: the refund stays reserved and
// "in progress" (never "already refunded", never a second card), and the staff's
// retry with the same key settles it — the money moved once.
func TestAmbiguousShopAnswerKeepsTheRefund(t *testing.T) {
	const deposit = 12000
	cust, orderID := depositCustomer(t, "AMB", deposit)
	shopSys := withShopSystem(t, nil)
	shopSys.setAnswer(http.StatusConflict)
	ch := channelID(t, mmenv.ChannelGeneral)

	root, reply := ask(t, cust, ch, "我想退定金，订单 "+orderID, "")
	requireCard(t, reply, orderID, deposit)
	card := cardOf(t, reply)
	_ = clickButton(t, cust, reply.Id, "confirm")
	waitPost(t, reply.Id, replyTimeout, "in doubt", statusIs(i18n.T(i18n.ZH, "refund.status.in_doubt")))

	_, again := ask(t, cust, ch, "退定金 "+orderID, root.Id)
	if len(buttons(again)) != 0 || !strings.Contains(again.Message, "处理中") || strings.Contains(again.Message, "退过") {
		t.Fatalf("asking again during the doubt: %q\n%s", again.Message, fieldText(again))
	}
	if _, keys := shopSys.total(); keys != 1 {
		t.Fatalf("the shop saw %d keys", keys)
	}
	staffCh := channelID(t, mmenv.ChannelStaff)
	if list := runCommand(t, "staff1", staffCh, "/concierge refund list"); !strings.Contains(list, card) || !strings.Contains(list, orderID) {
		t.Fatalf("refund list: %q", list)
	}
	if out := runCommand(t, cust, ch, "/concierge refund retry "+card); strings.Contains(out, orderID) {
		t.Fatalf("a customer ran the staff command: %q", out)
	}

	shopSys.setAnswer(http.StatusOK)
	out := runCommand(t, "staff1", staffCh, "/concierge refund retry "+card)
	waitPost(t, reply.Id, replyTimeout, "refunded", statusIs(i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(deposit, "CNY"))))
	total, keys := shopSys.total()
	if total != deposit || keys != 1 {
		t.Fatalf("after the retry (%q): refunded %d under %d keys", out, total, keys)
	}
	shopSys.mu.Lock()
	defer shopSys.mu.Unlock()
	for _, k := range shopSys.calls {
		if k != card {
			t.Fatalf("calls %v: not all under the card's key %s", shopSys.calls, card)
		}
	}
}

// Issue #14.4: a customer who is also staff cannot approve their own refund.
func TestNoSelfApprovalOnTheServer(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	orderID := uniqueOrderID("SELF")
	paidAt := time.Now().Add(-24 * time.Hour).UTC().Truncate(time.Second)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: cust}},
		Orders: []shop.Order{{ID: orderID, User: cust, Status: shop.StatusPaid, PaidAt: &paidAt,
			Items: []shop.Item{{SKUID: "s-phone-1-256-black", Qty: 1, UnitPrice: 399900}}}},
	})
	ch := channelID(t, mmenv.ChannelGeneral)
	root, reply := ask(t, cust, ch, "帮我退掉 "+orderID, "")
	requireCard(t, reply, orderID, 399900)
	if err := clickButton(t, cust, reply.Id, "confirm"); err != nil {
		t.Fatal(err)
	}
	approval := approvalFor(t, orderID, postTime(root))
	// The customer joins the staff.
	staffCh := channelID(t, mmenv.ChannelStaff)
	if _, _, err := h.Admin().AddChannelMember(t.Context(), staffCh, userID(t, cust)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = h.Admin().RemoveUserFromChannel(t.Context(), staffCh, userID(t, cust)) })
	notes := watchEphemeral(t, cust)
	own := []string{i18n.T(i18n.ZH, "refund.click.own_refund"), i18n.T(i18n.EN, "refund.click.own_refund")}
	for _, action := range []string{"approve", "reject"} {
		_ = clickButton(t, cust, approval.Id, action)
		notes.wait(t, replyTimeout, "own refund refused", func(s string) bool { return s == own[0] || s == own[1] })
		requireUnchanged(t, cust, approval)
	}
	if err := clickButton(t, "staff1", approval.Id, "approve"); err != nil {
		t.Fatal(err)
	}
	waitPost(t, reply.Id, replyTimeout, "refunded", statusIs(i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(399900, "CNY"))))
}

// Issue #14.8: a post-action request that names another post reads nothing of it
// and changes neither that post nor the card.
func TestActionCannotNameAnotherPost(t *testing.T) {
	const deposit = 8000
	cust, orderID := depositCustomer(t, "FORGE", deposit)
	ch := channelID(t, mmenv.ChannelGeneral)
	_, reply := ask(t, cust, ch, "我想退定金，订单 "+orderID, "")
	requireCard(t, reply, orderID, deposit)
	secret := postAs(t, "staff1", channelID(t, mmenv.ChannelStaff), "internal note: the supplier's price is 1234", "")

	for _, action := range []string{"confirm", "cancel"} {
		status, body := pluginHTTP(t, cust, http.MethodPost, "/actions/refund", map[string]any{
			"post_id": secret.Id, "context": map[string]any{"card_id": cardOf(t, reply), "action": action},
		})
		if strings.Contains(string(body), "supplier") || strings.Contains(string(body), secret.Id) {
			t.Fatalf("%s: the response (%d) shows the other post: %s", action, status, truncate(body))
		}
	}
	if got := getPost(t, secret.Id); got.Message != secret.Message || len(got.Attachments()) != 0 {
		t.Fatalf("the other post changed: %+v", got)
	}
	requireUnchanged(t, cust, reply)
	requireCard(t, getPost(t, reply.Id), orderID, deposit)
}
