package refund

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
)

// Issue #14.8: a click naming another post (or a card whose post is not recorded)
// changes nothing and shows nothing of any post; the update is always the card's own.
func TestClickPostComesFromTheCard(t *testing.T) {
	f := newFixture(t, 50000)
	ctx := context.Background()
	secret, _ := f.api.CreatePost(postWith("ch-private", "a private message of someone else"))
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
	for _, forged := range []string{secret.Id, "", "nonexistent"} {
		resp := f.svc.click(ctx, "u-alice", c.ID, "confirm", forged)
		if resp.Update != nil || !strings.Contains(resp.EphemeralText, "no longer valid") || f.state(t, c.ID) != StateOffered {
			t.Fatalf("post %q: %+v, state %s", forged, resp, f.state(t, c.ID))
		}
	}
	resp := f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	if resp.Update == nil || resp.Update.Id != postID || f.state(t, c.ID) != StateRefunded {
		t.Fatalf("own post: %+v, state %s", resp.Update, f.state(t, c.ID))
	}
	// A card whose post was never recorded cannot be clicked at all.
	bare, err := f.svc.Offer(ctx, OfferInput{UserID: "u-alice", Username: "alice", ChannelID: "ch", OrderID: "O-2", Kind: commerce.KindReturn, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if resp := f.svc.click(ctx, "u-alice", bare.ID, "confirm", secret.Id); resp.Update != nil || f.state(t, bare.ID) != StateOffered {
		t.Fatalf("unrecorded card: %+v", resp)
	}
	// A click that comes before the post is recorded is taken from the bot's post in
	// the card's channel that names the card — and only from it.
	forged := postWith("ch", "a customer's post naming the card")
	forged.UserId = "u-alice"
	forged.AddProp(PropCards, []any{bare.ID})
	fp, _ := f.api.CreatePost(forged)
	if resp := f.svc.click(ctx, "u-alice", bare.ID, "cancel", fp.Id); resp.Update != nil || f.state(t, bare.ID) != StateOffered {
		t.Fatalf("customer's post naming the card: %+v", resp)
	}
	reply := postWith("ch", "Here is your return")
	reply.UserId = "bot"
	reply.AddProp(PropCards, []any{bare.ID})
	rp, _ := f.api.CreatePost(reply)
	if resp := f.svc.click(ctx, "u-alice", bare.ID, "cancel", rp.Id); resp.Update == nil || resp.Update.Id != rp.Id || f.state(t, bare.ID) != StateCancelled {
		t.Fatalf("the bot's reply naming the card: %+v, state %s", resp.Update, f.state(t, bare.ID))
	}
	// The recorded post is set once; a later attach does not move it.
	_ = f.svc.AttachPost(c.ID, secret.Id)
	if got, _ := f.svc.Get(c.ID); got.PostID != postID {
		t.Fatalf("post moved to %s", got.PostID)
	}
}

// Issue #14.4: a staff member (or admin) who is the customer cannot approve, reject
// or settle their own refund; another staff member can.
func TestNoSelfApproval(t *testing.T) {
	f := newFixture(t, 1000)
	f.staff["u-alice"] = true // alice is staff and a customer
	ctx := context.Background()
	c, postID := f.offerAndPost(t, "O-2", commerce.KindReturn)
	f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	got, _ := f.svc.Get(c.ID)
	for _, action := range []string{"approve", "reject"} {
		resp := f.svc.click(ctx, "u-alice", c.ID, action, got.ApprovalPostID)
		if !strings.Contains(resp.EphemeralText, "your own") || f.state(t, c.ID) != StateAwaitingApproval {
			t.Fatalf("%s own refund: %+v, state %s", action, resp, f.state(t, c.ID))
		}
	}
	if f.repo.Snapshot().OrderOf("alice", "O-2").Status != shop.StatusPaid {
		t.Fatal("money moved on a self-approval")
	}
	f.svc.click(ctx, "u-staff", c.ID, "approve", got.ApprovalPostID)
	if f.state(t, c.ID) != StateRefunded {
		t.Fatalf("another staff member's approval: %s", f.state(t, c.ID))
	}
}

// Issue #14.6: the limit is the one in force at confirmation, and an old card expires.
func TestLimitAtConfirmationAndExpiry(t *testing.T) {
	f := newFixture(t, 100000)
	ctx := context.Background()
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit) // 5000 ≤ 100000: offered without approval
	if c.NeedsApproval {
		t.Fatal("offered with approval")
	}
	f.limit = 1000 // lowered after the offer
	f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	if got, _ := f.svc.Get(c.ID); got.State != StateAwaitingApproval || !got.NeedsApproval || got.Limit != 1000 {
		t.Fatalf("after the limit was lowered: %+v", got)
	}
	if f.repo.Snapshot().OrderOf("alice", "O-1").Status != shop.StatusDepositPaid {
		t.Fatal("money moved above the current limit")
	}

	f2 := newFixture(t, 100000)
	c2, post2 := f2.offerAndPost(t, "O-1", commerce.KindDeposit)
	f2.now = f2.now.Add(48*time.Hour + time.Second)
	resp := f2.svc.click(ctx, "u-alice", c2.ID, "confirm", post2)
	if f2.state(t, c2.ID) != StateExpired || !strings.Contains(resp.EphemeralText, "expired") {
		t.Fatalf("expired card: %+v, state %s", resp, f2.state(t, c2.ID))
	}
	if f2.repo.Snapshot().OrderOf("alice", "O-1").Status != shop.StatusDepositPaid || len(f2.entries(t, "O-1")) != 0 {
		t.Fatal("an expired card moved money")
	}
	// Asking again gives a fresh card.
	if _, err := f2.svc.Offer(ctx, OfferInput{UserID: "u-alice", Username: "alice", OrderID: "O-1", Kind: commerce.KindDeposit, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
}

// Issue #14.7: with the built-in backend, a return of goods that left the warehouse
// waits until staff mark them received; only then does the order change.
func TestReturnWaitsForTheGoods(t *testing.T) {
	f := newFixture(t, 50000)
	ctx := context.Background()
	c, postID := f.offerAndPost(t, "O-3", commerce.KindReturn)
	resp := f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	got, _ := f.svc.Get(c.ID)
	if !got.AwaitingGoods() || f.repo.Snapshot().OrderOf("alice", "O-3").Status != shop.StatusShipped {
		t.Fatalf("before the goods are back: %+v", got)
	}
	if e := f.entries(t, "O-3"); len(e) != 1 || e[0].State != commerce.LedgerAccepted {
		t.Fatalf("ledger %+v", e)
	}
	if status := lastField(resp.Update); !strings.Contains(status, "returned goods arrive") {
		t.Fatalf("card status %q", status)
	}
	if v := got.View(nil); v.State != StatePending || v.Stage != StageAwaitingGoods {
		t.Fatalf("card view state %q stage %q, want pending awaiting the goods", v.State, v.Stage)
	}
	// The customer cannot mark their own goods received.
	if _, err := f.svc.GoodsReceived(ctx, c.ID, "u-alice", "alice"); err == nil {
		t.Fatal("the customer marked the goods received")
	}
	final, err := f.svc.GoodsReceived(ctx, c.ID, "u-staff", "staff1")
	if err != nil || final.State != StateRefunded || f.repo.Snapshot().OrderOf("alice", "O-3").Status != shop.StatusRefunded {
		t.Fatalf("after the goods arrived: %+v, %v", final, err)
	}
	if e := f.entries(t, "O-3"); e[0].State != commerce.LedgerDone {
		t.Fatalf("ledger %+v", e)
	}
	if open, _ := f.svc.Open(); len(open) != 0 {
		t.Fatalf("still open: %+v", open)
	}
}

// Issue #14.9: a KV failure during a click is an error message, not a panic.
func TestClickSurvivesStoreFailure(t *testing.T) {
	f := newFixture(t, 50000)
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
	f.kv.FailSet = func(key string) bool { return strings.HasPrefix(key, "refund/") }
	resp := f.svc.click(context.Background(), "u-alice", c.ID, "confirm", postID)
	if resp == nil || !strings.Contains(resp.EphemeralText, "did not work") {
		t.Fatalf("%+v", resp)
	}
	f.kv.FailSet = nil
	if f.state(t, c.ID) != StateOffered || len(f.entries(t, "O-1")) != 0 {
		t.Fatal("a failed click changed something")
	}
}
