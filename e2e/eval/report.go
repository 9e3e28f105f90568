package eval

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Result is one question as run: what the bot said and the verdict.
type Result struct {
	Set      string      `json:"set"`
	Shop     string      `json:"shop"`
	Question Question    `json:"question"`
	Obs      Observation `json:"observed"`
	Verdict  Verdict     `json:"verdict"`
	// Transcript is every turn with the bot's reply to it ("" = none seen).
	Transcript []Turn `json:"transcript"`
	// User is the Mattermost user who asked; Error a harness problem (not the bot's).
	User  string `json:"user"`
	Error string `json:"error,omitempty"`
	// Note is what happened besides the reply: no reply in time, the turns left
	// unsent after a handoff.
	Note      string  `json:"note,omitempty"`
	Seconds   float64 `json:"seconds"`    // the whole question, set-up included
	LatencyMs []int64 `json:"latency_ms"` // per turn, until the reply was complete
	// ReplyIn is where the judged reply was: dm, thread, or "dm (concierge_for)"
	// for a thread's answer the bot sent to the customer's DM (privacy redirect).
	ReplyIn string `json:"reply_in,omitempty"`
	// PrivacyLeak (thread mode): the customer's personal data the bot posted in
	// the shared thread instead of their DM.
	PrivacyLeak string `json:"privacy_leak,omitempty"`
}

// Turn is one customer message and the bot's reply.
type Turn struct {
	Customer string `json:"customer"`
	Bot      string `json:"bot"`
}

// Figures are the counts of one group of questions.
type Figures struct {
	N               int `json:"n"`
	Right           int `json:"right"`             // the outcome rule holds
	Handoffs        int `json:"handoffs"`          // handoffs the bot made
	HandoffExpected int `json:"handoff_expected"`  // questions expecting one
	HandoffCorrect  int `json:"handoff_correct"`   // handoffs made where one was expected
	Wrong           int `json:"wrong_facts"`       // replies stating a wrong fact
	AnswerN         int `json:"answer_n"`          // questions expecting an answer
	AnswerResolved  int `json:"answer_resolved"`   // … answered right
	NoReply         int `json:"no_reply"`          // no reply seen (and no handoff)
	CardExpected    int `json:"card_expected"`     // questions expecting a refund card
	CardRight       int `json:"card_right"`        // … offered the right one
	LatencyTotalMs  int `json:"latency_total_ms"`  // sum over the judged turns
	Errors          int `json:"harness_errors"`    // questions the harness could not run
	PrivacyLeaks    int `json:"privacy_leaks"`     // thread mode: personal data in a shared thread
	RightRate       any `json:"right_rate"`        // fraction, or null
	HandoffPrec     any `json:"handoff_precision"` // fraction, or null
	HandoffRecall   any `json:"handoff_recall"`    // fraction, or null
}

func (f *Figures) add(r Result) {
	f.N++
	if r.Error != "" {
		f.Errors++
	}
	if r.PrivacyLeak != "" {
		f.PrivacyLeaks++
	}
	e := r.Question.Expect
	if r.Verdict.Right {
		f.Right++
	}
	if r.Obs.HandedOff {
		f.Handoffs++
		if e.Outcome == OutcomeHandoff {
			f.HandoffCorrect++
		}
	}
	if e.Outcome == OutcomeHandoff {
		f.HandoffExpected++
	}
	if r.Verdict.Wrong {
		f.Wrong++
	}
	if e.Outcome == OutcomeAnswer {
		f.AnswerN++
		if r.Verdict.Right {
			f.AnswerResolved++
		}
	}
	if !r.Obs.Replied && !r.Obs.HandedOff {
		f.NoReply++
	}
	if e.Card != "" {
		f.CardExpected++
		if r.Obs.Card == e.Card {
			f.CardRight++
		}
	}
	if n := len(r.LatencyMs); n > 0 {
		f.LatencyTotalMs += int(r.LatencyMs[n-1])
	}
}

func (f *Figures) finish() {
	f.RightRate = ratio(f.Right, f.N)
	f.HandoffPrec = ratio(f.HandoffCorrect, f.Handoffs)
	f.HandoffRecall = ratio(f.HandoffCorrect, f.HandoffExpected)
}

