//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
)

// Issue #18.4: unusual messages on the real server get an answer or a clear
// refusal, never silence: emoji, joiners and marks, other scripts, control
// characters, and a message at Mattermost's own size limit. (A NUL never gets
// here: the server refuses to store the post.)
func TestUnusualMessagesAreAnswered(t *testing.T) {
	ensureShop(t)
	huge := strings.Repeat("这双鞋好看吗？", 16383/7) // 16,380 runes, under the server's 16,383
	cases := []struct {
		name, msg string
		want      func(string) bool
	}{
		{"emoji only", "👍👍🎉", nonEmpty},
		{"emoji in a question", "包邮吗😊🙏", nonEmpty},
		{"joiners and variation selectors", "👨‍👩‍👧 family pack? ❤️\u200b\u200d", nonEmpty},
		{"combining marks", "ше́ст cafe\u0301 zalgơ̵̡̖", nonEmpty},
		{"right to left", "هل الشحن مجاني؟", nonEmpty},
		{"controls", "hi\u0007\u001b[31m there\u202e", nonEmpty},
		{"16k characters", huge, func(s string) bool {
			return strings.Contains(s, i18n.T(i18n.ZH, "conversation.too_long", 4000))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A conversation each: two misses in a row rightly bring in staff.
			cust := newCustomer(t)
			dm := dmWithBot(t, cust)
			p := postAs(t, cust, dm, c.msg, "")
			reply := waitForBotReply(t, dm, "", postTime(p), replyTimeout)
			if !c.want(reply.Message) {
				t.Fatalf("reply to %s: %q", c.name, truncate([]byte(reply.Message)))
			}
			if strings.ContainsRune(reply.Message, 0) {
				t.Fatalf("the reply carries a NUL: %q", reply.Message)
			}
		})
	}
	// A long but reasonable message (a customer describing at length) is answered,
	// not refused.
	cust := newCustomer(t)
	dm := dmWithBot(t, cust)
	long := strings.Repeat("我想买一双适合日常通勤的鞋，", 3000/14) + fmt.Sprint("包邮吗？")
	p := postAs(t, cust, dm, long, "")
	if reply := waitForBotReply(t, dm, "", postTime(p), replyTimeout); strings.Contains(reply.Message, i18n.T(i18n.ZH, "conversation.too_long", 4000)) || reply.Message == "" {
		t.Fatalf("a 3,000-character message was refused: %q", truncate([]byte(reply.Message)))
	}
}

func nonEmpty(s string) bool { return strings.TrimSpace(s) != "" }
