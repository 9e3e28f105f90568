package agent

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// A customer names an order by what they bought more often than by its id: "上周买的
// 推车到哪了", "调奶器那单怎么样了", "my M2 pump order". Such a turn is linked to the
// customer's own orders that hold the product it names (or, naming none, a product
// of the category it names) — only theirs: the orders come from OrdersOf.

// orderRef: the customer talks about something they bought.
var orderRef = cues("order_ref")

// listAsked: the customer wants all their orders, not one.
var listAsked = cues("list_asked")

func (s *session) talksOfAnOrder() bool {
	// "我买的话", "现在下单到手多少" is a purchase to come, not something bought
	// (an order named by its id is linked whatever the words).
	if s.says(hypothetical) {
		return false
	}
	low := s.low
	return orderRef.in(low) || s.says(orderWords) || s.says(returnWords) || s.says(depositWords) ||
		s.says(protectionWords) || s.asksAfterOpenOrder()
}

// arrivalAsk: see arrival_ask in the language data.
var arrivalAsk = cues("arrival_ask")

// asksAfterOpenOrder: "厨师机啥时候发啊", "洗衣机啥时候能到" from a customer with an
// order of it on its way (paid, shipped or on deposit) asks after that order, not
// the shop's shipping times in general.
func (s *session) asksAfterOpenOrder() bool {
	if !s.says(dispatchWords) && !s.says(arrivalAsk) {
		return false
	}
	for _, o := range s.snap.OrdersOf(s.turn.Customer.Username) {
		switch o.Status {
		case shop.StatusPaid, shop.StatusShipped, shop.StatusDepositPaid:
			if s.orderNameScore(s.low, o) > 0 {
				return true
			}
		}
	}
	return false
}

// ordersByContent: the customer's orders holding what the turn names — scored by
// the words of their products' titles and tags found in the turn (the customer's
// own few orders, so a word of a title is enough: "水壶", "M2", "pump"), else by a
// category the turn names; none when it names neither.
func (s *session) ordersByContent() []string {
	ids := s.ordersByContentAll()
	if len(ids) > 1 && s.says(recentWords) {
		return []string{s.latestOf(ids)} // "最近买的…", "I ordered … recently"
	}
	return ids
}

var recentWords = cues("recent")

// latestOf is the order of ids paid last (the first when none has a payment time).
func (s *session) latestOf(ids []string) string {
	best := ids[0]
	var at time.Time
	for _, o := range s.snap.OrdersOf(s.turn.Customer.Username) {
		if contains(ids, o.ID) && o.PaidAt != nil && o.PaidAt.After(at) {
			best, at = o.ID, *o.PaidAt
		}
	}
	return best
}

func (s *session) ordersByContentAll() []string {
	all := inMonth(s.snap.OrdersOf(s.turn.Customer.Username), s.text)
	own := s.inStatus(all)
	if len(own) == 0 {
		return nil
	}
	// The orders in the state told ("还在路上", "还没到手的"), when the turn names
	// nothing bought that would narrow them further.
	if len(own) < len(all) && len(own) <= maxOrdersNamed && !s.namesContent(own) {
		return idsOf(own)
	}
	if ids := s.ordersByName(own); len(ids) > 0 {
		return capIDs(ids)
	}
	// Nothing bought named: the day told ("昨天付的款", "got it yesterday").
	if day := onDayTold(own, s.low, s.d.now()); len(day) < len(own) && len(day) <= maxOrdersNamed {
		return idsOf(day)
	}
	return s.ordersByCategory(own)
}

