// Package eval is the offline half of the end-to-end evaluation (make eval): the
// labelled question format (README.md), the judging of one bot reply against a
// question's expectations, and the figures and reports over many questions. It
// talks to no server; the runner (cmd/eval) collects what the bot did and hands
// it here as an Observation.
package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// Outcomes a question may expect.
const (
	OutcomeAnswer  = "answer"
	OutcomeHandoff = "handoff"
	OutcomeAsk     = "ask"
)

// Guest is the customer name of a logged-in customer the shop knows nothing of.
const Guest = "guest"

// Stages, intents and cards the format names (README.md).
var (
	Stages  = []string{"pre_sales", "after_sales", "social"}
	Intents = []string{"faq", "policy", "product_fact", "stock", "price", "promotion", "size",
		"compare", "recommend", "order_status", "order_list", "deposit_refund", "price_protection",
		"return", "handoff_request", "complaint", "thanks", "smalltalk", "bot_identity",
		"out_of_scope", "ambiguous"}
	Cards = []string{"", "deposit", "price_protection", "return"}
	Langs = []string{"zh", "en"}
)

// Set is one labelled question file.
type Set struct {
	Shop      string     `json:"shop"`
	Anchor    string     `json:"anchor"`
	WrittenBy string     `json:"written_by,omitempty"`
	Questions []Question `json:"questions"`
}

// Question is one labelled question.
type Question struct {
	ID       string   `json:"id"`
	Customer string   `json:"customer"`
	Lang     string   `json:"lang"`
	Stage    string   `json:"stage"`
	Intent   string   `json:"intent"`
	Turns    []string `json:"turns"`
	Expect   Expect   `json:"expect"`
	Note     string   `json:"note,omitempty"`
}

// Expect is what a right reply to the last turn does.
type Expect struct {
	Outcome      string     `json:"outcome"`
	Facts        [][]string `json:"facts,omitempty"`
	Amounts      []int64    `json:"amounts,omitempty"`
	Wrong        []string   `json:"wrong,omitempty"`
	WrongAmounts []int64    `json:"wrong_amounts,omitempty"`
	Card         string     `json:"card,omitempty"`
}

// AnchorTime parses the set's anchor; ok=false when it has none.
func (s *Set) AnchorTime() (time.Time, bool, error) {
	if strings.TrimSpace(s.Anchor) == "" {
		return time.Time{}, false, nil
	}
	t, err := time.Parse(time.RFC3339, s.Anchor)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("anchor %q: %w", s.Anchor, err)
	}
	return t, true, nil
}

// LoadSet reads and checks a question file. Errors make a question unjudgeable
// (no turns, unknown outcome or card, a repeated id); warnings are labels outside
// the format's lists, which are still counted under their own name.
func LoadSet(path string) (*Set, []string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Set
	if err := dec.Decode(&s); err != nil {
		// Be lenient about fields a later format version adds, strict about the rest.
		s = Set{}
		if err2 := json.Unmarshal(data, &s); err2 != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err2)
		}
	}
	warnings, errs := s.Check()
	if len(errs) > 0 {
		return nil, warnings, fmt.Errorf("%s: %s", path, strings.Join(errs, "; "))
	}
	return &s, warnings, nil
}

// Check returns the set's warnings and errors (see LoadSet).
func (s *Set) Check() (warnings, errs []string) {
	if _, _, err := s.AnchorTime(); err != nil {
		errs = append(errs, err.Error())
	}
	seen := map[string]bool{}
	for i, q := range s.Questions {
		at := fmt.Sprintf("questions[%d] %s", i, q.ID)
		switch {
		case q.ID == "":
			errs = append(errs, at+": no id")
		case seen[q.ID]:
			errs = append(errs, at+": repeated id")
		}
		seen[q.ID] = true
		if len(q.Turns) == 0 || slices.Contains(q.Turns, "") {
			errs = append(errs, at+": no turns, or an empty one")
		}
		if q.Customer == "" {
			errs = append(errs, at+": no customer")
		}
		if !slices.Contains([]string{OutcomeAnswer, OutcomeHandoff, OutcomeAsk}, q.Expect.Outcome) {
			errs = append(errs, at+": outcome "+strconvQuote(q.Expect.Outcome))
		}
		if !slices.Contains(Cards, q.Expect.Card) {
			errs = append(errs, at+": card "+strconvQuote(q.Expect.Card))
		}
		for _, g := range q.Expect.Facts {
			if len(g) == 0 || slices.ContainsFunc(g, func(s string) bool { return normalize(s) == "" }) {
				errs = append(errs, at+": an empty fact group or alternative")
			}
		}
		if !slices.Contains(Stages, q.Stage) {
			warnings = append(warnings, at+": stage "+strconvQuote(q.Stage))
		}
		if !slices.Contains(Intents, q.Intent) {
			warnings = append(warnings, at+": intent "+strconvQuote(q.Intent))
		}
		if !slices.Contains(Langs, q.Lang) {
			warnings = append(warnings, at+": lang "+strconvQuote(q.Lang))
		}
	}
	return warnings, errs
}

func strconvQuote(s string) string { return fmt.Sprintf("%q", s) }
