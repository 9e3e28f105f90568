package agent

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// What the offline planner reads out of a customer's words: order ids, the size
// they usually wear, quantities and coupon codes. Each reader is a small regular
// expression over the turn's text; none guesses beyond what is written.

var (
	// An order id as shops write them: letters, a dash, digits ("O-1001", "SO-20261111-7").
	orderIDPattern = regexp.MustCompile(`(?i)\b[a-z]{1,4}-\d{3,}(?:-[a-z0-9]+)*\b`)
	// "订单号 123456", "order #123456", "order no. 123456".
	orderNumberPattern = regexp.MustCompile(`(?i)(?:订单号?|单号|order\s*(?:no\.?|number|id|#)?)\s*[:：#]?\s*([a-z0-9][a-z0-9-]{3,})`)
)

// orderIDs lists the order ids written in text, in order, without repeats. An id
// that matches one of the customer's own orders but for letter case is written
// the shop's way; any other id is kept as typed (and will be "not found").
func orderIDs(text string, own []shop.Order) []string {
	var out []string
	add := func(id string) {
		for _, o := range own {
			if strings.EqualFold(o.ID, id) {
				id = o.ID
				break
			}
		}
		if !contains(out, id) {
			out = append(out, id)
		}
	}
	for _, m := range orderIDPattern.FindAllString(text, -1) {
		add(m)
	}
	for _, m := range orderNumberPattern.FindAllStringSubmatch(text, -1) {
		if hasDigit(m[1]) && !orderIDPattern.MatchString(m[1]) {
			add(m[1])
		}
	}
	low := strings.ToLower(text)
	for _, o := range own { // ids of other shapes, written exactly
		if len(o.ID) >= 4 && containsWord(low, strings.ToLower(o.ID)) {
			add(o.ID)
		}
	}
	return out
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// refSize is a size the customer says they wear: the number, its system when they
// name one (EU, US, CN, UK) and where it is in the text.
type refSize struct {
	size, system string
	pos          int
}

var (
	// A number, or a band and cup ("34B", "75DD": a bra's size, the letters part of it).
	sizeNum = `(\d{2,3}[A-Ga-g]{1,2}\b|\d{1,3}(?:\.5)?)`
	// "38码", "38 号", "38.5碼"
	sizeZh = regexp.MustCompile(sizeNum + `\s*(?:码|碼|号|號)`)
	// "欧码38", "EU 38", "US7", "港码14", "size 38"
	sizePrefixed = regexp.MustCompile(`(?i)(` + systemAlternatives(true) + `|\bsize)\s*` + sizeNum + `\b`)
	// "38 EU", "7 US"
	sizeSuffixed = regexp.MustCompile(`(?i)\b` + sizeNum + `\s*\(?(` + systemAlternatives(false) + `)\b`)
	// "穿38", "wear a 38"
	sizeAfterWear = regexp.MustCompile(`(?i)(?:穿|wear(?:s|ing)?(?:\s+an?)?|i'?m\s+an?)\s*` + sizeNum + `(?:\D|$)`)
)

// sizeSystems are the size systems whose words the language data lists
// (size_system_<id>); a catalogue's size_systems name them by the id upper-cased.
var sizeSystems = []string{"eu", "us", "uk", "cn", "hk", "jp", "kr", "fr", "it"}

// systemWords maps each word of a size system ("欧码", "eu") to the system ("EU").
var systemWords = func() map[string]string {
	out := map[string]string{}
	for _, id := range sizeSystems {
		for _, w := range lang.Words("size_system_" + id) {
			out[strings.ToLower(w)] = strings.ToUpper(id)
		}
	}
	return out
}()

// systemAlternatives is the systems' words as regexp alternatives: all of them
// (Latin ones from a word's start), or only the Latin ones (written after a size).
func systemAlternatives(all bool) string {
	var alts []string
	for _, id := range sizeSystems {
		for _, w := range lang.Words("size_system_" + id) {
			switch {
			case !isASCII(w) && all:
				alts = append(alts, regexp.QuoteMeta(w))
			case isASCII(w) && all:
				alts = append(alts, `\b`+regexp.QuoteMeta(w))
			case isASCII(w):
				alts = append(alts, regexp.QuoteMeta(w))
			}
		}
	}
	return strings.Join(alts, "|")
}

// referenceSize finds the first size written in text, or nil.
func referenceSize(text string) *refSize {
	var best *refSize
	consider := func(pos int, size, system string) {
		if best == nil || pos < best.pos || (pos == best.pos && best.system == "" && system != "") {
			best = &refSize{size: strings.ToUpper(size), system: system, pos: pos} // "34b" is 34B
		}
	}
	for _, m := range sizePrefixed.FindAllStringSubmatchIndex(text, -1) {
		word := strings.ToLower(text[m[2]:m[3]])
		consider(m[0], text[m[4]:m[5]], systemWords[word])
	}
	for _, m := range sizeSuffixed.FindAllStringSubmatchIndex(text, -1) {
		consider(m[0], text[m[2]:m[3]], systemWords[strings.ToLower(text[m[4]:m[5]])])
	}
	for _, m := range sizeZh.FindAllStringSubmatchIndex(text, -1) {
		consider(m[0], text[m[2]:m[3]], "")
	}
	if best == nil {
		for _, m := range sizeAfterWear.FindAllStringSubmatchIndex(text, -1) {
			consider(m[2], text[m[2]:m[3]], "")
		}
	}
	return best
}

var (
	cnDigits = map[rune]int64{'一': 1, '两': 2, '二': 2, '俩': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}
	enDigits = map[string]int64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "a couple of": 2}
	qtyZh = lang.Regexp("quantity_zh")
	// countVerb: see count_after_verb in the language data.
	countVerb = lang.Regexp("count_after_verb")
	qtyEn     = lang.Regexp("quantity_en")
	// qtyBeforeName: see count_before_name_en and count_not_items in the language data.
	qtyBeforeName = lang.Regexp("count_before_name_en")
	notItems      = set("count_not_items")
	// "× 2", "x2" standing alone (not the "Z3" of a product name), "qty 2", "数量2".
	qtyX = regexp.MustCompile(`(?i)(?:(?:^|\s)[x*]\s*(\d{1,3})\b|×\s*(\d{1,3})\b|\bqty\s*[:：]?\s*(\d{1,3})\b|数量\s*[:：]?\s*(\d{1,3})|(?:^|\s)(\d{1,3})\s?[x×](?:\s|$))`)
)

