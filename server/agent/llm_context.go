package agent

import (
	"context"
	"fmt"
	"strings"
)

// The model gets the same understanding the offline planner has: the products the
// conversation is about (named now, or carried from an earlier message by a
// follow-up) and the customer's orders the turn means (by id or by what was
// bought). They are hints with ids for the tools, not facts to state.

// linkedContext describes what the turn is linked to, "" when nothing.
func linkedContext(ctx context.Context, d Deps, turn Turn) string {
	if d.snapshot() == nil {
		return ""
	}
	s := startSession(ctx, d, turn)
	var lines []string
	var prods []string
	for _, p := range s.namedProducts(s.text) {
		prods = append(prods, fmt.Sprintf("%s (%s)", p.Title, p.ID))
	}
	if len(prods) == 0 {
		for _, p := range s.searchProducts(s.text, nil, false) {
			prods = append(prods, fmt.Sprintf("%s (%s)", p.Title, p.ID))
		}
	}
	if len(prods) > 0 {
		lines = append(lines, "- products: "+strings.Join(prods, "; "))
	}
	if ids := s.orderIDs(); len(ids) > 0 {
		lines = append(lines, "- the customer's orders meant: "+strings.Join(ids, ", "))
	}
	if s.text != strings.TrimSpace(strings.Join(turn.Messages, "\n")) {
		lines = append(lines, "- read in context as: "+strings.ReplaceAll(s.text, "\n", " / "))
	}
	if len(lines) == 0 {
		return ""
	}
	return "\n\nWhat this turn refers to (from the conversation; verify with the tools before stating any fact):\n" + strings.Join(lines, "\n")
}
