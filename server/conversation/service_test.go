package conversation

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/store"
)

// fakeMM is a tiny in-memory Mattermost: users, channels, members and posts.
type fakeMM struct {
	mu       sync.Mutex
	users    map[string]*model.User
	channels map[string]*model.Channel
	teams    map[string]*model.Team
	members  map[string][]string // channel id → user ids
	posts    []*model.Post
	n        int
	updates  int
	statuses map[string]string // user id → online/away/dnd/offline; absent = offline
}

func nf() *model.AppError {
	return model.NewAppError("fake", "not_found", nil, "", http.StatusNotFound)
}

func (f *fakeMM) GetChannel(id string) (*model.Channel, *model.AppError) {
	if c, ok := f.channels[id]; ok {
		return c, nil
	}
	return nil, nf()
}
func (f *fakeMM) GetTeam(id string) (*model.Team, *model.AppError) {
	if t, ok := f.teams[id]; ok {
		return t, nil
	}
	return nil, nf()
}
func (f *fakeMM) GetUser(id string) (*model.User, *model.AppError) {
	if u, ok := f.users[id]; ok {
		return u, nil
	}
	return nil, nf()
}
func (f *fakeMM) GetChannelByNameForTeamName(team, name string, _ bool) (*model.Channel, *model.AppError) {
	for _, c := range f.channels {
		if c.Name == name && f.teams[c.TeamId] != nil && f.teams[c.TeamId].Name == team {
			return c, nil
		}
	}
	return nil, nf()
}
func (f *fakeMM) GetChannelMember(ch, user string) (*model.ChannelMember, *model.AppError) {
	for _, u := range f.members[ch] {
		if u == user {
			return &model.ChannelMember{ChannelId: ch, UserId: user}, nil
		}
	}
	return nil, nf()
}
func (f *fakeMM) GetChannelMembers(ch string, _, _ int) (model.ChannelMembers, *model.AppError) {
	var out model.ChannelMembers
	for _, u := range f.members[ch] {
		out = append(out, model.ChannelMember{ChannelId: ch, UserId: u})
	}
	return out, nil
}
func (f *fakeMM) GetPost(id string) (*model.Post, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.posts {
		if p.Id == id {
			return p, nil
		}
	}
	return nil, nf()
}
func (f *fakeMM) GetPostThread(string) (*model.PostList, *model.AppError) {
	return model.NewPostList(), nil
}
func (f *fakeMM) GetPostsForChannel(ch string, _, _ int) (*model.PostList, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	list := model.NewPostList()
	for i := len(f.posts) - 1; i >= 0; i-- { // newest first, as Mattermost pages them
		if p := f.posts[i]; p.ChannelId == ch {
			list.AddPost(p)
			list.AddOrder(p.Id)
		}
	}
	return list, nil
}
func (f *fakeMM) CreatePost(p *model.Post) (*model.Post, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	c := p.Clone()
	c.Id = "p" + strconv.Itoa(f.n)
	if c.CreateAt == 0 {
		c.CreateAt = model.GetMillis()
	}
	f.posts = append(f.posts, c)
	return c, nil
}
func (f *fakeMM) UpdatePost(p *model.Post) (*model.Post, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, old := range f.posts {
		if old.Id == p.Id {
			f.updates++
			kept := p.Clone()
			kept.Type = old.Type // as Mattermost does: an edit never changes a post's type
			f.posts[i] = kept
			return kept.Clone(), nil
		}
	}
	return nil, nf()
}
func (f *fakeMM) GetUserStatusesByIds(ids []string) ([]*model.Status, *model.AppError) {
	var out []*model.Status
	for _, id := range ids {
		st := f.statuses[id]
		if st == "" {
			st = model.StatusOffline
		}
		out = append(out, &model.Status{UserId: id, Status: st})
	}
	return out, nil
}
func (f *fakeMM) SendEphemeralPost(string, *model.Post) *model.Post        { return nil }
func (f *fakeMM) PublishUserTyping(string, string, string) *model.AppError { return nil }
func (f *fakeMM) LogError(string, ...any)                                  {}
func (f *fakeMM) LogWarn(string, ...any)                                   {}
func (f *fakeMM) LogInfo(string, ...any)                                   {}
func (f *fakeMM) LogDebug(string, ...any)                                  {}

func (f *fakeMM) botPosts() []*model.Post {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*model.Post
	for _, p := range f.posts {
		if p.UserId == "bot" {
			out = append(out, p)
		}
	}
	return out
}

