package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
)

// commerce returns its notes and errors as sentences not yet worded; the API words
// them in the body's lang, else in the user's Mattermost locale.
func TestQuoteWordedForTheReader(t *testing.T) {
	h, _ := newTestAPI(t)
	if rec := do(h, "admin", "POST", "/api/v1/catalog", strings.NewReader(catalog)); rec.Code != 200 {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	notHeld := func(lang i18n.Lang) string { return i18n.T(lang, "commerce.note.coupon_not_held", "NOPE") }
	cases := []struct {
		user, lang string
		want       i18n.Lang
	}{
		{"alice", "", i18n.EN},   // no locale
		{"li", "", i18n.ZH},      // zh-CN locale
		{"alice", "zh", i18n.ZH}, // the body wins
		{"li", "en", i18n.EN},
		{"alice", "ZH-TW", i18n.ZH},
	}
	for _, c := range cases {
		body := `{"items":[{"sku_id":"s1","qty":1}],"coupon":"NOPE","lang":"` + c.lang + `"}`
		rec := do(h, c.user, "POST", "/api/v1/quote", strings.NewReader(body))
		var q struct {
			Notes []string `json:"notes"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &q); rec.Code != 200 || err != nil {
			t.Fatalf("%s lang %q: %d %s", c.user, c.lang, rec.Code, rec.Body)
		}
		if len(q.Notes) != 1 || q.Notes[0] != notHeld(c.want) {
			t.Errorf("%s lang %q: notes %q, want [%q]", c.user, c.lang, q.Notes, notHeld(c.want))
		}
	}
	rec := do(h, "li", "POST", "/api/v1/quote", strings.NewReader(`{"items":[{"sku_id":"nope","qty":1}]}`))
	var e ErrorBody
	_ = json.Unmarshal(rec.Body.Bytes(), &e)
	text := i18n.T(i18n.ZH, "commerce.in.unknown", "nope")
	if rec.Code != 400 || e.Error != "items[0].sku_id: "+text || len(e.Details) != 1 ||
		e.Details[0].Path != "items[0].sku_id" || e.Details[0].Message != text {
		t.Errorf("bad sku for a zh user: %d %s, want %q", rec.Code, rec.Body, text)
	}
}
