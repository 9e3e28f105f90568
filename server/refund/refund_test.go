package refund

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

// fakeAPI keeps posts in memory: the one fake these tests use.
type fakeAPI struct {
	mu    sync.Mutex
	posts map[string]*model.Post
	users map[string]*model.User
	n     int
}

func (f *fakeAPI) CreatePost(p *model.Post) (*model.Post, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	c := p.Clone()
	c.Id = "post" + strconv.Itoa(f.n)
	f.posts[c.Id] = c
	return c.Clone(), nil
}

func (f *fakeAPI) UpdatePost(p *model.Post) (*model.Post, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.posts[p.Id] = p.Clone()
	return p, nil
}

func (f *fakeAPI) GetPost(id string) (*model.Post, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p, ok := f.posts[id]; ok {
		return p.Clone(), nil
	}
	return nil, model.NewAppError("GetPost", "nf", nil, "", http.StatusNotFound)
}

func (f *fakeAPI) GetUser(id string) (*model.User, *model.AppError) {
	if u, ok := f.users[id]; ok {
		return u, nil
	}
	return nil, model.NewAppError("GetUser", "nf", nil, "", http.StatusNotFound)
}
func (f *fakeAPI) LogError(string, ...any) {}
func (f *fakeAPI) LogWarn(string, ...any)  {}
func (f *fakeAPI) LogInfo(string, ...any)  {}

type lock struct{}

func (lock) LockWithContext(context.Context) error { return nil }
func (lock) Unlock()                               {}

const catalogDoc = `{"currency":"CNY","products":[{"id":"p1","title":"Phone","category":"phones",
 "skus":[{"id":"s1","price":399900,"stock":3}]}]}`

const ordersDoc = `{"customers":[{"user":"alice"},{"user":"bob"}],"orders":[
 {"id":"O-1","user":"alice","status":"deposit_paid","items":[{"sku_id":"s1","qty":1,"unit_price":399900}],"deposit":{"amount":5000,"refundable":true}},
 {"id":"O-2","user":"alice","status":"paid","paid_at":"2026-11-20T00:00:00Z","items":[{"sku_id":"s1","qty":1,"unit_price":399900}]},
 {"id":"O-3","user":"alice","status":"shipped","paid_at":"2026-11-25T00:00:00Z","items":[{"sku_id":"s1","qty":1,"unit_price":39990}]}]}`

type fixture struct {
	svc     *Service
	api     *fakeAPI
	repo    *shop.Repo
	kv      *store.Memory
	now     time.Time
	limit   int64
	backend commerce.OrderBackend // nil: the built-in one
	staff   map[string]bool
}

func newFixture(t *testing.T, limit int64) *fixture {
	t.Helper()
	kv := store.NewMemory()
	n := 0
	repo := shop.NewRepo(kv, lock{}, func() string { n++; return "g" + strconv.Itoa(n) })
	ctx := context.Background()
	if err := repo.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.ImportCatalog(ctx, strings.NewReader(catalogDoc)); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.ImportOrders(ctx, strings.NewReader(ordersDoc)); err != nil {
		t.Fatal(err)
	}
	api := &fakeAPI{posts: map[string]*model.Post{}, users: map[string]*model.User{
		"u-alice": {Id: "u-alice", Username: "alice"}, "u-bob": {Id: "u-bob", Username: "bob"},
		"u-staff": {Id: "u-staff", Username: "staff1"},
	}}
	ids := 0
	f := &fixture{api: api, repo: repo, kv: kv, limit: limit, now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC),
		staff: map[string]bool{"u-staff": true}}
	f.svc = New(Deps{
		API: api, KV: kv, BotID: "bot", Shop: repo, Ledger: commerce.Ledger{Records: store.Records[commerce.RefundRecord]{KV: kv, Prefix: "commerce/refunds/"}},
		Settings: func() Settings {
			var b commerce.OrderBackend = commerce.BuiltIn{Orders: repo}
			if f.backend != nil {
				b = f.backend
			}
			return Settings{Limit: f.limit, ProtectionDays: 30, ReturnDays: 7, CardLifetime: 48 * time.Hour, Backend: b,
				Clean: func(s string) string { return strings.ReplaceAll(s, "s3cret", "***") }}
		},
		People: fakePeople{staff: f.staff},
		NewID:  func() string { ids++; return "card" + strconv.Itoa(ids) },
		Now:    func() time.Time { return f.now },
	})
	return f
}