type echoPlanner struct{}

func (echoPlanner) Plan(_ context.Context, t agent.Turn) (*agent.Reply, error) {
	r := &agent.Reply{Text: "re: " + strings.Join(t.Messages, "+")}
	if strings.Contains(t.Messages[0], "人工") {
		r.Handoff = &agent.Handoff{Reason: "asked"}
	}
	return r, nil
}

// fakeHandoff marks the conversation waiting for staff, as package handoff does;
// panics makes it panic instead.
type fakeHandoff struct {
	svc    *Service
	panics bool
}

func (h *fakeHandoff) HandOff(_ context.Context, c *Conversation, _, _ string) error {
	if h.panics {
		panic("injected")
	}
	_, err := h.svc.SetState(c.ID, StateWaitingHuman)
	return err
}

func newService(t testing.TB) (*Service, *fakeMM) {
	t.Helper()
	f := &fakeMM{
		users: map[string]*model.User{
			"bot":   {Id: "bot", Username: "concierge", IsBot: true},
			"alice": {Id: "alice", Username: "alice"},
			"bob":   {Id: "bob", Username: "bob"},
			"staff": {Id: "staff", Username: "staff1"},
			"admin": {Id: "admin", Username: "admin", Roles: "system_admin system_user"},
			"other": {Id: "other", Username: "otherbot", IsBot: true},
		},
		teams: map[string]*model.Team{"t": {Id: "t", Name: "shop"}},
		channels: map[string]*model.Channel{
			"gen":    {Id: "gen", TeamId: "t", Name: "cs-general", Type: model.ChannelTypeOpen},
			"random": {Id: "random", TeamId: "t", Name: "random", Type: model.ChannelTypeOpen},
			"staffc": {Id: "staffc", TeamId: "t", Name: "staff", Type: model.ChannelTypePrivate, CreatorId: "admin"},
			"solo":   {Id: "solo", TeamId: "t", Name: "cs-alice", Type: model.ChannelTypePrivate},
			"dm":     {Id: "dm", Name: model.GetDMNameFromIds("alice", "bot"), Type: model.ChannelTypeDirect},
		},
		members: map[string][]string{
			"gen": {"alice", "bob", "staff", "bot"}, "staffc": {"staff"}, "solo": {"alice", "staff", "bot"},
		},
	}
	cfg := &config.Config{WatchedChannels: "shop/cs-*", StaffChannel: "shop/staff", ReplyQuietWindowMs: new(int64)}
	hand := &fakeHandoff{}
	svc := New(Deps{API: f, KV: store.NewMemory(), BotID: "bot", Config: func() *config.Config { return cfg },
		Planner: func() Planner { return echoPlanner{} }, Handoff: hand})
	hand.svc = svc
	t.Cleanup(svc.Close)
	return svc, f
}

func TestRouting(t *testing.T) {
	tests := []struct {
		name      string
		post      *model.Post
		wantReply bool
		wantRoot  string
	}{
		{"customer in watched channel, own thread", &model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "hi"}, true, "c1"},
		{"customer reply in a thread", &model.Post{Id: "c2", UserId: "bob", ChannelId: "gen", RootId: "root9", Message: "and?"}, true, "root9"},
		{"staff member", &model.Post{Id: "s1", UserId: "staff", ChannelId: "gen", Message: "hi"}, false, ""},
		{"system admin", &model.Post{Id: "s2", UserId: "admin", ChannelId: "gen", Message: "hi"}, false, ""},
		{"another bot", &model.Post{Id: "b1", UserId: "other", ChannelId: "gen", Message: "hi"}, false, ""},
		{"the bot itself", &model.Post{Id: "b2", UserId: "bot", ChannelId: "gen", Message: "hi"}, false, ""},
		{"system message", &model.Post{Id: "m1", UserId: "alice", ChannelId: "gen", Type: model.PostTypeJoinChannel}, false, ""},
		{"unwatched channel", &model.Post{Id: "u1", UserId: "alice", ChannelId: "random", Message: "hi"}, false, ""},
		{"DM with the bot", &model.Post{Id: "d1", UserId: "alice", ChannelId: "dm", Message: "hi"}, true, ""},
		{"single-customer channel", &model.Post{Id: "o1", UserId: "alice", ChannelId: "solo", Message: "hi"}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				svc, f := newService(t)
				if tt.name == "single-customer channel" {
					svc.d.Config().WatchedChannels = "shop/cs-*"
				}
				svc.OnPost(tt.post)
				got := waitBotPosts(t, svc, f)
				if !tt.wantReply {
					if len(got) != 0 {
						t.Fatalf("unexpected reply %q", got[0].Message)
					}
					return
				}
				if len(got) != 1 || got[0].ChannelId != tt.post.ChannelId || got[0].RootId != tt.wantRoot {
					t.Fatalf("replies %+v, want one in %s root %q", got, tt.post.ChannelId, tt.wantRoot)
				}
			})
		})
	}
}