// quantity is the number of items asked about (default 1). isName reports whether
// a word is part of a product name, so the "Z3" of a model name is not 7 items.
//
// isPack, when given, says which English counts name a variant ("8 boxes" of a
// product sold as "8盒"); without it isName does.
func quantity(text string, isName func(word string) bool, isPack ...func(word string) bool) int64 {
	pack := isName
	if len(isPack) > 0 {
		pack = isPack[0]
	}
	// The last quantity written wins: in a follow-up read in context
	// ("…多少钱一包\n我买两包"), the customer's latest word — unless it is part of
	// a name ("<四件>套" of a title, "<60支>" of a fabric the title names).
	var q int64
	if ms := lastLineCounts(text, isName); ms != nil {
		// Within one line the largest: "想买两台 一台送人" is two.
		for _, m := range ms {
			q = max(q, parseCount(m))
		}
	} else if ms := englishCounts(text, isName, pack); ms != nil {
		q = parseCount(ms[len(ms)-1])
	} else {
		for _, at := range qtyX.FindAllStringSubmatchIndex(text, -1) {
			m := make([]string, 6)
			for k := range m {
				if at[2*k] >= 0 {
					m[k] = text[at[2*k]:at[2*k+1]]
				}
			}
			// "235×235×260mm" is a size, no count ("×235" after a digit).
			if at[0] > 0 && text[at[0]-1] >= '0' && text[at[0]-1] <= '9' {
				continue
			}
			if !isName(strings.TrimSpace(m[0])) {
				q = parseCount(m[1] + m[2] + m[3] + m[4] + m[5]) // "x2", "×2", "qty 2", "2x"
				break
			}
		}
	}
	if q < 1 {
		return 1
	}
	return q
}

// lastLineCounts: the counts of the last line of text that has a Chinese count
// (the customer's latest word in a follow-up read in context).
func lastLineCounts(text string, isName func(word string) bool) []string {
	lines := strings.Split(text, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if ms := countsIn(lines[i], isName); ms != nil {
			return ms
		}
	}
	return nil
}

// countsIn are the numbers of text's Chinese counts that are no part of a name:
// isName is asked for the count with the rune after it ("四件套") and for the count
// alone when its number is 10 or more ("60支" of a fabric; "两支" is as often two
// items as the name of a pack "两支装" another product is sold in).
func countsIn(text string, isName func(word string) bool) []string {
	out := measuredCounts(text, isName)
	for _, m := range countBlocks.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1]) // "买两块呢": pieces, though 块 is also yuan
	}
	return out
}

