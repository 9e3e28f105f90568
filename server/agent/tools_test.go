package agent

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/tool"
)

func callTool(t *testing.T, tb *Toolbox, name, args string) (map[string]any, Effects) {
	t.Helper()
	res, eff := tb.Call(context.Background(), name, args)
	var m map[string]any
	if err := json.Unmarshal([]byte(res), &m); err != nil {
		t.Fatalf("%s(%s): result is not a JSON object: %q", name, args, res)
	}
	return m, eff
}

func TestDefinitionsAreTheSpecTools(t *testing.T) {
	f := newFixture(t)
	defs := NewToolbox(f.deps, turn("alice", "hi")).Definitions()
	var names []string
	for _, d := range defs {
		names = append(names, d.Name)
		var schema map[string]any
		if err := json.Unmarshal(d.Parameters, &schema); err != nil {
			t.Fatalf("%s: schema is not JSON: %v", d.Name, err)
		}
		if schema["type"] != "object" || schema["additionalProperties"] != false {
			t.Errorf("%s: schema must be a closed object: %v", d.Name, schema)
		}
		props, _ := schema["properties"].(map[string]any)
		for p := range props {
			if strings.Contains(strings.ToLower(p), "user") {
				t.Errorf("%s: takes a user argument %q", d.Name, p)
			}
		}
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if _, ok := props[r.(string)]; !ok {
				t.Errorf("%s: required %v is not a property", d.Name, r)
			}
		}
		if d.Description == "" {
			t.Errorf("%s: no description", d.Name)
		}
	}
	want := []string{"search_knowledge", "get_product", "compare_products", "quote_price", "list_orders", "get_order",
		"recommend_size", "check_price_protection", "offer_refund", "handoff_to_human"}
	if !slices.Equal(names, want) {
		t.Fatalf("tools %v, want %v", names, want)
	}
	// The SPEC argument names, exactly.
	args := map[string][]string{}
	for _, d := range defs {
		var schema struct{ Properties map[string]any }
		_ = json.Unmarshal(d.Parameters, &schema)
		for p := range schema.Properties {
			args[d.Name] = append(args[d.Name], p)
		}
		slices.Sort(args[d.Name])
	}
	for name, want := range map[string][]string{
		"quote_price": {"coupon", "items"},
		// The SPEC's arguments, and foot_mm: a measured foot length instead of a reference size.
		"recommend_size": {"foot_mm", "product_id", "reference_category", "reference_size", "reference_system"},
		// The SPEC's arguments, and sku_ids: a return of some of the order's lines.
		"offer_refund": {"kind", "order_id", "reason", "sku_ids"},
		"list_orders":  nil,
	} {
		if !slices.Equal(args[name], want) {
			t.Errorf("%s arguments %v, want %v", name, args[name], want)
		}
	}
}