func ratio(a, b int) any {
	if b == 0 {
		return nil
	}
	return float64(a) / float64(b)
}

// Group is a named slice of the questions (all, a stage, an intent, a language).
type Group struct {
	By      string  `json:"by"` // all, stage, intent, lang, outcome
	Name    string  `json:"name"`
	Figures Figures `json:"figures"`
}

// Summary is the figures of one shop in one set.
type Summary struct {
	Set    string  `json:"set"`
	Shop   string  `json:"shop"`
	Groups []Group `json:"groups"`
}

// Total is the "all" group's figures.
func (s Summary) Total() Figures {
	for _, g := range s.Groups {
		if g.By == "all" {
			return g.Figures
		}
	}
	return Figures{}
}

// Summarize computes the groups of one shop's results: all, then per stage,
// intent, language and expected outcome (in the format's order, unknown labels last).
func Summarize(set, shop string, results []Result) Summary {
	s := Summary{Set: set, Shop: shop}
	dims := []struct {
		by    string
		key   func(Question) string
		order []string
	}{
		{"all", func(Question) string { return "all" }, nil},
		{"stage", func(q Question) string { return q.Stage }, Stages},
		{"intent", func(q Question) string { return q.Intent }, Intents},
		{"lang", func(q Question) string { return q.Lang }, Langs},
		{"outcome", func(q Question) string { return q.Expect.Outcome }, []string{OutcomeAnswer, OutcomeHandoff, OutcomeAsk}},
	}
	for _, d := range dims {
		groups := map[string]*Figures{}
		var names []string
		for _, r := range results {
			k := d.key(r.Question)
			if groups[k] == nil {
				groups[k] = &Figures{}
				names = append(names, k)
			}
			groups[k].add(r)
		}
		rank := func(n string) int {
			if i := slices.Index(d.order, n); i >= 0 {
				return i
			}
			return len(d.order)
		}
		slices.SortStableFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
		for _, n := range names {
			f := groups[n]
			f.finish()
			s.Groups = append(s.Groups, Group{By: d.by, Name: n, Figures: *f})
		}
	}
	return s
}

func pct(v any) string {
	if f, ok := v.(float64); ok {
		return fmt.Sprintf("%.1f%%", 100*f)
	}
	return "—"
}

// WriteTable prints one summary as a table: a row per group.
func WriteTable(w io.Writer, s Summary) {
	t := s.Total()
	fmt.Fprintf(w, "\n== shop %s · set %s · %d questions ==\n", s.Shop, s.Set, t.N)
	fmt.Fprintf(w, "%-26s %4s %5s %7s %8s %7s %7s %6s\n", "group", "n", "right", "rate", "handoffs", "h.prec", "h.rec", "wrong")
	last := ""
	for _, g := range s.Groups {
		if g.By != last && last != "" {
			fmt.Fprintln(w)
		}
		last = g.By
		name := g.Name
		if g.By != "all" {
			name = g.By + " " + g.Name
		}
		f := g.Figures
		fmt.Fprintf(w, "%-26s %4d %5d %7s %8d %7s %7s %6d\n", name, f.N, f.Right, pct(f.RightRate), f.Handoffs,
			pct(f.HandoffPrec), pct(f.HandoffRecall), f.Wrong)
	}
}