func TestStatesSilenceAndReopen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "我要人工"})
		waitBotPosts(t, svc, f)
		conv, _ := svc.Store.Get("c1")
		if conv == nil || conv.State != StateWaitingHuman || !conv.HandedOff {
			t.Fatalf("after handoff: %+v", conv)
		}
		svc.OnPost(&model.Post{Id: "c2", UserId: "alice", ChannelId: "gen", RootId: "c1", Message: "hello?"})
		// Staff answering in the thread takes it over.
		svc.OnPost(&model.Post{Id: "s1", UserId: "staff", ChannelId: "gen", RootId: "c1", Message: "I'm here"})
		if conv, _ = svc.Store.Get("c1"); conv.State != StateHuman {
			t.Fatalf("staff post did not take over: %s", conv.State)
		}
		svc.OnPost(&model.Post{Id: "c3", UserId: "alice", ChannelId: "gen", RootId: "c1", Message: "thanks"})
		if got := waitBotPosts(t, svc, f); len(got) != 1 {
			t.Fatalf("bot spoke while staff had the conversation: %d posts", len(got))
		}
		if _, err := svc.SetState("c1", StateBot); err != nil {
			t.Fatal(err)
		}
		svc.OnPost(&model.Post{Id: "c4", UserId: "alice", ChannelId: "gen", RootId: "c1", Message: "one more"})
		if got := waitBotPosts(t, svc, f); len(got) != 2 || got[1].Message != "re: one more" {
			t.Fatalf("after handback: %+v", got)
		}
		if _, err := svc.SetState("c1", StateResolved); err != nil {
			t.Fatal(err)
		}
		conv, _ = svc.Store.Get("c1")
		if conv.ResolvedBy != StateHuman {
			t.Fatalf("resolved by %s, want human (it was handed off)", conv.ResolvedBy)
		}
		svc.OnPost(&model.Post{Id: "c5", UserId: "alice", ChannelId: "gen", RootId: "c1", Message: "again"})
		if conv, _ = svc.Store.Get("c1"); conv.State != StateBot {
			t.Fatalf("a resolved conversation did not reopen: %s", conv.State)
		}
		waitIdle(t, svc)
		if latest, _ := svc.Latest("alice"); latest == nil || latest.ID != "c1" {
			t.Fatalf("latest conversation of alice: %+v", latest)
		}
		if latest, _ := svc.Latest("bob"); latest != nil {
			t.Fatalf("bob has no conversation, got %+v", latest)
		}
		if _, err := svc.SetState("nope", StateBot); err != ErrNotFound {
			t.Fatalf("unknown conversation: %v", err)
		}
		st := ComputeStats([]*Conversation{conv, {State: StateResolved, BotReplies: 1}, {State: StateBot, HandedOff: false, CSAT: 4}}, time.Now())
		if st.Conversations != 3 || st.HandedOff != 1 || st.ResolvedByBot != 1 || st.CSATAvg == nil || *st.CSATAvg != 4 {
			t.Fatalf("stats %+v", st)
		}
	})
}

