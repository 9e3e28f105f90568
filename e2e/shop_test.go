//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/mattermost/mattermost/server/public/model"
)

// Shop data for the tests: the demo shop (assets/demo), imported through the
// API, and decoded here with the plugin's own decoder so that expectations can
// be computed with server/commerce on exactly the data the server holds.

const (
	importTimeout = time.Minute      // a catalog import with its reindex
	indexTimeout  = 30 * time.Second // a new catalog becomes searchable
)

type demoShop struct {
	catalogJSON, ordersJSON []byte
	catalog                 *shop.Catalog
	orders                  *shop.Orders
}

var (
	demoOnce sync.Once
	demoData *demoShop
	demoErr  error
)

// demo returns the demo shop, read once. Tests must not change what it holds:
// they change copies (cloneCatalog).
func demo(t *testing.T) *demoShop {
	t.Helper()
	demoOnce.Do(func() {
		dir := filepath.Join("..", "assets", "demo")
		d := &demoShop{}
		if d.catalogJSON, demoErr = os.ReadFile(filepath.Join(dir, "catalog.json")); demoErr != nil {
			return
		}
		if d.ordersJSON, demoErr = os.ReadFile(filepath.Join(dir, "orders.json")); demoErr != nil {
			return
		}
		if d.catalog, demoErr = shop.DecodeCatalog(bytes.NewReader(d.catalogJSON)); demoErr != nil {
			return
		}
		cat := shop.NewSnapshot(d.catalog, nil)
		if d.orders, demoErr = shop.DecodeOrders(bytes.NewReader(d.ordersJSON), cat); demoErr != nil {
			return
		}
		demoData = d
	})
	if demoErr != nil {
		t.Fatalf("demo shop: %v", demoErr)
	}
	return demoData
}

// cloneCatalog deep-copies a catalog through JSON.
func cloneCatalog(t *testing.T, c *shop.Catalog) *shop.Catalog {
	t.Helper()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	out, err := shop.DecodeCatalog(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("re-decode catalog: %v", err)
	}
	return out
}

// What the server holds, as far as the tests know (they run one after the
// other; only the t.Run sequences below change it). demoCatalog: the demo
// catalog is the current one. orders: the orders document last imported.
var served struct {
	demoCatalog bool
	orders      *shop.Orders
}

// ensureShop makes the demo catalog current and, unless some orders document
// with the demo's customers is already loaded, the demo orders.
func ensureShop(t *testing.T) {
	t.Helper()
	d := demo(t)
	if !served.demoCatalog {
		importCatalog(t, d.catalogJSON)
		served.demoCatalog = true
		waitSearchable(t, "staff1", "price protection", "f-price-protection-en")
	}
	if served.orders == nil {
		importOrdersWith(t)
	}
}

// importCatalog POSTs a catalog (raw JSON or a *shop.Catalog) as admin and
// requires 200 with the document's counts.
func importCatalog(t *testing.T, doc any) shop.CatalogCounts {
	t.Helper()
	status, body := pluginHTTP(t, "admin", http.MethodPost, "/catalog", doc)
	if status != http.StatusOK {
		t.Fatalf("POST /catalog: status %d: %s", status, truncate(body))
	}
	var got shop.CatalogCounts
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("POST /catalog: decode %s: %v", truncate(body), err)
	}
	served.demoCatalog = false // the caller says when it is the demo's
	return got
}

// catalogCounts are the counts POST /catalog must answer for c.
func catalogCounts(c *shop.Catalog) shop.CatalogCounts {
	n := shop.CatalogCounts{Products: len(c.Products), FAQs: len(c.FAQs), Policies: len(c.Policies), Promotions: len(c.Promotions)}
	for _, p := range c.Products {
		n.SKUs += len(p.SKUs)
	}
	return n
}

// importOrdersWith imports the demo customers and orders plus extra ones (for
// the test's own customers) as admin, and requires 200 with the counts. POST
// /orders replaces every order: the tests that call it run one at a time.
func importOrdersWith(t *testing.T, extra ...shop.Orders) *shop.Orders {
	t.Helper()
	d := demo(t)
	doc := &shop.Orders{
		Customers: slices.Clone(d.orders.Customers),
		Orders:    slices.Clone(d.orders.Orders),
	}
	for _, e := range extra {
		doc.Customers = append(doc.Customers, e.Customers...)
		doc.Orders = append(doc.Orders, e.Orders...)
	}
	status, body := pluginHTTP(t, "admin", http.MethodPost, "/orders", doc)
	if status != http.StatusOK {
		t.Fatalf("POST /orders: status %d: %s", status, truncate(body))
	}
	var got shop.OrdersCounts
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("POST /orders: decode %s: %v", truncate(body), err)
	}
	if got.Customers != len(doc.Customers) || got.Orders != len(doc.Orders) {
		t.Fatalf("POST /orders counts %+v, want %d customers and %d orders", got, len(doc.Customers), len(doc.Orders))
	}
	served.orders = doc
	return doc
}