// WriteTotals prints the shops' totals side by side, a column per shop.
func WriteTotals(w io.Writer, set string, sums []Summary) {
	if len(sums) == 0 {
		return
	}
	fmt.Fprintf(w, "\n== set %s: totals per shop ==\n%-28s", set, "")
	for _, s := range sums {
		fmt.Fprintf(w, " %12s", s.Shop)
	}
	fmt.Fprintln(w)
	rows := []struct {
		name string
		val  func(Figures) string
	}{
		{"questions", func(f Figures) string { return fmt.Sprint(f.N) }},
		{"right (outcome rule)", func(f Figures) string { return fmt.Sprintf("%d", f.Right) }},
		{"right rate", func(f Figures) string { return pct(f.RightRate) }},
		{"answers resolved", func(f Figures) string { return fmt.Sprintf("%d/%d", f.AnswerResolved, f.AnswerN) }},
		{"handoffs made", func(f Figures) string { return fmt.Sprint(f.Handoffs) }},
		{"handoff precision", func(f Figures) string { return pct(f.HandoffPrec) }},
		{"handoff recall", func(f Figures) string { return pct(f.HandoffRecall) }},
		{"wrong facts", func(f Figures) string { return fmt.Sprint(f.Wrong) }},
		{"right cards", func(f Figures) string { return fmt.Sprintf("%d/%d", f.CardRight, f.CardExpected) }},
		{"no reply", func(f Figures) string { return fmt.Sprint(f.NoReply) }},
		{"privacy leaks (thread mode)", func(f Figures) string { return fmt.Sprint(f.PrivacyLeaks) }},
		{"harness errors", func(f Figures) string { return fmt.Sprint(f.Errors) }},
		{"mean reply latency", func(f Figures) string {
			if f.N == 0 {
				return "—"
			}
			return fmt.Sprintf("%d ms", f.LatencyTotalMs/f.N)
		}},
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%-28s", r.name)
		for _, s := range sums {
			fmt.Fprintf(w, " %12s", r.val(s.Total()))
		}
		fmt.Fprintln(w)
	}
}

// WriteFailures lists every question the bot did not get right, and every
// reply with a wrong fact, in Markdown.
func WriteFailures(w io.Writer, results []Result) int {
	n := 0
	for _, r := range results {
		if r.Verdict.Right && !r.Verdict.Wrong && r.PrivacyLeak == "" {
			continue
		}
		n++
		q := r.Question
		fmt.Fprintf(w, "### %s · %s/%s · %s %s %s\n\n", q.ID, r.Shop, r.Set, q.Stage, q.Intent, q.Lang)
		fmt.Fprintf(w, "- customer: %s (as %s)\n", q.Customer, r.User)
		for i, t := range r.Transcript {
			fmt.Fprintf(w, "- turn %d: %s\n", i+1, oneLine(t.Customer))
			if i < len(r.Transcript)-1 {
				fmt.Fprintf(w, "  - bot: %s\n", oneLine(t.Bot))
			}
		}
		fmt.Fprintf(w, "- expected: %s\n", expectText(q.Expect))
		fmt.Fprintf(w, "- bot: handed off %v, card %s\n", r.Obs.HandedOff, orNone(r.Obs.Card))
		fmt.Fprintf(w, "- why: %s\n", strings.Join(append(slices.Clone(r.Verdict.Reasons), errNote(r)...), "; "))
		fmt.Fprintf(w, "- reply:\n\n%s\n\n", quoteBlock(r.Obs.Text))
		if q.Note != "" {
			fmt.Fprintf(w, "- note: %s\n\n", oneLine(q.Note))
		}
	}
	return n
}

func errNote(r Result) []string {
	var out []string
	if r.Verdict.Right && r.Verdict.Wrong {
		out = append(out, "right outcome, but a wrong fact: "+wrongList(r.Verdict))
	}
	if r.Note != "" {
		out = append(out, r.Note)
	}
	if r.PrivacyLeak != "" {
		out = append(out, "privacy: "+r.PrivacyLeak)
	}
	if r.Error != "" {
		out = append(out, "harness: "+r.Error)
	}
	return out
}

func expectText(e Expect) string {
	parts := []string{e.Outcome}
	for _, g := range e.Facts {
		parts = append(parts, "fact "+strings.Join(g, "|"))
	}
	for _, a := range e.Amounts {
		parts = append(parts, "amount "+FormatCents(a))
	}
	if e.Card != "" {
		parts = append(parts, "card "+e.Card)
	}
	for _, s := range e.Wrong {
		parts = append(parts, "not "+s)
	}
	for _, a := range e.WrongAmounts {
		parts = append(parts, "not "+FormatCents(a))
	}
	return strings.Join(parts, "; ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func quoteBlock(s string) string {
	if strings.TrimSpace(s) == "" {
		return "> (none)"
	}
	return "> " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n> ")
}
