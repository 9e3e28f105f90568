package handoff

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
)

// Remind re-pings handoffs nobody has taken: after HandoffRepingMinutes the next
// staff member on duty is mentioned in the card's thread, after twice as long
// every staff member on duty is (the escalation). Each happens once per handoff;
// the compare-and-set on the conversation keeps a second run, or a second server,
// from posting it again. It returns how many reminders it posted.
func (s *Service) Remind(ctx context.Context) (int, error) {
	cfg := s.d.Config()
	every := time.Duration(cfg.RepingMinutes()) * time.Minute
	if every <= 0 {
		return 0, nil
	}
	waiting, err := s.d.Store.List(conversation.StateWaitingHuman)
	if err != nil {
		return 0, fmt.Errorf("list waiting conversations: %w", err)
	}
	staffChannel := s.d.People.StaffChannelID()
	now := s.now()
	posted := 0
	for _, c := range waiting {
		if ctx.Err() != nil {
			return posted, ctx.Err()
		}
		if c.HandedOffAt == nil {
			continue
		}
		waited := now.Sub(*c.HandedOffAt)
		var key string
		var mentions []string
		switch {
		case waited >= 2*every && !c.Escalated:
			key, mentions = "handoff.escalate", s.d.People.StaffUsernames(staffChannel, maxMentions)
		case waited >= every && !c.Repinged:
			key = "handoff.reping"
			if mentions, _, err = s.route(staffChannel); err != nil {
				return posted, err
			}
		default:
			continue
		}
		if !s.claimReminder(c.ID, key) {
			continue
		}
		if s.postReminder(c, staffChannel, key, mentions) {
			posted++
		}
	}
	return posted, nil
}

// claimReminder marks the reminder as sent, once, while the conversation still
// waits for a person.
func (s *Service) claimReminder(convID, key string) bool {
	claimed := false
	_, err := s.d.Store.Update(convID, func(c *conversation.Conversation, exists bool) (bool, error) {
		if !exists || c.State != conversation.StateWaitingHuman {
			return false, nil
		}
		if key == "handoff.escalate" {
			if c.Escalated {
				return false, nil
			}
			c.Escalated, c.Repinged = true, true
		} else {
			if c.Repinged {
				return false, nil
			}
			c.Repinged = true
		}
		claimed = true
		return true, nil
	})
	if err != nil {
		s.d.API.LogError("handoff: cannot record a reminder", "conversation_id", convID, "err", err.Error())
		return false
	}
	return claimed
}

func (s *Service) postReminder(c *conversation.Conversation, staffChannel, key string, mentions []string) bool {
	post := &model.Post{UserId: s.d.BotID, ChannelId: staffChannel, RootId: c.StaffPostID}
	if c.StaffPostID == "" {
		// The card is in the conversation itself (a single-customer channel).
		post.ChannelId, post.RootId = c.ChannelID, c.RootID
	}
	who := ""
	if len(mentions) > 0 {
		who = "@" + strings.Join(mentions, " @")
	}
	post.Message = strings.TrimSpace(i18n.T(i18n.Parse(c.Lang), key, who))
	post.AddProp("concierge_reminder", c.ID)
	if _, appErr := s.d.API.CreatePost(post); appErr != nil {
		s.d.API.LogError("handoff: cannot post a reminder", "conversation_id", c.ID, "err", appErr.Error())
		return false
	}
	return true
}
