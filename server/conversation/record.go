package conversation

import (
	"fmt"
	"time"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/store"
	"github.com/concierge-shop/concierge/server/summary"
)

// The conversation's record: the customer's words and the facts the tools gave,
// kept beside the conversation so that a handoff summary covers the whole
// conversation, not the turn that asked for a person.

func recordKey(id string) string { return "conv/rec/" + id }

// Record returns a conversation's record (empty when nothing was recorded).
func (s *Service) Record(id string) (summary.Record, error) {
	var rec summary.Record
	if _, err := store.GetJSON(s.d.KV, recordKey(id), &rec); err != nil {
		return rec, fmt.Errorf("read record of %s: %w", id, err)
	}
	return rec, nil
}

// NoteTurn adds an answered turn to the record and counts what metrics need:
// tool errors, and a turn the offline planner answered for a failed model.
func (s *Service) NoteTurn(convID string, texts []string, reply *agent.Reply) error {
	return s.noteTurn(convID, texts, reply, 0)
}

// noteTurn is NoteTurn that also moves HandledThrough to through, the newest
// answered message's CreateAt: written only now, after the reply post exists (a
// crash before this write is caught by PropAnswers).
func (s *Service) noteTurn(convID string, texts []string, reply *agent.Reply, through int64) error {
	var errs int
	if _, err := store.Update(s.d.KV, recordKey(convID), func(rec *summary.Record, _ bool) (bool, error) {
		before := rec.ToolErrors
		rec.Add(time.Now().UTC(), texts, reply.Calls)
		errs = rec.ToolErrors - before
		return true, nil
	}); err != nil {
		return fmt.Errorf("record turn of %s: %w", convID, err)
	}
	_, err := s.Store.Update(convID, func(c *Conversation, exists bool) (bool, error) {
		c.BotReplies++
		c.ToolErrors += errs
		for _, call := range reply.Calls {
			c.addTopic(call.Name)
		}
		if reply.Fallback {
			c.Fallbacks++
		}
		c.UpdatedAt = time.Now().UTC()
		c.markHandled(through)
		return exists, nil
	})
	return err
}

// NoteStaff records what staff wrote to the customer (a FAQ may be learnt from it).
func (s *Service) NoteStaff(convID, text string) {
	if _, err := store.Update(s.d.KV, recordKey(convID), func(rec *summary.Record, _ bool) (bool, error) {
		rec.AddStaff(time.Now().UTC(), text)
		return true, nil
	}); err != nil {
		s.d.API.LogWarn("conversation: cannot record staff words", "conversation_id", convID, "err", err.Error())
	}
}
