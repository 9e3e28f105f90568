package chat

import (
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/cards"
)

// A post carrying the plugin's cards (the typed concierge_view prop) is drawn from
// the prop, as the webapp does: its words, then each card in a box. Its message is
// those words and cards again as Markdown, and its attachments the same cards for
// clients without the plugin: printing either as well showed every card twice.
func renderView(v cards.View) string {
	var parts []string
	if t := strings.TrimSpace(v.Text); t != "" {
		parts = append(parts, strings.ReplaceAll(t, "**", ""))
	}
	for _, c := range v.Cards {
		parts = append(parts, box(cardLines(v.Lang, c)))
	}
	return strings.Join(parts, "\n")
}

// cardLines is a card as lines, the first its title. The handoff summary is drawn
// from its fields; every other kind from the card's own Markdown (package cards: every
// price step and the total, items by name, the refund's state), without the emphasis.
func cardLines(lang string, c cards.Card) []string {
	if h := c.Handoff; h != nil {
		lines := []string{h.Title}
		for _, f := range h.Fields {
			lines = append(lines, f.Title+": "+strings.TrimSpace(f.Value))
		}
		if h.Footer != "" {
			lines = append(lines, h.Footer)
		}
		return lines
	}
	md := cards.Markdown(cards.View{Lang: lang, Cards: []cards.Card{c}})
	var lines []string
	for _, l := range strings.Split(md, "\n") {
		if l = strings.TrimSpace(plainText(l)); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// plainText drops Markdown emphasis (**bold**, _note_) a terminal would print as is.
func plainText(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	if len(s) > 1 && strings.HasPrefix(s, "_") && strings.HasSuffix(s, "_") {
		s = s[1 : len(s)-1]
	}
	return s
}

// box draws lines as a card: "┌ title", "│ line" …, "└".
func box(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "┌ %s", lines[0])
	for _, l := range lines[1:] {
		b.WriteString("\n│ " + strings.ReplaceAll(l, "\n", "\n│   "))
	}
	b.WriteString("\n└")
	return b.String()
}

// viewOf is the post's cards when it carries them in the prop this client knows.
func viewOf(p *model.Post) (cards.View, bool) {
	v, ok := cards.FromPost(p)
	return v, ok && len(v.Cards) > 0
}
