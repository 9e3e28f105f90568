package agent

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/refund"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
	"github.com/concierge-shop/concierge/server/tool"
)

// The fixture is the demo shop (assets/demo), a real knowledge index built from it
// once for the package, and a real refund service on an in-memory KV store, at the
// moment the demo's scenarios are written for.

var demoNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

const demoLimit = 50000 // RefundAutoApproveLimit, cents

var (
	demoSnap  *shop.Snapshot
	demoIndex *knowledge.Index
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	snap, err := loadDemo()
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo shop:", err)
		return 1
	}
	demoSnap = snap
	dir, err := os.MkdirTemp("", "agent-index-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	ix, err := knowledge.Open(ctx, dir, quietLog{}, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "index:", err)
		return 1
	}
	defer ix.Close()
	if err := ix.Rebuild(ctx, snap); err != nil {
		fmt.Fprintln(os.Stderr, "index:", err)
		return 1
	}
	// The Chinese dictionary loads in the background and Rebuild waits for it: every
	// run segments alike, or the tests do not run.
	if d := ix.Status().Dictionary; d != "ready" {
		fmt.Fprintln(os.Stderr, "index: Chinese dictionary", d, "after a rebuild")
		return 1
	}
	demoIndex = ix
	return m.Run()
}

func loadDemo() (*shop.Snapshot, error) {
	// ASK_SHOP: another shop under assets/ for the ad-hoc debugging test (the unit
	// tests themselves are written against the demo shop).
	return loadShop(cmp.Or(os.Getenv("ASK_SHOP"), "demo"))
}

// loadShop reads the shop under assets/name, for a test of what another
// catalogue's words do.
func loadShop(name string) (*shop.Snapshot, error) {
	dir := filepath.Join("..", "..", "assets", name)
	cf, err := os.Open(filepath.Join(dir, "catalog.json"))
	if err != nil {
		return nil, err
	}
	defer cf.Close()
	cat, err := shop.DecodeCatalog(cf)
	if err != nil {
		return nil, err
	}
	of, err := os.Open(filepath.Join(dir, "orders.json"))
	if err != nil {
		return nil, err
	}
	defer of.Close()
	ord, err := shop.DecodeOrders(of, shop.NewSnapshot(cat, nil))
	if err != nil {
		return nil, err
	}
	return shop.NewSnapshot(cat, ord), nil
}

type quietLog struct{}

func (quietLog) LogInfo(string, ...any)  {}
func (quietLog) LogWarn(string, ...any)  {}
func (quietLog) LogError(string, ...any) {}

type fixedShop struct{ snap *shop.Snapshot }

func (f fixedShop) Snapshot() *shop.Snapshot { return f.snap }

// fakeAPI is the Mattermost API the refund service needs; offering a card posts nothing.
type fakeAPI struct{}

func (fakeAPI) CreatePost(p *model.Post) (*model.Post, *model.AppError) { return p, nil }
func (fakeAPI) UpdatePost(p *model.Post) (*model.Post, *model.AppError) { return p, nil }
func (fakeAPI) GetPost(string) (*model.Post, *model.AppError) {
	return nil, model.NewAppError("GetPost", "not_found", nil, "", 404)
}
func (fakeAPI) GetUser(id string) (*model.User, *model.AppError) { return &model.User{Id: id}, nil }
func (fakeAPI) LogError(string, ...any)                          {}
func (fakeAPI) LogInfo(string, ...any)                           {}
func (fakeAPI) LogWarn(string, ...any)                           {}

// recordingLog keeps what the toolbox logs (internal errors).
type recordingLog struct{ lines []string }

func (l *recordingLog) LogError(msg string, kv ...any) {
	l.lines = append(l.lines, msg+" "+fmt.Sprint(kv...))
}

// fixture is one test's world: its own KV store, so refunds of one test do not show
// in another's ledger.
type fixture struct {
	deps    Deps
	kv      *store.Memory
	refunds *refund.Service
	log     *recordingLog
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureAt(t, demoNow)
}

// newFixtureAt is newFixture at the moment now: the planner and the refund service
// both read that clock.
func newFixtureAt(t *testing.T, now time.Time) *fixture {
	t.Helper()
	return newFixtureFor(t, demoSnap, demoIndex, now)
}

// newFixtureFor is a fixture of the shop snap, searched in ix, at the moment now.
func newFixtureFor(t *testing.T, snap *shop.Snapshot, ix *knowledge.Index, now time.Time) *fixture {
	t.Helper()
	kv := store.NewMemory()
	ledger := commerce.Ledger{Records: store.Records[commerce.RefundRecord]{KV: kv, Prefix: "commerce/refunds/"}}
	sh := fixedShop{snap}
	var ids atomic.Int64
	svc := refund.New(refund.Deps{
		API: fakeAPI{}, KV: kv, BotID: "bot", Shop: sh, Ledger: ledger,
		Settings: func() refund.Settings {
			return refund.Settings{Limit: demoLimit, ProtectionDays: 30, ReturnDays: 7}
		},
		People: noStaff{},
		NewID:  func() string { return fmt.Sprintf("card-%d", ids.Add(1)) },
		Now:    func() time.Time { return now },
	})
	log := &recordingLog{}
	return &fixture{kv: kv, refunds: svc, log: log, deps: Deps{
		Search: ix, Shop: sh, Refunds: testOffers{svc}, Ledger: ledger,
		ProtectionDays: func() int { return 30 }, Now: func() time.Time { return now }, Log: log,
	}}
}

