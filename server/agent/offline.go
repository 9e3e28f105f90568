package agent

import (
	"context"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
)

// Offline is the deterministic planner used when no language model is configured and
// whenever the model fails. It recognises a few intents by keywords and answers from
// the same tools the model would use.
type Offline struct{}

// Plan answers greetings and requests for a person; everything else gets an
// introduction of what the bot can do. Later capabilities (knowledge, orders, prices)
// are added as intents here.
func (Offline) Plan(_ context.Context, turn Turn) (*Reply, error) {
	text := strings.ToLower(strings.Join(turn.Messages, "\n"))
	lang := turn.Lang
	if wantsHuman(text) {
		return &Reply{
			Text:    i18n.T(lang, "agent.handoff.asked"),
			Handoff: &Handoff{Reason: i18n.T(lang, "agent.handoff.reason.asked"), Summary: strings.Join(turn.Messages, "\n")},
		}, nil
	}
	return &Reply{Text: i18n.T(lang, "agent.greeting", turn.Customer.Username)}, nil
}

var humanWords = []string{"人工", "真人", "转人工", "客服人员", "human", "real person", "agent please", "talk to someone", "speak to someone", "staff"}

func wantsHuman(text string) bool {
	for _, w := range humanWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}
