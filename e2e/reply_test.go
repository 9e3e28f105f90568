//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/mattermost/mattermost/server/public/model"
)

// Issue 2: the bot answers customers where it is meant to, and only there.

func TestCustomerPostGetsOneReplyInItsThread(t *testing.T) {
	ch := channelID(t, mmenv.ChannelGeneral)
	// A greeting: the offline planner answers it without handing off.
	post := postAs(t, "alice", ch, "Hello!", "")

	reply := waitForBotReply(t, ch, post.Id, postTime(post), replyTimeout)
	if reply.RootId != post.Id {
		t.Fatalf("reply root_id = %q, want the customer's post %q", reply.RootId, post.Id)
	}
	if reply.Message == "" && len(reply.Attachments()) == 0 {
		t.Fatalf("reply %s is empty", reply.Id)
	}
	// Exactly one: nothing more from the bot in the thread or at channel top.
	assertNoBotPost(t, reply)
	all := botPosts(t, ch, postTime(post), func(p *model.Post) bool { return p.RootId == post.Id || p.RootId == "" })
	if len(all) != 1 {
		t.Fatalf("bot posted %d times after the customer's post, want 1", len(all))
	}
}

func TestNoReplyToStaffOrOutsideWatchedChannels(t *testing.T) {
	cases := []struct {
		name, user, channel string
	}{
		{"staff member", "staff1", mmenv.ChannelGeneral},
		{"system admin", "admin", mmenv.ChannelVIP},
		{"unwatched channel", "alice", mmenv.ChannelRandom},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // the silence windows overlap
			post := postAs(t, tc.user, channelID(t, tc.channel), "Hello, do you sell running shoes?", "")
			assertNoBotPost(t, post)
		})
	}
}

func TestDirectMessageToBotGetsReply(t *testing.T) {
	// A DM is one conversation for good: a fresh customer starts it in state bot.
	customer := newCustomer(t)
	dm := dmWithBot(t, customer)
	post := postAs(t, customer, dm, "Hi, what is your return policy?", "")
	reply := waitForBotReply(t, dm, "", postTime(post), replyTimeout)
	if reply.ChannelId != dm {
		t.Fatalf("reply in channel %s, want the DM %s", reply.ChannelId, dm)
	}
}

func TestSettingsChangeTakesEffectWithoutRestart(t *testing.T) {
	random := channelID(t, mmenv.ChannelRandom)
	setPluginConfig(t, map[string]any{"watchedchannels": "shop/cs-*, shop/random"})
	post := postAs(t, "bob", random, "Hello!", "")
	waitForBotReply(t, random, post.Id, postTime(post), replyTimeout)

	// And back: with the defaults, random is unwatched again.
	setPluginConfig(t, nil)
	post = postAs(t, "bob", random, "Hello again!", "")
	assertNoBotPost(t, post)
}

// conversation is one row of GET /conversations (SPEC §6).
type conversation struct {
	ID        string          `json:"id"`
	Customer  string          `json:"customer"`
	ChannelID string          `json:"channel_id"`
	RootID    string          `json:"root_id"`
	State     string          `json:"state"`
	UpdatedAt json.RawMessage `json:"updated_at"`
}

// conversationByID reads GET /conversations/{id} as user into out; false when
// there is no such conversation.
func conversationByID(t *testing.T, user, id string, out any) bool {
	t.Helper()
	status, data := pluginHTTP(t, user, http.MethodGet, "/conversations/"+id, nil)
	if status == http.StatusNotFound {
		return false
	}
	if status != http.StatusOK || json.Unmarshal(data, out) != nil {
		t.Fatalf("GET /conversations/%s: %d %s", id, status, truncate(data))
	}
	return true
}

// conversationOf finds the conversation rooted at rootID (a thread's conversation
// id is its root post's), as admin sees it.
func conversationOf(t *testing.T, rootID string) (conversation, bool) {
	t.Helper()
	var c conversation
	ok := conversationByID(t, "admin", rootID, &c)
	return c, ok && c.RootID == rootID
}

