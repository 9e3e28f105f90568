package knowledge

import (
	"context"
	"errors"
	"testing"

	"github.com/go-ego/gse"
)

// TestSearchRanking: the right document is in the top 3, one case per kind of
// difficulty. The questions are worded unlike the fixture's text on purpose.
func TestSearchRanking(t *testing.T) {
	ix := buildIndex(t, production, fixtureSnapshot(t))
	tests := []struct {
		name, q string
		want    string
	}{
		{"colloquial zh: 偏码", "这双跑鞋偏码不", "f-size-fit"},
		{"colloquial zh: 包邮", "包邮不？", "f-free-ship"},
		{"colloquial zh: 退钱", "退的钱啥时候到我账上", "f-refund-time"},
		{"colloquial zh: 发货", "啥时候发出去", "f-ship-time"},
		{"colloquial zh: 价保", "刚买就降价了亏了", "f-price-protect"},
		{"colloquial zh: 国补", "国补咋用", "f-subsidy"},
		{"colloquial zh: 尾款", "尾款没付上咋整", "f-balance"},
		{"english", "how long until my parcel arrives", "f-en-shipping"},
		{"english stemmed", "refunds take how many days", "f-en-refund"},
		{"mixed zh/en", "VIP 有什么福利", "f-member"},
		{"mixed product", "Nova 12 电池能用多久", "p-phone-2"},
		{"misspelt en", "warrenty on phones", "f-en-warranty"},
		{"misspelt en 2", "free shiping?", "f-en-free-shipping"}, //nolint:misspell // the typo is the test
		{"misspelt zh", "优惠卷怎么用不了", "f-coupon"},
		{"full width", "ＶＩＰ会员权益", "f-member"},
		{"size and unit", "1.5匹空调", "p-ac-1"},
		{"inch", "65寸电视", "p-tv-1"},
		{"inch english", "75 inch tv", "p-tv-1"},
		{"storage", "512GB的X20", "p-phone-1"},
		{"sku id", "s-fridge-1-510", "p-fridge-1"},
		{"sku id upper case, in a sentence", "S-KETTLE-1 有现货吗", "p-kettle-1"},
		{"partial sku id", "s-run-1-43", "p-run-1"},
		{"product id", "p-buds-1", "p-buds-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), tt.q, SearchOptions{Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				if h.ID == tt.want {
					return
				}
			}
			t.Errorf("%q: %s not in top 3: %+v", tt.q, tt.want, hits)
		})
	}
}

func TestSearchOptionsAndHits(t *testing.T) {
	ix := buildIndex(t, production, fixtureSnapshot(t))
	ctx := context.Background()

	hits, err := ix.Search(ctx, "退货", SearchOptions{Kinds: []Kind{KindPolicy}, Limit: 10})
	if err != nil || len(hits) == 0 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	for _, h := range hits {
		if h.Kind != KindPolicy {
			t.Errorf("kind filter: got %+v", h)
		}
	}
	if hits[0].ID != "pol-return" || hits[0].Title != "退货退款政策" || hits[0].Score <= 0 {
		t.Errorf("first policy hit = %+v", hits[0])
	}

	hits, err = ix.Search(ctx, "退货", SearchOptions{Kinds: []Kind{KindFAQ, KindPolicy}})
	if err != nil || len(hits) != DefaultLimit {
		t.Fatalf("default limit: %d hits, err %v", len(hits), err)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("not sorted by score: %+v", hits)
		}
	}
	hits, _ = ix.Search(ctx, "鞋", SearchOptions{Limit: 1000})
	if len(hits) > MaxLimit {
		t.Errorf("%d hits, limit is %d", len(hits), MaxLimit)
	}
	for _, q := range []string{"", "   ", "？！。", "的了吗"} {
		hits, err := ix.Search(ctx, q, SearchOptions{})
		if err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) = %v, %v; want nothing", q, hits, err)
		}
	}
	long := ""
	for range 2000 {
		long += "退货运费"
	}
	if _, err := ix.Search(ctx, long, SearchOptions{}); err != nil {
		t.Errorf("long query: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ix.Search(cancelled, "退货", SearchOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled ctx: err = %v", err)
	}
}

// gated is a dictionary that loads only when its gate opens: it stands for the
// seconds after activation when gse is still loading.
var gateOpen = make(chan struct{})

func init() {
	segmenters["gated"] = newSegmenter("gated", func(s *gse.Segmenter) error {
		<-gateOpen
		return s.LoadDictStr(zhDomainDict)
	})
}

// TestSearchBeforeDictionary: with the dictionary still loading, Open does not
// wait and searches are answered from the bigrams.
func TestSearchBeforeDictionary(t *testing.T) {
	ctx := context.Background()
	gated := production
	gated.wordDict = "gated"
	ix, err := openProfile(ctx, t.TempDir(), &testLogger{}, nil, gated)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if st := ix.Status(); st.Dictionary != "loading" || st.Ready {
		t.Fatalf("status %+v", st)
	}
	if _, err := ix.Search(ctx, "退货", SearchOptions{}); !errors.Is(err, ErrNotReady) {
		t.Errorf("before any build: err = %v, want ErrNotReady", err)
	}
	short, cancel := context.WithTimeout(ctx, 50e6)
	defer cancel()
	if err := ix.Rebuild(short, fixtureSnapshot(t)); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("rebuild without dictionary: err = %v, want to wait for it", err)
	}

	// An index built with the trimmed dictionary, searched while "gated" loads.
	built := buildIndex(t, production, fixtureSnapshot(t))
	built.prof.wordDict = "gated"
	for q, want := range map[string]string{"七天无理由退货": "f-return-7day", "包邮吗": "f-free-ship", "retrun policy": "pol-return-en"} {
		hits, err := built.Search(ctx, q, SearchOptions{Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range hits {
			found = found || h.ID == want
		}
		if !found {
			t.Errorf("bigram fallback %q: want %s, got %+v", q, want, hits)
		}
	}
}
