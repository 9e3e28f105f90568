package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/store"
)

// fakeStaffing records the moves and reviews it is asked for; "c1" is the only
// conversation, "f1" the only proposal waiting, "f0" one decided already.
type fakeStaffing struct{ moved, reviewed []string }

func (f *fakeStaffing) Move(_ context.Context, id string, to conversation.State) error {
	if id != "c1" {
		return conversation.ErrNotFound
	}
	f.moved = append(f.moved, id+":"+string(to))
	return nil
}

func (f *fakeStaffing) CustomerCard(id string) (*CustomerCard, error) {
	if id != "c1" {
		return nil, conversation.ErrNotFound
	}
	return &CustomerCard{Customer: "alice", Tier: "gold", Orders: []CustomerOrder{}, Handoffs: 1}, nil
}

func (f *fakeStaffing) Proposals() ([]FAQProposal, error) {
	return []FAQProposal{{ID: "f1", Question: "q", Answer: "a"}}, nil
}

func (f *fakeStaffing) Review(_ context.Context, id, decision, by, question, answer string) (*FAQProposal, error) {
	switch id {
	case "f0":
		return nil, ErrProposalDecided
	case "f1":
		f.reviewed = append(f.reviewed, strings.Join([]string{id, decision, by, question, answer}, ":"))
		return &FAQProposal{ID: id, Question: "q", Answer: "a", State: decision + "d", DecidedBy: by}, nil
	}
	return nil, ErrProposalNotFound
}

func TestStaffPanelRoutes(t *testing.T) {
	users := fakeUsers{
		"staff": {Id: "staff", Username: "staff1", Roles: model.SystemUserRoleId},
		"alice": {Id: "alice", Username: "alice", Roles: model.SystemUserRoleId},
	}
	fs := &fakeStaffing{}
	h := New(Deps{Users: users, Staff: fakeStaff{"staff": true}, Conversations: conversation.NewStore(store.NewMemoryConvs()),
		Staffing: fs, Log: fakeLog{}})
	tests := []struct {
		user, method, path, body string
		want                     int
		inBody                   string
	}{
		{"alice", "POST", "/api/v1/conversations/c1/state", `{"state":"resolved"}`, http.StatusForbidden, ""},
		{"alice", "GET", "/api/v1/conversations/c1/customer", "", http.StatusForbidden, ""},
		{"alice", "GET", "/api/v1/faq/proposals", "", http.StatusForbidden, ""},
		{"staff", "POST", "/api/v1/conversations/c1/state", `{"state":"waiting_human"}`, http.StatusBadRequest, `"path":"state"`},
		{"staff", "POST", "/api/v1/conversations/c1/state", `{"state":"human","x":1}`, http.StatusBadRequest, ""},
		{"staff", "POST", "/api/v1/conversations/c9/state", `{"state":"human"}`, http.StatusNotFound, ""},
		{"staff", "GET", "/api/v1/conversations/c9/customer", "", http.StatusNotFound, ""},
		{"staff", "POST", "/api/v1/conversations/c1/state", `{"state":"human"}`, http.StatusOK, `"state":"human"`},
		{"staff", "GET", "/api/v1/conversations/c1/customer", "", http.StatusOK, `"tier":"gold"`},
		{"staff", "GET", "/api/v1/faq/proposals", "", http.StatusOK, `"question":"q"`},
		// Reviewing an FAQ proposal in the panel.
		{"alice", "POST", "/api/v1/faq/proposals/f1", `{"decision":"approve"}`, http.StatusForbidden, ""},
		{"staff", "POST", "/api/v1/faq/proposals/f1", `{"decision":"maybe"}`, http.StatusBadRequest, `"path":"decision"`},
		{"staff", "POST", "/api/v1/faq/proposals/f1", `{"decision":"approve","note":"x"}`, http.StatusBadRequest, ""},
		{"staff", "POST", "/api/v1/faq/proposals/f9", `{"decision":"reject"}`, http.StatusNotFound, ""},
		{"staff", "POST", "/api/v1/faq/proposals/f0", `{"decision":"reject"}`, http.StatusConflict, ""},
		{"staff", "POST", "/api/v1/faq/proposals/f1", `{"decision":"approve","answer":"a2"}`, http.StatusOK, `"decided_by":"staff1"`},
	}
	for _, tt := range tests {
		rec := do(h, tt.user, tt.method, tt.path, strings.NewReader(tt.body))
		if rec.Code != tt.want || !strings.Contains(rec.Body.String(), tt.inBody) {
			t.Errorf("%s %s %s as %s: %d %s, want %d with %s", tt.method, tt.path, tt.body, tt.user, rec.Code, rec.Body, tt.want, tt.inBody)
		}
	}
	if got := strings.Join(fs.reviewed, ","); got != "f1:approve:staff1::a2" {
		t.Errorf("reviews %v: only staff's valid decision may reach the service, by the caller's name", got)
	}
	if strings.Join(fs.moved, ",") != "c1:human" {
		t.Errorf("moves %v: only staff's valid move may reach the service", fs.moved)
	}
}