func TestCSAT(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "hi"})
		waitBotPosts(t, svc, f)
		// The body is the caller's to write: post_id names someone else's post.
		rate := func(user string, score int) *model.PostActionIntegrationResponse {
			body := `{"post_id":"victim","context":{"conversation_id":"c1","score":` + strconv.Itoa(score) + `}}`
			req := httptest.NewRequest("POST", "/api/v1/actions/csat", strings.NewReader(body))
			req.Header.Set("Mattermost-User-ID", user)
			rec := httptest.NewRecorder()
			svc.ServeCSAT(rec, req)
			var resp model.PostActionIntegrationResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("%q: %v", rec.Body.String(), err)
			}
			return &resp
		}
		csat := func() int { c, _ := svc.Store.Get("c1"); return c.CSAT }

		if out := rate("alice", 5); !strings.Contains(out.EphemeralText, "no longer valid") || csat() != 0 {
			t.Fatalf("a conversation never resolved took a rating: %+v, csat %d", out, csat())
		}
		conv, _ := svc.SetState("c1", StateResolved)
		svc.AskRating(conv)
		cards := f.botPosts()
		card := cards[len(cards)-1]
		if out := rate("bob", 1); !strings.Contains(out.EphemeralText, "Only the customer") || csat() != 0 {
			t.Fatalf("bob rated alice's conversation: %+v", out)
		}
		if out := rate("alice", 9); !strings.Contains(out.EphemeralText, "no longer valid") {
			t.Fatalf("score 9 accepted: %+v", out)
		}
		out := rate("alice", 4)
		if csat() != 4 || out.Update == nil || out.Update.Id != card.Id || !strings.Contains(out.Update.Message, "4") {
			t.Fatalf("csat %d, update %+v; want the card %s changed", csat(), out.Update, card.Id)
		}
		if out := rate("alice", 1); !strings.Contains(out.EphemeralText, "already rated") || out.Update != nil || csat() != 4 {
			t.Fatalf("second rating: %+v, csat %d", out, csat())
		}
		// Resolved again later: not asked again.
		conv, _ = svc.Store.Get("c1")
		before := len(f.botPosts())
		svc.AskRating(conv)
		if len(f.botPosts()) != before {
			t.Fatal("a rated conversation was asked again")
		}
	})
}

type panicPlanner struct{}

func (panicPlanner) Plan(context.Context, agent.Turn) (*agent.Reply, error) { panic("injected") }

// A customer whose reply panicked is still answered: an apology in their language and
// a handoff to staff, visible in the conversation.
func TestPanickingReplyApologisesAndHandsOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		svc.d.Planner = func() Planner { return panicPlanner{} }
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "我的订单呢"})
		got := waitBotPosts(t, svc, f)
		if len(got) != 1 || !strings.Contains(got[0].Message, "抱歉") || got[0].RootId != "c1" {
			t.Fatalf("bot posts %+v, want one apology in the thread", got)
		}
		if conv, _ := svc.Store.Get("c1"); conv == nil || conv.State != StateWaitingHuman {
			t.Fatalf("conversation %+v, want it handed off", conv)
		}
	})
}

// A panic after the reply was posted leaves the reply as it is.
func TestPanicAfterTheReplyKeepsIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		svc.d.Handoff.(*fakeHandoff).panics = true
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "我要人工"})
		got := waitBotPosts(t, svc, f)
		if len(got) != 1 || got[0].Message != "re: 我要人工" {
			t.Fatalf("bot posts %+v, want the reply untouched", got)
		}
	})
}

// brokenRows fail, or panic, on every write of a conversation record, as a
// database error or a bug in a driver would.
type brokenRows struct {
	Rows
	panics bool
}

func (b brokenRows) UpdateConv(context.Context, string, func(*store.ConvRow) (store.ConvUpdate, error)) (*store.ConvRow, error) {
	if b.panics {
		panic("injected")
	}
	return nil, errors.New("injected")
}

// A customer message the bot could not even record (a database error, or a panic
// doing so) is still answered: the customer is asked to send it again.
func TestMessageThatCannotBeRecordedIsAnswered(t *testing.T) {
	for _, tt := range []struct {
		name   string
		panics bool
	}{{"a database error", false}, {"a panic", true}} {
		t.Run(tt.name, func(t *testing.T) {
			svc, f := newService(t)
			svc.Store.Rows = brokenRows{Rows: svc.Store.Rows, panics: tt.panics}
			svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "我的订单呢"})
			got := f.botPosts()
			if len(got) != 1 || got[0].RootId != "c1" || !strings.Contains(got[0].Message, "请再发一次") {
				t.Fatalf("bot posts %+v, want one asking to send the message again", got)
			}
		})
	}
}
func (f *fakeMM) GetChannelsForTeamForUser(_, user string, _ bool) ([]*model.Channel, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*model.Channel
	for id, c := range f.channels {
		member := c.Type == model.ChannelTypeDirect && strings.Contains(c.Name, user)
		for _, u := range f.members[id] {
			member = member || u == user
		}
		if !member {
			continue
		}
		c = c.DeepCopy()
		for _, p := range f.posts {
			if p.ChannelId == id {
				c.LastPostAt = max(c.LastPostAt, p.CreateAt)
			}
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, nf()
	}
	return out, nil
}