func TestCallRejectsBadCalls(t *testing.T) {
	f := newFixture(t)
	tb := NewToolbox(f.deps, turn("alice", "hi"))
	cases := []struct {
		name, tool, args, code string
	}{
		{"unknown tool", "delete_everything", `{}`, codeUnknownTool},
		{"bad JSON", "get_order", `{"order_id": "O-1001"`, codeBadArguments},
		{"not an object", "get_order", `["O-1001"]`, codeBadArguments},
		{"user argument", "list_orders", `{"user":"bob"}`, codeBadArguments},
		{"extra argument", "get_order", `{"order_id":"O-1001","user":"bob"}`, codeBadArguments},
		{"extra argument in an item", "quote_price", `{"items":[{"sku_id":"s-run-1-38-white","qty":1,"price":1}]}`, codeBadArguments},
		{"missing required", "get_order", `{}`, codeBadArguments},
		{"wrong type", "quote_price", `{"items":[{"sku_id":"s-run-1-38-white","qty":"2"}]}`, codeBadArguments},
		{"fractional qty", "quote_price", `{"items":[{"sku_id":"s-run-1-38-white","qty":1.5}]}`, codeBadArguments},
		// What the schema promises (minItems, minimum) is checked with the arguments.
		{"empty cart", "quote_price", `{"items":[]}`, codeBadArguments},
		{"unknown sku", "quote_price", `{"items":[{"sku_id":"nope","qty":1}]}`, codeInvalidInput},
		{"zero qty", "quote_price", `{"items":[{"sku_id":"s-run-1-38-white","qty":0}]}`, codeBadArguments},
		{"blank sku", "quote_price", `{"items":[{"sku_id":" ","qty":1}]}`, codeBadArguments},
		{"compare six", "compare_products", `{"product_ids":["a","b","c","d","e","f"]}`, codeBadArguments},
		{"refund without reason", "offer_refund", `{"order_id":"O-1001","kind":"deposit"}`, codeBadArguments},
		{"size without reference or foot", "recommend_size", `{"product_id":"p-run-1"}`, codeBadArguments},
		{"bad refund kind", "offer_refund", `{"order_id":"O-1001","kind":"everything","reason":"x"}`, codeBadArguments},
		{"unknown product", "get_product", `{"product_id":"p-nope"}`, codeNotFound},
		{"compare one", "compare_products", `{"product_ids":["p-run-1","p-run-1"]}`, codeBadArguments},
		{"compare unknown", "compare_products", `{"product_ids":["p-run-1","p-nope"]}`, codeNotFound},
		{"size unknown reference", "recommend_size", `{"product_id":"p-run-1","reference_size":"60","reference_category":"leather-shoes"}`, codeNoSize},
		{"size without chart", "recommend_size", `{"product_id":"p-tee-1","reference_size":"M","reference_category":""}`, codeNoSize},
		{"empty query", "search_knowledge", `{"query":"  "}`, codeBadArguments},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, eff := callTool(t, tb, tc.tool, tc.args)
			if m["error"] == nil || m["error"] == "" || m["code"] != tc.code {
				t.Fatalf("%s(%s) = %v, want an error with code %s", tc.tool, tc.args, m, tc.code)
			}
			if len(eff.Cards) > 0 || eff.Handoff != nil {
				t.Errorf("an error had effects: %+v", eff)
			}
		})
	}
	if n := len(tb.Calls()); n != len(cases) {
		t.Errorf("%d calls recorded, want %d", n, len(cases))
	}
}

// No tool reads or changes another customer's orders: bob's order ids are "not
// found" for alice, exactly like ids that do not exist, and nothing of bob's order
// appears in the answer.
func TestToolsNeverReachAnotherCustomersOrders(t *testing.T) {
	f := newFixture(t)
	tb := NewToolbox(f.deps, turn("alice", "hi"))
	for _, tc := range []struct{ name, args string }{
		{"get_order", `{"order_id":"O-2001"}`},
		{"check_price_protection", `{"order_id":"O-3001"}`},
		{"offer_refund", `{"order_id":"O-3001","kind":"price_protection","reason":"drop"}`},
		{"offer_refund", `{"order_id":"O-2003","kind":"deposit","reason":"x"}`},
	} {
		res, eff := tb.Call(context.Background(), tc.name, tc.args)
		var e tool.ErrorResult
		_ = json.Unmarshal([]byte(res), &e)
		if e.Code != codeNotFound {
			t.Errorf("%s(%s) = %s, want not_found", tc.name, tc.args, res)
		}
		for _, secret := range []string{"bob", "carol", "s-run-2", "s-ac-1", "fridge", "349900", "20000"} {
			if strings.Contains(res, secret) {
				t.Errorf("%s(%s) leaks %q: %s", tc.name, tc.args, secret, res)
			}
		}
		if len(eff.Cards) > 0 {
			t.Errorf("%s(%s) offered a card", tc.name, tc.args)
		}
	}
	// The same message as for an id that does not exist.
	other, _ := tb.Call(context.Background(), "get_order", `{"order_id":"O-2001"}`)
	missing, _ := tb.Call(context.Background(), "get_order", `{"order_id":"O-9999"}`)
	if strings.ReplaceAll(other, "O-2001", "X") != strings.ReplaceAll(missing, "O-9999", "X") {
		t.Errorf("another's order reads differently from a missing one: %s vs %s", other, missing)
	}
	m, _ := callTool(t, tb, "list_orders", `{}`)
	orders := m["orders"].([]any)
	if len(orders) != 4 {
		t.Fatalf("alice has 4 orders, list_orders gave %d", len(orders))
	}
	for _, o := range orders {
		if u := o.(map[string]any)["user"]; u != "alice" {
			t.Errorf("list_orders returned an order of %v", u)
		}
	}
	// A turn without a customer sees no orders at all.
	anon := NewToolbox(f.deps, Turn{Messages: []string{"hi"}})
	m, _ = callTool(t, anon, "list_orders", ``)
	if len(m["orders"].([]any)) != 0 {
		t.Errorf("anonymous list_orders = %v", m)
	}
}

