//go:build e2e

package e2e

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/mattermost/mattermost/server/public/model"
)

// Time limits. Polling (waitUntil) returns as soon as the awaited thing
// happens. No test waits for something NOT to happen: it waits for a later,
// positive event (a reply to a later message, a card the same sweep posts
// after) and then checks that the other thing is still absent.
const (
	pollEvery     = 100 * time.Millisecond
	replyTimeout  = 20 * time.Second // offline planner, quiet window 0
	pluginTimeout = time.Minute      // enabling or disabling the plugin
)

// lookup returns get(key) or fails the test: a typo in a name is a test bug.
func lookup[V any](t *testing.T, get func(string) (V, bool), kind, key string) V {
	t.Helper()
	v, ok := get(key)
	if !ok {
		t.Fatalf("unknown %s %q", kind, key)
	}
	return v
}

// client is the REST client logged in as user.
func client(t *testing.T, user string) *model.Client4 { return lookup(t, h.Client, "user", user) }

func userID(t *testing.T, user string) string { return lookup(t, h.User, "user", user).Id }

// channelID is the id of a channel of the shop team, by name (mmenv.Channel*).
func channelID(t *testing.T, name string) string {
	return lookup(t, func(n string) (*model.Channel, bool) { ch, ok := h.Channels[n]; return ch, ok }, "channel", name).Id
}

// newCustomer creates a customer no earlier test (or run, with E2E_REUSE)
// has talked to, member of the team and the customer channels; it returns
// the username.
func newCustomer(t *testing.T) string {
	t.Helper()
	a := mmenv.Account{Username: "cust-" + model.NewId()[:10], Password: "Cust-pass-1", Role: mmenv.RoleCustomer}
	if err := h.AddAccount(t.Context(), a); err != nil {
		t.Fatalf("new customer: %v", err)
	}
	return a.Username
}

// dmWithBot opens (or finds) the direct channel between user and the bot.
func dmWithBot(t *testing.T, user string) string {
	t.Helper()
	ch, _, err := client(t, user).CreateDirectChannel(t.Context(), userID(t, user), h.bot.Id)
	if err != nil {
		t.Fatalf("DM %s-bot: %v", user, err)
	}
	return ch.Id
}

// postAs posts msg as user in the channel; rootID "" starts a new thread.
func postAs(t *testing.T, user, channelID, msg, rootID string) *model.Post {
	t.Helper()
	p, _, err := client(t, user).CreatePost(t.Context(), &model.Post{ChannelId: channelID, Message: msg, RootId: rootID})
	if err != nil {
		t.Fatalf("post as %s: %v", user, err)
	}
	return p
}

// postTime is when the server created p.
func postTime(p *model.Post) time.Time { return time.UnixMilli(p.CreateAt) }

// botPosts lists the bot's own posts in the channel created at or after `after`
// that pass keep, oldest first.
func botPosts(t *testing.T, channelID string, after time.Time, keep func(*model.Post) bool) []*model.Post {
	t.Helper()
	list, _, err := h.Admin().GetPostsSince(t.Context(), channelID, after.UnixMilli(), false)
	if err != nil {
		t.Fatalf("posts of channel %s: %v", channelID, err)
	}
	var out []*model.Post
	for _, p := range list.Posts {
		// System messages ("concierge joined the channel") carry the bot's id too.
		if p.UserId == h.bot.Id && !p.IsSystemMessage() && p.DeleteAt == 0 && p.CreateAt >= after.UnixMilli() && keep(p) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *model.Post) int { return int(a.CreateAt - b.CreateAt) })
	return out
}

