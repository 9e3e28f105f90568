package llmtest

import (
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
)

// NewPipeServer is NewServer without sockets: the server and the client that
// Client returns talk over in-memory pipes (net.Pipe). Started inside a
// testing/synctest bubble, the whole exchange lives in the bubble, so a test of
// timeouts runs on the bubble's virtual clock: a stall of an hour takes no time,
// and synctest.Wait marks the point where nothing more can happen. (Goroutines
// blocked on a real socket never count as blocked, which is why NewServer's
// loopback sockets cannot be used there.) Only Client reaches this server; URL
// names no real host.
func NewPipeServer(t testing.TB) *Server {
	s := newServer(t)
	l := &pipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
	// No ReadHeaderTimeout: only Client reaches it, over pipes, and a deadline would
	// run on a bubble's virtual clock through the test's own long waits.
	hs := &http.Server{Handler: http.HandlerFunc(s.serveHTTP)} //nolint:gosec // G112: no network peer exists
	served := make(chan struct{})
	go func() { defer close(served); _ = hs.Serve(l) }()
	tr := &http.Transport{DialContext: l.dial}
	s.URL = "http://llmtest.pipe/v1"
	s.client = &http.Client{Transport: tr}
	s.stop = func() {
		_ = hs.Close()
		<-served
		tr.CloseIdleConnections()
	}
	if t != nil {
		t.Cleanup(s.Close)
	}
	return s
}

// pipeListener hands the server one end of each pipe a client dials.
type pipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (l *pipeListener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "llmtest.pipe:80" }
