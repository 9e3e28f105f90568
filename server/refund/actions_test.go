package refund

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A card click whose body carries data after the JSON object is refused before the
// service is touched (a zero Service would panic on any store access).
func TestActionTrailingDataIsRejected(t *testing.T) {
	for _, body := range []string{`{"context":{}} garbage`, `{"context":{}}}`} {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/actions/refund", strings.NewReader(body))
		req.Header.Set("Mattermost-User-ID", "alice")
		rec := httptest.NewRecorder()
		(&Service{}).ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "trailing") {
			t.Errorf("%q: %d %s, want 400 naming trailing data", body, rec.Code, rec.Body)
		}
	}
}
