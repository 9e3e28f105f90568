package conversation

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/i18n"
)

// replyRoot is the thread a reply goes to: the conversation's thread in a shared
// channel, the customer's own threading in a DM or single-customer channel.
func replyRoot(conv *Conversation, last Message) string {
	if conv.Kind != KindThread {
		return last.RootID
	}
	return conv.RootID
}

// errorReply is the answer when the bot could not prepare one: an apology, and staff
// brought in with the customer's words.
func errorReply(lang i18n.Lang, texts []string) *agent.Reply {
	return &agent.Reply{Text: i18n.T(lang, "agent.error"),
		Handoff: &agent.Handoff{Reason: i18n.T(lang, "agent.handoff.reason.error"), Summary: strings.Join(texts, "\n")}}
}

// maxTurnRunes bounds what one turn sends a planner. A customer's question fits
// in far less; a longer paste (a log, a whole chat) would cost the model budget
// and read as noise, so the customer is asked for the question itself instead.
const maxTurnRunes = 4000

// plan asks the planner, unless the turn is too long to be a question.
func (s *Service) plan(ctx context.Context, turn agent.Turn) (*agent.Reply, error) {
	n := 0
	for _, m := range turn.Messages {
		n += utf8.RuneCountInString(m)
	}
	if n > maxTurnRunes {
		return &agent.Reply{Text: i18n.T(turn.Lang, "conversation.too_long", maxTurnRunes)}, nil
	}
	return s.d.Planner().Plan(ctx, turn)
}

// rescue answers the customer after a panic while their reply was prepared (already
// logged): the apology and a handoff, so that no message is left unanswered. conv
// and out are nil when the panic came before they were known.
func (s *Service) rescue(ctx context.Context, convID string, conv *Conversation, a *Attempt, out *replyPost) {
	msgs := a.Msgs
	if len(msgs) == 0 {
		return
	}
	if ctx.Err() != nil {
		// A later message made this reply stale; the queue answers both.
		if out != nil {
			s.interrupted(a, out, i18n.Detect(msgs[len(msgs)-1].Text))
		}
		return
	}
	if conv == nil {
		c, err := s.Store.Get(convID)
		if err != nil || c == nil {
			s.d.API.LogError("conversation: cannot apologise after a failed reply", "conversation_id", convID)
			return
		}
		conv = c
	}
	texts := make([]string, len(msgs))
	for i, m := range msgs {
		texts[i] = m.Text
	}
	lang := i18n.Detect(strings.Join(texts, "\n"))
	reply := errorReply(lang, texts)
	if out == nil {
		out = newReplyPost(ctx, s.d.API, a, s.d.BotID, conv.ChannelID, replyRoot(conv, msgs[len(msgs)-1]), msgs)
	}
	// A reply already posted in full stays (the panic came after it); the customer
	// still gets a person.
	if !out.finished() && !out.finish(reply.Text, nil) {
		return
	}
	s.noteHandled(conv.ID, msgs[len(msgs)-1].At.UnixMilli())
	if s.d.Handoff == nil {
		return
	}
	if err := s.d.Handoff.HandOff(context.WithoutCancel(ctx), conv, reply.Handoff.Reason, reply.Handoff.Summary); err != nil {
		s.d.API.LogError("conversation: handoff after a failed reply failed", "conversation_id", conv.ID, "err", err.Error())
	}
}

// apologise answers a customer message that could not be taken in (recording it
// failed): no conversation holds it, so nobody would answer it. Asking the customer
// to send it again beats silence.
func (s *Service) apologise(ch *model.Channel, post *model.Post) {
	root := post.RootId
	if root == "" && !s.d.People.IsBotDM(ch) {
		root = post.Id
	}
	reply := &model.Post{UserId: s.d.BotID, ChannelId: ch.Id, RootId: root, Message: i18n.T(i18n.Detect(post.Message), "agent.error.retry")}
	reply.AddProp(PropAnswers, []string{post.Id}) // answered, if only by the apology: not caught up again
	if _, appErr := s.d.API.CreatePost(reply); appErr != nil {
		s.d.API.LogError("conversation: cannot apologise for a lost message", "post_id", post.Id, "err", appErr.Error())
	}
}

// noteHandled moves a conversation's HandledThrough where no turn is recorded.
func (s *Service) noteHandled(convID string, through int64) {
	if _, err := s.Store.Update(convID, func(c *Conversation, exists bool) (bool, error) {
		c.markHandled(through)
		return exists, nil
	}); err != nil {
		s.d.API.LogWarn("conversation: cannot record what was answered", "conversation_id", convID, "err", err.Error())
	}
}
