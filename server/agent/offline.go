package agent

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
)

// Searcher is the knowledge search the planners use.
type Searcher interface {
	Search(ctx context.Context, q string, opts knowledge.SearchOptions) ([]knowledge.Hit, error)
}

// ShopData gives the current shop snapshot.
type ShopData interface {
	Snapshot() *shop.Snapshot
}

// Offline is the deterministic planner used when no language model is configured and
// whenever the model fails. It recognises intents by keywords and answers from the
// same tools the model would use; when it is not confident it hands over to staff
// rather than guess.
type Offline struct {
	Search Searcher
	Shop   ShopData
}

// Plan answers one turn.
func (o *Offline) Plan(ctx context.Context, turn Turn) (*Reply, error) {
	text := strings.Join(turn.Messages, "\n")
	lower := strings.ToLower(text)
	lang := turn.Lang
	switch {
	case wantsHuman(lower):
		return &Reply{
			Text:    i18n.T(lang, "agent.handoff.asked"),
			Handoff: &Handoff{Reason: i18n.T(lang, "agent.handoff.reason.asked"), Summary: text},
		}, nil
	case isGreeting(lower):
		return &Reply{Text: i18n.T(lang, "agent.greeting", turn.Customer.Username)}, nil
	}
	if r := o.answerFromKnowledge(ctx, text, lang); r != nil {
		return r, nil
	}
	return &Reply{
		Text:    i18n.T(lang, "agent.unsure"),
		Handoff: &Handoff{Reason: i18n.T(lang, "agent.handoff.reason.unsure"), Summary: text},
	}, nil
}

var humanWords = []string{"人工", "真人", "客服人员", "找客服", "human", "real person", "a person", "talk to someone", "speak to someone", "your staff", "manager"}

func wantsHuman(text string) bool {
	for _, w := range humanWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

var greetings = []string{"hi", "hello", "hey", "你好", "您好", "在吗", "在不在", "有人吗", "哈喽", "嗨", "good morning", "good evening", "早上好", "晚上好"}

// isGreeting: a short message that is only a greeting (a question after "hi" is not).
func isGreeting(text string) bool {
	t := strings.Trim(strings.TrimSpace(text), "!！。.,，~？? ")
	if utf8.RuneCountInString(t) > 16 {
		return false
	}
	for _, g := range greetings {
		if t == g || strings.HasPrefix(t, g+" ") || (strings.HasPrefix(t, g) && utf8.RuneCountInString(t)-utf8.RuneCountInString(g) <= 2) {
			return true
		}
	}
	return false
}
