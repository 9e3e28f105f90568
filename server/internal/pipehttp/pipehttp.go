// Package pipehttp serves HTTP over in-memory pipes (net.Pipe) for tests. Started
// inside a testing/synctest bubble, the server, the client and every connection
// between them live in the bubble, so a test of timeouts and backoff runs on the
// bubble's virtual clock: a stall of an hour takes no time, elapsed times are
// exact, and synctest.Wait marks the point where nothing more can happen.
// Loopback sockets cannot do this: a goroutine blocked on a real socket never
// counts as durably blocked, and the bubble's clock would not move.
//
// Only the client that Client returns reaches the server; the host of the URL a
// test gives it is never resolved.
package pipehttp

import (
	"context"
	"net"
	"net/http"
	"sync"
)

// Server is an http.Server on a pipe listener. Start it, and Close it, inside the
// same bubble (or both outside any): synctest requires that the goroutines it
// starts end in the bubble that started them.
type Server struct {
	l      *listener
	hs     *http.Server
	tr     *http.Transport
	client *http.Client
	served chan struct{}
	once   sync.Once
}

// Start serves h until Close.
func Start(h http.Handler) *Server {
	l := &listener{conns: make(chan net.Conn), done: make(chan struct{})}
	// No ReadHeaderTimeout: only Client reaches it, over pipes, and a deadline would
	// run on a bubble's virtual clock through the test's own long waits.
	hs := &http.Server{Handler: h} //nolint:gosec // G112: no network peer exists
	s := &Server{l: l, hs: hs, tr: &http.Transport{DialContext: l.dial}, served: make(chan struct{})}
	s.client = &http.Client{Transport: s.tr}
	go func() { defer close(s.served); _ = hs.Serve(l) }()
	return s
}

// Client returns the client that reaches the server, whatever host its URLs name.
func (s *Server) Client() *http.Client { return s.client }

// Close stops the server, waits for its serving goroutine to end and drops the
// client's idle connections, so no goroutine of either outlives the test's bubble.
// It may be called more than once.
func (s *Server) Close() {
	s.once.Do(func() {
		_ = s.hs.Close()
		<-s.served
		s.tr.CloseIdleConnections()
	})
}

// listener hands the server one end of each pipe a client dials.
type listener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (l *listener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
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

func (l *listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *listener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *listener) Addr() net.Addr { return pipeAddr{} }

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipehttp.pipe:80" }