// measuredCounts are the numbers of text's counts with a measure word (see countsIn).
func measuredCounts(text string, isName func(word string) bool) []string {
	var out []string
	for _, m := range qtyZh.FindAllStringSubmatchIndex(text, -1) {
		count := text[m[0]:m[1]]
		next := count
		if r, size := utf8.DecodeRuneInString(text[m[1]:]); size > 0 && unicode.Is(unicode.Han, r) {
			next += string(r)
		}
		num := text[m[2]:m[3]]
		if m[2] > 0 && isModelByte(text[m[2]-1]) && num[0] >= '0' && num[0] <= '9' {
			continue // "V5双录": the digits of a model name ("V5"), not five pairs
		}
		// "两件" before a space or the end is a count even when a title has "两件套":
		// only the rune after it ("两件套") makes it that name.
		// A count before a Latin name ("10支copic") counts that item, whatever
		// titles write the same count ("<pen> 10支装").
		// A number a title writes alone ("<Name> 100": "<名>100支那套") names it too,
		// unless a buying verb comes right before it and nothing of a name after it
		// ("拿<n><unit> 到手多少"; "买<n><unit><name>" still names the title's <n><unit>).
		if strings.HasPrefix(text[m[1]:], "装") {
			continue // "4瓶装": the size of a pack sold, not how many are bought
		}
		if next != count && isName(next) || parseCount(num) >= 10 && (isName(count) || isName(num)) && !latinFollows(text[m[1]:]) && !boughtCount(text, m[0], next != count) {
			continue
		}
		out = append(out, num)
	}
	return out
}

// countBlocks: see count_blocks in the language data.
var countBlocks = lang.Regexp("count_blocks")

// boughtCount: the count at byte at follows a buying verb ("拿", "要") and no
// Chinese word runs on from it (hanAfter: a Chinese rune right after it).
func boughtCount(text string, at int, hanAfter bool) bool {
	return !hanAfter && countVerb.MatchString(text[:at])
}

// latinFollows: rest starts with a Latin letter, after spaces.
func latinFollows(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	return rest != "" && isASCIILetter(rune(rest[0]))
}

// isModelByte: a byte that, before a number, makes it part of a name or a figure
// (a Latin letter, a digit, a point, a hyphen: "V5", "1.5", "X-5").
func isModelByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '-'
}

// englishCounts are the numbers of text's English counts that are no part of a
// name: "8 boxes" is the pack sold as "8盒", not eight of something; "<Name> 7
// specs" asks of the model "<Name> 7" (isName: a word of a title; isPack: a count
// a variant is sold as).
func englishCounts(text string, isName, isPack func(word string) bool) []string {
	var out []string
	low := strings.ToLower(text)
	for _, ix := range qtyEn.FindAllStringSubmatchIndex(low, -1) {
		m := submatches(low, ix)
		num := m[1] + m[2] + m[3]
		if m[3] != "" && (parseCount(m[3]) > maxPluralCount || !pluralCount(low, ix[0], m[0]) || modelNumber(low[:ix[0]], m[3], isName)) {
			continue // "size 42 shoes", "10 kg bags": a size or a measure, not a count
		}
		if n := parseCount(num); n > 0 && packNamed(n, m[0], isPack) {
			continue
		}
		if before := strings.TrimRight(low[:ix[0]], " "); strings.HasSuffix(before, "with") || strings.HasSuffix(before, "w/") {
			continue // "the kit with two <parts>": what the variant comes with, not a count
		}
		out = append(out, num)
	}
	if len(out) == 0 {
		// "how much for two <Name>": a name is no plural, so the phrase before the
		// number says it counts what is bought.
		for _, m := range qtyBeforeName.FindAllStringSubmatch(low, -1) {
			if !notItems[m[2]] {
				out = append(out, m[1])
			}
		}
	}
	if len(out) == 0 {
		for _, m := range countEndingEn.FindAllStringSubmatch(low, -1) {
			out = append(out, m[1]) // "and if I buy two?"
		}
	}
	return out
}

// countEndingEn: see count_ending_en in the language data.
var countEndingEn = lang.Regexp("count_ending_en")

// modelNumber: the digits num follow a title's word right before them (before:
// the text up to num) and are a title's word too: "mono 7" of "<Name> Mono 7".
func modelNumber(before, num string, isName func(word string) bool) bool {
	ws := strings.Fields(before)
	if len(ws) == 0 || !strings.HasSuffix(before, " ") || !isName(num) {
		return false
	}
	last := ws[len(ws)-1]
	return strings.IndexFunc(last, func(r rune) bool { return !isASCIILetter(r) }) < 0 && isName(last)
}

// submatches are the texts of a FindAllStringSubmatchIndex match ("" for a group
// that did not take part).
func submatches(s string, ix []int) []string {
	out := make([]string, len(ix)/2)
	for i := range out {
		if ix[2*i] >= 0 {
			out[i] = s[ix[2*i]:ix[2*i+1]]
		}
	}
	return out
}

// pluralCount: "3 <words> rackets" at byte start of low counts things — unless a
// size word stands before the number or a unit of measure right after it.
func pluralCount(low string, start int, phrase string) bool {
	before := strings.Fields(low[:start])
	if len(before) > 0 && sizeWords[before[len(before)-1]] {
		return false
	}
	ws := strings.Fields(phrase)
	return len(ws) < 2 || !isUnitWord(ws[1])
}