func TestToolResultsUseTheSpecKeys(t *testing.T) {
	f := newFixture(t)
	tb := NewToolbox(f.deps, turn("alice", "hi"))

	// quote_price is the /quote object, computed for the bound customer.
	m, _ := callTool(t, tb, "quote_price", `{"items":[{"sku_id":"s-run-1-39-white","qty":2}],"coupon":"C50"}`)
	want := quote(t, "alice", "C50", commerce.CartLine{SKUID: "s-run-1-39-white", Qty: 2})
	if int64(m["total"].(float64)) != want.Total || want.Total <= 0 {
		t.Errorf("quote total %v, want %d", m["total"], want.Total)
	}
	for _, k := range []string{"currency", "lines", "steps", "notes", "total"} {
		if _, ok := m[k]; !ok {
			t.Errorf("quote_price has no %q: %v", k, m)
		}
	}
	if bob := quote(t, "bob", "C50", commerce.CartLine{SKUID: "s-run-1-39-white", Qty: 2}); bob.Total == want.Total {
		t.Fatalf("fixture: alice (vip, holds C50) and bob should not pay the same")
	}

	// check_price_protection: O-1001 was paid ¥599, the sku is ¥479.20 now.
	m, _ = callTool(t, tb, "check_price_protection", `{"order_id":"O-1001"}`)
	now, _ := commerce.UnitPriceAt(demoSnap, "s-run-1-39-white", demoNow)
	if m["order_id"] != "O-1001" || int64(m["refund_total"].(float64)) != 59900-now || now >= 59900 {
		t.Errorf("price protection %v, want refund_total %d", m, 59900-now)
	}
	line := m["lines"].([]any)[0].(map[string]any)
	for _, k := range []string{"sku_id", "qty", "paid_unit", "now_unit", "refund"} {
		if _, ok := line[k]; !ok {
			t.Errorf("price protection line has no %q: %v", k, line)
		}
	}

	// recommend_size: 38 in leather shoes (240 mm) on the Gale runner (+5 mm) → 39.
	m, _ = callTool(t, tb, "recommend_size", `{"product_id":"p-run-1","reference_size":"38","reference_category":"leather-shoes"}`)
	if m["product_id"] != "p-run-1" || m["recommended_size"] != "39" || m["reference_foot_mm"] != float64(240) {
		t.Errorf("recommend_size = %v", m)
	}

	// get_product: the price now is the item promotion's.
	m, _ = callTool(t, tb, "get_product", `{"product_id":"p-run-1"}`)
	sku := m["skus"].([]any)[0].(map[string]any)
	if sku["price"] != float64(59900) || sku["price_now"] != float64(now) || len(m["promotions"].([]any)) == 0 {
		t.Errorf("get_product = %v", m)
	}

	// search_knowledge answers with the documents' text.
	m, _ = callTool(t, tb, "search_knowledge", `{"query":"定金能退吗"}`)
	first := m["results"].([]any)[0].(map[string]any)
	if first["kind"] != "faq" || !strings.Contains(first["text"].(string), "定金") {
		t.Errorf("search_knowledge first result = %v", first)
	}
}

