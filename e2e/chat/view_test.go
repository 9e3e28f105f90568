package chat

import (
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
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
