package learn

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

type fakeMM struct {
	conversation.API // unused calls panic: the test shows what learning needs
	posts            map[string]*model.Post
	dialogs          []model.OpenDialogRequest
	events           []string // what the staff panel was told, "id:event"
}

func (f *fakeMM) CreatePost(p *model.Post) (*model.Post, *model.AppError) {
	c := p.Clone()
	c.Id = "post" + string(rune('a'+len(f.posts)))
	f.posts[c.Id] = c
	return c, nil
}
func (f *fakeMM) GetPost(id string) (*model.Post, *model.AppError) { return f.posts[id], nil }
func (f *fakeMM) UpdatePost(p *model.Post) (*model.Post, *model.AppError) {
	f.posts[p.Id] = p
	return p, nil
}
func (f *fakeMM) GetUser(id string) (*model.User, *model.AppError) {
	return &model.User{Id: id, Username: id}, nil
}
func (f *fakeMM) OpenInteractiveDialog(d model.OpenDialogRequest) *model.AppError {
	f.dialogs = append(f.dialogs, d)
	return nil
}
func (f *fakeMM) LogError(string, ...any) {}

type fakeShop struct{ faqs []shop.FAQ }

func (s *fakeShop) AddLearnedFAQ(_ context.Context, f shop.FAQ) error {
	s.faqs = append(s.faqs, f)
	return nil
}

type noPlanner struct{}

func (noPlanner) Plan(context.Context, agent.Turn) (*agent.Reply, error) { return &agent.Reply{}, nil }

func setup(t *testing.T) (*Service, *fakeMM, *fakeShop, *conversation.Conversation) {
	t.Helper()
	f := &fakeMM{posts: map[string]*model.Post{}}
	kv := store.NewMemory()
	convs := conversation.New(conversation.Deps{API: f, KV: kv, BotID: "bot", Config: func() *config.Config { return &config.Config{} },
		Planner: func() conversation.Planner { return noPlanner{} }})
	t.Cleanup(convs.Close)
	conv := &conversation.Conversation{ID: "c1", Customer: "alice", Lang: "zh", HandedOff: true}
	if err := convs.NoteTurn("c1", []string{"能开发票吗？"}, &agent.Reply{}); err != nil {
		t.Fatal(err)
	}
	if err := convs.NoteTurn("c1", []string{"人工客服"}, &agent.Reply{}); err != nil {
		t.Fatal(err)
	}
	convs.NoteStaff("c1", "可以，在订单页申请电子发票。")
	sh := &fakeShop{}
	learned := 0
	s := New(Deps{API: f, KV: kv, BotID: "bot", Conversations: convs, Shop: sh, AfterLearn: func() { learned++ },
		IsStaff: func(id string) bool { return id == "staff1" }, StaffChannel: func() string { return "staffc" },
		NewID: func() string { return "p1" }, Changed: func(id, event string) { f.events = append(f.events, id+":"+event) }})
	return s, f, sh, conv
}

func click(t *testing.T, s *Service, user, postID, action string) *model.PostActionIntegrationResponse {
	t.Helper()
	body, _ := json.Marshal(model.PostActionIntegrationRequest{PostId: postID, TriggerId: "trig",
		Context: map[string]any{"proposal_id": "p1", "action": action}})
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.Header.Set("Mattermost-User-ID", user)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var resp model.PostActionIntegrationResponse
	if err := json.NewDecoder(rec.Body).Decode(&resp); err != nil {
		t.Fatal(err)
	}
	return &resp
}