func TestOfferRefundAttachesTheCard(t *testing.T) {
	f := newFixture(t)
	tr := turn("carol", "price protection")
	tr.Where = Where{ChannelID: "dm-carol", DM: true}
	tb := NewToolbox(f.deps, tr)
	m, eff := callTool(t, tb, "offer_refund", `{"order_id":"O-3001","kind":"price_protection","reason":"price dropped"}`)
	// Paid ¥3499 × 2; ¥300 off each now. Above the ¥500 limit: staff approve.
	if m["order_id"] != "O-3001" || m["kind"] != "price_protection" || m["amount"] != float64(60000) ||
		m["needs_approval"] != true || m["card_id"] == "" {
		t.Fatalf("offer_refund = %v", m)
	}
	if len(eff.Cards) != 1 || !strings.Contains(offerValues(eff.Cards), "¥600.00") {
		t.Fatalf("card attachment %+v", eff.Cards)
	}
	card, err := f.refunds.Get(m["card_id"].(string))
	if err != nil || card == nil {
		t.Fatalf("card not stored: %v", err)
	}
	if card.Username != "carol" || card.UserID != "uid-carol" || card.ChannelID != "dm-carol" || !card.DM ||
		card.ConversationID != "conv-carol" || card.Reason != "price dropped" {
		t.Errorf("card is not bound to the turn: %+v", card)
	}

	// A refund the rules refuse is an error the caller can act on, and no card.
	bob := NewToolbox(f.deps, turn("bob", "deposit"))
	m, eff = callTool(t, bob, "offer_refund", `{"order_id":"O-2003","kind":"deposit","reason":"changed my mind"}`)
	if m["code"] != codeNotEligible || m["reason"] != commerce.ReasonNotRefundable || len(eff.Cards) != 0 {
		t.Errorf("non-refundable deposit = %v", m)
	}
}

// offerValues is what the cards offered say: order, kind and amount of each.
func offerValues(cards []tool.OfferedCard) string {
	var b strings.Builder
	for _, c := range cards {
		b.WriteString(c.OrderID + " " + c.Kind + " " + i18n.Money(c.Amount, c.Currency) + " ")
	}
	return b.String()
}

func TestHandoffToolSetsTheHandoff(t *testing.T) {
	f := newFixture(t)
	tb := NewToolbox(f.deps, turn("alice", "我要投诉", "太慢了"))
	m, eff := callTool(t, tb, "handoff_to_human", `{"reason":"customer is upset"}`)
	if m["handed_off"] != true || eff.Handoff == nil || eff.Handoff.Reason != "customer is upset" ||
		!strings.Contains(eff.Handoff.Summary, "太慢了") {
		t.Fatalf("handoff = %v, %+v", m, eff.Handoff)
	}
	var merged Effects
	merged.Merge(eff)
	merged.Merge(Effects{Handoff: &Handoff{Reason: "second"}})
	if merged.Handoff.Reason != "customer is upset" {
		t.Errorf("the first handoff request must win, got %q", merged.Handoff.Reason)
	}
}

type panickySearch struct{}

func (panickySearch) Search(context.Context, string, knowledge.SearchOptions) ([]knowledge.Hit, error) {
	panic("boom")
}

type notReadySearch struct{}

func (notReadySearch) Search(context.Context, string, knowledge.SearchOptions) ([]knowledge.Hit, error) {
	return nil, knowledge.ErrNotReady
}

type failingSearch struct{}

func (failingSearch) Search(context.Context, string, knowledge.SearchOptions) ([]knowledge.Hit, error) {
	return nil, errors.New("disk on fire at /var/secret/path")
}

func TestToolFailuresAreErrorObjects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		search Searcher
		code   string
		logged bool
	}{
		{"panic", panickySearch{}, codeInternal, true},
		{"not ready", notReadySearch{}, codeUnavailable, false},
		{"internal error", failingSearch{}, codeInternal, true},
		{"not wired", nil, codeUnavailable, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.deps.Search = tc.search
			res, _ := NewToolbox(f.deps, turn("alice", "hi")).Call(context.Background(), "search_knowledge", `{"query":"退货"}`)
			var e tool.ErrorResult
			if err := json.Unmarshal([]byte(res), &e); err != nil || e.Code != tc.code {
				t.Fatalf("result %s, want code %s", res, tc.code)
			}
			if strings.Contains(res, "secret") || strings.Contains(res, "boom") {
				t.Errorf("internal detail leaked: %s", res)
			}
			if logged := len(f.log.lines) > 0; logged != tc.logged {
				t.Errorf("logged %v, want %v: %v", logged, tc.logged, f.log.lines)
			}
		})
	}
	f := newFixture(t)
	f.deps.Refunds = nil
	m, _ := callTool(t, NewToolbox(f.deps, turn("alice", "x")), "offer_refund", `{"order_id":"O-1003","kind":"deposit","reason":"x"}`)
	if m["code"] != codeUnavailable {
		t.Errorf("offer_refund without a refund service = %v", m)
	}
}