// maxPluralCount: "3 … rackets" is a count; "77 speed shuttles" names a model.
const maxPluralCount = 12

// sizeWords stand before a size, not a count (intents.json "size_before").
var sizeWords = set("size_before")

// isUnitWord: w is a unit of measure's word ("kg", "ml", "cm"): one of unitWords
// (values_measured.go) or of the other units.
func isUnitWord(w string) bool {
	if _, ok := unitWords[w]; ok {
		return true
	}
	return slices.Contains(lang.Words("unit_other"), w)
}

// packNamed: the count phrase ("8 boxes") names a pack of n ("8盒") by its
// measure word's Chinese.
func packNamed(n int64, phrase string, isName func(word string) bool) bool {
	ws := strings.Fields(strings.ToLower(phrase))
	if len(ws) < 2 {
		return false
	}
	if englishPack.MatchString(strconv.FormatInt(n, 10)+" "+ws[len(ws)-1]) && isName(strconv.FormatInt(n, 10)+" pack") {
		return true // "the <grade> <n> pack" of a variant sold as "<n> pcs"
	}
	for _, zh := range lang.Translations(ws[len(ws)-1]) {
		if isName(strconv.FormatInt(n, 10) + zh) {
			return true
		}
	}
	return false
}

func parseCount(s string) int64 {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	if n, ok := enDigits[s]; ok {
		return n
	}
	if r := []rune(s); len(r) == 1 {
		return cnDigits[r[0]]
	}
	return 0
}

var couponPattern = regexp.MustCompile(`(?i)(?:coupon|code|优惠券|优惠码|券码|券)\s*(?:code)?\s*[:：]?\s*([a-z0-9][a-z0-9-]{1,19})`)

// couponCode is a coupon the customer names: one they hold, written anywhere, or a
// code after "coupon"/"券" (which the quote then explains if they do not hold it).
func couponCode(text string, held []shop.Coupon) string {
	low := strings.ToLower(text)
	for _, c := range held {
		if containsWord(low, strings.ToLower(c.Code)) {
			return c.Code
		}
	}
	for _, m := range couponPattern.FindAllStringSubmatch(text, -1) {
		if hasDigit(m[1]) {
			return strings.ToUpper(m[1])
		}
	}
	return ""
}

// couponNamed is the coupon the customer names: by its code (couponCode), else
// one they hold by its amount ("30的券").
func (s *session) couponNamed() string {
	held := s.snap.Customer(s.turn.Customer.Username).Coupons
	if c := couponCode(s.text, held); c != "" {
		return c
	}
	return couponByAmount(s.low, held, math.Pow10(minorDigits(s.snap.Catalog.Currency)), s.d.now())
}

// couponByAmount: "手里还有张30的券", "my $20 coupon": the coupon they hold of that
// amount (scale minor units a major one), the one still valid when two are;
// "" when they hold none of it.
func couponByAmount(low string, held []shop.Coupon, scale float64, at time.Time) string {
	var amounts []float64
	for _, re := range couponAmounts {
		for _, m := range re.FindAllStringSubmatch(low, -1) {
			if v, err := strconv.ParseFloat(m[1], 64); err == nil {
				amounts = append(amounts, v)
			}
		}
	}
	code := ""
	for _, a := range amounts {
		for i := range held {
			c := &held[i]
			if float64(c.Off) == a*scale && (code == "" || !c.ExpiredAt(at)) {
				code = c.Code
			}
		}
	}
	return code
}

// couponAmounts: see coupon_amount in the language data.
var couponAmounts = lang.Regexps("coupon_amount")

// containsWord reports whether w occurs in s not glued to other letters or digits
// (so coupon "C50" is not found inside "C500").
func containsWord(s, w string) bool { return wordIndex(s, w, 0) >= 0 }

// wordIndex is where w next occurs in s from byte from on, not glued to other
// letters or digits; -1 when it does not.
func wordIndex(s, w string, from int) int {
	if w == "" {
		return -1
	}
	for i := from; i <= len(s); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return -1
		}
		j += i
		end := j + len(w)
		// A boundary matters only where w itself starts or ends with a word character.
		if (!wordByteAt(w, 0) || !wordByteAt(s, j-1)) && (!wordByteAt(w, len(w)-1) || !wordByteAt(s, end)) {
			return j
		}
		i = j + 1
	}
	return -1
}

func wordByteAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

var clauseSep = lang.Regexp("clause_sep")

// clauseOf returns the [start, end) byte range of the clause around pos.
func clauseOf(text string, pos int) (int, int) {
	start, end := 0, len(text)
	for _, m := range clauseSep.FindAllStringIndex(text, -1) {
		if m[1] <= pos {
			start = m[1]
		} else if m[0] >= pos {
			end = m[0]
			break
		}
	}
	return start, end
}