// offerAndPost offers a card and posts it as the conversation would.
func (f *fixture) offerAndPost(t *testing.T, orderID, kind string) (*Card, string) {
	t.Helper()
	return f.offerAndPostIn(t, orderID, kind, i18n.EN)
}

// offerAndPostIn is offerAndPost for a customer speaking lang.
func (f *fixture) offerAndPostIn(t *testing.T, orderID, kind string, lang i18n.Lang) (*Card, string) {
	t.Helper()
	c, err := f.svc.Offer(context.Background(), OfferInput{UserID: "u-alice", Username: "alice", ChannelID: "ch", RootID: "root",
		OrderID: orderID, Kind: kind, Reason: "test", Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	p := &model.Post{ChannelId: "ch", RootId: "root", Message: "Here is your refund"}
	model.ParseMessageAttachment(p, []*model.MessageAttachment{c.Attachment()})
	created, _ := f.api.CreatePost(p)
	if err := f.svc.AttachPost(c.ID, created.Id); err != nil {
		t.Fatal(err)
	}
	return c, created.Id
}

// entries is the order's ledger record.
func (f *fixture) entries(t *testing.T, orderID string) []commerce.LedgerEntry {
	t.Helper()
	rec, err := commerce.Ledger{Records: store.Records[commerce.RefundRecord]{KV: f.kv, Prefix: "commerce/refunds/"}}.Get(context.Background(), orderID)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Entries
}

func (f *fixture) state(t *testing.T, id string) string {
	t.Helper()
	c, err := f.svc.Get(id)
	if err != nil || c == nil {
		t.Fatalf("card %s: %v", id, err)
	}
	return c.State
}

func TestDepositRefundConfirmedOnce(t *testing.T) {
	f := newFixture(t, 50000)
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
	if c.Offer.Amount != 5000 || c.NeedsApproval {
		t.Fatalf("offer %+v", c)
	}
	ctx := context.Background()
	// Another customer clicking is refused and changes nothing.
	resp := f.svc.click(ctx, "u-bob", c.ID, "confirm", postID)
	if !strings.Contains(resp.EphemeralText, "Only the customer") || f.state(t, c.ID) != StateOffered {
		t.Fatalf("bob's click: %+v state %s", resp, f.state(t, c.ID))
	}
	resp = f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	if f.state(t, c.ID) != StateRefunded {
		t.Fatalf("state %s (%+v)", f.state(t, c.ID), resp)
	}
	if open, _ := f.svc.Open(); len(open) != 0 {
		t.Fatalf("a settled refund is still open: %+v", open)
	}
	if got := f.repo.Snapshot().OrderOf("alice", "O-1").Status; got != shop.StatusRefunded {
		t.Fatalf("order status %s", got)
	}
	if resp.Update == nil || resp.Update.Message != "Here is your refund" || len(resp.Update.Attachments()[0].Actions) != 0 {
		t.Fatalf("card not re-rendered without buttons: %+v", resp.Update)
	}
	// A second click (double click, replay) refunds nothing more.
	resp = f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	if !strings.Contains(resp.EphemeralText, "already been handled") {
		t.Fatalf("second click: %+v", resp)
	}
	if entries := f.entries(t, "O-1"); len(entries) != 1 {
		t.Fatalf("ledger entries %d", len(entries))
	}
	// A new card for the same deposit is not even offered.
	if _, err := f.svc.Offer(ctx, OfferInput{UserID: "u-alice", Username: "alice", OrderID: "O-1", Kind: commerce.KindDeposit, Lang: i18n.EN}); err == nil {
		t.Fatal("second deposit refund offered")
	}
}

func TestConcurrentConfirmsRefundOnce(t *testing.T) {
	f := newFixture(t, 50000)
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); f.svc.click(context.Background(), "u-alice", c.ID, "confirm", postID) }()
	}
	wg.Wait()
	if entries := f.entries(t, "O-1"); len(entries) != 1 || f.state(t, c.ID) != StateRefunded {
		t.Fatalf("entries %d state %s", len(entries), f.state(t, c.ID))
	}
}

