//go:build e2e

package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// Issue 19 item 2: the FAQ proposals waiting for review, reviewed in the staff panel.
// A proposal posted reaches staff over the websocket; approved as edited from the
// panel's route, its card in the staff channel settles too, and a second decision is
// refused.

const faqEvent = model.WebsocketEventType("custom_" + mmenv.PluginID + "_faq")

func TestFAQProposalReviewedInThePanel(t *testing.T) {
	ensureShop(t)
	const question = "周日下午可以到门店自提吗？"
	const answer = "周日门店不营业，自提请选周一到周六。"
	const edited = "周日门店休息；自提请选周一至周六 10:00–19:00。"
	staff := watchEvents(t, "staff1", faqEvent)
	proposal, _, cust := proposeFAQ(t, question, answer)
	id, _ := proposal.GetProp("concierge_faq_proposal").(string)

	// The panel hears of it, and lists it.
	ev := staff.wait(t, replyTimeout, "proposed", func(ev *model.WebSocketEvent) bool {
		return ev.EventType() == faqEvent && ev.GetData()["proposal_id"] == id && ev.GetData()["event"] == "proposed"
	})
	for k := range ev.GetData() {
		if k != "proposal_id" && k != "event" {
			t.Errorf("event carries %q: only the id and what happened go out", k)
		}
	}
	if !pending(t, id) {
		t.Fatalf("proposal %s is not listed for review", id)
	}

	// A customer cannot decide; an unknown decision names its path.
	if status, _ := pluginHTTP(t, cust, http.MethodPost, "/faq/proposals/"+id, map[string]string{"decision": "approve"}); status != http.StatusForbidden {
		t.Errorf("customer reviewed a proposal: HTTP %d", status)
	}
	if status, body := pluginHTTP(t, "staff1", http.MethodPost, "/faq/proposals/"+id, map[string]string{"decision": "later"}); status != http.StatusBadRequest ||
		!strings.Contains(string(body), `"path":"decision"`) {
		t.Errorf("unknown decision: HTTP %d %s", status, body)
	}
	if status, _ := pluginHTTP(t, "staff1", http.MethodPost, "/faq/proposals/nope", map[string]string{"decision": "reject"}); status != http.StatusNotFound {
		t.Errorf("unknown proposal: HTTP %d", status)
	}

	// Approved as edited, by staff1.
	status, body := pluginHTTP(t, "staff1", http.MethodPost, "/faq/proposals/"+id, map[string]string{"decision": "approve", "answer": edited})
	if status != http.StatusOK || !strings.Contains(string(body), `"state":"approved"`) || !strings.Contains(string(body), `"decided_by":"staff1"`) {
		t.Fatalf("approve: HTTP %d %s", status, body)
	}
	staff.wait(t, replyTimeout, "approved", func(ev *model.WebSocketEvent) bool {
		return ev.EventType() == faqEvent && ev.GetData()["proposal_id"] == id && ev.GetData()["event"] == "approved"
	})
	settled := waitPost(t, proposal.Id, replyTimeout, "the card settled", func(p *model.Post) bool { return len(buttons(p)) == 0 })
	if !strings.Contains(settled.Message, "@staff1") || !strings.Contains(fieldText(settled), edited) {
		t.Errorf("settled card does not say who approved what:\n%s\n%s", settled.Message, fieldText(settled))
	}
	if pending(t, id) {
		t.Error("the approved proposal is still listed for review")
	}
	if status, _ := pluginHTTP(t, "staff1", http.MethodPost, "/faq/proposals/"+id, map[string]string{"decision": "reject"}); status != http.StatusConflict {
		t.Errorf("second decision: HTTP %d, want 409", status)
	}
}

// pending: the proposal is among those GET /faq/proposals lists for review.
func pending(t *testing.T, id string) bool {
	t.Helper()
	var out struct {
		Proposals []struct {
			ID string `json:"id"`
		} `json:"proposals"`
	}
	pluginGetJSON(t, "staff1", "/faq/proposals", &out)
	for _, p := range out.Proposals {
		if p.ID == id {
			return true
		}
	}
	return false
}
