package handoff

import (
	"fmt"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/store"
)

// Routing: a handoff goes to one staff member on duty, in turn, so that a busy
// shift shares the work instead of everyone being paged for every customer; with
// nobody on duty everyone is mentioned (a notification for the next shift beats
// a customer nobody hears).

const roundRobinKey = "handoff/roundrobin"

// route returns who a new handoff mentions and whom it is assigned to ("" when
// nobody is on duty).
func (s *Service) route(staffChannel string) (mentions []string, assignee string, err error) {
	ring := s.d.People.OnDuty(staffChannel)
	if len(ring) == 0 {
		return s.d.People.StaffUsernames(staffChannel, maxMentions), "", nil
	}
	if s.d.KV == nil {
		return ring[:1], ring[0], nil
	}
	if _, err := store.Update(s.d.KV, roundRobinKey, func(last *string, _ bool) (bool, error) {
		assignee = nextInRing(ring, *last)
		*last = assignee
		return true, nil
	}); err != nil {
		return nil, "", fmt.Errorf("round robin: %w", err)
	}
	return []string{assignee}, assignee, nil
}

// nextInRing is the first name after last in the sorted ring, wrapping round: it
// stays fair while people come on and off duty (the ring is who is on duty now).
func nextInRing(ring []string, last string) string {
	for _, u := range ring {
		if u > last {
			return u
		}
	}
	return ring[0]
}

// afterHours tells the customer, outside the business hours, when a person will
// answer and asks for the details staff will need (SPEC §7, issue 17).
func (s *Service) afterHours(conv *conversation.Conversation, lang i18n.Lang) {
	hours, ok := s.d.Config().BusinessHours()
	now := s.now()
	if !ok || hours.IsOpen(now) {
		return
	}
	next := hours.NextOpen(now)
	msg := i18n.T(lang, "handoff.after_hours", next.Format("01-02 15:04"), next.Location().String())
	p := &model.Post{UserId: s.d.BotID, ChannelId: conv.ChannelID, RootId: conv.RootID, Message: msg}
	p.AddProp(conversation.PropHandoffNotice, conv.ID)
	if _, appErr := s.d.API.CreatePost(p); appErr != nil {
		s.d.API.LogError("handoff: cannot tell the customer the business hours", "conversation_id", conv.ID, "err", appErr.Error())
	}
}

func (s *Service) now() time.Time {
	if s.d.Now != nil {
		return s.d.Now()
	}
	return time.Now()
}
