package conversation

import (
	"sync/atomic"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/tool"
)

// Privacy (SPEC §7): in a shared channel, a reply that carries the customer's
// personal data goes to the customer's DM with the bot, and the thread hears one
// line saying so. Whether it does is read from the tools the reply was made from
// (summary.Personal), never from its text.

// PropFor marks a DM post that answers a thread in a shared channel: the thread's
// root post id.
const PropFor = "concierge_for"

// PropHandoffNotice marks the one-line "a person is coming" in a shared thread
// (package handoff posts it).
const PropHandoffNotice = "concierge_handoff_notice"

// readsPersonal: the tools whose results may be the customer's own data. Once one
// is called, nothing more of the reply streams into a shared thread: its final
// text decides where it goes.
func readsPersonal(name string) bool {
	switch name {
	case tool.ListOrders, tool.GetOrder, tool.CheckPriceProtection, tool.OfferRefund, tool.QuotePrice:
		return true
	}
	return false
}

// privateGate streams a shared thread's reply until a tool reads personal data.
type privateGate struct {
	inner agent.Stream
	held  atomic.Bool
}

func (g *privateGate) saw(name string) {
	if readsPersonal(name) {
		g.held.Store(true)
	}
}

func (g *privateGate) Write(text string) bool {
	if g.held.Load() {
		return true // held back, not stale
	}
	return g.inner.Write(text)
}

// sendPrivately posts the reply (and its cards) in the customer's DM with the bot
// and the one-line notice in the thread. It returns false when nothing was posted
// because the reply became stale.
func (s *Service) sendPrivately(conv *Conversation, reply *agent.Reply, out *replyPost, lang i18n.Lang) bool {
	dm, appErr := s.d.API.GetDirectChannel(conv.CustomerID, s.d.BotID)
	if appErr != nil {
		s.d.API.LogError("conversation: cannot open the customer's DM for a private answer", "conversation_id", conv.ID, "err", appErr.Error())
		// The data stays out of the thread whatever happens; staff can reach her.
		return out.finish(i18n.T(lang, "privacy.dm_failed"), nil)
	}
	if !out.finish(i18n.T(lang, "privacy.sent_dm"), nil) {
		return false
	}
	if s.d.Cards != nil {
		// Moved first: the customer may click before the post is recorded.
		for _, id := range reply.CardIDs() {
			if err := s.d.Cards.MoveToDM(id, dm.Id); err != nil {
				s.d.API.LogError("conversation: cannot move a card to the DM", "card_id", id, "err", err.Error())
			}
		}
	}
	p := &model.Post{UserId: s.d.BotID, ChannelId: dm.Id, Message: reply.Text}
	if atts := s.cardAttachments(reply); len(atts) > 0 {
		model.ParseMessageAttachment(p, atts)
	}
	if len(reply.CardIDs()) > 0 {
		p.AddProp(PropCards, reply.CardIDs())
	}
	p.AddProp(PropFor, conv.RootID)
	if decorate := s.decorator(reply, lang); decorate != nil {
		decorate(p)
	}
	created, appErr := s.d.API.CreatePost(p)
	if appErr != nil {
		s.d.API.LogError("conversation: cannot post a private answer", "conversation_id", conv.ID, "err", appErr.Error())
		return true
	}
	if s.d.Cards != nil {
		for _, id := range reply.CardIDs() {
			if err := s.d.Cards.AttachPost(id, created.Id); err != nil {
				s.d.API.LogError("conversation: cannot record a card's post", "card_id", id, "err", err.Error())
			}
		}
	}
	return true
}

// cardAttachments renders the refund cards a reply offers. A card that cannot be
// read is logged and left out: the reply's words still say what was offered.
func (s *Service) cardAttachments(reply *agent.Reply) []*model.MessageAttachment {
	if s.d.Cards == nil {
		return nil
	}
	var out []*model.MessageAttachment
	for _, id := range reply.CardIDs() {
		att, err := s.d.Cards.Attachment(id)
		if err != nil || att == nil {
			msg := "card not found"
			if err != nil {
				msg = err.Error()
			}
			s.d.API.LogError("conversation: cannot render a refund card", "card_id", id, "err", msg)
			continue
		}
		out = append(out, att)
	}
	return out
}
