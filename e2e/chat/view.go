package chat

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// The conversation as text: every post shown gets a number (for /thread), every
// button a number (for #N), and a post is printed again only when what it shows
// changed (a card whose state moved, a reply edited after it was final).

// Post props the plugin sets (SPEC §7): a reply still being streamed, and the
// handoff summary card in the staff channel.
const (
	propStreaming = "concierge_streaming"
	propHandoff   = "concierge_handoff"
)

type button struct {
	postID, actionID, name string
}

type shown struct {
	ref       int
	text      string // what was printed last
	channelID string
	rootID    string
}

type view struct {
	since    int64 // posts created before the session began are not shown
	posts    map[string]*shown
	refs     map[int]string // post number → post id
	buttons  map[int]button
	channels map[string]string // post id → channel id, for threads
	nextPost int
	nextBtn  int
}

func newView() *view {
	return &view{posts: map[string]*shown{}, refs: map[int]string{}, buttons: map[int]button{}, channels: map[string]string{}}
}

// update returns the text to print for p, if it is new or changed; a reply
// still being streamed waits until it is final.
func (v *view) update(p *model.Post, who string, staffChannel bool) (string, bool) {
	if p.GetProp(propStreaming) != nil {
		return "", false
	}
	body := render(p)
	// Buttons are part of what is shown: a card whose buttons went away changed.
	key := body + "\x00" + strings.Join(actionIDs(p), ",")
	old, seen := v.posts[p.Id]
	if seen && old.text == key {
		return "", false
	}
	if !seen {
		v.nextPost++
		old = &shown{ref: v.nextPost, channelID: p.ChannelId, rootID: p.RootId}
		v.posts[p.Id] = old
		v.refs[old.ref] = p.Id
		v.channels[p.Id] = p.ChannelId
	}
	old.text = key
	var b strings.Builder
	label := ""
	switch {
	case staffChannel && p.GetProp(propHandoff) != nil:
		label = " [handoff — /thread " + strconv.Itoa(old.ref) + " to answer it]"
	case staffChannel:
		label = " [staff channel]"
	}
	changed := ""
	if seen {
		changed = " (updated)"
	}
	fmt.Fprintf(&b, "\n(post %d)%s%s @%s:\n", old.ref, label, changed, who)
	b.WriteString(indent(body))
	b.WriteString("\n")
	for _, a := range p.Attachments() {
		var btns []string
		for _, act := range a.Actions {
			if act == nil || act.Id == "" {
				continue
			}
			v.nextBtn++
			v.buttons[v.nextBtn] = button{postID: p.Id, actionID: act.Id, name: act.Name}
			btns = append(btns, fmt.Sprintf("[%d] %s", v.nextBtn, act.Name))
		}
		if len(btns) > 0 {
			b.WriteString(indent(strings.Join(btns, "  ")+"   (press with #N)") + "\n")
		}
	}
	return b.String(), true
}

// PostText is a post for a transcript (make demo): as the chat shows it, with its
// buttons by name instead of by number (a transcript presses none).
func PostText(p *model.Post) string {
	var names []string
	for _, a := range p.Attachments() {
		for _, act := range a.Actions {
			if act != nil && act.Id != "" {
				names = append(names, "["+act.Name+"]")
			}
		}
	}
	if len(names) == 0 {
		return render(p)
	}
	return render(p) + "\n" + strings.Join(names, " ")
}

func actionIDs(p *model.Post) []string {
	var ids []string
	for _, a := range p.Attachments() {
		for _, act := range a.Actions {
			if act != nil && act.Id != "" {
				ids = append(ids, act.Id)
			}
		}
	}
	return ids
}

// render is a post as plain text: its cards drawn from their props when it has
// them, else its message, then each attachment's title, text, fields and footer.
// Buttons are numbered by update.
func render(p *model.Post) string {
	if v, ok := viewOf(p); ok {
		return renderView(v)
	}
	var parts []string
	if m := strings.TrimSpace(p.Message); m != "" {
		parts = append(parts, m)
	}
	for _, a := range p.Attachments() {
		lines := []string{or(strings.TrimSpace(a.Title), strings.TrimSpace(a.Pretext))}
		if t := strings.TrimSpace(a.Text); t != "" {
			lines = append(lines, strings.Split(t, "\n")...)
		}
		for _, f := range a.Fields {
			if f != nil {
				lines = append(lines, f.Title+": "+strings.TrimSpace(fmt.Sprint(f.Value)))
			}
		}
		if ft := strings.TrimSpace(a.Footer); ft != "" {
			lines = append(lines, ft)
		}
		parts = append(parts, box(lines))
	}
	return strings.Join(parts, "\n")
}

func (v *view) button(arg string) (button, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(arg))
	if err != nil {
		return button{}, false
	}
	b, ok := v.buttons[n]
	return b, ok
}

func (v *view) post(arg string) (*shown, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(arg))
	if err != nil {
		return nil, false
	}
	id, ok := v.refs[n]
	if !ok {
		return nil, false
	}
	p := v.posts[id]
	// The thread to continue is the post's own root, or the post itself.
	return &shown{ref: p.ref, channelID: p.channelID, rootID: or(p.rootID, id)}, true
}

// channelOf is the channel a thread lives in (def for none or an unknown one).
func (v *view) channelOf(rootID, def string) string {
	if c, ok := v.channels[rootID]; ok {
		return c
	}
	return def
}