func idsOf(orders []shop.Order) []string {
	ids := make([]string, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	return ids
}

// ordersByName: the orders of own that best hold what the turn names.
func (s *session) ordersByName(own []shop.Order) []string {
	low := strings.ToLower(s.text)
	best, ids := 0, []string(nil)
	for _, o := range own {
		n := s.orderNameScore(low, o)
		switch {
		case n == 0 || n < best:
		case n > best:
			best, ids = n, []string{o.ID}
		default:
			ids = append(ids, o.ID)
		}
	}
	return ids
}

// ordersByCategory: the orders of own holding a product of a category the turn names.
func (s *session) ordersByCategory(own []shop.Order) []string {
	cats := mentionedCats(s.words.categoryMentions(s.low))
	if len(cats) == 0 {
		return nil
	}
	var ids []string
	for _, o := range own {
		for _, it := range o.Items {
			if _, p := s.snap.SKU(it.SKUID); p != nil && contains(cats, p.Category) {
				ids = append(ids, o.ID)
				break
			}
		}
	}
	if len(ids) > 0 {
		return capIDs(ids)
	}
	return nil
}

// statusCues: the words that tell an order's state ("还在路上" is shipped).
var statusCues = []struct {
	cues     cueList
	statuses []string
}{
	{cues("status_undelivered"), []string{shop.StatusDepositPaid, shop.StatusPaid, shop.StatusShipped}},
	{cues("status_paid"), []string{shop.StatusPaid}},
	{cues("status_shipped"), []string{shop.StatusShipped}},
	{cues("status_delivered"), []string{shop.StatusDelivered}},
}

// inStatus keeps the orders in the state the turn tells ("洗护那单还在路上"), when
// that leaves any.
func (s *session) inStatus(orders []shop.Order) []shop.Order {
	for _, c := range statusCues {
		if !s.says(c.cues) {
			continue
		}
		var keep []shop.Order
		for _, o := range orders {
			if contains(c.statuses, o.Status) {
				keep = append(keep, o)
			}
		}
		if len(keep) > 0 {
			return keep
		}
		break
	}
	return orders
}

// namesContent: the turn names something bought in one of the orders.
func (s *session) namesContent(orders []shop.Order) bool {
	low := strings.ToLower(s.text)
	for _, o := range orders {
		for _, it := range o.Items {
			if _, p := s.snap.SKU(it.SKUID); p != nil && nameWordsIn(low, p) > 0 {
				return true
			}
		}
	}
	return len(s.words.categoryMentions(s.low)) > 0
}

// orderNameScore: how well low names what order o holds — the title and tag words
// of its products found in low, each once (an order of two things named beats one
// of either); among orders alike, the one whose product also has the character
// beside the word ("折叠车": the folding bike, not the folding table).
func (s *session) orderNameScore(low string, o shop.Order) int {
	seen := map[string]bool{}
	n, near := 0, 0
	for _, it := range o.Items {
		_, p := s.snap.SKU(it.SKUID)
		if p == nil {
			continue
		}
		names := strings.ToLower(p.Title + " " + strings.Join(p.Tags, " "))
		for _, w := range productWordsIn(low, p) {
			if !seen[w] {
				seen[w] = true
				n++
			}
			near = max(near, neighboursIn(low, w, names))
		}
		for _, w := range append(glossedWordsIn(low, names+" "+boughtValues(p, it.SKUID)), colloquialIn(low, names)...) {
			if !seen[w] {
				seen[w] = true
				n++
			}
		}
		if n > 0 && s.namesBoughtVariant(low, p, it.SKUID) {
			n++ // "the 6L one" of two orders of the same product
		}
	}
	if n == 0 {
		return 0
	}
	return n*4 + near
}

// glossedWordsIn: the English words of low whose Chinese words (the glossary's)
// the bought product's names or variant have ("the pink <kind>" of a 粉色
// <kind in Chinese>).
func glossedWordsIn(low, names string) []string {
	var out []string
	var words []string
	plain := strings.FieldsFunc(low, func(r rune) bool { return !isASCIILetter(r) && r != '-' })
	for i, w := range plain {
		// "u-lock": the word, and its parts ("lock" of a U型锁); "impact driver":
		// the two words as one.
		words = append(words, w)
		if strings.Contains(w, "-") {
			words = append(words, strings.Split(w, "-")...)
		}
		if i+1 < len(plain) {
			words = append(words, w+" "+plain[i+1])
		}
	}
	for _, w := range words {
		if len(w) < 3 || contains(out, w) {
			continue
		}
		for _, zh := range lang.Chinese(w) {
			if !isASCII(zh) && strings.Contains(names, zh) {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// colloquialIn: the nouns low says the spoken way ("鞋" of "鞋子") that end a word
// of names ("安全鞋").
func colloquialIn(low, names string) []string {
	var out []string
	for _, n := range spokenNouns(low) {
		if endsAWord(names, n) {
			out = append(out, n)
		}
	}
	return out
}

// endsAWord: a word of text (Chinese, split at spaces and punctuation) ends in w.
func endsAWord(text, w string) bool {
	for _, tok := range scriptTokens(text) {
		if strings.HasSuffix(tok, w) {
			return true
		}
	}
	return false
}

// namesBoughtVariant: low names a value of the variant bought (not one every variant has).
func (s *session) namesBoughtVariant(low string, p *shop.Product, id string) bool {
	for i := range p.SKUs {
		if p.SKUs[i].ID != id {
			continue
		}
		for name, v := range p.SKUs[i].Attributes.All() {
			if mentionsValueIn(s.text, low, name, v) {
				return true
			}
		}
	}
	return false
}

// boughtValues: the attribute values of the product's sku id, lower-cased.
func boughtValues(p *shop.Product, id string) string {
	for i := range p.SKUs {
		if p.SKUs[i].ID == id {
			var vs []string
			for _, v := range p.SKUs[i].Attributes.All() {
				vs = append(vs, strings.ToLower(v))
			}
			return strings.Join(vs, " ")
		}
	}
	return ""
}

// neighboursIn counts the characters next to word in low that names also has.
func neighboursIn(low, word, names string) int {
	i := strings.Index(low, word)
	if i < 0 || isASCII(word) {
		return 0
	}
	n := 0
	if r, _ := utf8.DecodeRuneInString(low[i+len(word):]); unicode.Is(unicode.Han, r) && strings.ContainsRune(names, r) {
		n++
	}
	if r, _ := utf8.DecodeLastRuneInString(low[:i]); unicode.Is(unicode.Han, r) && strings.ContainsRune(names, r) {
		n++
	}
	return n
}

// productWordsIn are the words of a product's title and tags found in low.
func productWordsIn(low string, p *shop.Product) []string {
	var out []string
	for _, src := range append([]string{p.Title}, p.Tags...) {
		for _, w := range nameWords(strings.ToLower(src)) {
			// A word of asking in a title ("order" of a title's "<x>-order") names nothing bought.
			if !contains(out, w) && strings.Contains(low, w) && (!isASCII(w) || containsWordForm(low, w) && !askingWords()[w]) {
				out = append(out, w)
			}
		}
	}
	// A model code written in parts ("F-08", "P-9"), with or without its hyphen.
	if codes := compounds(low); len(codes) > 0 {
		for _, c := range compounds(strings.ToLower(p.Title)) {
			if contains(codes, c) && !contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// containsWordForm: low has the English word w, or its plural ("macadamias").
func containsWordForm(low, w string) bool {
	return containsWord(low, w) || containsWord(low, w+"s") || containsWord(low, w+"es")
}

// nameWordsIn counts the words of a product's title and tags found in low: two
// Chinese characters in a row, a Latin word of four letters or more, a model
// token with a digit ("m2", "z3").
func nameWordsIn(low string, p *shop.Product) int { return len(productWordsIn(low, p)) }

func nameWords(title string) []string {
	var out []string
	var han []rune
	flush := func() {
		for i := 0; i+2 <= len(han); i++ {
			out = append(out, string(han[i:i+2]))
		}
		han = han[:0]
	}
	for _, f := range strings.FieldsFunc(title, func(r rune) bool { return !isWordRune(r) }) {
		ascii := strings.Builder{}
		for _, r := range f {
			if r < 0x80 {
				ascii.WriteRune(r)
				continue
			}
			han = append(han, r)
		}
		flush()
		if a := ascii.String(); len(a) >= 4 || len(a) >= 2 && strings.ContainsAny(a, "0123456789") && strings.ContainsFunc(a, unicode.IsLetter) {
			out = append(out, a)
		}
	}
	return out
}

func capIDs(ids []string) []string {
	if len(ids) > maxOrdersNamed {
		return ids[:maxOrdersNamed]
	}
	return ids
}

// monthRe: "10月份买的", "十月买的", "bought in October".
var monthRe = regexp.MustCompile(`(?i)(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b`)

var monthNames = map[string]time.Month{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

// inMonth keeps the orders paid in the month the text names (all when it names none,
// or none is paid then).
func inMonth(orders []shop.Order, text string) []shop.Order {
	m := monthRe.FindStringSubmatch(text)
	if m == nil {
		return orders
	}
	var month time.Month
	if m[2] != "" {
		month = monthNames[strings.ToLower(m[2])]
	} else if n, err := strconv.Atoi(m[1]); err == nil {
		month = time.Month(n)
	} else {
		month = time.Month(cnNumber(m[1]))
	}
	var out []shop.Order
	for _, o := range orders {
		if o.PaidAt != nil && o.PaidAt.Month() == month {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return orders
	}
	return out
}

// daysAgo: the words for a day counted back from today, longest first, and how
// many days back (intents.json "days_ago").
var daysAgo = func() []dayWord {
	var out []dayWord
	for _, group := range lang.Words("days_ago") {
		sp := strings.Split(group, "|")
		n, err := strconv.Atoi(sp[0])
		if err != nil {
			panic("agent: days_ago: " + group)
		}
		for _, w := range sp[1:] {
			out = append(out, dayWord{w, n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i].word) > len(out[j].word) })
	return out
}()

type dayWord struct {
	word string
	days int
}

// onDayTold keeps the orders paid or delivered on the day the text names
// ("昨天付的款", "got it yesterday"), counted in each order's own time zone; all
// when it names none, or none was paid or delivered then.
func onDayTold(orders []shop.Order, low string, now time.Time) []shop.Order {
	back := -1
	for _, d := range daysAgo {
		if strings.Contains(low, d.word) {
			back = d.days
			break
		}
	}
	if back < 0 {
		return orders
	}
	var out []shop.Order
	for _, o := range orders {
		if onDay(o.PaidAt, now, back) || onDay(o.DeliveredAt, now, back) {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return orders
	}
	return out
}

// onDay: t is back days before now, by the calendar of t's own time zone.
func onDay(t *time.Time, now time.Time, back int) bool {
	if t == nil {
		return false
	}
	day := now.In(t.Location()).AddDate(0, 0, -back)
	y, m, d := t.Date()
	return y == day.Year() && m == day.Month() && d == day.Day()
}

// cnNumber reads 一 … 十二.
func cnNumber(s string) int {
	r := []rune(s)
	if len(r) == 1 {
		return int(cnDigits[r[0]])
	}
	if r[0] == '十' {
		return 10 + int(cnDigits[r[1]])
	}
	return 0
}
