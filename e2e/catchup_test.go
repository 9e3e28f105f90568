//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/mattermost/mattermost/server/public/model"
)

// restartTimeout: Mattermost's health check finds a dead plugin within 30 s and
// starts it again; then activation and the catch-up.
const restartTimeout = 2 * time.Minute

// answerIDs is a reply's concierge_answers: the customer posts it answers.
func answerIDs(p *model.Post) []string {
	raw, _ := p.GetProp("concierge_answers").([]any)
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// answersTo lists the bot's finished replies since `after` that answer msg.
func answersTo(t *testing.T, msg *model.Post, after time.Time) []*model.Post {
	t.Helper()
	return botPosts(t, msg.ChannelId, after, func(p *model.Post) bool {
		return p.GetProp("concierge_streaming") == nil && slices.Contains(answerIDs(p), msg.Id)
	})
}

// waitAnswer waits for the first finished reply answering msg.
func waitAnswer(t *testing.T, msg *model.Post, after time.Time, timeout time.Duration) *model.Post {
	t.Helper()
	var found []*model.Post
	waitUntil(t, timeout, fmt.Sprintf("a reply answering %q", msg.Message), func() bool {
		found = answersTo(t, msg, after)
		return len(found) > 0
	})
	return found[0]
}

// assertAnsweredOnceInOrder: each message is answered by exactly one reply, and
// in the order they were posted (one reply covering several names them in order).
func assertAnsweredOnceInOrder(t *testing.T, after time.Time, msgs ...*model.Post) {
	t.Helper()
	var prev *model.Post
	for i, m := range msgs {
		got := answersTo(t, m, after)
		if len(got) != 1 {
			t.Fatalf("%q answered by %d replies, want 1", m.Message, len(got))
		}
		r := got[0]
		if i > 0 {
			ids := answerIDs(r)
			sameInOrder := r.Id == prev.Id && slices.Index(ids, msgs[i-1].Id) < slices.Index(ids, m.Id)
			if !sameInOrder && r.CreateAt <= prev.CreateAt {
				t.Fatalf("%q answered before %q (replies %s %v, %s %v)", m.Message, msgs[i-1].Message, prev.Id, answerIDs(prev), r.Id, ids)
			}
		}
		prev = r
	}
}

// pluginPIDs lists the running plugin processes of the server this run started
// (E2E_RUN, e2e/.run by default): Mattermost runs each plugin as a child process
// from its plugin folder.
func pluginPIDs(t *testing.T) []int {
	t.Helper()
	run := os.Getenv("E2E_RUN")
	if run == "" {
		run = ".run"
	}
	dir, err := filepath.Abs(filepath.Join(run, "mm", "plugins", mmenv.PluginID, "server", "dist"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err == nil && strings.HasPrefix(exe, dir+"/") {
			pids = append(pids, pid)
		}
	}
	return pids
}

// killPlugin kills the plugin process as a crash would (no OnDeactivate) and
// waits until it is gone.
func killPlugin(t *testing.T) {
	t.Helper()
	pids := pluginPIDs(t)
	if len(pids) != 1 {
		t.Skipf("plugin processes %v: this test needs the server this run started (E2E_RUN)", pids)
	}
	if err := syscall.Kill(pids[0], syscall.SIGKILL); err != nil {
		t.Fatalf("kill plugin %d: %v", pids[0], err)
	}
	waitUntil(t, 10*time.Second, fmt.Sprintf("plugin %d gone after SIGKILL", pids[0]), func() bool { return len(pluginPIDs(t)) == 0 })
}

func TestCatchUpAfterPluginKilled(t *testing.T) {
	cust := newCustomer(t)
	dm := dmWithBot(t, cust)
	answered := postAs(t, cust, dm, "你好，跑鞋有哪些推荐？", "")
	start := postTime(answered)
	waitAnswer(t, answered, start, replyTimeout)

	killPlugin(t)
	missed := postAs(t, cust, dm, "Do you ship to Shanghai?", "")
	if pids := pluginPIDs(t); len(pids) != 0 {
		t.Fatalf("the plugin was running again (%v) when the message was posted: nothing to catch up", pids)
	}
	reply := waitAnswer(t, missed, start, restartTimeout)
	if ids := answerIDs(reply); !slices.Equal(ids, []string{missed.Id}) {
		t.Fatalf("the caught-up reply answers %v, want only the missed message %s", ids, missed.Id)
	}
	// Once the marker is answered nothing is still coming from the catch-up.
	marker := postAs(t, cust, dm, "谢谢，还有别的吗？", "")
	waitAnswer(t, marker, start, replyTimeout)
	assertAnsweredOnceInOrder(t, start, answered, missed, marker)
	if all := botPosts(t, dm, start, isReply); len(all) != 3 {
		t.Fatalf("%d bot replies in the DM, want 3 (one per message)", len(all))
	}
}

func TestCatchUpAfterDisableEnable(t *testing.T) {
	cust := newCustomer(t)
	dm := dmWithBot(t, cust)
	general := channelID(t, mmenv.ChannelGeneral)
	answered := postAs(t, cust, dm, "你好，在吗？", "")
	start := postTime(answered)
	waitAnswer(t, answered, start, replyTimeout)

	disablePlugin(t)
	first := postAs(t, cust, dm, "我平时穿42码，", "")
	second := postAs(t, cust, dm, "这双跑鞋有货吗？", "")
	thread := postAs(t, cust, general, "What is your return policy?", "")
	enablePlugin(t)

	waitAnswer(t, second, start, restartTimeout)
	inThread := waitAnswer(t, thread, start, restartTimeout)
	if inThread.RootId != thread.Id {
		t.Fatalf("the thread's reply went to root %q, want %s", inThread.RootId, thread.Id)
	}
	marker := postAs(t, cust, dm, "好的，谢谢！", "")
	waitAnswer(t, marker, start, replyTimeout)
	assertAnsweredOnceInOrder(t, start, answered, first, second, marker)
	assertAnsweredOnceInOrder(t, start, thread)
}
