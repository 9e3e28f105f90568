package commerce

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
)

// testOrders: alice owns O-1, O-2, O-4, O-5, O-6; bob owns O-3. s-gone is no longer
// in the catalog.
const testOrders = `[
 {"id":"O-1","user":"alice","status":"paid","paid_at":"2026-11-01T10:00:00Z",
  "items":[{"sku_id":"s-run-38","qty":1,"unit_price":59900},{"sku_id":"s-tee","qty":2,"unit_price":9999}]},
 {"id":"O-2","user":"alice","status":"deposit_paid","items":[{"sku_id":"s-tv","qty":1,"unit_price":399900}],
  "deposit":{"amount":5000,"refundable":true}},
 {"id":"O-3","user":"bob","status":"shipped","paid_at":"2026-11-05T00:00:00+08:00",
  "items":[{"sku_id":"s-run-38","qty":1,"unit_price":59900}]},
 {"id":"O-4","user":"alice","status":"deposit_paid","items":[{"sku_id":"s-tv","qty":1,"unit_price":399900}],
  "deposit":{"amount":5000,"refundable":false}},
 {"id":"O-5","user":"alice","status":"delivered","paid_at":"2026-10-01T00:00:00Z",
  "items":[{"sku_id":"s-gone","qty":2,"unit_price":1000},{"sku_id":"s-run-38","qty":2,"unit_price":59900}]},
 {"id":"O-6","user":"alice","status":"cancelled","items":[{"sku_id":"s-sock","qty":1,"unit_price":1500}]}
]`

func TestListOrdersOnlyOwn(t *testing.T) {
	snap := testSnap(t, "", testCustomers, testOrders)
	ids := func(user string) string {
		var out []string
		for _, o := range ListOrders(snap, user) {
			if o.User != user {
				t.Errorf("%s sees %s's order %s", user, o.User, o.ID)
			}
			out = append(out, o.ID)
		}
		return strings.Join(out, ",")
	}
	if got := ids("alice"); got != "O-1,O-2,O-4,O-5,O-6" {
		t.Errorf("alice: %s", got)
	}
	if got := ids("bob"); got != "O-3" {
		t.Errorf("bob: %s", got)
	}
	data, _ := json.Marshal(ListOrders(snap, "nobody"))
	if string(data) != "[]" {
		t.Errorf("no orders = %s, want []", data)
	}
}

func TestGetOrder(t *testing.T) {
	snap := testSnap(t, "", testCustomers, testOrders)
	v, err := GetOrder(snap, "alice", "O-1")
	if err != nil {
		t.Fatal(err)
	}
	// 59900 + 9999 × 2 = 79898.
	if v.Total != 79898 || StatusMsg(v.Status).In(i18n.ZH) != "已付款，待发货" || v.Items[0].Title != "Run" ||
		v.Items[0].Attributes.Get("size") != "38" || v.Items[1].Title != "Tee" || v.PaidAt == nil {
		t.Errorf("got %+v", v)
	}
	data, _ := json.Marshal(v)
	for _, want := range []string{`"id":"O-1"`, `"status":"paid"`, `"paid_at":"2026-11-01T10:00:00Z"`,
		`"sku_id":"s-tee"`, `"qty":2`, `"unit_price":9999`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %s", data, want)
		}
	}
	gone, err := GetOrder(snap, "alice", "O-5")
	if err != nil || gone.Items[0].Title != "" || gone.Items[0].UnitPrice != 1000 || StatusMsg(gone.Status).In(i18n.EN) != "delivered" {
		t.Errorf("order with a gone sku: %+v, %v", gone, err)
	}
	dep, _ := GetOrder(snap, "alice", "O-2")
	if dep.Deposit == nil || dep.Deposit.Amount != 5000 || dep.PaidAt != nil {
		t.Errorf("deposit order: %+v", dep)
	}
}

// Another customer's order answers exactly like one that does not exist.
func TestGetOrderOfAnotherIsNotFound(t *testing.T) {
	snap := testSnap(t, "", testCustomers, testOrders)
	id := regexp.MustCompile(`O-\d+`)
	shape := func(user, orderID string) string {
		v, err := GetOrder(snap, user, orderID)
		var nf *NotFoundError
		if v != nil || !errors.As(err, &nf) || nf.Kind != "order" {
			t.Fatalf("GetOrder(%s, %s) = %+v, %v", user, orderID, v, err)
		}
		return id.ReplaceAllString(nf.In(i18n.EN), "ID")
	}
	if a, b := shape("alice", "O-3"), shape("alice", "O-999"); a != b {
		t.Errorf("another's order %q differs from a missing one %q", a, b)
	}
	shape("", "O-1") // no user owns nothing
}

func TestStatusMsg(t *testing.T) {
	for _, st := range []string{"deposit_paid", "paid", "shipped", "delivered", "refunded", "cancelled"} {
		en, zh := StatusMsg(st).In(i18n.EN), StatusMsg(st).In(i18n.ZH)
		if en == "" || zh == "" || zh == en || strings.Contains(en, "_") {
			t.Errorf("%s: en %q zh %q", st, en, zh)
		}
	}
	if StatusMsg("lost").In(i18n.ZH) != "lost" {
		t.Error("unknown status should pass through")
	}
}
