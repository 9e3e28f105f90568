//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/chat"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/mattermost/mattermost/server/public/model"
)

// make chat's client (issue 19 item 6) against the real server: a customer types a
// question and reads the bot's reply, asks for a deposit refund, sees the card as
// text and presses its Confirm button by number; the order is refunded and the
// card shown again in its new state.
func TestChatClientTalksAndPressesACardButton(t *testing.T) {
	const deposit = 12300
	cust, orderID := depositCustomer(t, "CHAT", deposit)
	dm := dmWithBot(t, cust)

	in, typing := io.Pipe()
	out := &screen{}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- chat.Run(ctx, chat.Config{URL: h.URL, User: cust, Password: "Cust-pass-1", Poll: 100 * time.Millisecond}, in, out)
	}()
	typeLine := func(s string) {
		t.Helper()
		if _, err := fmt.Fprintln(typing, s); err != nil {
			t.Fatalf("type %q: %v", s, err)
		}
	}
	out.wait(t, "the greeting", func(s string) bool { return strings.Contains(s, "Logged in as @"+cust+" (customer)") })

	// A question, and the bot's reply as the server holds it.
	start := time.Now()
	typeLine("How long does shipping take?")
	reply := waitForBotReply(t, dm, "", start, replyTimeout)
	firstLine := strings.SplitN(reply.Message, "\n", 2)[0]
	out.wait(t, "the reply", func(s string) bool { return strings.Contains(s, "@concierge:") && strings.Contains(s, firstLine) })

	// A refund card: shown as text with numbered buttons.
	cardAt := time.Now()
	typeLine("我想退定金，订单 " + orderID)
	card := waitForBotPost(t, dm, cardAt, replyTimeout, "refund card", hasButtons("confirm", "cancel"))
	requireCard(t, card, orderID, deposit)
	confirm := actionName(t, card, "confirm")
	var number string
	screenText := out.wait(t, "the card's buttons", func(s string) bool {
		number = buttonNumber(s, confirm)
		return number != "" && strings.Contains(s, orderID)
	})
	if !strings.Contains(screenText, i18n.Money(deposit, "CNY")) {
		t.Errorf("the card's amount is not on screen:\n%s", screenText)
	}

	// Pressing it by number moves the money, once, and the card is shown again.
	typeLine("#" + number)
	refunded := i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(deposit, "CNY"))
	waitPost(t, card.Id, replyTimeout, "refunded", statusIs(refunded))
	out.wait(t, "the pressed card updated", func(s string) bool {
		return strings.Contains(s, "(pressed "+confirm+")") && strings.Contains(s, "(updated)") && strings.Contains(s[strings.LastIndex(s, "(updated)"):], refunded)
	})

	// A number that is no button is refused, and /quit ends the session.
	typeLine("#999")
	out.wait(t, "the refusal", func(s string) bool { return strings.Contains(s, `no button "999"`) })
	typeLine("/quit")
	t.Logf("the screen:\n%s", out)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chat ended with %v", err)
		}
	case <-time.After(replyTimeout):
		t.Fatal("chat did not end on /quit")
	}
}

// A staff member sees a handoff arrive in the staff channel.
func TestChatClientShowsHandoffsToStaff(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	out := &screen{}
	in, typing := io.Pipe()
	defer typing.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() {
		_ = chat.Run(ctx, chat.Config{URL: h.URL, User: "staff1", Password: "Staff1-pass-1", Channel: "cs-general", Poll: 100 * time.Millisecond}, in, out)
	}()
	out.wait(t, "the greeting", func(s string) bool { return strings.Contains(s, "Logged in as @staff1 (staff") })
	postAs(t, cust, dmWithBot(t, cust), "我要找人工客服", "")
	out.wait(t, "the handoff card", func(s string) bool { return strings.Contains(s, "[handoff — /thread") && strings.Contains(s, cust) })
	t.Logf("the screen:\n%s", out)
}

// screen is what the client printed, safe to read while it writes.
type screen struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// wait polls the screen until ok holds, and returns it.
func (s *screen) wait(t *testing.T, what string, ok func(string) bool) string {
	t.Helper()
	var text string
	if !poll(replyTimeout, func() bool { text = s.String(); return ok(text) }) {
		t.Fatalf("the chat client never showed %s within %v; screen:\n%s", what, replyTimeout, text)
	}
	return text
}

func actionName(t *testing.T, p *model.Post, id string) string {
	t.Helper()
	for _, a := range p.Attachments() {
		for _, act := range a.Actions {
			if act.Id == id {
				return act.Name
			}
		}
	}
	t.Fatalf("post %s has no %s button", p.Id, id)
	return ""
}

// buttonNumber finds "[N] name" on the screen (the last one: a card shown again
// numbers its buttons anew).
func buttonNumber(screen, name string) string {
	m := regexp.MustCompile(`\[(\d+)\] `+regexp.QuoteMeta(name)+`(?:\s|$)`).FindAllStringSubmatch(screen, -1)
	if len(m) == 0 {
		return ""
	}
	return m[len(m)-1][1]
}
