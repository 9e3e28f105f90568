package agent

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/tool"
)

// "我脚长245mm，跑鞋穿几码", "my foot is 25 cm": a measured foot length sizes a shoe
// directly on its chart — in this message or said earlier in the conversation.

// footRe: a length in mm or cm next to a foot word, or a bare "245mm".
var footRe = regexp.MustCompile(`(?i)(\d{2,3}(?:\.\d)?)\s*(mm|毫米|cm|厘米|公分)`)

// footWords mark a length as the foot's, when the unit alone does not.
var footWords = cues("foot")

// footIn reads a foot length in millimetres from text, 0 when none.
func footIn(text string) int {
	low := strings.ToLower(text)
	for _, at := range footRe.FindAllStringSubmatchIndex(low, -1) {
		m := []string{low[at[0]:at[1]], low[at[2]:at[3]], low[at[4]:at[5]]}
		if timesBefore(low[:at[2]]) {
			continue // "235×235×260mm": a machine's size in a title read in context, no foot
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			continue
		}
		mm := v
		if u := m[2]; u == "cm" || u == "厘米" || u == "公分" {
			mm = v * 10
		}
		if (footWords.in(low) || m[2] == "mm" || m[2] == "毫米") && mm >= commerce.MinFootMM && mm <= commerce.MaxFootMM {
			return int(mm + 0.5)
		}
	}
	return 0
}

// timesBefore: before ends with a dimension's "×" ("235×235×").
func timesBefore(before string) bool {
	before = strings.TrimRight(before, " ")
	return strings.HasSuffix(before, "×") || strings.HasSuffix(before, "x") || strings.HasSuffix(before, "*")
}

// footLength: in this turn, else the customer's latest earlier message that gave one.
func (s *session) footLength() int {
	if f := footIn(s.text); f > 0 {
		return f
	}
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		if m := s.turn.History[i]; m.FromCustomer {
			if f := footIn(m.Text); f > 0 {
				return f
			}
		}
	}
	return 0
}

// answerFootSize sizes the products asked about from the foot length.
func (s *session) answerFootSize(foot int) section {
	cats := mentionedCats(s.words.categoryMentions(s.low))
	targets, named := s.sizeTargets(cats, "")
	if len(targets) == 0 {
		return section{text: s.t("agent.size.ask_product"), clarify: true}
	}
	var lines, unsized []string
	for _, p := range targets {
		var adv commerce.SizeAdvice
		if e := s.call(tool.RecommendSize, map[string]any{"product_id": p.ID, "foot_mm": foot}, &adv); e != nil {
			if msg := s.errText(e); named {
				lines = append(lines, s.t("agent.size.fail", titleText(p.Title, s.lang), msg))
			} else if !contains(unsized, msg) {
				unsized = append(unsized, msg)
			}
			continue
		}
		s.sizes[p.ID] = adv.RecommendedSize
		s.sized = append(s.sized, p)
		lines = append(lines, s.sizeLine(p, adv))
	}
	head := s.t("agent.size.head_foot", fmt.Sprint(foot))
	if len(s.sized) > 0 {
		return section{text: head + "\n" + bullet(lines)}
	}
	return section{text: joinNonEmpty(head+"\n"+bullet(append(lines, unsized...)), s.t("agent.size.cant"))}
}