func TestProposalApprovedOnceByStaff(t *testing.T) {
	s, f, sh, conv := setup(t)
	if err := s.Propose(context.Background(), conv); err != nil {
		t.Fatal(err)
	}
	card := f.posts["posta"]
	if card == nil || card.ChannelId != "staffc" {
		t.Fatalf("proposal card %+v", card)
	}
	fields := card.Attachments()[0].Fields
	if fields[0].Value != "能开发票吗？" || fields[1].Value != "可以，在订单页申请电子发票。" {
		t.Fatalf("proposal %v / %v", fields[0].Value, fields[1].Value)
	}
	// A customer cannot decide; a click naming another post changes nothing.
	if r := click(t, s, "alice", card.Id, "approve"); r.Update != nil || len(sh.faqs) != 0 {
		t.Fatal("a customer approved a proposal")
	}
	if r := click(t, s, "staff1", "otherpost", "approve"); r.Update != nil || len(sh.faqs) != 0 {
		t.Fatal("a click on another post approved the proposal")
	}
	r := click(t, s, "staff1", card.Id, "approve")
	if r.Update == nil || len(r.Update.Attachments()[0].Actions) != 0 || !strings.Contains(r.Update.Message, "@staff1") {
		t.Fatalf("approved card %+v", r)
	}
	if len(sh.faqs) != 1 || sh.faqs[0].ID != shop.LearnedPrefix+"p1" || sh.faqs[0].Question != "能开发票吗？" {
		t.Fatalf("stored %+v", sh.faqs)
	}
	if r := click(t, s, "staff1", card.Id, "reject"); r.Update != nil {
		t.Fatal("a decided proposal changed again")
	}
}

func TestEditThenApprove(t *testing.T) {
	s, f, sh, conv := setup(t)
	if err := s.Propose(context.Background(), conv); err != nil {
		t.Fatal(err)
	}
	click(t, s, "staff1", "posta", "edit")
	if len(f.dialogs) != 1 || f.dialogs[0].TriggerId != "trig" || f.dialogs[0].Dialog.State != "p1" {
		t.Fatalf("dialogs %+v", f.dialogs)
	}
	body, _ := json.Marshal(model.SubmitDialogRequest{State: "p1", Submission: map[string]any{"question": "可以开发票吗", "answer": "可以。"}})
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.Header.Set("Mattermost-User-ID", "staff1")
	s.ServeDialog(httptest.NewRecorder(), req)
	if len(sh.faqs) != 1 || sh.faqs[0].Question != "可以开发票吗" || sh.faqs[0].Answer != "可以。" {
		t.Fatalf("stored %+v", sh.faqs)
	}
	if f.posts["posta"].Attachments()[0].Actions != nil {
		t.Fatal("the edited and approved card still has buttons")
	}
}

func TestNoProposalWithoutStaffWords(t *testing.T) {
	s, f, _, _ := setup(t)
	if err := s.Propose(context.Background(), &conversation.Conversation{ID: "other", Customer: "bob"}); err != nil || len(f.posts) != 0 {
		t.Fatalf("proposal without staff words: %v %d", err, len(f.posts))
	}
}

func TestReviewInThePanel(t *testing.T) {
	s, f, sh, conv := setup(t)
	if err := s.Propose(context.Background(), conv); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.events, " "); got != "p1:proposed" {
		t.Fatalf("events after proposing: %q", got)
	}
	if _, err := s.Review(context.Background(), "nope", StateApproved, "staff1", "", ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown proposal: %v", err)
	}
	if _, err := s.Review(context.Background(), "p1", "maybe", "staff1", "", ""); err == nil {
		t.Fatal("an unknown decision was taken")
	}
	p, err := s.Review(context.Background(), "p1", StateApproved, "staff1", " 可以开发票吗 ", "")
	if err != nil {
		t.Fatal(err)
	}
	// The edited question, the proposed answer; the card in the staff channel is settled too.
	if p.State != StateApproved || p.Question != "可以开发票吗" || p.Answer != "可以，在订单页申请电子发票。" {
		t.Fatalf("reviewed %+v", p)
	}
	if len(sh.faqs) != 1 || sh.faqs[0].Question != "可以开发票吗" {
		t.Fatalf("stored %+v", sh.faqs)
	}
	card := f.posts["posta"]
	if len(card.Attachments()[0].Actions) != 0 || !strings.Contains(card.Message, "@staff1") {
		t.Fatalf("card after the panel's approval: %q %+v", card.Message, card.Attachments()[0].Actions)
	}
	if got := strings.Join(f.events, " "); got != "p1:proposed p1:approved" {
		t.Fatalf("events: %q", got)
	}
	// Decided once: neither the panel nor the card's button decides again.
	if _, err := s.Review(context.Background(), "p1", StateRejected, "staff2", "", ""); !errors.Is(err, ErrDecided) {
		t.Fatalf("second review: %v", err)
	}
	if r := click(t, s, "staff1", "posta", "reject"); r.Update != nil || len(f.events) != 2 {
		t.Fatalf("a click after the panel's decision: %+v, events %v", r, f.events)
	}
}
