package handoff

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/people"
	"github.com/concierge-shop/concierge/server/store"
	"github.com/concierge-shop/concierge/server/tool"
)

// fakeMM answers the few calls a handoff makes; any other call panics through the
// nil embedded interface, which is the test telling us it grew a dependency.
type fakeMM struct {
	conversation.API
	posts    []*model.Post
	members  []string          // staff channel members; nil = staff1
	statuses map[string]string // nil = staff1 online
}

func nf() *model.AppError { return model.NewAppError("fake", "nf", nil, "", http.StatusNotFound) }

var channels = map[string]*model.Channel{
	"gen":    {Id: "gen", TeamId: "t", Name: "cs-general", Type: model.ChannelTypeOpen},
	"staffc": {Id: "staffc", TeamId: "t", Name: "staff", Type: model.ChannelTypePrivate, CreatorId: "admin"},
}

func (f *fakeMM) GetChannel(id string) (*model.Channel, *model.AppError) {
	if c := channels[id]; c != nil {
		return c, nil
	}
	return nil, nf()
}
func (f *fakeMM) GetTeam(string) (*model.Team, *model.AppError) {
	return &model.Team{Id: "t", Name: "shop"}, nil
}
func (f *fakeMM) GetChannelByNameForTeamName(_, name string, _ bool) (*model.Channel, *model.AppError) {
	if name == "staff" {
		return channels["staffc"], nil
	}
	return nil, nf()
}
func (f *fakeMM) GetUser(id string) (*model.User, *model.AppError) {
	u := &model.User{Id: id, Username: id}
	if id == "admin" {
		u.Roles = "system_admin"
	}
	return u, nil
}
func (f *fakeMM) GetChannelMembers(string, int, int) (model.ChannelMembers, *model.AppError) {
	if f.members == nil {
		return model.ChannelMembers{{UserId: "staff1"}}, nil
	}
	var out model.ChannelMembers
	for _, m := range f.members {
		out = append(out, model.ChannelMember{UserId: m})
	}
	return out, nil
}
func (f *fakeMM) GetUserStatusesByIds(ids []string) ([]*model.Status, *model.AppError) {
	if f.statuses == nil {
		return []*model.Status{{UserId: "staff1", Status: model.StatusOnline}}, nil
	}
	var out []*model.Status
	for _, id := range ids {
		out = append(out, &model.Status{UserId: id, Status: f.statuses[id]})
	}
	return out, nil
}
func (f *fakeMM) CreatePost(p *model.Post) (*model.Post, *model.AppError) {
	c := p.Clone()
	c.Id = "post" + string(rune('a'+len(f.posts)))
	f.posts = append(f.posts, c)
	return c, nil
}
func (f *fakeMM) GetConfig() *model.Config {
	c := &model.Config{}
	c.SetDefaults()
	url := "https://chat.example"
	c.ServiceSettings.SiteURL = &url
	return c
}
func (f *fakeMM) LogError(string, ...any) {}
func (f *fakeMM) LogWarn(string, ...any)  {}

type planner struct{}

func (planner) Plan(context.Context, agent.Turn) (*agent.Reply, error) { return &agent.Reply{}, nil }

// The case, in a shared channel: the card goes to the staff channel with a
// link to the thread, names the product question asked before "人工客服", and the
// thread gets one line.
func TestThreadHandoffGoesToTheStaffChannelWithTheWholeStory(t *testing.T) {
	f := &fakeMM{}
	cfg := &config.Config{WatchedChannels: "shop/cs-*", StaffChannel: "shop/staff"}
	convs := conversation.New(conversation.Deps{API: f, KV: store.NewMemory(), BotID: "bot", Config: func() *config.Config { return cfg },
		Planner: func() conversation.Planner { return planner{} }})
	t.Cleanup(convs.Close)
	conv, err := convs.Store.Update("root1", func(c *conversation.Conversation, _ bool) (bool, error) {
		*c = conversation.Conversation{ID: "root1", Kind: conversation.KindThread, Customer: "alice", CustomerID: "alice",
			ChannelID: "gen", RootID: "root1", State: conversation.StateBot, Lang: "zh"}
		return true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := convs.NoteTurn(conv.ID, []string{"疾风缓震跑鞋有42码吗"}, &agent.Reply{Calls: []tool.Call{
		{Name: tool.GetProduct, Result: `{"id":"p-run-1","title":"疾风缓震跑鞋"}`}}}); err != nil {
		t.Fatal(err)
	}
	if err := convs.NoteTurn(conv.ID, []string{"人工客服"}, &agent.Reply{}); err != nil {
		t.Fatal(err)
	}
	h := New(Deps{API: f, BotID: "bot", Config: func() *config.Config { return cfg }, Conversations: convs, Store: convs.Store,
		People: people.New(f, "bot", cfg.StaffNames)})
	if err := h.HandOff(context.Background(), conv, "顾客要求人工服务。", "人工客服"); err != nil {
		t.Fatal(err)
	}
	if len(f.posts) != 2 {
		t.Fatalf("%d posts, want the card and the thread notice", len(f.posts))
	}
	card, notice := f.posts[0], f.posts[1]
	if card.ChannelId != "staffc" || card.RootId != "" || !strings.Contains(card.Message, "@staff1") {
		t.Fatalf("card in %s/%s: %q", card.ChannelId, card.RootId, card.Message)
	}
	text := fieldsText(card)
	for _, want := range []string{"疾风缓震跑鞋有42码吗", "https://chat.example/shop/pl/root1", "回答顾客关于「疾风缓震跑鞋」的问题", "@alice"} {
		if !strings.Contains(text, want) {
			t.Errorf("card lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "> 人工客服") {
		t.Errorf("the summary quotes the bare request for a person:\n%s", text)
	}
	if notice.ChannelId != "gen" || notice.RootId != "root1" || len(notice.Attachments()) != 0 {
		t.Fatalf("notice %+v", notice)
	}
	got, _ := convs.FindForPost("staffc", card.Id)
	if got == nil || got.ID != "root1" || got.State != conversation.StateWaitingHuman || got.StaffPostID != card.Id {
		t.Fatalf("the staff thread does not lead to the conversation: %+v", got)
	}
}

func fieldsText(p *model.Post) string {
	var b strings.Builder
	for _, a := range p.Attachments() {
		for _, f := range a.Fields {
			b.WriteString(f.Title + ": " + f.Value.(string) + "\n")
		}
	}
	return b.String()
}
