package learn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/i18n"
)

// ServeHTTP takes the proposal's button clicks. The body is the clicker's to
// write: only the proposal it names and the action are read from it; the clicker
// must be staff, and the post clicked must be the proposal's own.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	userID := r.Header.Get("Mattermost-User-ID")
	var req model.PostActionIntegrationRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":"bad action request"}`, http.StatusBadRequest)
		return
	}
	id, _ := req.Context["proposal_id"].(string)
	action, _ := req.Context["action"].(string)
	resp := &model.PostActionIntegrationResponse{}
	p, err := s.get(id)
	lang := i18n.EN
	if p != nil {
		lang = i18n.Parse(p.Lang)
	}
	user, appErr := s.d.API.GetUser(userID)
	switch {
	case err != nil || p == nil || req.PostId != p.PostID:
		resp.EphemeralText = i18n.T(lang, "learn.stale")
	case appErr != nil || !s.d.IsStaff(userID):
		resp.EphemeralText = i18n.T(lang, "learn.staff_only")
	case action == "edit":
		s.openEditor(p, req.TriggerId, lang, resp)
	case action == "approve" || action == "reject":
		to := map[string]string{"approve": StateApproved, "reject": StateRejected}[action]
		s.settle(r, p.ID, to, user.Username, "", "", lang, resp)
	default:
		resp.EphemeralText = i18n.T(lang, "learn.stale")
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func (s *Service) settle(r *http.Request, id, to, by, question, answer string, lang i18n.Lang, resp *model.PostActionIntegrationResponse) {
	_, post, err := s.review(r.Context(), id, to, by, question, answer)
	switch {
	case errors.Is(err, ErrDecided) || errors.Is(err, ErrNotFound):
		resp.EphemeralText = i18n.T(lang, "learn.stale")
	case err != nil:
		resp.EphemeralText = i18n.T(lang, "learn.failed")
	case post != nil:
		resp.Update = post
	}
}

// Review is a decision made in the staff panel: as the card's buttons (or its Edit
// dialog, when question or answer are given), and the card in the staff channel
// shows it too, so no one presses a button there on a settled proposal.
func (s *Service) Review(ctx context.Context, id, to, by, question, answer string) (*Proposal, error) {
	if to != StateApproved && to != StateRejected {
		return nil, fmt.Errorf("unknown decision %q", to)
	}
	p, post, err := s.review(ctx, id, to, by, question, answer)
	if err != nil {
		return nil, err
	}
	if post != nil {
		if _, appErr := s.d.API.UpdatePost(post); appErr != nil {
			s.d.API.LogError("learn: cannot update the proposal card", "proposal_id", id, "err", appErr.Error())
		}
	}
	return p, nil
}

// review decides once, stores an approved entry with the shop's FAQs and tells the
// panel; it returns the card's settled look (nil when the card cannot be read) for
// the caller to show the way its channel allows.
func (s *Service) review(ctx context.Context, id, to, by, question, answer string) (*Proposal, *model.Post, error) {
	p, err := s.decide(id, to, by, question, answer)
	if err != nil {
		if !errors.Is(err, ErrDecided) && !errors.Is(err, ErrNotFound) {
			s.d.API.LogError("learn: cannot decide a proposal", "proposal_id", id, "err", err.Error())
		}
		return nil, nil, err
	}
	// Decided either way: the panel drops it from the list even if storing fails below.
	s.changed(p.ID, p.State)
	if to == StateApproved {
		if err := s.approve(ctx, p); err != nil {
			s.d.API.LogError("learn: cannot store an approved FAQ", "proposal_id", id, "err", err.Error())
			return nil, nil, err
		}
	}
	return p, s.decided(p), nil
}

func (s *Service) openEditor(p *Proposal, triggerID string, lang i18n.Lang, resp *model.PostActionIntegrationResponse) {
	dialog := model.OpenDialogRequest{TriggerId: triggerID, URL: DialogPath, Dialog: model.Dialog{
		Title: i18n.T(lang, "learn.dialog.title"), SubmitLabel: i18n.T(lang, "learn.button.approve"), State: p.ID,
		Elements: []model.DialogElement{
			{DisplayName: i18n.T(lang, "learn.card.question"), Name: "question", Type: "textarea", Default: p.Question, MaxLength: 500},
			{DisplayName: i18n.T(lang, "learn.card.answer"), Name: "answer", Type: "textarea", Default: p.Answer, MaxLength: 3000},
		}}}
	if appErr := s.d.API.OpenInteractiveDialog(dialog); appErr != nil {
		s.d.API.LogError("learn: cannot open the editor", "proposal_id", p.ID, "err", appErr.Error())
		resp.EphemeralText = i18n.T(lang, "learn.failed")
	}
}

// ServeDialog takes the Edit dialog: the edited entry is approved as written.
func (s *Service) ServeDialog(w http.ResponseWriter, r *http.Request) {
	userID := r.Header.Get("Mattermost-User-ID")
	var req model.SubmitDialogRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":"bad dialog submission"}`, http.StatusBadRequest)
		return
	}
	out := model.SubmitDialogResponse{}
	p, err := s.get(req.State)
	user, appErr := s.d.API.GetUser(userID)
	switch {
	case err != nil || p == nil:
		out.Error = i18n.T(i18n.EN, "learn.stale")
	case appErr != nil || !s.d.IsStaff(userID):
		out.Error = i18n.T(i18n.Parse(p.Lang), "learn.staff_only")
	default:
		q, _ := req.Submission["question"].(string)
		a, _ := req.Submission["answer"].(string)
		resp := &model.PostActionIntegrationResponse{}
		s.settle(r, p.ID, StateApproved, user.Username, q, a, i18n.Parse(p.Lang), resp)
		if resp.EphemeralText != "" {
			out.Error = resp.EphemeralText
		} else if resp.Update != nil {
			if _, appErr := s.d.API.UpdatePost(resp.Update); appErr != nil {
				s.d.API.LogError("learn: cannot update the proposal card", "proposal_id", p.ID, "err", appErr.Error())
			}
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}
