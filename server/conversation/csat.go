package conversation

import (
	"github.com/concierge-shop/concierge/server/cards"

	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/i18n"
)

// CSATActionPath receives the rating buttons' clicks.
const CSATActionPath = "/plugins/concierge/api/v1/actions/csat"

// AskRating posts a 1–5 rating card to the customer when a conversation is resolved;
// the answers are the CSAT numbers of /stats. The card's post id is kept with the
// conversation: it is the only card a click may change, and its being there is what
// says the conversation was resolved and may be rated. A conversation rated already
// is not asked again.
func (s *Service) AskRating(conv *Conversation) {
	if conv.CSAT != 0 {
		return
	}
	lang := i18n.Parse(conv.Lang)
	att := &model.MessageAttachment{Title: i18n.T(lang, "csat.title"), Color: "#1e88e5"}
	for n := 1; n <= 5; n++ {
		att.Actions = append(att.Actions, &model.PostAction{
			Id: "csat" + strconv.Itoa(n), Name: i18n.T(lang, "csat.star"+strconv.Itoa(n)), Type: model.PostActionTypeButton,
			Integration: &model.PostActionIntegration{URL: CSATActionPath, Context: map[string]any{"conversation_id": conv.ID, "score": n}},
		})
	}
	post := &model.Post{UserId: s.d.BotID, ChannelId: conv.ChannelID, RootId: conv.RootID, Message: i18n.T(lang, "csat.ask")}
	post.AddProp("concierge_csat", conv.ID)
	model.ParseMessageAttachment(post, []*model.MessageAttachment{att})
	cards.Apply(post, cards.View{Lang: string(lang), Cards: []cards.Card{{Kind: cards.KindCSAT, CSAT: &cards.CSAT{ConversationID: conv.ID}}}})
	created, appErr := s.d.API.CreatePost(post)
	if appErr != nil {
		s.d.API.LogError("conversation: cannot ask for a rating", "conversation_id", conv.ID, "err", appErr.Error())
		return
	}
	if _, err := s.Store.Update(conv.ID, func(c *Conversation, exists bool) (bool, error) {
		c.CSATPostID = created.Id
		return exists, nil
	}); err != nil {
		s.d.API.LogError("conversation: cannot record the rating card", "conversation_id", conv.ID, "err", err.Error())
	}
}

// ServeCSAT records a rating click. The request body is the caller's to write (the
// endpoint takes any logged-in user's POST), so nothing in it is trusted beyond the
// conversation it names and the score: the caller must be that conversation's
// customer, the conversation must have been resolved (its card posted), a rating is
// taken once, and the post changed is the card recorded when it was posted.
func (s *Service) ServeCSAT(w http.ResponseWriter, r *http.Request) {
	userID := r.Header.Get("Mattermost-User-ID")
	var req model.PostActionIntegrationRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":"bad action request"}`, http.StatusBadRequest)
		return
	}
	convID, _ := req.Context["conversation_id"].(string)
	raw, _ := req.Context["score"].(float64)
	score := int(raw)
	resp := &model.PostActionIntegrationResponse{}
	conv, err := s.Store.Get(convID)
	if err != nil {
		s.d.API.LogError("conversation: cannot read a rated conversation", "conversation_id", convID, "err", err.Error())
	}
	switch {
	case err != nil || conv == nil || float64(score) != raw || score < 1 || score > 5:
		resp.EphemeralText = i18n.T(i18n.EN, "csat.invalid")
	case conv.CustomerID != userID:
		resp.EphemeralText = i18n.T(i18n.Parse(conv.Lang), "csat.not_yours")
	default:
		resp = s.rate(conv, score)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

// rate records the customer's score once and turns the recorded card into a thank-you.
func (s *Service) rate(conv *Conversation, score int) *model.PostActionIntegrationResponse {
	lang := i18n.Parse(conv.Lang)
	var refusal string
	updated, err := s.Store.Update(conv.ID, func(c *Conversation, exists bool) (bool, error) {
		switch {
		case !exists || c.CSATPostID == "":
			refusal = "csat.invalid" // never resolved: no card was ever posted
		case c.CSAT != 0:
			refusal = "csat.already"
		default:
			refusal = ""
			c.CSAT = score
			c.UpdatedAt = time.Now().UTC()
			return true, nil
		}
		return false, nil
	})
	if err != nil {
		s.d.API.LogError("conversation: cannot record rating", "conversation_id", conv.ID, "err", err.Error())
		return &model.PostActionIntegrationResponse{EphemeralText: i18n.T(lang, "csat.failed")}
	}
	if refusal != "" {
		return &model.PostActionIntegrationResponse{EphemeralText: i18n.T(lang, refusal)}
	}
	s.changed(updated, EventRated)
	resp := &model.PostActionIntegrationResponse{}
	card, appErr := s.d.API.GetPost(updated.CSATPostID)
	if appErr != nil {
		resp.EphemeralText = i18n.T(lang, "csat.thanks", score)
		return resp
	}
	post := card.Clone()
	post.Message = i18n.T(lang, "csat.thanks", score)
	post.DelProp(model.PostPropsAttachments)
	if v, ok := cards.FromPost(post); ok {
		for i := range v.Cards {
			if v.Cards[i].CSAT != nil {
				v.Cards[i].CSAT.Score = score
			}
		}
		cards.Apply(post, v)
	}
	resp.Update = post
	return resp
}