// waitForBotReply waits for the bot's first reply (not a card) after `after` in the thread
// rootID of the channel (rootID "": anywhere in the channel, as in a DM) and
// returns it once it is complete: a streamed reply carries the concierge_streaming
// prop until its final text is written.
func waitForBotReply(t *testing.T, channelID, rootID string, after time.Time, timeout time.Duration) *model.Post {
	t.Helper()
	inThread := func(p *model.Post) bool { return (rootID == "" || p.RootId == rootID) && isReply(p) }
	deadline := time.Now().Add(timeout)
	var reply *model.Post
	waitUntil(t, timeout, fmt.Sprintf("a bot reply in channel %s thread %q", channelID, rootID), func() bool {
		if found := botPosts(t, channelID, after, inThread); len(found) > 0 {
			reply = found[0]
		}
		return reply != nil
	})
	waitUntil(t, max(time.Until(deadline), 0), "the bot reply "+reply.Id+" finished", func() bool {
		if reply.GetProp("concierge_streaming") == nil {
			return true
		}
		again, _, err := h.Admin().GetPost(t.Context(), reply.Id, "")
		if err != nil {
			t.Fatalf("re-read bot reply %s: %v", reply.Id, err)
		}
		reply = again
		return reply.GetProp("concierge_streaming") == nil
	})
	return reply
}

// cardProps mark the bot's posts that are not replies (SPEC §7: the handoff
// summary card, a proactive price-protection card and a staff approval
// request are posts of their own).
var cardProps = []string{"concierge_handoff", "concierge_card", "concierge_approval", "concierge_csat", "concierge_handoff_notice"}

// isReply: a bot post that answers the customer, not a card of its own.
func isReply(p *model.Post) bool {
	return !slices.ContainsFunc(cardProps, func(k string) bool { return p.GetProp(k) != nil })
}

func anyPost(*model.Post) bool { return true }

// assertNoBotReply fails if the bot replies after one of the posts, in its thread
// or at the channel's top level (cards do not count).
func assertNoBotReply(t *testing.T, posts ...*model.Post) {
	t.Helper()
	assertQuiet(t, isReply, posts)
}

// assertNoBotPost is assertNoBotReply counting cards too: the bot must not
// act on these posts at all.
func assertNoBotPost(t *testing.T, posts ...*model.Post) {
	t.Helper()
	assertQuiet(t, anyPost, posts)
}

// assertQuiet proves an absence without sleeping through a window: after the
// posts, the marker customer asks again in their thread of the watched general
// channel, and the bot's answer to that is awaited. The plugin decides on a post
// when it takes it in (answer, relay, or leave it), and it takes posts in as the
// server delivers them, in order; a reply it owes one of the earlier posts is
// under way, or done, by the time a later post's reply is posted. So once the
// marker is answered, a bot post for the earlier posts would be there to find —
// on a slow machine the marker is only later, never a false pass.
func assertQuiet(t *testing.T, counts func(*model.Post) bool, posts []*model.Post) {
	t.Helper()
	m := quietMarker(t)
	asked := postAs(t, m.user, m.channel, "Hello again!", m.root)
	waitForBotPost(t, m.channel, postTime(asked), replyTimeout, "the marker's answer", func(b *model.Post) bool {
		return b.RootId == m.root
	})
	for _, p := range posts {
		root := cmp.Or(p.RootId, p.Id)
		found := botPosts(t, p.ChannelId, postTime(p), func(b *model.Post) bool {
			return b.Id != p.Id && (b.RootId == root || b.RootId == "") && counts(b)
		})
		if len(found) > 0 {
			t.Fatalf("unexpected bot post after %q (channel %s): %q", p.Message, p.ChannelId, found[0].Message)
		}
	}
}

// marker is the one conversation assertQuiet asks in: one for the whole run, so
// that a test counting conversations (the stats) counts it once, before it starts
// (quietMarker), not once per assertion.
type markerConversation struct {
	once                sync.Once
	user, channel, root string
}

var marker markerConversation

func quietMarker(t *testing.T) *markerConversation {
	t.Helper()
	marker.once.Do(func() {
		user, ch := newCustomer(t), channelID(t, mmenv.ChannelGeneral)
		root := postAs(t, user, ch, "Hello!", "")
		waitForBotReply(t, ch, root.Id, postTime(root), replyTimeout)
		marker.user, marker.channel, marker.root = user, ch, root.Id
	})
	if marker.root == "" {
		t.Fatal("the marker conversation could not be started (see the first test that asked)")
	}
	return &marker
}

