package agent

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
)

// Issue #15.2: an order named by what was bought — only the customer's own.
func TestOrderNamedByWhatWasBought(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "我买的电热水壶到哪了"))
	if !strings.Contains(r.Text, "O-1004") || strings.Contains(r.Text, "O-1001") {
		t.Fatalf("kettle order: %q", r.Text)
	}
	r, _ = f.plan(t, turn("alice", "has my kettle shipped yet?"))
	if !strings.Contains(r.Text, "O-1004") {
		t.Fatalf("kettle, english: %q", r.Text)
	}
	r, _ = f.plan(t, turn("carol", "where is my air conditioner order"))
	if !strings.Contains(r.Text, "O-3001") || strings.Contains(r.Text, "O-3002") {
		t.Fatalf("air conditioner order: %q", r.Text)
	}
	// Bob's carbon racer is not alice's: she bought none, and sees none of his.
	r, _ = f.plan(t, turn("alice", "我买的碳板跑鞋到哪了"))
	if strings.Contains(r.Text, "O-2001") {
		t.Fatalf("another customer's order: %q", r.Text)
	}
	// A return of what was bought offers that order's card.
	r, calls := f.plan(t, turn("alice", "那双牛津鞋不想要了 想退"))
	mustOffer(t, calls, "O-1004", commerce.KindReturn)
	if len(r.Offers) != 1 {
		t.Fatalf("no card: %q", r.Text)
	}
	// In context: the order from the earlier message, the question in this one.
	r, _ = f.plan(t, followTurn("alice", "发货了没", "我前几天买了个电热水壶"))
	if !strings.Contains(r.Text, "O-1004") {
		t.Fatalf("follow-up about an order: %q", r.Text)
	}
}

// "把订单列一下" lists them all; the order under discussion carries to the next
// message; "10月份买的" keeps the orders paid that month.
func TestOrderListCarryAndMonth(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("carol", "我有几个订单 帮我列一下"))
	for _, id := range []string{"O-3001", "O-3002", "O-3003"} {
		if !strings.Contains(r.Text, id) {
			t.Fatalf("list lacks %s: %q", id, r.Text)
		}
	}
	r, calls := f.plan(t, followTurn("carol", "这单能退吗 不想要了", "帮我查下O-3003"))
	mustOffer(t, calls, "O-3003", commerce.KindReturn)
	_ = r
	s := newSession(context.Background(), f.deps, turn("bob", "10月份买的那双鞋到哪了"))
	for _, id := range s.orderIDs() {
		if id != "O-2001" && id != "O-2004" {
			t.Fatalf("October orders: %v", s.orderIDs())
		}
	}
}

// The order the bot's last reply showed is the one a follow-up means ("上个月买的衣服"
// → its order → "能退差价不" is about that order, not another with a price drop).
func TestOrderShownCarriesToTheNextMessage(t *testing.T) {
	f := newFixture(t)
	first := turn("alice", "我上个月买的衣服")
	r1, _ := f.plan(t, first)
	if !strings.Contains(r1.Text, "O-1002") || strings.Contains(r1.Text, "O-1001") {
		t.Fatalf("clothes order: %q", r1.Text)
	}
	next := turn("alice", "现在降价没 能退差价不")
	next.History = []Message{{FromCustomer: true, Text: first.Messages[0]}, {Text: r1.Text}}
	r, _ := f.plan(t, next)
	if strings.Contains(r.Text, "O-1001") || len(r.Offers) > 0 {
		t.Fatalf("another order's refund: %q", r.Text)
	}
}

// An English customer names what they bought in English; the glossary carries
// the words to the Chinese title and variant of the item bought.
func TestGlossedWordsNameWhatWasBought(t *testing.T) {
	got := glossedWordsIn("i want to return the pink cat backpack", "窝窝 太空舱双肩猫包 粉色")
	if strings.Join(got, ",") != "pink,cat,backpack" {
		t.Fatalf("glossed words: %v", got)
	}
	if got := glossedWordsIn("where is my dog food", "太空舱双肩猫包 粉色"); len(got) != 0 {
		t.Fatalf("no word of another product: %v", got)
	}
}

// "昨天付的款": the orders paid yesterday in their own time zone; none that day, all.
func TestOrdersOnTheDayTold(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	at := func(d, h int) *time.Time { v := time.Date(2026, 12, d, h, 0, 0, 0, cst); return &v }
	orders := []shop.Order{{ID: "A", PaidAt: at(4, 10)}, {ID: "B", PaidAt: at(3, 23)}, {ID: "C"}}
	now := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC) // 09:00 on the 5th in CST
	ids := func(os []shop.Order) (out []string) {
		for _, o := range os {
			out = append(out, o.ID)
		}
		return out
	}
	if got := ids(onDayTold(orders, "床昨天付的款 啥时候发", now)); strings.Join(got, ",") != "A" {
		t.Errorf("yesterday: %v", got)
	}
	if got := ids(onDayTold(orders, "the one i paid for the day before yesterday", now)); strings.Join(got, ",") != "B" {
		t.Errorf("day before yesterday: %v", got)
	}
	if got := ids(onDayTold(orders, "昨晚下的单 发了没", now)); strings.Join(got, ",") != "A" {
		t.Errorf("last night: %v", got)
	}
	if got := ids(onDayTold(orders, "今天付的", now)); len(got) != 3 {
		t.Errorf("none today: all, got %v", got)
	}
}

// A model code shaped like an order id ("HW-260穿啥码") is the product's, not an
// order to report missing; another customer's order id still reads "not found".
func TestModelCodeIsNoOrderID(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-tee", Title: "戊牌 重磅T恤 HW-260", Category: "t-shirts",
		Description: "100%棉。", SKUs: []shop.SKU{{ID: "s-t-tee", Price: 9900, Stock: 5}}})
	if r, _ := f.plan(t, turn("alice", "HW-260是纯棉的吗")); strings.Contains(r.Text, "HW-260。") || strings.Contains(r.Text, "没有找到") {
		t.Fatalf("a model code read as an order: %q", r.Text)
	}
	if r, _ := f.plan(t, turn("alice", "O-3001到哪了")); !strings.Contains(r.Text, "O-3001") {
		t.Fatalf("another's order id: %q", r.Text)
	}
}

// An order is named by its product's model code written in parts ("F-08"), with or
// without the hyphen.
func TestOrderNamedByAModelCodeInParts(t *testing.T) {
	p := &shop.Product{ID: "x", Title: "诺德 Nordlys Fjord F-08 板材猫眼光学镜架"}
	for _, low := range []string{"f-08那个订单怎么没了", "f08的单到哪了"} {
		if !contains(productWordsIn(low, p), "f08") {
			t.Errorf("%q: %v", low, productWordsIn(low, p))
		}
	}
	if got := productWordsIn("f-09的单", p); len(got) != 0 {
		t.Errorf("another code: %v", got)
	}
}
