package command

import (
	"context"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/refund"
)

type staffSet map[string]bool

func (s staffSet) IsStaff(id string) bool { return s[id] }

// fakeRefunds records what the command asked for.
type fakeRefunds struct {
	open  []*refund.Card
	calls []string
}

func (f *fakeRefunds) Open() ([]*refund.Card, error) { return f.open, nil }
func (f *fakeRefunds) Retry(_ context.Context, id string) (*refund.Card, error) {
	f.calls = append(f.calls, "retry "+id)
	return f.open[0], nil
}
func (f *fakeRefunds) Settle(_ context.Context, id, uid, name string, done bool, ref string) (*refund.Card, error) {
	if uid == f.open[0].UserID {
		return nil, refund.ErrOwnRefund
	}
	f.calls = append(f.calls, "settle "+id+" "+name+" "+map[bool]string{true: "done", false: "failed"}[done]+" "+ref)
	return f.open[0], nil
}
func (f *fakeRefunds) GoodsReceived(_ context.Context, id, _, _ string) (*refund.Card, error) {
	return nil, refund.ErrNotOpen
}

func TestRefundCommand(t *testing.T) {
	card := &refund.Card{ID: "c1", UserID: "u-alice", Username: "alice", State: refund.StateInDoubt, Lang: "en",
		Error: "HTTP 504", Offer: commerce.Offer{OrderID: "O-9", Kind: commerce.KindDeposit, Amount: 5000, Currency: "CNY"}}
	rf := &fakeRefunds{open: []*refund.Card{card}}
	h := New(Deps{Refunds: rf, Staff: staffSet{"u-staff": true, "u-alice": true}, API: fakeAPI{users: map[string]*model.User{
		"u-staff": {Id: "u-staff", Username: "staff1"}, "u-bob": {Id: "u-bob", Username: "bob"}, "u-alice": {Id: "u-alice", Username: "alice"},
	}}})
	run := func(user, cmd string) string {
		return h.Execute(&model.CommandArgs{UserId: user, Command: cmd}).Text
	}
	if got := run("u-bob", "/concierge refund list"); !strings.Contains(got, "Only staff") || strings.Contains(got, "O-9") {
		t.Fatalf("customer: %q", got)
	}
	if got := run("u-staff", "/concierge refund list"); !strings.Contains(got, "`c1` @alice · O-9") || !strings.Contains(got, "¥50.00") || !strings.Contains(got, "HTTP 504") {
		t.Fatalf("list: %q", got)
	}
	run("u-staff", "/concierge refund retry c1")
	run("u-staff", "/concierge refund done c1 SHOP-7")
	if got := run("u-alice", "/concierge refund failed c1"); !strings.Contains(got, "your own") {
		t.Fatalf("own refund: %q", got)
	}
	if got := run("u-staff", "/concierge refund received c1"); !strings.Contains(got, "not processing") {
		t.Fatalf("received: %q", got)
	}
	if got := run("u-staff", "/concierge refund retry"); !strings.Contains(got, "Usage") {
		t.Fatalf("usage: %q", got)
	}
	if strings.Join(rf.calls, "|") != "retry c1|settle c1 staff1 done SHOP-7" {
		t.Fatalf("calls %v", rf.calls)
	}
}
