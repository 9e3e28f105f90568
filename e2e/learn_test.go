//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// Issue 17, learning from staff: after staff resolve a DM they answered, the
// customer's question and the staff's answer are proposed in the staff channel;
// approved, the entry is found by /search and answered to the next customer.
func TestApprovedFAQProposalIsFoundAndAnswered(t *testing.T) {
	ensureShop(t)
	const question = "可以寄到南极长城科考站吗？"
	const answer = "南极长城科考站暂时无法配送，抱歉；可以寄到智利蓬塔阿雷纳斯的转运点。"
	proposal, said, cust := proposeFAQ(t, question, answer)
	if f := fieldText(proposal); !strings.Contains(f, question) || !strings.Contains(f, answer) {
		t.Fatalf("proposal lacks the question or the answer:\n%s", f)
	}
	if err := clickButton(t, cust, proposal.Id, "approve"); err == nil {
		if got := getPost(t, proposal.Id); len(buttons(got)) == 0 {
			t.Fatal("a customer's click decided the proposal")
		}
	}
	if err := clickButton(t, "staff1", proposal.Id, "approve"); err != nil {
		t.Fatalf("staff1's approve: %v", err)
	}
	waitPost(t, proposal.Id, replyTimeout, "approved", func(p *model.Post) bool { return len(buttons(p)) == 0 })

	// Found by /search (the index is rebuilt in the background) …
	var status int
	var body []byte
	if !poll(max(time.Until(postTime(said).Add(replyTimeout)), 0), func() bool {
		status, body = pluginHTTP(t, "staff1", http.MethodGet, "/search?q="+url.QueryEscape(question), nil)
		var out struct {
			Results []struct {
				Kind string `json:"kind"`
				ID   string `json:"id"`
			} `json:"results"`
		}
		return status == http.StatusOK && json.Unmarshal(body, &out) == nil && len(out.Results) > 0 &&
			out.Results[0].Kind == "faq" && strings.HasPrefix(out.Results[0].ID, "learned-")
	}) {
		t.Fatalf("/search does not find the learnt FAQ first: %d %s", status, truncate(body))
	}
	// … answered to the next customer, and still after the catalog is imported again.
	askFresh := func(when string) {
		t.Helper()
		next := newCustomer(t)
		ndm := dmWithBot(t, next)
		nq := postAs(t, next, ndm, question, "")
		if reply := waitForBotReply(t, ndm, "", postTime(nq), replyTimeout); !strings.Contains(reply.Message, "蓬塔阿雷纳斯") {
			t.Errorf("%s, the next customer is not answered from the learnt FAQ: %q", when, reply.Message)
		}
	}
	askFresh("once approved")
	importCatalog(t, demo(t).catalogJSON)
	served.demoCatalog = true
	askFresh("after a catalog re-import")
}

// proposeFAQ has a fresh customer ask question in a DM, a person asked for, staff1
// answer it in the handoff's staff thread and resolve: the FAQ proposal card that
// follows, staff1's answer post and the customer.
func proposeFAQ(t *testing.T, question, answer string) (proposal, said *model.Post, cust string) {
	t.Helper()
	staffCh := channelID(t, mmenv.ChannelStaff)
	cust = newCustomer(t)
	dm := dmWithBot(t, cust)
	q := postAs(t, cust, dm, question, "")
	waitForBotReply(t, dm, "", postTime(q), replyTimeout)
	// The bot may hand an unknown question over at once; otherwise she asks.
	postAs(t, cust, dm, "人工客服", "")
	card := handoffCard(t, dm, postTime(q))
	said = postAs(t, "staff1", staffCh, answer, card.Id)
	waitForBotPost(t, dm, postTime(said), replyTimeout, "staff answer relayed", func(p *model.Post) bool {
		return strings.Contains(p.Message, answer)
	})
	threadCommand(t, "staff1", staffCh, card.Id, "/concierge resolve")
	proposal = waitForBotPost(t, staffCh, postTime(said), replyTimeout, "FAQ proposal", func(p *model.Post) bool {
		return p.GetProp("concierge_faq_proposal") != nil
	})
	return proposal, said, cust
}