// turn is user's turn of messages, in the language they are written in.
func turn(user string, msgs ...string) Turn {
	return Turn{
		ConversationID: "conv-" + user,
		Customer:       Customer{UserID: "uid-" + user, Username: user},
		Where:          Where{ChannelID: "channel-1", RootID: "root-" + user},
		Messages:       msgs,
		Lang:           i18n.Detect(strings.Join(msgs, "\n")),
	}
}

// planAfter answers next as user's follow-up to first, with the planner's own
// reply to first in between: the reply to next and the tools it called.
func (f *fixture) planAfter(t *testing.T, user, first, next string) (*Reply, []tool.Call) {
	t.Helper()
	r0, _ := f.plan(t, turn(user, first))
	tr := turn(user, next)
	tr.History = []Message{{FromCustomer: true, Text: first}, {Text: r0.Text}}
	return f.plan(t, tr)
}

// plan runs the offline planner and returns its reply and the tools it called.
func (f *fixture) plan(t *testing.T, tr Turn) (*Reply, []tool.Call) {
	t.Helper()
	s := startSession(context.Background(), f.deps, tr)
	r := s.plan()
	if r == nil || strings.TrimSpace(r.Text) == "" {
		t.Fatalf("%q: empty reply", tr.Messages)
	}
	return r, s.tb.Calls()
}

// quote prices a cart independently of the planner, for expected numbers.
func quote(t *testing.T, user string, coupon string, items ...commerce.CartLine) *commerce.Quote {
	t.Helper()
	q, err := commerce.Price(demoSnap, user, commerce.QuoteRequest{Items: items, Coupon: coupon, At: demoNow})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func money(c int64) string { return i18n.Money(c, "CNY") }

func calledTools(calls []tool.Call) []string {
	var out []string
	for _, c := range calls {
		out = append(out, c.Name)
	}
	return out
}

// withShop makes the fixture's shop snap, with a real index of it (for tests whose
// catalogue differs from the demo's in what the search must find).
func (f *fixture) withShop(t *testing.T, snap *shop.Snapshot) {
	t.Helper()
	f.deps.Shop, f.deps.Search = fixedShop{snap}, indexOf(t, snap)
}

// indexOf is a real knowledge index of snap, on disk in the test's directory.
func indexOf(t *testing.T, snap *shop.Snapshot) *knowledge.Index {
	t.Helper()
	ctx := context.Background()
	ix, err := knowledge.Open(ctx, t.TempDir(), quietLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if d := ix.Status().Dictionary; d != "ready" { // Rebuild waited for it
		t.Fatalf("Chinese dictionary %s after a rebuild", d)
	}
	return ix
}

// newAssetFixture is a fixture of the shop under assets/name, with a real index
// of it, at the demo's moment.
func newAssetFixture(t *testing.T, name string) *fixture {
	t.Helper()
	snap, err := loadShop(name)
	if err != nil {
		t.Fatal(err)
	}
	return newFixtureFor(t, snap, indexOf(t, snap), demoNow) // its orders refunded by its own service
}

// withProducts serves the demo shop with ps added to its catalogue, indexed anew.
func (f *fixture) withProducts(t *testing.T, ps ...shop.Product) {
	t.Helper()
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...), ps...)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
}

// withOnlyFAQs: the demo shop with these FAQs and no policies, searched anew.
func (f *fixture) withOnlyFAQs(t *testing.T, faqs ...shop.FAQ) {
	t.Helper()
	cat := *demoSnap.Catalog
	cat.Policies, cat.FAQs = nil, faqs
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
}

// noStaff: in these tests nobody approves, and nobody is asked to.
type noStaff struct{}

func (noStaff) IsStaff(string) bool                 { return false }
func (noStaff) StaffChannelID() string              { return "" }
func (noStaff) StaffUsernames(string, int) []string { return nil }

// testOffers gives the tools the real refund service, as the composition root does.
type testOffers struct{ svc *refund.Service }

func (o testOffers) Offer(ctx context.Context, r OfferRequest) (tool.OfferedCard, error) {
	in := refund.OfferInput{UserID: r.UserID, Username: r.Username, ChannelID: r.ChannelID, RootID: r.RootID,
		ConversationID: r.ConversationID, DM: r.DM, OrderID: r.OrderID, Kind: r.Kind, SKUs: r.SKUs, Reason: r.Reason, Lang: r.Lang}
	c, err := o.svc.Offer(ctx, in)
	if err != nil {
		return tool.OfferedCard{}, err
	}
	return tool.OfferedCard{ID: c.ID, OrderID: c.Offer.OrderID, Kind: c.Offer.Kind, Amount: c.Offer.Amount,
		NeedsApproval: c.NeedsApproval, Currency: c.Offer.Currency}, nil
}

// attrsOf is a variant's attributes from name, value pairs.
func attrsOf(kv ...string) shop.Attrs {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return shop.AttrsOf(m)
}
