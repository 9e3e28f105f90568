package knowledge

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func confSearch(t *testing.T, ix *Index, q string, ignore bool) []Hit {
	t.Helper()
	hits, err := ix.Search(context.Background(), q, SearchOptions{Limit: 5, IgnoreUnknownWords: ignore})
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return hits
}

// TestConfidenceIgnoresFiller: wrapped in chat the shop never uses, a question
// keeps its best hit and its confidence score, where its ranking score falls.
func TestConfidenceIgnoresFiller(t *testing.T) {
	ix := buildIndex(t, production, fixtureSnapshot(t))
	zh := [2]string{"哎 我跟你讲哈 纠结好久了 ", " 麻烦了哈"}
	en := [2]string{"hey there, sorry to bother, been wondering about this for ages: ", " thx a lot!!"}
	tests := []struct {
		short  string
		filler [2]string
		want   string
	}{
		{"包邮吗", zh, "f-free-ship"},
		{"手机摔坏了保修吗", zh, "f-warranty-phone"},
		{"发票抬头写错了能改吗", zh, "f-invoice-fix"},
		{"do you offer free shipping", en, "f-en-free-shipping"},
		{"how do I return an item", en, "f-en-return"},
	}
	for _, tt := range tests {
		long := tt.filler[0] + tt.short + tt.filler[1]
		short, longHits := confSearch(t, ix, tt.short, true), confSearch(t, ix, long, true)
		if len(short) == 0 || len(longHits) == 0 || short[0].ID != tt.want || longHits[0].ID != tt.want {
			t.Fatalf("%q: want %s first, got %+v / %+v", tt.short, tt.want, short, longHits)
		}
		if longHits[0].Score < 0.9*short[0].Score || !longHits[0].OnSubject {
			t.Errorf("%q: confidence %.3f (on subject %v), short form %.3f", long, longHits[0].Score, longHits[0].OnSubject, short[0].Score)
		}
		rs, rl := confSearch(t, ix, tt.short, false), confSearch(t, ix, long, false)
		if len(rl) == 0 || rl[0].Score > 0.5*rs[0].Score {
			t.Errorf("%q: ranking score %+v no lower than the short form's %.3f: the test shows nothing", long, rl, rs[0].Score)
		}
	}
}

// TestConfidenceNeedsASubject: a question matches a document only by its body
// (晚上 in "measure your feet in the evening"), by numbers or question words alone,
// or by a short word one letter from a shop word (mean → men): no hit on subject.
func TestConfidenceNeedsASubject(t *testing.T) {
	ix := buildIndex(t, production, fixtureSnapshot(t))
	for _, q := range []string{"晚上看什么电影", "1+1等于几", "多少钱？", "how long?", "what's the meaning of life"} {
		for _, h := range confSearch(t, ix, q, true) {
			if h.OnSubject {
				t.Errorf("%q: %s on subject", q, h.ID)
			}
		}
	}
	for _, tt := range []struct{ q, want string }{
		{"价保多少天", "f-price-protect"},            // a question word next to a subject
		{"warrenty on phones", "f-en-warranty"}, // a long misspelt word is rescued
		{"65寸电视多少钱", "p-tv-1"},
	} {
		hits := confSearch(t, ix, tt.q, true)
		if len(hits) == 0 || hits[0].ID != tt.want || !hits[0].OnSubject {
			t.Errorf("%q: want %s first, on subject: %+v", tt.q, tt.want, hits)
		}
	}
}

// TestHitJSON: the confidence mark stays out of the API's JSON (SPEC §6).
func TestHitJSON(t *testing.T) {
	b, err := json.Marshal(Hit{Kind: KindFAQ, ID: "f-1", Title: "t", Score: 1, OnSubject: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != `{"kind":"faq","id":"f-1","title":"t","score":1}` {
		t.Errorf("hit JSON %s", got)
	}
}

func TestDropContractions(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"what's the meaning of life", "what the meaning of life"},
		{"Women's runner", "Women runner"},
		{"I don't like it", "I do not like it"},
		{"I can't pay", "I can not pay"},
		{"it won't ship", "it will not ship"},
		{"I’m sure we'll see", "I sure we see"},
		{"rock'n'roll o'neill", "rock'n'roll o'neill"},
		{"包邮吗", "包邮吗"},
	} {
		if got := dropContractions(tt.in); got != tt.want {
			t.Errorf("dropContractions(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if strings.Contains(dropContractions("what's"), "s") {
		t.Error("the clitic survived")
	}
}

// TestConfidenceUnknownIDs: a number or an order id that is no product's id
// (whole or as a prefix) leaves the confidence score alone; a real SKU id still
// finds its product first.
func TestConfidenceUnknownIDs(t *testing.T) {
	ix := buildIndex(t, production, fixtureSnapshot(t))
	short := confSearch(t, ix, "包邮吗", true)
	if len(short) == 0 {
		t.Fatal("包邮吗: no hit")
	}
	for _, q := range []string{"O-1001 包邮吗", "XQ-ZZQ-778 包邮吗"} {
		hits := confSearch(t, ix, q, true)
		if len(hits) == 0 || hits[0].ID != short[0].ID || hits[0].Score < 0.99*short[0].Score {
			t.Errorf("%q: %+v, want %s at %.3f like 包邮吗", q, hits, short[0].ID, short[0].Score)
		}
	}
	for _, q := range []string{"s-run-1-42 包邮吗", "s-run-1 包邮吗"} { // whole, and a prefix
		if hits := confSearch(t, ix, q, true); len(hits) == 0 || hits[0].ID != "p-run-1" {
			t.Errorf("%q: want p-run-1 first, got %+v", q, hits)
		}
	}
}
