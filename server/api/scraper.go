package api

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// scraper lets a request through with the metrics token (a Prometheus scraper has
// no Mattermost session) or, without one, as staff. A wrong token is refused, not
// tried as a session: whoever sends one means the token.
func (a *handlers) scraper(next http.HandlerFunc) http.Handler {
	staff := a.auth(roleStaff, MaxBody, next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			staff.ServeHTTP(w, r)
			return
		}
		want := ""
		if a.d.MetricsToken != nil {
			want = a.d.MetricsToken()
		}
		if want == "" || subtle.ConstantTimeCompare([]byte(given), []byte(want)) != 1 {
			writeError(w, http.StatusUnauthorized, "bad metrics token", nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}