// setPluginConfig sets the plugin settings to the defaults with overrides
// applied (keys in lower case) and restores the defaults when the test ends.
func setPluginConfig(t *testing.T, overrides map[string]any) {
	t.Helper()
	settings := mmenv.DefaultSettings()
	maps.Copy(settings, overrides)
	if err := h.SetPluginSettings(t.Context(), settings); err != nil {
		t.Fatalf("set plugin settings: %v", err)
	}
	t.Cleanup(func() {
		// t.Context() is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), pluginTimeout)
		defer cancel()
		if err := h.SetPluginSettings(ctx, mmenv.DefaultSettings()); err != nil {
			t.Errorf("restore plugin settings: %v", err)
		}
	})
}

// disablePlugin disables the plugin and waits until it has stopped.
func disablePlugin(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), pluginTimeout)
	defer cancel()
	if err := h.DisablePlugin(ctx); err != nil {
		t.Fatal(err)
	}
}

// enablePlugin enables the plugin and waits until it runs.
func enablePlugin(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), pluginTimeout)
	defer cancel()
	if err := h.EnablePlugin(ctx); err != nil {
		t.Fatal(err)
	}
}

// pluginHTTP calls /plugins/concierge/api/v1+path as user (user "": no
// session). body is nil, raw []byte, or anything else sent as JSON. It
// returns the status and the response body.
func pluginHTTP(t *testing.T, user, method, path string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("encode body: %v", err)
		}
		r = bytes.NewReader(data)
	}
	resp, err := h.PluginRequest(t.Context(), user, method, "/api/v1"+path, r)
	if err != nil {
		t.Fatalf("%s %s as %q: %v", method, path, user, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp.StatusCode, data
}

// pluginGetJSON GETs path as user, requires 200 and decodes the body into out.
func pluginGetJSON(t *testing.T, user, path string, out any) {
	t.Helper()
	status, data := pluginHTTP(t, user, http.MethodGet, path, nil)
	if status != http.StatusOK {
		t.Fatalf("GET %s as %s: status %d: %s", path, user, status, truncate(data))
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("GET %s: decode %s: %v", path, truncate(data), err)
	}
}

func truncate(b []byte) string {
	const max = 500
	if len(b) > max {
		return fmt.Sprintf("%s… (%d bytes)", b[:max], len(b))
	}
	return strings.TrimSpace(string(b))
}

// waitForBotPost waits for the bot's first post in the channel after `after`
// that passes keep (cards included) and returns it.
func waitForBotPost(t *testing.T, channelID string, after time.Time, timeout time.Duration, what string, keep func(*model.Post) bool) *model.Post {
	t.Helper()
	var post *model.Post
	waitUntil(t, timeout, fmt.Sprintf("a bot post (%s) in channel %s", what, channelID), func() bool {
		if found := botPosts(t, channelID, after, keep); len(found) > 0 {
			post = found[0]
		}
		return post != nil
	})
	return post
}

// runCommand executes a slash command as user in the channel and returns the
// text of the (ephemeral) answer.
func runCommand(t *testing.T, user, channelID, command string) string {
	t.Helper()
	resp, _, err := client(t, user).ExecuteCommand(t.Context(), channelID, command)
	if err != nil {
		t.Fatalf("%s as %s: %v", command, user, err)
	}
	return resp.Text
}

// clickButton presses the post's attachment button actionID as user, as the
// webapp does (POST /api/v4/posts/{id}/actions/{action}). It returns the
// server's error, if any: a button that is no longer on the post is one.
func clickButton(t *testing.T, user, postID, actionID string) error {
	t.Helper()
	_, err := client(t, user).DoPostActionWithCookie(t.Context(), postID, actionID, "", "", nil, "")
	return err
}

// wsEvents collects one user's websocket events of the given types.
type wsEvents struct {
	mu  sync.Mutex
	evs []*model.WebSocketEvent
}

// watchEvents connects a websocket as user until the test ends and returns once the
// server registered it (its hello): every event published later reaches it.
func watchEvents(t *testing.T, user string, types ...model.WebsocketEventType) *wsEvents {
	t.Helper()
	w := &wsEvents{}
	ws, err := openApp(h.Env, user, func(ev *model.WebSocketEvent) {
		if slices.Contains(types, ev.EventType()) {
			w.mu.Lock()
			w.evs = append(w.evs, ev)
			w.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ws.Close)
	return w
}

// openApp connects a user's websocket as the app does and returns once the server
// registered it (its hello); every later event goes to onEvent.
func openApp(env *mmenv.Env, user string, onEvent func(*model.WebSocketEvent)) (*model.WebSocketClient, error) {
	cl, ok := env.Client(user)
	if !ok {
		return nil, fmt.Errorf("unknown user %q", user)
	}
	ws, appErr := model.NewWebSocketClient4("ws"+strings.TrimPrefix(env.URL, "http"), cl.AuthToken)
	if appErr != nil {
		return nil, fmt.Errorf("websocket as %s: %w", user, appErr)
	}
	ws.Listen()
	hello := make(chan struct{})
	go func() {
		said := false
		for {
			select {
			case ev, ok := <-ws.EventChannel:
				if !ok {
					return
				}
				if !said && ev.EventType() == model.WebsocketEventHello {
					said = true
					close(hello)
				}
				if onEvent != nil {
					onEvent(ev)
				}
			case _, ok := <-ws.ResponseChannel:
				if !ok {
					return
				}
			case <-ws.PingTimeoutChannel:
			}
		}
	}()
	select {
	case <-hello:
		return ws, nil
	case <-time.After(replyTimeout):
		ws.Close()
		return nil, fmt.Errorf("no hello on %s's websocket", user)
	}
}

// wait returns the first event that passes match, failing after timeout.
func (w *wsEvents) wait(t *testing.T, timeout time.Duration, what string, match func(*model.WebSocketEvent) bool) *model.WebSocketEvent {
	t.Helper()
	var found *model.WebSocketEvent
	n := 0
	if !poll(timeout, func() bool {
		w.mu.Lock()
		evs := slices.Clone(w.evs)
		w.mu.Unlock()
		n = len(evs)
		if i := slices.IndexFunc(evs, match); i >= 0 {
			found = evs[i]
		}
		return found != nil
	}) {
		t.Fatalf("no websocket event (%s) within %v; %d collected", what, timeout, n)
	}
	return found
}

// count is how many events of the type arrived so far.
func (w *wsEvents) count(typ model.WebsocketEventType) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, ev := range w.evs {
		if ev.EventType() == typ {
			n++
		}
	}
	return n
}

// ephemeralWatcher collects the ephemeral posts the server sends one user over
// the websocket (slash command progress, card click notes): the REST API
// never returns them.
type ephemeralWatcher struct{ ws *wsEvents }

// watchEphemeral connects a websocket as user until the test ends.
func watchEphemeral(t *testing.T, user string) *ephemeralWatcher {
	t.Helper()
	return &ephemeralWatcher{ws: watchEvents(t, user, model.WebsocketEventEphemeralMessage)}
}

func ephemeralPost(ev *model.WebSocketEvent) *model.Post {
	raw, _ := ev.GetData()["post"].(string)
	var p model.Post
	if json.Unmarshal([]byte(raw), &p) != nil {
		return nil
	}
	return &p
}

// wait returns the first ephemeral post whose message passes match.
func (w *ephemeralWatcher) wait(t *testing.T, timeout time.Duration, what string, match func(string) bool) *model.Post {
	t.Helper()
	ev := w.ws.wait(t, timeout, "ephemeral message: "+what, func(ev *model.WebSocketEvent) bool {
		p := ephemeralPost(ev)
		return p != nil && match(p.Message)
	})
	return ephemeralPost(ev)
}

// Issue #16.4: the settings the suite (and the demo) writes are the ones the server
// keeps, under one key each.
func TestSettingsReadBack(t *testing.T) {
	setPluginConfig(t, map[string]any{"replyquietwindowms": 1234})
	got, err := h.PluginSettings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for k := range got {
		if seen[strings.ToLower(k)] {
			t.Fatalf("setting %q stored twice: %v", k, got)
		}
		seen[strings.ToLower(k)] = true
	}
	if v, _ := got["replyquietwindowms"].(float64); v != 1234 {
		t.Fatalf("quiet window read back as %v (%v)", got["replyquietwindowms"], got)
	}
}
