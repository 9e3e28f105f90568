package agent

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/e2e/eval"
	"github.com/concierge-shop/concierge/server/i18n"
)

// TestEvalInProcess scores a labelled question set (e2e/eval/FORMAT.md) against
// the offline planner in this process — the same planner, tools, refund service
// and a real index of the set's shop, without Mattermost — in seconds instead of
// the real server's minutes, for trying a change on every shop at once
// (`make eval-quick`). The figures to report come from `make eval`, which runs
// the plugin on the real server: there, posts, the conversation's handoff state
// and the card's rendered text are judged too.
//
//	EVAL_SET=e2e/eval/questions/demo-books/final.json [EVAL_ONLY=id,id] [EVAL_ALL=1]
func TestEvalInProcess(t *testing.T) {
	path := os.Getenv("EVAL_SET")
	if path == "" {
		t.Skip("EVAL_SET names the question set (make eval-quick)")
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join("..", "..", path)
	}
	set, _, err := eval.LoadSet(path)
	if err != nil {
		t.Fatal(err)
	}
	at, ok, err := set.AnchorTime()
	if err != nil || !ok {
		t.Fatalf("%s: the set needs an anchor (%v)", path, err)
	}
	snap, err := loadShop(set.Shop)
	if err != nil {
		t.Fatalf("shop %s: %v", set.Shop, err)
	}
	ix := indexOf(t, snap)
	only := os.Getenv("EVAL_ONLY")
	var results []eval.Result
	for _, q := range set.Questions {
		if only != "" && !strings.Contains(","+only+",", ","+q.ID+",") {
			continue
		}
		obs, transcript := askInProcess(t, newFixtureFor(t, snap, ix, at), q)
		v := eval.Judge(q, obs)
		results = append(results, eval.Result{Set: filepath.Base(path), Shop: set.Shop, Question: q, Obs: obs, Verdict: v, Transcript: transcript})
	}
	if len(results) == 0 {
		t.Fatalf("%s: no question asked", path)
	}
	sum := eval.Summarize(filepath.Base(path), set.Shop, results)
	eval.WriteTable(os.Stdout, sum)
	var show []eval.Result
	for _, r := range results {
		if !r.Verdict.Right || os.Getenv("EVAL_ALL") != "" {
			show = append(show, r)
		}
	}
	sort.SliceStable(show, func(i, j int) bool { return show[i].Question.ID < show[j].Question.ID })
	eval.WriteFailures(os.Stdout, show)
}

// askInProcess holds q's conversation with the planner, turn by turn as the real
// runner does, and observes the reply to the last turn (a handoff ends it early).
// A card is observed as its kind, and its amount is added to the text, as the
// rendered card shows it.
func askInProcess(t *testing.T, f *fixture, q eval.Question) (eval.Observation, []eval.Turn) {
	t.Helper()
	var obs eval.Observation
	var history []Message
	var transcript []eval.Turn
	for i, text := range q.Turns {
		tr := Turn{ConversationID: "conv-" + q.ID, Customer: Customer{UserID: "uid-" + q.Customer, Username: q.Customer},
			Where: Where{ChannelID: "dm-" + q.ID}, Messages: []string{text}, History: history, Lang: i18n.Detect(text)}
		r := startSession(context.Background(), f.deps, tr).plan()
		if r == nil {
			t.Fatalf("%s turn %d: no reply", q.ID, i+1)
		}
		reply := r.Text
		for _, c := range r.Offers {
			reply += fmt.Sprintf("\n[%s %s %s]", c.Kind, c.OrderID, i18n.Money(c.Amount, f.deps.Shop.Snapshot().Catalog.Currency))
		}
		transcript = append(transcript, eval.Turn{Customer: text, Bot: reply})
		history = append(history, Message{FromCustomer: true, Text: text}, Message{Text: reply})
		if r.Handoff != nil {
			obs.HandedOff = true
			return obs, transcript
		}
		if i == len(q.Turns)-1 {
			obs.Replied, obs.Text = true, reply
			if len(r.Offers) > 0 {
				obs.Card = r.Offers[0].Kind
			}
		}
	}
	return obs, transcript
}
