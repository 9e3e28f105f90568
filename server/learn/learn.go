// Package learn proposes FAQ entries from what staff answered (issue 17): after
// staff resolve a conversation they answered, the customer's question and the
// staff's words go to the staff channel as a proposal with Approve / Edit /
// Reject; an approved entry joins the shop's FAQs (shop.AddLearnedFAQ), is indexed
// and answered at once, and survives catalog re-imports.
package learn

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/safetext"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
	"github.com/concierge-shop/concierge/server/summary"
)

// ActionPath receives the proposal's buttons, DialogPath the Edit dialog.
const (
	ActionPath = "/plugins/concierge/api/v1/actions/faq"
	DialogPath = "/plugins/concierge/api/v1/actions/faqedit"
)

// API is what learning needs from Mattermost.
type API interface {
	CreatePost(post *model.Post) (*model.Post, *model.AppError)
	GetPost(postID string) (*model.Post, *model.AppError)
	UpdatePost(post *model.Post) (*model.Post, *model.AppError)
	GetUser(userID string) (*model.User, *model.AppError)
	OpenInteractiveDialog(dialog model.OpenDialogRequest) *model.AppError
	LogError(msg string, keyValuePairs ...any)
}

// Deps wires the service.
type Deps struct {
	API           API
	KV            store.KV
	BotID         string
	Conversations *conversation.Service
	Shop          interface {
		AddLearnedFAQ(ctx context.Context, f shop.FAQ) error
	}
	AfterLearn   func() // reindex, and tell the cluster
	IsStaff      func(userID string) bool
	StaffChannel func() string
	NewID        func() string
	// Changed tells the staff panel a proposal was posted or decided (event
	// proposed, approved or rejected), so its review list follows without a
	// refresh; nil tells no one.
	Changed func(proposalID, event string)
}

type Service struct{ d Deps }

func New(d Deps) *Service { return &Service{d: d} }

// Proposal states.
const (
	StateProposed = "proposed"
	StateApproved = "approved"
	StateRejected = "rejected"
)

