package eval

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Observation is what the bot did with a question's conversation, as the runner
// saw it on the server.
type Observation struct {
	// Replied: a complete bot reply to the last turn was seen.
	Replied bool `json:"replied"`
	// Text is the judged reply: its message plus the text of the card it carries.
	Text string `json:"text"`
	// HandedOff: the conversation was handed to staff (its state, or a handoff card).
	HandedOff bool `json:"handed_off"`
	// Card is the kind of refund card the reply offers: "", deposit,
	// price_protection, return, or "refund" for a card of an unknown kind.
	Card string `json:"card"`
}

// Verdict is the judgement of one reply.
type Verdict struct {
	Right          bool       `json:"right"`
	Reasons        []string   `json:"reasons,omitempty"` // why it is not right
	MissingFacts   [][]string `json:"missing_facts,omitempty"`
	MissingAmounts []int64    `json:"missing_amounts,omitempty"`
	WrongFound     []string   `json:"wrong_found,omitempty"`
	WrongAmounts   []int64    `json:"wrong_amounts_found,omitempty"`
	// Wrong: the reply states a wrong fact (a `wrong` string or a `wrong_amounts` amount).
	Wrong bool `json:"wrong"`
}

// Judge applies the outcome rules (README.md) to what the bot did:
//   - answer: right = replied, no handoff, every fact group, every amount, the
//     expected card (and none when none is expected), no wrong fact;
//   - handoff: right = handed off;
//   - ask: right = replied, no handoff, no wrong fact.
//
// Wrong facts are looked for whatever the outcome.
func Judge(q Question, obs Observation) Verdict {
	var v Verdict
	e := q.Expect
	text := normalize(obs.Text)
	for _, w := range e.Wrong {
		if nw := normalize(w); nw != "" && statedIn(text, nw) {
			v.WrongFound = append(v.WrongFound, w)
		}
	}
	// A product's list price shown as such ("原价 ¥599.00") is a true fact beside the
	// final price, not the tempting wrong answer the label means by it.
	unlabelled := Amounts(listPrice.ReplaceAllString(obs.Text, " "))
	for _, a := range e.WrongAmounts {
		if slices.Contains(unlabelled, a) {
			v.WrongAmounts = append(v.WrongAmounts, a)
		}
	}
	v.Wrong = len(v.WrongFound)+len(v.WrongAmounts) > 0
	for _, g := range e.Facts {
		if !slices.ContainsFunc(g, func(alt string) bool { return strings.Contains(text, normalize(alt)) }) {
			v.MissingFacts = append(v.MissingFacts, g)
		}
	}
	// An amount asked for counts wherever it is stated, labelled or not.
	amounts := Amounts(obs.Text)
	for _, a := range e.Amounts {
		if !slices.Contains(amounts, a) {
			v.MissingAmounts = append(v.MissingAmounts, a)
		}
	}

	reason := func(format string, args ...any) { v.Reasons = append(v.Reasons, fmt.Sprintf(format, args...)) }
	switch e.Outcome {
	case OutcomeHandoff:
		if !obs.HandedOff {
			reason("no handoff")
		}
	case OutcomeAnswer, OutcomeAsk:
		if !obs.Replied {
			reason("no reply")
		}
		if obs.HandedOff {
			reason("handed off")
		}
		if v.Wrong {
			reason("wrong fact: %s", wrongList(v))
		}
		if e.Outcome == OutcomeAnswer {
			for _, g := range v.MissingFacts {
				reason("missing fact %s", strings.Join(g, " | "))
			}
			for _, a := range v.MissingAmounts {
				reason("missing amount %s", FormatCents(a))
			}
			if obs.Card != e.Card {
				reason("card %s, want %s", orNone(obs.Card), orNone(e.Card))
			}
		}
	}
	v.Right = len(v.Reasons) == 0
	return v
}

