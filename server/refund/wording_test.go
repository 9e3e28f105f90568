package refund

import (
	"context"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
)

// commerce words nothing: a refund the order no longer allows when the customer
// confirms is refused with a sentence the card keeps in the card's own language.
func TestRecheckRefusalInTheCardsLanguage(t *testing.T) {
	f := newFixture(t, 50000)
	ctx := context.Background()
	c, postID := f.offerAndPostIn(t, "O-1", commerce.KindDeposit, i18n.ZH)
	// The order was cancelled after the offer: its deposit is no longer refundable.
	cancelled := strings.NewReplacer(`"status":"deposit_paid"`, `"status":"cancelled"`,
		`,"deposit":{"amount":5000,"refundable":true}`, "").Replace(ordersDoc)
	if _, err := f.repo.ImportOrders(ctx, strings.NewReader(cancelled)); err != nil {
		t.Fatal(err)
	}
	f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	got, _ := f.svc.Get(c.ID)
	want := i18n.M("commerce.deposit.status", i18n.M("commerce.status.cancelled")).In(i18n.ZH)
	if got.State != StateFailed || got.Error != want {
		t.Fatalf("card %s error %q, want failed with %q", got.State, got.Error, want)
	}
}