func TestOverLimitNeedsStaffApproval(t *testing.T) {
	f := newFixture(t, 100000) // the return of O-2 is 399900 > limit
	ctx := context.Background()
	c, postID := f.offerAndPost(t, "O-2", commerce.KindReturn)
	if !c.NeedsApproval || c.Offer.Amount != 399900 {
		t.Fatalf("offer %+v", c)
	}
	f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	got, _ := f.svc.Get(c.ID)
	if got.State != StateAwaitingApproval || got.ApprovalPostID == "" {
		t.Fatalf("after confirm: %+v", got)
	}
	approval, _ := f.api.GetPost(got.ApprovalPostID)
	if !strings.Contains(approval.Message, "@staff1") || approval.RootId != "root" {
		t.Fatalf("approval post %+v", approval)
	}
	// The customer cannot approve their own refund.
	if resp := f.svc.click(ctx, "u-alice", c.ID, "approve", got.ApprovalPostID); !strings.Contains(resp.EphemeralText, "Only staff") {
		t.Fatalf("customer approve: %+v", resp)
	}
	if f.repo.Snapshot().OrderOf("alice", "O-2").Status != shop.StatusPaid {
		t.Fatal("money moved before approval")
	}
	f.svc.click(ctx, "u-staff", c.ID, "approve", got.ApprovalPostID)
	if f.state(t, c.ID) != StateRefunded || f.repo.Snapshot().OrderOf("alice", "O-2").Status != shop.StatusRefunded {
		t.Fatalf("after approval: %s", f.state(t, c.ID))
	}
	// The customer's card shows the final state.
	card, _ := f.api.GetPost(postID)
	if !strings.Contains(card.Attachments()[0].Fields[len(card.Attachments()[0].Fields)-1].Value.(string), "Refunded") {
		t.Fatalf("customer card not updated: %+v", card.Attachments()[0].Fields)
	}
}

func TestCancelAndReject(t *testing.T) {
	f := newFixture(t, 100000)
	ctx := context.Background()
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
	f.svc.click(ctx, "u-alice", c.ID, "cancel", postID)
	if f.state(t, c.ID) != StateCancelled {
		t.Fatal("not cancelled")
	}
	if f.svc.click(ctx, "u-alice", c.ID, "confirm", postID); f.state(t, c.ID) != StateCancelled {
		t.Fatal("a cancelled card was confirmed")
	}
	c2, post2 := f.offerAndPost(t, "O-2", commerce.KindReturn)
	f.svc.click(ctx, "u-alice", c2.ID, "confirm", post2)
	got, _ := f.svc.Get(c2.ID)
	f.svc.click(ctx, "u-staff", c2.ID, "reject", got.ApprovalPostID)
	if f.state(t, c2.ID) != StateRejected || f.repo.Snapshot().OrderOf("alice", "O-2").Status != shop.StatusPaid {
		t.Fatal("reject moved money or did not stick")
	}
}

func TestUnknownCard(t *testing.T) {
	f := newFixture(t, 1)
	if resp := f.svc.click(context.Background(), "u-alice", "forged", "confirm", ""); !strings.Contains(resp.EphemeralText, "no longer valid") {
		t.Fatalf("%+v", resp)
	}
}

// A card sent to the customer's DM instead of a shared thread lives there: its
// approval goes through the staff channel, not the shared thread, and a click
// that comes before its post is recorded is taken from the DM post.
func TestMoveToDMThenAnEarlyClick(t *testing.T) {
	f := newFixture(t, 100000)
	c, err := f.svc.Offer(context.Background(), OfferInput{UserID: "u-alice", Username: "alice", ChannelID: "ch", RootID: "root",
		OrderID: "O-1", Kind: "deposit", Reason: "test", Lang: i18n.EN})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.MoveToDM(c.ID, "dmchannel"); err != nil {
		t.Fatal(err)
	}
	p := &model.Post{UserId: "bot", ChannelId: "dmchannel", Message: "Here is your refund"}
	p.AddProp(PropCards, []string{c.ID})
	created, _ := f.api.CreatePost(p)
	moved, err := f.svc.Get(c.ID) // as a click reads it
	if err != nil {
		t.Fatal(err)
	}
	if !f.svc.ownPost(moved, created.Id) {
		t.Fatal("a click on the DM post before AttachPost is refused")
	}
	got, err := f.svc.Get(c.ID)
	if err != nil || got.PostID != created.Id || got.ChannelID != "dmchannel" || got.RootID != "" || !got.DM {
		t.Fatalf("card %+v err %v", got, err)
	}
	if err := f.svc.MoveToDM(c.ID, "elsewhere"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.svc.Get(c.ID); got.ChannelID != "dmchannel" {
		t.Fatalf("a posted card moved: %+v", got)
	}
}

// fakePeople: staff is who may approve; approval requests mention staff1 wherever
// the conversation is (no staff channel).
type fakePeople struct{ staff map[string]bool }

func (p fakePeople) IsStaff(id string) bool            { return p.staff[id] }
func (fakePeople) StaffChannelID() string              { return "" }
func (fakePeople) StaffUsernames(string, int) []string { return []string{"staff1"} }
