//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/i18n"
)

// SPEC §7 on the real server: handoff in the customer's thread, staff takeover,
// handback, resolve and the customer's rating.

// threadCommand runs a slash command as user inside a thread (the REST client's
// ExecuteCommand cannot pass a root id) and returns the ephemeral answer's text.
func threadCommand(t *testing.T, user, channelID, rootID, command string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"channel_id": channelID, "root_id": rootID, "command": command})
	resp, err := client(t, user).DoAPIPost(t.Context(), "/commands/execute", string(body))
	if err != nil {
		t.Fatalf("%s as %s in thread %s: %v", command, user, rootID, err)
	}
	defer resp.Body.Close()
	var out model.CommandResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: decode: %v", command, err)
	}
	return out.Text
}

// waitState polls GET /conversations until the conversation rooted at rootID is in state.
func waitState(t *testing.T, rootID, state string) {
	t.Helper()
	var last conversation
	if !poll(replyTimeout, func() bool {
		c, ok := conversationOf(t, rootID)
		if ok {
			last = c
		}
		return ok && c.State == state
	}) {
		t.Fatalf("conversation %s: state %q, want %q", rootID, last.State, state)
	}
}

func setStatus(t *testing.T, user, status string) {
	t.Helper()
	id := userID(t, user)
	cl := client(t, user)
	// The first status a user ever gets can be lost ("No entry for that status
	// exists" in the server's log: there was none to update), so it is set until
	// the server reads it back.
	for range 3 {
		if _, _, err := cl.UpdateUserStatus(context.Background(), id, &model.Status{UserId: id, Status: status}); err != nil {
			t.Fatalf("status of %s: %v", user, err)
		}
		if got, _, err := cl.GetUserStatus(context.Background(), id, ""); err == nil && got.Status == status {
			return
		}
	}
	t.Fatalf("status of %s: the server does not read back %s", user, status)
}

type outcome struct {
	Conversations int      `json:"conversations"`
	HandedOff     int      `json:"handed_off"`
	CSATAvg       *float64 `json:"csat_avg"`
	CSATCount     int      `json:"csat_count"`
}

func TestHandoffTakeoverHandbackResolveAndRating(t *testing.T) {
	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	var before outcome
	quietMarker(t) // its conversation is counted before, not during, this test
	pluginGetJSON(t, "admin", "/stats", &before)

	// On duty is the staff member's own status: staff1 is online, admin (staff too) on
	// do-not-disturb. staff1 keeps the app open for the whole run (TestMain), so no
	// websocket of theirs closing sets them offline after this.
	setStatus(t, "staff1", model.StatusOnline)
	setStatus(t, "admin", model.StatusDnd)
	t.Cleanup(func() { setStatus(t, "admin", model.StatusOnline) })

	// The customer asks for a person: the summary card goes to the staff channel
	// (SPEC §7: a summary is private), linked to the thread, mentioning staff; the
	// thread hears one line.
	ask := postAs(t, cust, ch, "我要找人工客服 @channel，订单一直没发货", "")
	card := waitForBotPost(t, channelID(t, mmenv.ChannelStaff), postTime(ask), replyTimeout, "handoff card", func(p *model.Post) bool {
		return p.GetProp("concierge_handoff") == ask.Id
	})
	if !strings.Contains(fieldText(card), "/pl/"+ask.Id) {
		t.Errorf("handoff card does not link the customer's thread:\n%s", fieldText(card))
	}
	if !strings.Contains(card.Message, "@staff1") || strings.Contains(card.Message, "@admin") {
		t.Errorf("handoff card should mention the on-duty staff1 and not admin (dnd): %q", card.Message)
	}
	if !strings.Contains(card.Message+fieldText(card), "没发货") {
		t.Errorf("handoff card does not summarise the customer's words: %q / %q", card.Message, fieldText(card))
	}
	// The customer's words are quoted, but their @channel must not page the channel
	// a second time from the bot's card.
	if strings.Contains(fieldText(card), "@channel") || !strings.Contains(fieldText(card), "@\u200bchannel") {
		t.Errorf("the quoted @channel is still a mention: %q", fieldText(card))
	}
	notice := waitForBotPost(t, ch, postTime(ask), replyTimeout, "thread notice", func(p *model.Post) bool {
		return p.GetProp("concierge_handoff_notice") != nil
	})
	if notice.RootId != ask.Id || len(notice.Attachments()) != 0 || strings.Contains(notice.Message, "没发货") {
		t.Errorf("thread notice %q in %q, want one line in the customer's thread", notice.Message, notice.RootId)
	}
	waitState(t, ask.Id, "waiting_human")

	// While staff are on their way the bot does not answer over them.
	again := postAs(t, cust, ch, "还在吗？", ask.Id)
	assertNoBotPost(t, again)

	// A staff post in the thread takes the conversation over.
	postAs(t, "staff1", ch, "您好，我是客服，马上帮您查一下。", ask.Id)
	waitState(t, ask.Id, "human")
	during := postAs(t, cust, ch, "好的，谢谢", ask.Id)
	assertNoBotPost(t, during)

	// Customers cannot hand a conversation back; staff can.
	if out := threadCommand(t, cust, ch, ask.Id, "/concierge handback"); out != i18n.T(i18n.EN, "cmd.staff_only") && out != i18n.T(i18n.ZH, "cmd.staff_only") {
		t.Errorf("customer's handback answered %q, want the staff-only refusal", out)
	}
	waitState(t, ask.Id, "human")
	if out := threadCommand(t, "staff1", ch, ask.Id, "/concierge handback"); !strings.Contains(out, "@"+cust) {
		t.Errorf("staff's handback answered %q, want it to name the customer", out)
	}
	waitState(t, ask.Id, "bot")
	back := postAs(t, cust, ch, "你好，请问包邮吗？", ask.Id)
	waitForBotReply(t, ch, ask.Id, postTime(back), replyTimeout)

	// Resolve: the customer is asked for a rating, and only the customer may give it.
	start := time.Now()
	threadCommand(t, "staff1", ch, ask.Id, "/concierge resolve")
	waitState(t, ask.Id, "resolved")
	rating := waitForBotPost(t, ch, start, replyTimeout, "rating card", func(p *model.Post) bool {
		return p.GetProp("concierge_csat") != nil && p.RootId == ask.Id
	})
	if err := clickButton(t, "bob", rating.Id, "csat1"); err == nil {
		if got := getPost(t, rating.Id); len(buttons(got)) == 0 {
			t.Fatalf("another customer's click used up the rating card: %q", got.Message)
		}
	}
	if err := clickButton(t, cust, rating.Id, "csat5"); err != nil {
		t.Fatalf("customer's rating: %v", err)
	}
	if got := getPost(t, rating.Id); len(buttons(got)) != 0 {
		t.Errorf("rated card still has buttons: %q", got.Message)
	}

	var after outcome
	pluginGetJSON(t, "admin", "/stats", &after)
	if after.HandedOff != before.HandedOff+1 || after.Conversations != before.Conversations+1 {
		t.Errorf("stats before %+v after %+v: want one more conversation, handed off", before, after)
	}
	if after.CSATCount != before.CSATCount+1 || after.CSATAvg == nil {
		t.Errorf("stats before %+v after %+v: want one more rating", before, after)
	}
}
