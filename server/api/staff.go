package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/concierge-shop/concierge/server/conversation"
)

// Staffing is what the staff panel's routes act on (the composition root wires it).
type Staffing interface {
	// Move is a takeover (human), handback (bot) or resolve (resolved) with what
	// follows it; conversation.ErrNotFound for an unknown conversation.
	Move(ctx context.Context, convID string, to conversation.State) error
	CustomerCard(convID string) (*CustomerCard, error)
	Proposals() ([]FAQProposal, error)
	// Review approves or rejects a proposal from the panel (decision "approve" or
	// "reject"), with the question and answer as edited ("" keeps them); by is the
	// reviewer's username. ErrProposalNotFound, ErrProposalDecided as they say.
	Review(ctx context.Context, id, decision, by, question, answer string) (*FAQProposal, error)
}

var (
	ErrProposalNotFound = errors.New("no such FAQ proposal")
	ErrProposalDecided  = errors.New("the FAQ proposal was decided already")
)

// CustomerCard is who a conversation's customer is, for staff: tier, orders (items
// by name), and how often they talked to the bot and were handed to staff.
type CustomerCard struct {
	Customer      string          `json:"customer"`
	Tier          string          `json:"tier,omitempty"`
	Orders        []CustomerOrder `json:"orders"`
	Conversations int             `json:"conversations"`
	Handoffs      int             `json:"handoffs"`
	// Sizes are the sizes the customer told in their conversations and what was
	// recommended from them, the latest per product.
	Sizes []CustomerSize `json:"sizes"`
	// PastHandoffs are the customer's other conversations handed to staff, newest
	// first (at most MaxPastHandoffs): what they were about and how they ended.
	PastHandoffs []CustomerHandoff `json:"past_handoffs"`
}

// MaxPastHandoffs: staff read the latest few; Handoffs counts them all.
const MaxPastHandoffs = 5

type CustomerHandoff struct {
	ConversationID string    `json:"conversation_id"`
	At             time.Time `json:"at"`
	Reason         string    `json:"reason,omitempty"`
	State          string    `json:"state"`
	CSAT           int       `json:"csat,omitempty"` // 1..5; absent when not rated
}

type CustomerSize struct {
	Product     string `json:"product"`
	Wears       string `json:"wears,omitempty"`   // "38 EU · 皮鞋"
	FootMM      int    `json:"foot_mm,omitempty"` // measured, or the one the reference gives
	Recommended string `json:"recommended"`
}

type CustomerOrder struct {
	ID       string   `json:"id"`
	Status   string   `json:"status"`
	Currency string   `json:"currency"`
	Total    int64    `json:"total"`
	Items    []string `json:"items"`
}

// FAQProposal is an FAQ entry waiting for review (State "proposed"), reviewed in the
// panel or on its card (PostID) in the staff channel.
type FAQProposal struct {
	ID        string    `json:"id"`
	Question  string    `json:"question"`
	Answer    string    `json:"answer"`
	Lang      string    `json:"lang"`
	PostID    string    `json:"post_id,omitempty"`
	State     string    `json:"state,omitempty"`
	DecidedBy string    `json:"decided_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// staffMoves are the states staff may move a conversation to from the panel
// (waiting_human is the bot's handoff, never a button).
var staffMoves = map[string]conversation.State{
	"human": conversation.StateHuman, "bot": conversation.StateBot, "resolved": conversation.StateResolved,
}

func (a *handlers) moveConversation(w http.ResponseWriter, r *http.Request) {
	var body struct {
		State string `json:"state"`
	}
	if !decodeStrict(w, r, &body) {
		return
	}
	to, ok := staffMoves[body.State]
	if !ok {
		writeError(w, http.StatusBadRequest, "unknown state "+strconv.Quote(body.State),
			[]Detail{{Path: "state", Message: "want human, bot or resolved"}})
		return
	}
	id := r.PathValue("id")
	if a.failed(w, "move conversation", id, a.d.Staffing.Move(r.Context(), id, to)) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"id": id, "state": string(to)})
}

func (a *handlers) customerCard(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	card, err := a.d.Staffing.CustomerCard(id)
	if a.failed(w, "customer card", id, err) {
		return
	}
	writeJSON(w, http.StatusOK, card)
}

// failed answers err, if any: 404 for an unknown conversation, else as writeErr.
func (a *handlers) failed(w http.ResponseWriter, what, id string, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, conversation.ErrNotFound):
		writeError(w, http.StatusNotFound, "no conversation "+strconv.Quote(id), nil)
	default:
		a.writeErr(w, what, err)
	}
	return true
}

func (a *handlers) faqProposals(w http.ResponseWriter, _ *http.Request) {
	ps, err := a.d.Staffing.Proposals()
	if err != nil {
		a.writeErr(w, "faq proposals", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"proposals": ps})
}

// reviewProposal takes the panel's decision on an FAQ proposal: 404 for an unknown
// one, 409 when it was decided meanwhile (on its card, or by someone else).
func (a *handlers) reviewProposal(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Decision string `json:"decision"`
		Question string `json:"question"`
		Answer   string `json:"answer"`
	}
	if !decodeStrict(w, r, &body) {
		return
	}
	if body.Decision != "approve" && body.Decision != "reject" {
		writeError(w, http.StatusBadRequest, "unknown decision "+strconv.Quote(body.Decision),
			[]Detail{{Path: "decision", Message: "want approve or reject"}})
		return
	}
	user, appErr := a.d.Users.GetUser(r.Header.Get("Mattermost-User-ID"))
	if appErr != nil {
		a.writeErr(w, "faq review", appErr)
		return
	}
	id := r.PathValue("id")
	p, err := a.d.Staffing.Review(r.Context(), id, body.Decision, user.Username, body.Question, body.Answer)
	switch {
	case errors.Is(err, ErrProposalNotFound):
		writeError(w, http.StatusNotFound, "no FAQ proposal "+strconv.Quote(id), nil)
	case errors.Is(err, ErrProposalDecided):
		writeError(w, http.StatusConflict, "the FAQ proposal was decided already", nil)
	case err != nil:
		a.writeErr(w, "faq review", err)
	default:
		writeJSON(w, http.StatusOK, p)
	}
}