// servedSnapshot is the data the server holds now (demo catalog, last orders).
func servedSnapshot(t *testing.T) *shop.Snapshot {
	t.Helper()
	if !served.demoCatalog || served.orders == nil {
		t.Fatal("servedSnapshot before ensureShop")
	}
	return shop.NewSnapshot(demo(t).catalog, served.orders)
}

// uniqueOrderID is an order id no earlier run used (the refund ledger outlives
// imports), in the shape customers write ("DEP-123456789").
func uniqueOrderID(prefix string) string {
	return fmt.Sprintf("%s-%09d", prefix, time.Now().UnixNano()%1_000_000_000)
}

// searchHit is one row of GET /search (SPEC §6).
type searchHit struct {
	Kind  string  `json:"kind"`
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

// search GETs /search as user and requires 200.
func search(t *testing.T, user, q string, extra string) []searchHit {
	t.Helper()
	var body struct {
		Results []searchHit `json:"results"`
	}
	pluginGetJSON(t, user, "/search?q="+urlQuery(q)+extra, &body)
	return body.Results
}

func urlQuery(q string) string { return url.QueryEscape(q) }

// waitSearchable polls /search until q finds the document id (a new catalog is
// indexed in the background; the old index answers meanwhile).
func waitSearchable(t *testing.T, user, q, id string) []searchHit {
	t.Helper()
	var res struct {
		Results []searchHit `json:"results"`
	}
	var status int
	var body []byte
	if !poll(indexTimeout, func() bool {
		status, body = pluginHTTP(t, user, http.MethodGet, "/search?q="+urlQuery(q)+"&limit=10", nil)
		return status == http.StatusOK && json.Unmarshal(body, &res) == nil &&
			slices.ContainsFunc(res.Results, func(h searchHit) bool { return h.ID == id })
	}) {
		t.Fatalf("search %q never found %s within %v (last: %d %s)", q, id, indexTimeout, status, truncate(body))
	}
	return res.Results
}

// Cards (SPEC §7): a refund card is an attachment with Confirm/Cancel buttons
// on a bot post; an approval request has Approve/Reject.

// attachment is the post's only attachment, or nil.
func attachment(p *model.Post) *model.MessageAttachment {
	if atts := p.Attachments(); len(atts) == 1 {
		return atts[0]
	}
	return nil
}

// buttons lists the ids of the post's attachment buttons.
func buttons(p *model.Post) []string {
	var ids []string
	for _, a := range p.Attachments() {
		for _, act := range a.Actions {
			ids = append(ids, act.Id)
		}
	}
	return ids
}

// hasButtons: a card the given buttons can act on.
func hasButtons(ids ...string) func(*model.Post) bool {
	return func(p *model.Post) bool {
		got := buttons(p)
		for _, id := range ids {
			if !slices.Contains(got, id) {
				return false
			}
		}
		return true
	}
}

// fieldText is every title and value of the post's attachments, one per line.
func fieldText(p *model.Post) string {
	var b strings.Builder
	for _, a := range p.Attachments() {
		fmt.Fprintf(&b, "%s\n%s\n%s\n", a.Title, a.Text, a.Footer)
		for _, f := range a.Fields {
			fmt.Fprintf(&b, "%s: %v\n", f.Title, f.Value)
		}
	}
	return b.String()
}

// getPost re-reads a post as admin.
func getPost(t *testing.T, id string) *model.Post {
	t.Helper()
	p, _, err := h.Admin().GetPost(t.Context(), id, "")
	if err != nil {
		t.Fatalf("get post %s: %v", id, err)
	}
	return p
}

// waitPost polls the post until it passes ok and returns it.
func waitPost(t *testing.T, id string, timeout time.Duration, what string, ok func(*model.Post) bool) *model.Post {
	t.Helper()
	var p *model.Post
	if !poll(timeout, func() bool { p = getPost(t, id); return ok(p) }) {
		t.Fatalf("post %s never became %s within %v; it shows:\n%s\nbuttons %v", id, what, timeout, fieldText(p), buttons(p))
	}
	return p
}
