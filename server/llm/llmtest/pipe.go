package llmtest

import (
	"net/http"
	"testing"

	"github.com/concierge-shop/concierge/server/internal/pipehttp"
)

// NewPipeServer is NewServer without sockets: the server and the client that
// Client returns talk over in-memory pipes (package pipehttp). Started inside a
// testing/synctest bubble, the whole exchange lives in the bubble, so a test of
// timeouts runs on the bubble's virtual clock: a stall of an hour takes no time,
// and synctest.Wait marks the point where nothing more can happen. (Goroutines
// blocked on a real socket never count as blocked, which is why NewServer's
// loopback sockets cannot be used there.) Only Client reaches this server; URL
// names no real host.
func NewPipeServer(t testing.TB) *Server {
	s := newServer(t)
	ps := pipehttp.Start(http.HandlerFunc(s.serveHTTP))
	s.URL = "http://llmtest.pipe/v1"
	s.client = ps.Client()
	s.stop = ps.Close
	if t != nil {
		t.Cleanup(s.Close)
	}
	return s
}
