package refund

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

func TestSweepPriceProtectionOncePerLine(t *testing.T) {
	f := newFixture(t, 100000)
	ctx := context.Background()
	dms := 0
	pd := ProactiveDeps{
		GetUserByUsername: func(name string) (*model.User, *model.AppError) {
			for _, u := range f.api.users {
				if u.Username == name {
					return u, nil
				}
			}
			return nil, model.NewAppError("x", "nf", nil, "", 404)
		},
		Conversation: func(string) (Where, bool) { return Where{}, false },
		DM:           func(string) (string, error) { dms++; return "dm-alice", nil },
	}
	// No price drop yet: nothing to post.
	if n, err := f.svc.SweepPriceProtection(ctx, pd); err != nil || n != 0 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	// The phone drops from 3999.00 to 3799.00.
	if _, err := f.repo.ImportCatalog(ctx, strings.NewReader(strings.Replace(catalogDoc, "399900", "379900", 1))); err != nil {
		t.Fatal(err)
	}
	n, err := f.svc.SweepPriceProtection(ctx, pd)
	if err != nil || n != 1 || dms != 1 {
		t.Fatalf("n=%d dms=%d err=%v", n, dms, err)
	}
	var card *model.Post
	for _, p := range f.api.posts {
		card = p
	}
	if card.ChannelId != "dm-alice" || !strings.Contains(card.Message, "O-2") {
		t.Fatalf("card post %+v", card)
	}
	att := card.Attachments()[0]
	if !strings.Contains(att.Fields[1].Value.(string), "200.00") || len(att.Actions) != 2 {
		t.Fatalf("card %+v", att.Fields)
	}
	// Running again (another server, the next hour) posts nothing new.
	if n, _ := f.svc.SweepPriceProtection(ctx, pd); n != 0 {
		t.Fatalf("second sweep posted %d", n)
	}
	// A DM failure is reported per order, not fatal, and the line stays marked.
	pd.DM = func(string) (string, error) { return "", errors.New("down") }
	if _, err := f.svc.SweepPriceProtection(ctx, pd); err != nil {
		t.Fatal(err)
	}
}