// listPrice is an amount the reply marks as the list (original) price, or, in a
// price-protection breakdown, as what was paid and what the item costs now: true
// facts beside the refund, not the tempting wrong answer a label means by them.
var listPrice = regexp.MustCompile(`(?i)(原价合计|原价总计|原价|原價|划线价|实付金额|实付单价|实付|现价|list price in total|list price|regular price|amount paid|you paid|\bwas|\bnow)\s*[:：]?\s*[¥￥$]?\s*[0-9][0-9,]*(\.[0-9]+)?\s*(元|块)?`)

func wrongList(v Verdict) string {
	var parts []string
	for _, w := range v.WrongFound {
		parts = append(parts, fmt.Sprintf("%q", w))
	}
	for _, a := range v.WrongAmounts {
		parts = append(parts, FormatCents(a))
	}
	return strings.Join(parts, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// FormatCents renders cents as ¥1234.50.
func FormatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s¥%d.%02d", sign, c/100, c%100)
}

// normalize folds text for fact matching: lower case, full-width ASCII to
// ASCII, the ideographic space and every other space removed.
// statedIn: text states w somewhere other than right after a Chinese negation —
// "不支持货到付款" denies the wrong fact "支持货到付款", it does not state it.
func statedIn(text, w string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		at := i + j
		if r, _ := utf8.DecodeLastRuneInString(text[:at]); !strings.ContainsRune(negations, r) || strings.ContainsRune(negations, firstRune(w)) {
			return true
		}
		i = at + len(w)
	}
}

// negations are the characters that deny what follows them.
const negations = "不没未非无别"

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = foldWidth(r)
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldWidth maps full-width ASCII forms (１２３，ＡＢＣ，￥) to their ASCII or usual form.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + '!'
	case r == 0x3000:
		return ' '
	case r == '￥':
		return '¥'
	}
	return r
}

// Amounts returns every money amount (in cents) the text states, in any usual
// formatting: ¥1,234.50, 1234.5元, 1234.50, RMB 1234, 满300减50. A number counts
// unless it is part of an identifier, a date or a time (O-1001, s-run-1-39,
// 2026-12-04, 20:15), carries a unit that is not money (39码, 7天, 48小时, 25%,
// 8折, 2件, 30 days), follows a size or quantity word (size 39, EU 39, × 2), or
// has more than two decimals.
func Amounts(text string) []int64 {
	rs := []rune(text)
	for i, r := range rs {
		rs[i] = foldWidth(r)
	}
	var out []int64
	for i := 0; i < len(rs); {
		if !isDigit(rs[i]) {
			i++
			continue
		}
		start := i
		cents, end, ok := readNumber(rs, i)
		i = end
		if !ok || !moneyContext(rs, start, end) {
			continue
		}
		if !slices.Contains(out, cents) {
			out = append(out, cents)
		}
	}
	return out
}

func isDigit(r rune) bool  { return r >= '0' && r <= '9' }
func isLetter(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }

// readNumber reads 1234, 1,234, 1234.5 or 1,234.50 at rs[i] and returns it in
// cents and the index after it; ok=false when it is no money amount (three or
// more decimals, too many digits).
func readNumber(rs []rune, i int) (int64, int, bool) {
	var whole int64
	digits := 0
	for i < len(rs) {
		switch {
		case isDigit(rs[i]):
			whole = whole*10 + int64(rs[i]-'0')
			digits++
			i++
			continue
		case rs[i] == ',' && digits > 0 && countDigits(rs, i+1) == 3:
			i++ // a thousands separator: exactly three digits follow
			continue
		}
		break
	}
	if digits > 10 {
		return 0, skipDigits(rs, i), false
	}
	cents := whole * 100
	if i+1 < len(rs) && rs[i] == '.' && isDigit(rs[i+1]) {
		n := countDigits(rs, i+1)
		if n > 2 {
			return 0, skipDigits(rs, i+1), false
		}
		frac := int64(rs[i+1] - '0')
		if n == 2 {
			frac = frac*10 + int64(rs[i+2]-'0')
		} else {
			frac *= 10
		}
		cents += frac
		i += 1 + n
	}
	return cents, i, true
}