func TestConversationSurvivesDisableEnable(t *testing.T) {
	ch := channelID(t, mmenv.ChannelVIP)
	post := postAs(t, "alice", ch, "Good morning!", "")
	waitForBotReply(t, ch, post.Id, postTime(post), replyTimeout)

	before, ok := conversationOf(t, post.Id)
	if !ok {
		t.Fatalf("no conversation with root_id %s after the bot replied", post.Id)
	}
	if before.ChannelID != ch || (before.Customer != "alice" && before.Customer != userID(t, "alice")) {
		t.Fatalf("conversation = %+v, want alice's in channel %s", before, ch)
	}
	if before.State != "bot" {
		t.Fatalf("state = %q, want bot", before.State)
	}

	statsBefore := getStats(t)
	disablePlugin(t)
	enablePlugin(t)

	// The rows and their counters are in Mattermost's database: nothing is rebuilt,
	// nothing lost or counted twice. (The bot's reply is counted just after it is
	// shown, so bot_replies may still move on its own.)
	statsAfter := getStats(t)
	statsAfter.BotReplies = statsBefore.BotReplies
	if statsAfter != statsBefore {
		t.Errorf("stats before disable/enable %+v, after %+v", statsBefore, statsAfter)
	}
	after, ok := conversationOf(t, post.Id)
	if !ok {
		t.Fatalf("conversation %s lost after disable/enable", before.ID)
	}
	if after.ID != before.ID || after.State != before.State {
		t.Fatalf("after disable/enable: %+v, before: %+v", after, before)
	}
	// The re-enabled plugin still answers.
	post2 := postAs(t, "bob", ch, "Hi there!", "")
	waitForBotReply(t, ch, post2.Id, postTime(post2), replyTimeout)
}

func TestStatsNeedsStaff(t *testing.T) {
	cases := []struct {
		user string
		want int
	}{
		{"", http.StatusUnauthorized},
		{"alice", http.StatusForbidden},
		{"staff1", http.StatusOK},
		{"admin", http.StatusOK},
	}
	for _, tc := range cases {
		status, body := pluginHTTP(t, tc.user, http.MethodGet, "/stats", nil)
		if status != tc.want {
			t.Errorf("GET /stats as %q: status %d, want %d (%s)", tc.user, status, tc.want, truncate(body))
		}
	}
}

// The bot reacts to new customer messages only: an edit or the system message of
// a customer joining a channel gets nothing.
func TestEditsAndSystemMessagesGetNoReply(t *testing.T) {
	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelVIP)
	post := postAs(t, cust, ch, "Hello!", "")
	reply := waitForBotReply(t, ch, post.Id, postTime(post), replyTimeout)

	msg := "Hello! Do you ship to Shanghai?"
	if _, _, err := client(t, cust).PatchPost(t.Context(), post.Id, &model.PostPatch{Message: &msg}); err != nil {
		t.Fatalf("edit: %v", err)
	}
	assertNoBotPost(t, reply)

	// Leave and join again: the server posts system messages in the customer's name.
	since := time.Now()
	uid := userID(t, cust)
	if _, err := client(t, cust).RemoveUserFromChannel(t.Context(), ch, uid); err != nil {
		t.Fatalf("leave: %v", err)
	}
	if _, _, err := client(t, cust).AddChannelMember(t.Context(), ch, uid); err != nil {
		t.Fatalf("join: %v", err)
	}
	list, _, err := h.Admin().GetPostsSince(t.Context(), ch, since.UnixMilli(), false)
	if err != nil {
		t.Fatal(err)
	}
	var system []*model.Post
	for _, p := range list.Posts {
		if p.UserId == uid && p.IsSystemMessage() {
			system = append(system, p)
		}
	}
	if len(system) == 0 {
		t.Fatal("the server posted no system message for the leave/join")
	}
	assertNoBotPost(t, system...)
}
