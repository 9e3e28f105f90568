package conversation

import (
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
// the answers are the CSAT numbers of /stats.
func (s *Service) AskRating(conv *Conversation) {
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
	if _, appErr := s.d.API.CreatePost(post); appErr != nil {
		s.d.API.LogError("conversation: cannot ask for a rating", "conversation_id", conv.ID, "err", appErr.Error())
	}
}

// ServeCSAT records a rating click: only the conversation's customer may rate it.
func (s *Service) ServeCSAT(w http.ResponseWriter, r *http.Request) {
	userID := r.Header.Get("Mattermost-User-ID")
	var req model.PostActionIntegrationRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":"bad action request"}`, http.StatusBadRequest)
		return
	}
	convID, _ := req.Context["conversation_id"].(string)
	score, _ := req.Context["score"].(float64)
	resp := &model.PostActionIntegrationResponse{}
	conv, err := s.Store.Get(convID)
	switch {
	case err != nil || conv == nil || score < 1 || score > 5:
		resp.EphemeralText = i18n.T(i18n.EN, "csat.invalid")
	case conv.CustomerID != userID:
		resp.EphemeralText = i18n.T(i18n.Parse(conv.Lang), "csat.not_yours")
	default:
		if _, err := s.Store.Update(convID, func(c *Conversation, exists bool) (bool, error) {
			c.CSAT = int(score)
			c.UpdatedAt = time.Now().UTC()
			return exists, nil
		}); err != nil {
			s.d.API.LogError("conversation: cannot record rating", "err", err.Error())
		}
		lang := i18n.Parse(conv.Lang)
		post := &model.Post{Message: i18n.T(lang, "csat.thanks", int(score))}
		if p, appErr := s.d.API.GetPost(req.PostId); appErr == nil {
			post = p.Clone()
			post.Message = i18n.T(lang, "csat.thanks", int(score))
		}
		model.ParseMessageAttachment(post, nil)
		post.DelProp(model.PostPropsAttachments)
		resp.Update = post
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}
