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

// fakeStaffing records the moves it is asked for; "c1" is the only conversation.
type fakeStaffing struct{ moved []string }

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
	}
	for _, tt := range tests {
		rec := do(h, tt.user, tt.method, tt.path, strings.NewReader(tt.body))
		if rec.Code != tt.want || !strings.Contains(rec.Body.String(), tt.inBody) {
			t.Errorf("%s %s %s as %s: %d %s, want %d with %s", tt.method, tt.path, tt.body, tt.user, rec.Code, rec.Body, tt.want, tt.inBody)
		}
	}
	if strings.Join(fs.moved, ",") != "c1:human" {
		t.Errorf("moves %v: only staff's valid move may reach the service", fs.moved)
	}
}
