package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
)

// The profiling endpoint, for finding where a reply's time goes. Off unless the
// plugin process has CONCIERGE_PPROF_ADDR (e.g. 127.0.0.1:6070; set it in
// Mattermost's environment): then that address serves Go's profiles under
// /debug/pprof/ and, under /debug/rpc, how many plugin API calls of the kinds a
// reply makes were made and how long they took in all. It listens on its own
// address, outside Mattermost's authentication: bind it to loopback.
const pprofEnv = "CONCIERGE_PPROF_ADDR"

// startDebug serves the endpoint when asked to and returns the API to use (the
// counting one then, api otherwise) and how to stop it.
func startDebug(api plugin.API, getenv func(string) string) (plugin.API, func()) {
	addr := getenv(pprofEnv)
	if addr == "" {
		return api, func() {}
	}
	counted := &countingAPI{API: api}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/rpc", counted.serve)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		api.LogError("Concierge: cannot serve the profiling endpoint", "addr", addr, "err", err.Error())
		return api, func() {}
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			api.LogError("Concierge: the profiling endpoint stopped", "err", err.Error())
		}
	}()
	api.LogInfo("Concierge: profiling endpoint on", "addr", ln.Addr().String())
	return counted, func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
}

// countingAPI counts the plugin API calls a reply makes, and their time.
type countingAPI struct {
	plugin.API
	calls sync.Map // method → *callStats
}

type callStats struct{ n, ns atomic.Int64 }

func (c *countingAPI) done(method string, since time.Time) {
	v, _ := c.calls.LoadOrStore(method, &callStats{})
	s := v.(*callStats)
	s.n.Add(1)
	s.ns.Add(int64(time.Since(since)))
}

// serve lists the counts, most time first; ?reset=1 starts them again.
func (c *countingAPI) serve(w http.ResponseWriter, r *http.Request) {
	type row struct {
		method string
		n, ns  int64
	}
	var rows []row
	c.calls.Range(func(k, v any) bool {
		s := v.(*callStats)
		rows = append(rows, row{k.(string), s.n.Load(), s.ns.Load()})
		return true
	})
	slices.SortFunc(rows, func(a, b row) int { return int(b.ns - a.ns) })
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	for _, x := range rows {
		fmt.Fprintf(w, "%-28s %8d calls %10.1f ms %8.3f ms/call\n", x.method, x.n, float64(x.ns)/1e6, float64(x.ns)/1e6/float64(max(x.n, 1)))
	}
	if r.URL.Query().Get("reset") == "1" {
		c.calls.Clear()
	}
}

func (c *countingAPI) GetUser(id string) (*model.User, *model.AppError) {
	defer c.done("GetUser", time.Now())
	return c.API.GetUser(id)
}

func (c *countingAPI) GetChannel(id string) (*model.Channel, *model.AppError) {
	defer c.done("GetChannel", time.Now())
	return c.API.GetChannel(id)
}

func (c *countingAPI) GetTeam(id string) (*model.Team, *model.AppError) {
	defer c.done("GetTeam", time.Now())
	return c.API.GetTeam(id)
}

func (c *countingAPI) GetChannelMembers(id string, page, perPage int) (model.ChannelMembers, *model.AppError) {
	defer c.done("GetChannelMembers", time.Now())
	return c.API.GetChannelMembers(id, page, perPage)
}

func (c *countingAPI) GetChannelMember(channelID, userID string) (*model.ChannelMember, *model.AppError) {
	defer c.done("GetChannelMember", time.Now())
	return c.API.GetChannelMember(channelID, userID)
}

func (c *countingAPI) GetPostThread(id string) (*model.PostList, *model.AppError) {
	defer c.done("GetPostThread", time.Now())
	return c.API.GetPostThread(id)
}

func (c *countingAPI) GetPostsForChannel(id string, page, perPage int) (*model.PostList, *model.AppError) {
	defer c.done("GetPostsForChannel", time.Now())
	return c.API.GetPostsForChannel(id, page, perPage)
}

func (c *countingAPI) CreatePost(p *model.Post) (*model.Post, *model.AppError) {
	defer c.done("CreatePost", time.Now())
	return c.API.CreatePost(p)
}

func (c *countingAPI) UpdatePost(p *model.Post) (*model.Post, *model.AppError) {
	defer c.done("UpdatePost", time.Now())
	return c.API.UpdatePost(p)
}

func (c *countingAPI) KVGet(key string) ([]byte, *model.AppError) {
	defer c.done("KVGet", time.Now())
	return c.API.KVGet(key)
}

func (c *countingAPI) KVSetWithOptions(key string, value []byte, o model.PluginKVSetOptions) (bool, *model.AppError) {
	defer c.done("KVSetWithOptions", time.Now())
	return c.API.KVSetWithOptions(key, value, o)
}