func countDigits(rs []rune, i int) int {
	n := 0
	for i+n < len(rs) && isDigit(rs[i+n]) {
		n++
	}
	return n
}

func skipDigits(rs []rune, i int) int {
	for i < len(rs) && (isDigit(rs[i]) || rs[i] == '.' || rs[i] == ',') {
		i++
	}
	return i
}

// Units after a number that make it something other than money.
var notMoneyUnits = []string{
	"码", "号", "天", "日", "小时", "分钟", "秒", "件", "个", "双", "次", "年", "月", "周", "岁",
	"%", "折", "倍", "人", "单", "款", "寸", "厘米", "毫米", "公分", "米", "克", "斤", "公斤", "升",
	"瓦", "匹", "色", "位", "条", "张", "台", "部", "套", "万", "千", "级", "星", "分", "期", "楼", "层",
	"mm", "cm", "kg", "g", "gb", "tb", "ml", "l", "w", "h", "x", "days", "day", "hours", "hour",
	"hrs", "minutes", "mins", "min", "pcs", "pieces", "items", "item", "pairs", "pair", "units",
	"months", "month", "weeks", "week", "years", "year", "percent", "people", "times", "orders",
	"inch", "st", "nd", "rd", "th", "am", "pm",
}

// Words before a number that make it a size, a quantity or a position.
var notMoneyBefore = []string{"size", "尺码", "码数", "尺寸", "eu", "us", "uk", "cn", "×", "x", "*",
	"qty", "quantity", "数量", "第", "no.", "#", "top", "前"}

// Currency words after a number: they make it money (checked before the units).
var currencyAfter = []string{"元", "块", "yuan", "rmb", "cny"}

func moneyContext(rs []rune, start, end int) bool {
	lead := strings.ToLower(string(rs[max(0, start-3):start]))
	glued := lead == "cny" || lead == "rmb" // CNY1234: a currency code glued to the number
	if start > 0 && !glued {
		switch p := rs[start-1]; {
		case isLetter(p), isDigit(p), p == '-', p == '_', p == '.', p == ':', p == '/', p == '#', p == '@':
			return false
		}
	}
	if end < len(rs) {
		switch n := rs[end]; {
		case n == '-' && end+1 < len(rs) && isDigit(rs[end+1]):
			return false // a date or a range of sizes
		case n == ':' && end+1 < len(rs) && isDigit(rs[end+1]):
			return false // a time
		case n == '.' && end+1 < len(rs) && isDigit(rs[end+1]):
			return false // a version or an over-long decimal
		}
	}
	after := strings.ToLower(strings.TrimLeft(string(rs[end:min(len(rs), end+12)]), " "))
	for _, c := range currencyAfter {
		if strings.HasPrefix(after, c) {
			return true
		}
	}
	for _, u := range notMoneyUnits {
		if strings.HasPrefix(after, u) {
			// an ASCII unit must end there ("g" is not "good")
			rest := []rune(after[len(u):])
			if isLetter([]rune(u)[0]) && len(rest) > 0 && isLetter(rest[0]) {
				continue
			}
			return false
		}
	}
	if end < len(rs) && isLetter(rs[end]) {
		return false // part of an identifier: 39W, 1TB, 3rd
	}
	before := strings.ToLower(strings.TrimRight(string(rs[max(0, start-10):start]), " "))
	for _, w := range notMoneyBefore {
		if strings.HasSuffix(before, w) {
			// an ASCII word must start there ("plus" is not "us")
			head := []rune(before[:len(before)-len(w)])
			if isLetter([]rune(w)[0]) && len(head) > 0 && isLetter(head[len(head)-1]) {
				continue
			}
			return false
		}
	}
	return true
}
