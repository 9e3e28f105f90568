package refund

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
)

// ServeHTTP handles a card button click (Mattermost post action). The clicking user
// is the session's user (the Mattermost-User-ID header the server sets), never a
// field of the body, so a forged request cannot act for someone else.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	userID := r.Header.Get("Mattermost-User-ID")
	var req model.PostActionIntegrationRequest
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(&req); err != nil {
		http.Error(w, `{"error":"bad action request"}`, http.StatusBadRequest)
		return
	}
	// A body that does not end after the object is malformed, like on every other route.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		http.Error(w, `{"error":"bad action request: trailing data after the JSON object"}`, http.StatusBadRequest)
		return
	}
	cardID, _ := req.Context["card_id"].(string)
	action, _ := req.Context["action"].(string)
	resp := s.click(r.Context(), userID, cardID, action, req.PostId)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func (s *Service) click(ctx context.Context, userID, cardID, action, postID string) *model.PostActionIntegrationResponse {
	lang := i18n.EN
	if u, appErr := s.d.API.GetUser(userID); appErr == nil {
		lang = i18n.FromLocale(u.Locale)
	}
	say := func(key string, args ...any) *model.PostActionIntegrationResponse {
		return &model.PostActionIntegrationResponse{EphemeralText: i18n.T(lang, key, args...)}
	}
	card, err := s.Get(cardID)
	if err != nil {
		s.d.API.LogError("refund: read card", "card_id", cardID, "err", err.Error())
		return say("refund.click.error")
	}
	if card == nil {
		return say("refund.click.unknown")
	}

	switch action {
	case "confirm", "cancel":
		// The click must come from the card's own post: a request naming another
		// post (or a card whose post is not recorded yet) changes nothing.
		if !s.ownPost(card, postID) {
			return say("refund.click.unknown")
		}
		if userID != card.UserID {
			return say("refund.click.not_yours")
		}
		lang = i18n.Parse(card.Lang)
		if action == "cancel" {
			return s.respond(card, s.move(card, []string{StateOffered}, StateCancelled), lang)
		}
		return s.confirm(ctx, card, lang)

	case "approve", "reject":
		if card.ApprovalPostID == "" || postID != card.ApprovalPostID {
			return say("refund.click.unknown")
		}
		if !s.d.People.IsStaff(userID) {
			return say("refund.click.staff_only")
		}
		// Nobody approves their own refund, whatever else they are (staff, admin).
		if userID == card.UserID {
			return say("refund.click.own_refund")
		}
		u, _ := s.d.API.GetUser(userID)
		by := userID
		if u != nil {
			by = u.Username
		}
		lang = i18n.Parse(card.Lang)
		if action == "reject" {
			c, err := s.transition(card.ID, []string{StateAwaitingApproval}, StateRejected, func(c *Card) { c.DecidedBy = by })
			if err != nil {
				return s.respond(c, err, lang)
			}
			s.refreshPost(c)
			return s.updateApproval(c)
		}
		if err := s.track(card.ID); err != nil {
			s.d.API.LogError("refund: cannot track refund", "card_id", card.ID, "err", err.Error())
			return say("refund.click.error")
		}
		c, err := s.transition(card.ID, []string{StateAwaitingApproval}, StateProcessing, func(c *Card) { c.DecidedBy = by })
		if err != nil {
			return s.respond(c, err, lang)
		}
		c = s.execute(ctx, c, true)
		s.refreshPost(c)
		return s.updateApproval(c)
	}
	return say("refund.click.unknown")
}

