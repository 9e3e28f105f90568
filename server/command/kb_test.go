package command

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

// fileAPI serves one attached file and records the ephemeral posts sent.
type fileAPI struct {
	fakeAPI
	file  []byte
	mu    sync.Mutex
	posts []string
}

func (f *fileAPI) GetFile(string) ([]byte, *model.AppError) { return f.file, nil }
func (f *fileAPI) SendEphemeralPost(_ string, p *model.Post) *model.Post {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.posts = append(f.posts, p.Message)
	return p
}

type testLock struct{ sync.Mutex }

func (l *testLock) LockWithContext(context.Context) error { l.Lock(); return nil }

type fakeIndex struct{}

func (fakeIndex) Search(context.Context, string, knowledge.SearchOptions) ([]knowledge.Hit, error) {
	return nil, nil
}
func (fakeIndex) Status() knowledge.Status { return knowledge.Status{Ready: true} }

// newRepo is an empty, loaded repo: importing orders waits for the first Load.
func newRepo(t *testing.T) *shop.Repo {
	t.Helper()
	n := 0
	r := shop.NewRepo(store.NewMemory(), &testLock{}, func() string { n++; return "g" + strconv.Itoa(n) })
	if err := r.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r
}

const (
	goodCatalog = `{"currency":"CNY","products":[{"id":"p1","title":"Runner","skus":[{"id":"s1","price":59900,"stock":3}]}],
	 "faqs":[{"id":"f1","question":"Q?","answer":"A."}]}`
	badCatalog = `{"currency":"CNY","products":[{"id":"p1","title":"","skus":[{"id":"s1","price":-1,"stock":3}]}],"extra":1}`
	goodOrders = `{"customers":[{"user":"alice"}],
	 "orders":[{"id":"O1","user":"alice","status":"paid","paid_at":"2026-11-01T10:00:00Z","items":[{"sku_id":"s1","qty":1,"unit_price":59900}]}]}`
	badOrders = `{"orders":[{"id":"O1","user":"alice","status":"pending","items":[{"sku_id":"s-gone","qty":0,"unit_price":1}]}]}`
)

// sameProduct is a catalog of n copies of one product with a negative price:
// 3n-2 problems (n prices, n-1 duplicate product ids, n-1 duplicate sku ids), more
// than the error lists.
func sameProduct(n int) string {
	p := `{"id":"p","title":"t","skus":[{"id":"s","price":-1}]}`
	return `{"currency":"CNY","products":[` + strings.TrimSuffix(strings.Repeat(p+",", n), ",") + `]}`
}

// The result of /concierge kb import, problems and counts included, is in the
// admin's language.
func TestImportResultInTheAdminsLanguage(t *testing.T) {
	tests := []struct {
		name     string
		lang     i18n.Lang
		kind     string
		file     string
		want     []string
		unwanted []string
	}{
		{"zh problems", i18n.ZH, "catalog", badCatalog,
			[]string{"`shop.json` 未导入——共 3 个问题", "- `products[0].title`: 必填，不能为空",
				"- `products[0].skus[0].price`: 不能为负数，当前为 -1", "- `extra`: 未知字段"},
			[]string{"required", "negative", "unknown field"}},
		{"en problems", i18n.EN, "catalog", badCatalog,
			[]string{"`shop.json` was not imported — 3 problem(s)", "- `products[0].title`: required, must not be empty",
				"- `products[0].skus[0].price`: must not be negative, got -1", "- `extra`: unknown field"},
			[]string{"必填"}},
		{"zh order problems", i18n.ZH, "orders", badOrders,
			[]string{"共 3 个问题", "- `orders[0].status`: 必须是 deposit_paid, paid, shipped, delivered, refunded, cancelled 之一，当前为 \"pending\"",
				"- `orders[0].items[0].sku_id`: 未知的 SKU ID \"s-gone\"（当前商品目录中没有）", "- `orders[0].items[0].qty`: 至少为 1，当前为 0"},
			[]string{"must", "unknown"}},
		{"zh whole document", i18n.ZH, "catalog", `[]`, []string{"\n- 文档必须是一个 JSON 对象，当前为数组"}, []string{"``"}},
		{"zh count beyond the listed problems", i18n.ZH, "catalog", sameProduct(100), []string{"共 298 个问题", "\n…"}, []string{"共 201 个问题"}},
		{"zh catalog counts", i18n.ZH, "catalog", goodCatalog,
			[]string{"已导入 `shop.json`：商品 1 个，SKU 1 个，常见问题 1 条，政策 0 条，促销活动 0 个（用时 "}, []string{"products"}},
		{"en catalog counts", i18n.EN, "catalog", goodCatalog,
			[]string{"Imported `shop.json`: products 1, skus 1, faqs 1, policies 0, promotions 0 ("}, nil},
		{"zh orders counts", i18n.ZH, "orders", goodOrders, []string{"已导入 `shop.json`：顾客 1 位，订单 1 笔（用时 "}, []string{"customers"}},
		{"en orders counts", i18n.EN, "orders", goodOrders, []string{": customers 1, orders 1 ("}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := newRepo(t)
			if tt.kind == "orders" { // orders name skus of the current catalog
				if _, err := repo.ImportCatalog(context.Background(), strings.NewReader(goodCatalog)); err != nil {
					t.Fatal(err)
				}
			}
			api := &fileAPI{file: []byte(tt.file)}
			h := New(Deps{API: api, Staff: noStaff{}, Shop: repo})
			h.runImport(&model.CommandArgs{UserId: "admin", ChannelId: "c"}, tt.lang, tt.kind, &model.FileInfo{Id: "f", Name: "shop.json"})
			if len(api.posts) != 1 {
				t.Fatalf("posts %q", api.posts)
			}
			got := api.posts[0]
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer lacks %q:\n%s", w, got)
				}
			}
			for _, u := range tt.unwanted {
				if strings.Contains(got, u) {
					t.Errorf("answer has %q:\n%s", u, got)
				}
			}
		})
	}
}

func TestKBStatusCountsInTheAdminsLanguage(t *testing.T) {
	repo := newRepo(t)
	if _, err := repo.ImportCatalog(context.Background(), strings.NewReader(goodCatalog)); err != nil {
		t.Fatal(err)
	}
	h := New(Deps{API: fakeAPI{}, Staff: noStaff{}, Shop: repo, Index: fakeIndex{}})
	for lang, want := range map[i18n.Lang]string{
		i18n.ZH: "商品目录：商品 1 个，SKU 1 个，常见问题 1 条，政策 0 条，促销活动 0 个 — ",
		i18n.EN: "Catalog: products 1, skus 1, faqs 1, policies 0, promotions 0 — ",
	} {
		if got := h.kbStatus(lang); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", lang, got, want)
		}
	}
}
