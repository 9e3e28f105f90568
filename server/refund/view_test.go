package refund

import (
	"context"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
)

// A card names its lines by product for every client (attachment, props, Markdown),
// and a click re-renders the props of the post that carries it.
func TestCardViewNamesLinesAndFollowsTheClick(t *testing.T) {
	f := newFixture(t, 1_000_000)
	c, err := f.svc.Offer(context.Background(), OfferInput{UserID: "u-alice", Username: "alice", ChannelID: "ch", RootID: "root",
		OrderID: "O-2", Kind: commerce.KindReturn, Lang: i18n.EN})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Shown) != 1 || c.Shown[0].Name != "Phone" || c.Shown[0].Amount != 399900 {
		t.Fatalf("shown lines %+v, want the returned phone by name", c.Shown)
	}
	for _, fld := range c.Attachment().Fields {
		if fld.Title == "s1" {
			t.Errorf("the attachment shows the SKU id: %+v", fld)
		}
	}
	p := &model.Post{ChannelId: "ch", RootId: "root"}
	model.ParseMessageAttachment(p, []*model.MessageAttachment{c.Attachment()})
	p.AddProp(PropCards, []string{c.ID})
	cards.Apply(p, cards.View{Lang: "en", Text: "Here it is.", Cards: []cards.Card{{Kind: cards.KindRefund, Refund: new(c.View(nil))}}})
	created, _ := f.api.CreatePost(p)
	if err := f.svc.AttachPost(c.ID, created.Id); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(created.Message, "Phone × 1") || !strings.Contains(created.Message, "Waiting for your confirmation") {
		t.Fatalf("message:\n%s", created.Message)
	}

	resp := f.svc.click(context.Background(), "u-alice", c.ID, "cancel", created.Id)
	v, ok := cards.FromPost(resp.Update)
	if !ok || len(v.Cards) != 1 {
		t.Fatalf("the update carries no view: %+v", resp.Update)
	}
	r := v.Cards[0].Refund
	if r.State != StateCancelled || len(r.Actions) != 0 || r.Lines[0].Name != "Phone" {
		t.Errorf("refund after cancel: %+v", r)
	}
	if resp.Update.Type != "custom_concierge_refund" || !strings.Contains(resp.Update.Message, "Status: Cancelled") {
		t.Errorf("update %q:\n%s", resp.Update.Type, resp.Update.Message)
	}
}
