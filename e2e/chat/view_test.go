package chat

import (
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/cards"
)

func card(status string, withButtons bool) *model.Post {
	a := &model.MessageAttachment{Title: "Deposit refund", Fields: []*model.MessageAttachmentField{
		{Title: "Order", Value: "O-1"}, {Title: "Status", Value: status}}}
	if withButtons {
		a.Actions = []*model.PostAction{{Id: "confirm", Name: "Confirm"}, {Id: "cancel", Name: "Cancel"}}
	}
	p := &model.Post{Id: "p1", ChannelId: "ch", Message: "Here is your refund."}
	p.AddProp("attachments", []*model.MessageAttachment{a})
	return p
}

func TestViewNumbersButtonsAndPrintsOnlyChanges(t *testing.T) {
	v := newView()
	text, ok := v.update(card("waiting", true), "concierge", false)
	if !ok || !strings.Contains(text, "(post 1) @concierge:") || !strings.Contains(text, "Order: O-1") || !strings.Contains(text, "[1] Confirm  [2] Cancel") {
		t.Fatalf("first print %v:\n%s", ok, text)
	}
	if b, ok := v.button("2"); !ok || b.postID != "p1" || b.actionID != "cancel" {
		t.Fatalf("button 2: %+v %v", b, ok)
	}
	if _, ok := v.update(card("waiting", true), "concierge", false); ok {
		t.Fatal("an unchanged post was printed again")
	}
	text, ok = v.update(card("refunded", false), "concierge", false)
	if !ok || !strings.Contains(text, "(post 1) (updated) @concierge:") || !strings.Contains(text, "Status: refunded") || strings.Contains(text, "[3]") {
		t.Fatalf("updated card %v:\n%s", ok, text)
	}
	if _, ok := v.button("x"); ok {
		t.Fatal("a non-number is a button")
	}
}

func TestViewWaitsForAStreamedReply(t *testing.T) {
	v := newView()
	p := &model.Post{Id: "r1", ChannelId: "ch", Message: "Half an ans"}
	p.AddProp(propStreaming, true)
	if _, ok := v.update(p, "concierge", false); ok {
		t.Fatal("a reply still being written was printed")
	}
	p = &model.Post{Id: "r1", ChannelId: "ch", Message: "Half an answer, now whole."}
	if text, ok := v.update(p, "concierge", false); !ok || !strings.Contains(text, "now whole") {
		t.Fatalf("the final reply: %v %q", ok, text)
	}
}

func TestViewMarksHandoffsAndThreads(t *testing.T) {
	v := newView()
	h := &model.Post{Id: "h1", ChannelId: "staff", Message: "Customer @bob needs a person"}
	h.AddProp(propHandoff, "conv1")
	text, ok := v.update(h, "concierge", true)
	if !ok || !strings.Contains(text, "[handoff — /thread 1 to answer it]") {
		t.Fatalf("handoff: %q", text)
	}
	reply := &model.Post{Id: "r2", ChannelId: "staff", RootId: "h1", Message: "I'm on it"}
	if _, ok := v.update(reply, "staff1", true); !ok {
		t.Fatal("a staff reply was not shown")
	}
	if p, ok := v.post("2"); !ok || p.rootID != "h1" || p.channelID != "staff" {
		t.Fatalf("post 2 continues thread %+v", p)
	}
	if got := v.channelOf("h1", "dm"); got != "staff" {
		t.Fatalf("channel of h1: %q", got)
	}
}

// A post with the plugin's cards is drawn from its typed prop, each card once: not
// again from its Markdown message nor from its attachment, whose buttons still count.
func TestViewDrawsCardsFromTheirProps(t *testing.T) {
	p := card("Waiting for your confirmation", true)
	cards.Apply(p, cards.View{Lang: "en", Text: "Here is your refund.", Cards: []cards.Card{
		{Kind: cards.KindPrice, Price: &cards.Price{Currency: "CNY", Total: 24900,
			Lines: []cards.PriceLine{{Item: cards.Item{Name: "Item A", Variant: "M / red"}, Qty: 1, List: 29900, Final: 24900}},
			Steps: []cards.PriceStep{{Kind: "discount", Title: "Spring sale", Off: 5000}}}},
		{Kind: cards.KindRefund, Refund: &cards.Refund{ID: "r1", Kind: "deposit", Title: "Deposit refund", OrderID: "O-1",
			Currency: "CNY", Amount: 10000, State: "offered", Status: "Waiting for your confirmation", Actions: []string{"confirm", "cancel"}}},
	}})
	text, ok := newView().update(p, "concierge", false)
	if !ok {
		t.Fatal("not printed")
	}
	for _, want := range []string{"Here is your refund.", "┌ Price breakdown", "│ - Item A (M / red) × 1, list price ¥299.00", "│ - Spring sale: −¥50.00",
		"│ Total: ¥249.00", "┌ Deposit refund · order O-1", "│ Amount: ¥100.00", "│ Status: Waiting for your confirmation", "[1] Confirm  [2] Cancel"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	for _, once := range []string{"Here is your refund.", "Waiting for your confirmation", "Spring sale"} {
		if n := strings.Count(text, once); n != 1 {
			t.Errorf("%q shown %d times:\n%s", once, n, text)
		}
	}
	if strings.Contains(text, "**") {
		t.Errorf("Markdown emphasis on a terminal:\n%s", text)
	}
}

func TestViewDrawsAHandoffSummaryFromItsFields(t *testing.T) {
	p := &model.Post{Id: "h1", ChannelId: "staff", Message: "Customer bob needs a person"}
	p.AddProp(propHandoff, "conv1")
	cards.Apply(p, cards.View{Lang: "en", Text: "Customer bob needs a person", Cards: []cards.Card{{Kind: cards.KindHandoff,
		Handoff: &cards.Handoff{ConversationID: "conv1", Customer: "bob", Title: "Handoff summary",
			Fields: []cards.Field{{Title: "Wants", Value: "a refund\nfor order O-2"}}, Footer: "private"}}}})
	text, _ := newView().update(p, "concierge", true)
	if !strings.Contains(text, "┌ Handoff summary") || !strings.Contains(text, "│ Wants: a refund\n") || !strings.Contains(text, "│   for order O-2") ||
		!strings.Contains(text, "│ private") {
		t.Errorf("handoff:\n%s", text)
	}
}

func TestPostTextNamesTheButtons(t *testing.T) {
	got := PostText(card("waiting", true))
	if !strings.HasSuffix(got, "\n[Confirm] [Cancel]") || !strings.Contains(got, "│ Status: waiting") {
		t.Fatalf("transcript:\n%s", got)
	}
	if got := PostText(card("refunded", false)); strings.Contains(got, "[") {
		t.Fatalf("a settled card has buttons in the transcript:\n%s", got)
	}
}