// Proposal is one FAQ entry staff may approve.
type Proposal struct {
	ID             string    `json:"id"`
	ConversationID string    `json:"conversation_id"`
	Question       string    `json:"question"`
	Answer         string    `json:"answer"`
	Lang           string    `json:"lang"`
	PostID         string    `json:"post_id,omitempty"`
	State          string    `json:"state"`
	DecidedBy      string    `json:"decided_by,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
}

func key(id string) string { return "learn/proposal/" + store.KeyPart(id) }

// Propose posts a proposal for a conversation staff resolved, when staff answered
// the customer in it. The question is the customer's own words (the first thing
// they asked that was not just "a person, please"); the answer is what staff wrote.
func (s *Service) Propose(_ context.Context, conv *conversation.Conversation) error {
	staffChannel := s.d.StaffChannel()
	if staffChannel == "" {
		return nil
	}
	rec, err := s.d.Conversations.Record(conv.ID)
	if err != nil {
		return err
	}
	sum := summary.Build(rec, conv.Customer, i18n.Parse(conv.Lang), "", nil)
	if len(rec.Staff) == 0 || len(sum.Wants) == 0 {
		return nil
	}
	answers := make([]string, len(rec.Staff))
	for i, a := range rec.Staff {
		answers[i] = a.Text
	}
	p := &Proposal{ID: s.d.NewID(), ConversationID: conv.ID, Question: sum.Wants[0], Answer: strings.Join(answers, "\n"),
		Lang: conv.Lang, State: StateProposed, CreatedAt: time.Now().UTC()}
	if err := store.SetJSON(s.d.KV, key(p.ID), p); err != nil {
		return fmt.Errorf("store FAQ proposal: %w", err)
	}
	lang := i18n.Parse(p.Lang)
	post := &model.Post{UserId: s.d.BotID, ChannelId: staffChannel, Message: i18n.T(lang, "learn.text", "@"+conv.Customer)}
	post.AddProp("concierge_faq_proposal", p.ID)
	model.ParseMessageAttachment(post, []*model.MessageAttachment{s.attachment(p, true)})
	created, appErr := s.d.API.CreatePost(post)
	if appErr != nil {
		return fmt.Errorf("post FAQ proposal: %w", appErr)
	}
	if _, err = store.Update(s.d.KV, key(p.ID), func(q *Proposal, exists bool) (bool, error) {
		q.PostID = created.Id
		return exists, nil
	}); err != nil {
		return err
	}
	s.changed(p.ID, StateProposed)
	return nil
}

func (s *Service) changed(id, event string) {
	if s.d.Changed != nil {
		s.d.Changed(id, event)
	}
}

func (s *Service) attachment(p *Proposal, buttons bool) *model.MessageAttachment {
	lang := i18n.Parse(p.Lang)
	att := &model.MessageAttachment{Color: "#2e7d32", Title: i18n.T(lang, "learn.card.title"), Fields: []*model.MessageAttachmentField{
		{Title: i18n.T(lang, "learn.card.question"), Value: safetext.NoMentions(p.Question)},
		{Title: i18n.T(lang, "learn.card.answer"), Value: safetext.NoMentions(p.Answer)},
	}}
	if buttons {
		for _, a := range []string{"approve", "edit", "reject"} {
			att.Actions = append(att.Actions, &model.PostAction{Id: a, Name: i18n.T(lang, "learn.button."+a), Type: model.PostActionTypeButton,
				Integration: &model.PostActionIntegration{URL: ActionPath, Context: map[string]any{"proposal_id": p.ID, "action": a}}})
		}
	}
	return att
}

func (s *Service) get(id string) (*Proposal, error) {
	var p Proposal
	ok, err := store.GetJSON(s.d.KV, key(id), &p)
	if err != nil || !ok {
		return nil, err
	}
	return &p, nil
}

// ErrDecided: the proposal was approved or rejected before (by a click on its card
// or in the panel); ErrNotFound: there is no such proposal.
var (
	ErrDecided  = errors.New("the proposal was decided already")
	ErrNotFound = errors.New("no such proposal")
)

// decide moves a proposal out of proposed once (compare-and-set), with the text
// staff settled on.
func (s *Service) decide(id, to, by, question, answer string) (*Proposal, error) {
	var stale, missing bool
	p, err := store.Update(s.d.KV, key(id), func(p *Proposal, exists bool) (bool, error) {
		if !exists {
			missing = true
			return false, nil
		}
		if p.State != StateProposed {
			stale = true
			return false, nil
		}
		p.State, p.DecidedBy = to, by
		if q := strings.TrimSpace(question); q != "" {
			p.Question = q
		}
		if a := strings.TrimSpace(answer); a != "" {
			p.Answer = a
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if missing {
		return nil, ErrNotFound
	}
	if stale {
		return nil, ErrDecided
	}
	return &p, nil
}

// approve stores the entry with the shop's FAQs and serves it at once.
func (s *Service) approve(ctx context.Context, p *Proposal) error {
	if err := s.d.Shop.AddLearnedFAQ(ctx, shop.FAQ{ID: shop.LearnedPrefix + p.ID, Question: p.Question, Answer: p.Answer, Lang: p.Lang}); err != nil {
		return err
	}
	if s.d.AfterLearn != nil {
		s.d.AfterLearn()
	}
	return nil
}

// decided re-renders the proposal's card: who decided, no more buttons.
func (s *Service) decided(p *Proposal) *model.Post {
	post, appErr := s.d.API.GetPost(p.PostID)
	if appErr != nil {
		return nil
	}
	post = post.Clone()
	post.Message = i18n.T(i18n.Parse(p.Lang), "learn."+p.State, "@"+p.DecidedBy)
	model.ParseMessageAttachment(post, []*model.MessageAttachment{s.attachment(p, false)})
	return post
}