// confirm is the customer's click on Confirm. The approval limit and the card's
// lifetime are the settings now, not those of when the card was offered.
func (s *Service) confirm(ctx context.Context, card *Card, lang i18n.Lang) *model.PostActionIntegrationResponse {
	st := s.d.Settings()
	if card.State == StateOffered && card.Expired(s.d.Now(), st.CardLifetime) {
		err := s.move(card, []string{StateOffered}, StateExpired)
		resp := s.respond(card, err, lang)
		if err == nil {
			resp.EphemeralText = i18n.T(lang, "refund.click.expired")
		}
		return resp
	}
	needs := commerce.DecideApproval(card.Offer.Amount, st.Limit)
	next := StateProcessing
	if needs {
		next = StateAwaitingApproval
	} else if err := s.track(card.ID); err != nil {
		s.d.API.LogError("refund: cannot track refund", "card_id", card.ID, "err", err.Error())
		return &model.PostActionIntegrationResponse{EphemeralText: i18n.T(lang, "refund.click.error")}
	}
	c, err := s.transition(card.ID, []string{StateOffered}, next, func(c *Card) {
		c.NeedsApproval, c.Limit = needs, st.Limit
	})
	if err != nil {
		return s.respond(c, err, lang)
	}
	if next == StateAwaitingApproval {
		s.requestApproval(c)
		return s.update(c)
	}
	return s.update(s.execute(ctx, c, true))
}

// move is a transition whose result only needs rendering.
func (s *Service) move(card *Card, from []string, to string) error {
	c, err := s.transition(card.ID, from, to, nil)
	if c != nil {
		*card = *c
	}
	return err
}

// respond answers a click: the card re-rendered in its current state, plus a note
// when the click came too late (already confirmed, cancelled, refunded…).
func (s *Service) respond(c *Card, err error, lang i18n.Lang) *model.PostActionIntegrationResponse {
	if c == nil {
		s.d.API.LogError("refund: click failed", "err", fmt.Sprint(err))
		return &model.PostActionIntegrationResponse{EphemeralText: i18n.T(lang, "refund.click.error")}
	}
	resp := s.update(c)
	if errors.Is(err, errStale) {
		resp.EphemeralText = i18n.T(lang, "refund.click.stale")
	} else if err != nil {
		s.d.API.LogError("refund: click failed", "card_id", c.ID, "err", err.Error())
		resp.EphemeralText = i18n.T(lang, "refund.click.error")
	}
	return resp
}

// update re-renders the clicked customer card. The update replaces the post's
// message too, so it starts from the stored post (the reply text stays).
func (s *Service) update(c *Card) *model.PostActionIntegrationResponse {
	post := s.rendered(c.PostID, "", c.Attachment())
	s.showCard(post, c)
	return &model.PostActionIntegrationResponse{Update: post}
}

// updateApproval re-renders the clicked approval request.
func (s *Service) updateApproval(c *Card) *model.PostActionIntegrationResponse {
	msg := i18n.T(i18n.Parse(c.Lang), "refund.approval.decided", "@"+c.DecidedBy)
	return &model.PostActionIntegrationResponse{Update: s.rendered(c.ApprovalPostID, msg, c.ApprovalAttachment())}
}

func (s *Service) rendered(postID, message string, att *model.MessageAttachment) *model.Post {
	post := &model.Post{}
	if postID != "" {
		if p, appErr := s.d.API.GetPost(postID); appErr == nil {
			post = p.Clone()
		}
	}
	if message != "" {
		post.Message = message
	}
	model.ParseMessageAttachment(post, []*model.MessageAttachment{att})
	return post
}

// ownPost reports whether postID is the card's own post. The post is recorded once
// the reply carrying the card is posted; a click can come a moment earlier, so a
// card without one accepts the bot's post in the card's channel that names the card
// in its concierge_cards prop (which only the bot sets) and records it.
func (s *Service) ownPost(card *Card, postID string) bool {
	if card.PostID != "" || postID == "" {
		return postID != "" && postID == card.PostID
	}
	p, appErr := s.d.API.GetPost(postID)
	if appErr != nil || p.UserId != s.d.BotID || p.ChannelId != card.ChannelID || !namesCard(p.GetProp(PropCards), card.ID) {
		return false
	}
	if err := s.AttachPost(card.ID, postID); err != nil {
		return false
	}
	card.PostID = postID
	return true
}

// PropCards is the reply prop listing the refund cards it carries (set by the
// conversation when it posts the reply).
const PropCards = "concierge_cards"

func namesCard(prop any, id string) bool {
	switch ids := prop.(type) {
	case []string:
		return slices.Contains(ids, id)
	case []any:
		for _, x := range ids {
			if x == id {
				return true
			}
		}
	}
	return false
}
