package eval

import (
	"bytes"
	"strings"
	"testing"
)

func result(id, stage, outcome string, obs Observation) Result {
	q := Question{ID: id, Stage: stage, Intent: "faq", Lang: "zh", Turns: []string{"?"}, Expect: Expect{Outcome: outcome}}
	return Result{Set: "s", Shop: "demo", Question: q, Obs: obs, Verdict: Judge(q, obs)}
}

func TestSummarizeHandoffPrecisionRecall(t *testing.T) {
	rs := []Result{
		result("1", "social", OutcomeHandoff, Observation{HandedOff: true}),                  // correct handoff
		result("2", "social", OutcomeHandoff, Observation{Replied: true}),                    // missed
		result("3", "pre_sales", OutcomeAnswer, Observation{Replied: true, HandedOff: true}), // needless handoff
		result("4", "pre_sales", OutcomeAnswer, Observation{Replied: true}),                  // right
		result("5", "pre_sales", OutcomeAsk, Observation{Replied: true, Text: "x"}),          // right
	}
	s := Summarize("s", "demo", rs)
	all := s.Total()
	if all.N != 5 || all.Right != 3 || all.Handoffs != 2 || all.HandoffCorrect != 1 || all.HandoffExpected != 2 {
		t.Fatalf("figures %+v", all)
	}
	if all.HandoffPrec != 0.5 || all.HandoffRecall != 0.5 || all.RightRate != 0.6 {
		t.Fatalf("rates %v %v %v", all.HandoffPrec, all.HandoffRecall, all.RightRate)
	}
	var order []string
	for _, g := range s.Groups {
		if g.By == "stage" {
			order = append(order, g.Name)
		}
	}
	if strings.Join(order, ",") != "pre_sales,social" {
		t.Errorf("stages in the format's order: %v", order)
	}
	// No handoff made: precision is undefined, shown as —.
	var buf bytes.Buffer
	WriteTable(&buf, Summarize("s", "demo", rs[3:]))
	if !strings.Contains(buf.String(), "—") {
		t.Errorf("undefined precision not shown as —:\n%s", buf.String())
	}
	buf.Reset()
	if n := WriteFailures(&buf, rs); n != 2 || !strings.Contains(buf.String(), "no handoff") || !strings.Contains(buf.String(), "handed off") {
		t.Errorf("failures %d:\n%s", n, buf.String())
	}
}
