package main

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/concierge-shop/concierge/server/api"
	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/learn"
	"github.com/concierge-shop/concierge/server/shop"
)

// staffing backs the staff panel's routes (api.Staffing).
type staffing struct {
	p     *Plugin
	learn *learn.Service
}

var _ api.Staffing = staffing{}

func (s staffing) conv(id string) (*conversation.Conversation, error) {
	conv, err := s.p.conversations.Store.Get(id)
	if err != nil {
		return nil, fmt.Errorf("read conversation %s: %w", id, err)
	}
	if conv == nil {
		return nil, conversation.ErrNotFound
	}
	return conv, nil
}

// Move is /concierge takeover · handback · resolve from the panel.
func (s staffing) Move(ctx context.Context, id string, to conversation.State) error {
	conv, err := s.conv(id)
	if err != nil {
		return err
	}
	if err := s.p.conversations.Move(conv, to); err != nil {
		return fmt.Errorf("move %s to %s: %w", id, to, err)
	}
	if to == conversation.StateResolved && conv.State != conversation.StateResolved {
		if err := s.learn.Propose(ctx, conv); err != nil {
			s.p.API.LogError("staff panel: cannot propose an FAQ", "conversation_id", id, "err", err.Error())
		}
	}
	return nil
}

func (s staffing) CustomerCard(id string) (*api.CustomerCard, error) {
	conv, err := s.conv(id)
	if err != nil {
		return nil, err
	}
	snap := s.p.shop.Snapshot()
	card := &api.CustomerCard{Customer: conv.Customer, Orders: []api.CustomerOrder{}, Sizes: []api.CustomerSize{}}
	if c := snap.Customer(conv.Customer); c != nil {
		card.Tier = c.Tier
	}
	for _, o := range snap.OrdersOf(conv.Customer) {
		row := api.CustomerOrder{ID: o.ID, Status: o.Status, Currency: snap.Catalog.Currency, Items: []string{}}
		for _, it := range o.Items {
			row.Total += it.UnitPrice * it.Qty
			item := cards.ItemOf(snap, it.SKUID, "")
			name := item.Name
			if item.Variant != "" {
				name += " (" + item.Variant + ")"
			}
			row.Items = append(row.Items, fmt.Sprintf("%s × %d", name, it.Qty))
		}
		card.Orders = append(card.Orders, row)
	}
	all, err := s.p.conversations.Store.List("")
	if err != nil {
		return nil, fmt.Errorf("list conversations: %w", err)
	}
	var mine []*conversation.Conversation
	for _, c := range all {
		if c.CustomerID == conv.CustomerID {
			card.Conversations++
			if c.HandedOff {
				card.Handoffs++
			}
			mine = append(mine, c)
		}
	}
	card.Sizes = s.sizesTold(snap, mine)
	card.PastHandoffs = pastHandoffs(mine, conv.ID)
	return card, nil
}

// pastHandoffs are the handed-off conversations among convs other than the one
// open, newest handoff first.
func pastHandoffs(convs []*conversation.Conversation, openID string) []api.CustomerHandoff {
	out := []api.CustomerHandoff{}
	for _, c := range convs {
		if !c.HandedOff || c.ID == openID {
			continue
		}
		at := c.UpdatedAt
		if c.HandedOffAt != nil {
			at = *c.HandedOffAt
		}
		out = append(out, api.CustomerHandoff{ConversationID: c.ID, At: at, Reason: c.HandoffNote, State: string(c.State), CSAT: c.CSAT})
	}
	slices.SortFunc(out, func(a, b api.CustomerHandoff) int { return b.At.Compare(a.At) })
	return out[:min(len(out), api.MaxPastHandoffs)]
}

// sizesTold gathers the sizes told in a customer's conversations, oldest
// conversation first so the latest recommendation per product wins.
func (s staffing) sizesTold(snap *shop.Snapshot, convs []*conversation.Conversation) []api.CustomerSize {
	slices.SortFunc(convs, func(a, b *conversation.Conversation) int { return a.UpdatedAt.Compare(b.UpdatedAt) })
	out := []api.CustomerSize{}
	for _, c := range convs {
		rec, err := s.p.conversations.Record(c.ID)
		if err != nil {
			s.p.API.LogWarn("customer card: cannot read a conversation's record", "conversation_id", c.ID, "err", err.Error())
			continue
		}
		for _, z := range rec.Sizes {
			name := z.ProductID
			if p := snap.Product(z.ProductID); p != nil {
				name = p.Title
			}
			wears, foot := z.Told()
			out = slices.DeleteFunc(out, func(o api.CustomerSize) bool { return o.Product == name })
			out = append(out, api.CustomerSize{Product: name, Wears: wears, FootMM: foot, Recommended: z.Recommended})
		}
	}
	return out
}

// Review is the card's Approve / Edit / Reject from the panel.
func (s staffing) Review(ctx context.Context, id, decision, by, question, answer string) (*api.FAQProposal, error) {
	to := map[string]string{"approve": learn.StateApproved, "reject": learn.StateRejected}[decision]
	p, err := s.learn.Review(ctx, id, to, by, question, answer)
	switch {
	case errors.Is(err, learn.ErrNotFound):
		return nil, fmt.Errorf("%w: %w", api.ErrProposalNotFound, err)
	case errors.Is(err, learn.ErrDecided):
		return nil, fmt.Errorf("%w: %w", api.ErrProposalDecided, err)
	case err != nil:
		return nil, err
	}
	out := proposalOut(*p)
	return &out, nil
}

func proposalOut(p learn.Proposal) api.FAQProposal {
	return api.FAQProposal{ID: p.ID, Question: p.Question, Answer: p.Answer, Lang: p.Lang, PostID: p.PostID,
		State: p.State, DecidedBy: p.DecidedBy, CreatedAt: p.CreatedAt}
}

func (s staffing) Proposals() ([]api.FAQProposal, error) {
	ps, err := s.learn.Pending()
	if err != nil {
		return nil, err
	}
	out := make([]api.FAQProposal, 0, len(ps))
	for _, p := range ps {
		out = append(out, proposalOut(p))
	}
	return out, nil
}
