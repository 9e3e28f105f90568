package agent

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// The offline planner's intents, recognised by words in Chinese and English. The
// word lists are data (server/lang/intents.json; a shop adds its own through
// cues.go); what stays here is how they combine. English words are matched on word
// boundaries, Chinese ones as substrings.

// phrases is a list of words or phrases matched against lower-cased text.
type phrases []string

// prefixOf: text starts with one of the phrases.
func (ps phrases) prefixOf(text string) bool {
	for _, p := range ps {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}

// suffixOf: text ends with one of the phrases.
func (ps phrases) suffixOf(text string) bool {
	for _, p := range ps {
		if strings.HasSuffix(text, p) {
			return true
		}
	}
	return false
}

func (ps phrases) in(low string) bool {
	for _, p := range ps {
		if isASCII(p) {
			if containsWord(low, p) {
				return true
			}
		} else if strings.Contains(low, p) {
			return true
		}
	}
	return false
}

// longest is the longest phrase of the list the text carries ("" when none).
func (ps phrases) longest(low string) string {
	best := ""
	for _, p := range ps {
		if len(p) > len(best) && (phrases{p}).in(low) {
			best = p
		}
	}
	return best
}

var (
	humanWords = cues("human")
	// figurativeWords: see figurative in the language data.
	figurativeWords = cues("figurative")

	greetingWords = cues("greeting")

	thanksWords = cues("thanks")

	angryWords = cues("angry")
	// asksHours: when the shop's people are there, which the FAQ answers.
	asksHours = cues("asks_hours")
	// hoursAt: see asks_hours_at in the language data.
	hoursAt = lang.Regexps("asks_hours_at")

	depositWords = cues("deposit")
	refundWords  = cues("refund")

	// protectionWords name price protection or a drop in price outright; isPriceDrop
	// also reads a drop told in the customer's own words.
	protectionWords = cues("protection")

	returnWords = cues("return")
	// returnAsk: the customer asks to start a return now, not how returns work.
	returnAsk = cues("return_ask")

	orderWords = cues("order")

	sizeAsk   = cues("size_ask")
	wearWords = cues("wear")

	fitWords = cues("fit")

	compareWords = cues("compare")

	priceWords = cues("price")
	// notProductPrice: a price that is not a product's (shipping), answered from knowledge.
	notProductPrice = cues("not_product_price")

	stockWords = cues("stock")
	offerWords = cues("offer")

	togetherWords = cues("together")
	// plusJoin: "<A>+<B>", two things bought together (not "12+256GB").
	plusJoin = lang.Regexp("plus_join")

	// deictic: the customer points at something said before ("this one").
	deictic = cues("deictic")
)

// otherSenses are phrases in which a shop word means something else: an exchange
// rate is not an exchange of goods. The knowledge search does not get them, so
// their shop word cannot match a document by chance.
var otherSenses = lang.Regexp("other_senses")

// questionWords mark a question, as opposed to a request ("定金能退吗" vs "退定金").
var questionWords = cues("question")

func isQuestion(low string) bool {
	for _, w := range questionLookalikes.phrases {
		low = strings.ReplaceAll(low, w, " ")
	}
	return questionWords.in(low) || yesNoTail.MatchString(low)
}

// questionLookalikes carry a question word's characters without asking ("这么耐心").
var questionLookalikes = cues("question_lookalike")

// yesNoTail: a Chinese yes-no question ending in 不/没/否 ("带防摔套不", "发货没").
var yesNoTail = lang.Regexp("yes_no_tail")

var exclaim = regexp.MustCompile(`[!！]{3,}`)

var twoBangs = regexp.MustCompile(`[!！]{2,}`)

// receivedWords: something has come ("差价收到了", "refund arrived").
var receivedWords = cues("received")

// saysReceivedWithThanks: the customer tells, with praise or thanks and no
// question, that what they waited for has come — a closing remark, not a new
// request for it.
func (s *session) saysReceivedWithThanks() bool {
	return s.says(receivedWords) && positiveWords.in(s.low) && !isQuestion(s.low)
}

// receivedItem, conditionalWords: see received_item, conditional in the language data.
var (
	receivedItem     = cues("received_item")
	conditionalWords = cues("conditional")
)

// positiveWords: "太好了！！！" is joy, not anger.
var positiveWords = cues("positive")

// isAngry: words of anger or complaint, "!!!" (unless it is joy), or an English
// message in capitals.
// frustratedWords: see frustrated in the language data.
var frustratedWords = cues("frustrated")

func isAngry(text, low string) bool {
	low = withoutWords(low, figurativeWords.phrases) // "都快冒烟了": worked hard, no fault
	// "万一收到烂果了怎么赔啊" supposes a case and asks the rule; "如果再不退我就投诉"
	// is a threat, no question.
	if angryWords.in(low) && !(conditionalWords.in(low) && isQuestion(low)) {
		return true
	}
	positive := positiveWords.in(low)
	if exclaim.MatchString(text) && !positive {
		return true
	}
	// What arrived broken, told with "!!" or as what came ("收到的…断了一根 包装也是
	// 破的"), is a complaint for a person; "要是碎了咋办" asks the rule.
	if defectWords.in(low) && (twoBangs.MatchString(text) || receivedItem.in(low) && !conditionalWords.in(low) && !noHarm.in(low)) && !positive {
		return true
	}
	// "发了这么久还没到！你们到底怎么回事！！": frustration shouted is a complaint.
	if frustratedWords.in(low) && twoBangs.MatchString(text) && !positive {
		return true
	}
	return shouted(text) && !positive
}

// withoutNameWords is the turn's text without the Latin words of the catalogue's
// titles: a brand or model in capitals ("<BRAND> <XY>") is how the shop writes it,
// not shouting.
func (s *session) withoutNameWords() string {
	return latinRun.ReplaceAllStringFunc(s.text, func(w string) string {
		if s.words.inName(w) {
			return " "
		}
		return w
	})
}

var latinRun = regexp.MustCompile(`[A-Za-z]+`)

// shouted: ten Latin letters or more, all in capitals ("THIS IS UNACCEPTABLE").
func shouted(text string) bool {
	letters, upper := 0, 0
	for _, r := range text {
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 10 && upper == letters
}

// isThanks: a short message that only thanks or closes ("谢谢！", "ok thanks").
func isThanks(low string) bool {
	t := strings.Trim(strings.TrimSpace(low), "!！。.,，~ ")
	if utf8.RuneCountInString(t) > 20 {
		return false
	}
	for _, w := range thanksWords.phrases {
		t = strings.ReplaceAll(t, w, "")
	}
	return strings.Trim(t, "!！。.,，~ 啦呀哈啊") == "" && utf8.RuneCountInString(low) > 0
}

// isGreeting: a short message that is only a greeting (a question after "hi" is
// not: "你好 发票怎么开" is a question).
func isGreeting(low string) bool {
	t := strings.Trim(strings.TrimSpace(low), greetingTrim)
	if t == "" || utf8.RuneCountInString(t) > 16 {
		return false
	}
	for _, g := range greetingWords.phrases {
		rest, ok := strings.CutPrefix(t, g)
		if !ok {
			continue
		}
		if isASCII(g) && rest != "" && wordByteAt(rest, 0) {
			continue // "his", "hey" in "heyday"
		}
		rest = strings.Trim(rest, greetingTrim)
		if !strings.ContainsFunc(rest, isWordRune) || greetingTails(rest) || isGreeting(rest) {
			return true
		}
	}
	return false
}

const greetingTrim = "!！。.,，~？? "

// greetingTail: what may follow a greeting and keep it one ("hello there", "你好呀").
var greetingTail = set("greeting_tail")

// greetingTails: rest is greeting tails only, one after another ("呀 客服小姐姐").
func greetingTails(rest string) bool {
	words := strings.Fields(rest)
	for _, w := range words {
		if !greetingTail[w] {
			return false
		}
	}
	return len(words) > 0
}

// isWordRune: a letter or digit (not punctuation, a space or an emoji).
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fillerWords open or close a message without saying what it is about ("亲，请问…",
// "hi, please…", "…谢谢"). The knowledge search gets the question without them, so
// their words cannot match a document by chance. Longest first.
var fillerWords = sortedLongestFirst(lang.Words("filler"))

func sortedLongestFirst(ws []string) []string {
	sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	return ws
}

// stripFiller removes fillerWords (and the punctuation around them) from both ends
// of text; a message that is only filler stays as it is.
func stripFiller(text string) string {
	const sep = " \t\n,，.。!！~、:：;；"
	t := strings.Trim(text, sep)
	for changed := true; changed; {
		changed = false
		low := strings.ToLower(t)
		if len(low) != len(t) {
			break // lower-casing changed the byte offsets: leave the text alone
		}
		for _, f := range fillerWords {
			ascii := isASCII(f)
			if strings.HasPrefix(low, f) && !(ascii && wordByteAt(low, len(f))) {
				t, changed = strings.TrimLeft(t[len(f):], sep), true
				break
			}
			if strings.HasSuffix(low, f) && !(ascii && wordByteAt(low, len(low)-len(f)-1)) {
				t, changed = strings.TrimRight(t[:len(t)-len(f)], sep), true
				break
			}
		}
	}
	if strings.TrimSpace(t) == "" {
		return text
	}
	return t
}

// A drop in price in the customer's own words: a verb of falling in the past (the
// price fell, it went down, 降了) with a price or money nearby ("my phone dropped"
// is not one), a fall right after buying ("刚下单就降了"), or asking for "the
// diff(erence)" back, unless it is the difference between two things. "Can you
// lower the price?" and "价格能便宜点吗" ask for a discount, not protection.
var (
	priceDrops = lang.Regexps("price_drop")
	diffWords  = cues("diff")
	diffAsk    = lang.Regexp("diff_ask")
	// between: "the price difference between A and B" compares two things.
	between = cues("between")
	// futureDrop: "什么时候降价" / "will it go on sale" asks about a sale to come, not
	// about a drop since the customer paid.
	futureDrop         = lang.Regexp("future_drop")
	explicitProtection = cues("explicit_protection")
)

func isPriceDrop(low string) bool {
	if futureDrop.MatchString(low) && !explicitProtection.in(low) && !diffWords.in(low) && !diffAsk.MatchString(low) {
		return false
	}
	if protectionWords.in(low) {
		return true
	}
	for _, re := range priceDrops {
		if re.MatchString(low) {
			return true
		}
	}
	return (diffWords.in(low) || diffAsk.MatchString(low)) && !between.in(low)
}

// howMuchOf: "多少" counting something other than money (天, 码, 克, 毫升, 岁 …).
var howMuchOf = anyOf(lang.Regexps("how_much_of"))

// bareHowMuch: "多少" alone beside a product ("牛津鞋黑色42 用完多少") asks its price.
func (s *session) bareHowMuch() bool {
	if !strings.Contains(s.low, "多少") || howMuchOf.MatchString(s.low) {
		return false
	}
	// The products are searched once: a figure of theirs asked is no price.
	ps := append(s.namedProducts(s.text), s.searchProducts(s.text, nil, false)...)
	if len(ps) == 0 { // "<kind>买一双 … 多少": the products of the kind named
		ps = s.categoryProducts(mentionedCats(s.words.categoryMentions(s.low)))
	}
	return len(ps) > 0 && !s.figureAsked(ps)
}

// buyNow: see buy_now in the language data.
var buyNow = cues("buy_now")

// buysACount: "<product>4000K的 买3卷", "白色 来三个" — a named product bought in a
// count, asking nothing else: what that comes to is the answer.
func (s *session) buysACount() bool {
	return s.saysLast(buyNow) && !isQuestion(s.low) && !s.says(orderWords) && !s.says(returnWords) &&
		quantity(s.lastLine(), s.words.namePart, s.words.packPart) > 1 && len(s.namedProducts(s.text)) > 0
}

// beforeHowMuch: the words between a figure's name and "多少" ("<指数>是多少").
var beforeHowMuch = regexp.MustCompile(`(\p{Han}{2})(?:是|有|大概|大约|约|一般)*多少`)

// figureAsked: "<word>多少" or "多少<unit>" where the description of one of ps
// uses the word ("<指数>多少", "<功率>是多少", "充了多少<绒>"): that figure is
// asked, not the price.
func (s *session) figureAsked(ps []*shop.Product) bool {
	var words []string
	before := ""
	if m := beforeHowMuch.FindStringSubmatch(s.lastLine()); m != nil && !priceWords.in(m[1]) {
		words, before = append(words, m[1]), m[1]
	}
	if m := afterHowMuch.FindStringSubmatch(s.lastLine()); m != nil && !strings.Contains(moneyRunes, m[1]) {
		words = append(words, m[1])
	}
	for _, p := range ps {
		for _, w := range words {
			// "<count><title word>多少" ("两卷<kind>多少") names the product, not a figure
			// of it, though its description uses the word too; "买两块多少" counts it.
			if w == before && (strings.Contains(strings.ToLower(p.Title), w) || isCountWord(w) || strings.HasSuffix(w, "块") && countBlocks.MatchString(s.lastLine())) {
				continue
			}
			if strings.Contains(strings.ToLower(p.Description), w) {
				return true
			}
		}
	}
	return false
}

// afterHowMuch: the thing counted right after "多少" ("多少<绒>"); moneyRunes are the
// ones that make it a price ("多少钱", "多少元").
var afterHowMuch = regexp.MustCompile(`多少(\p{Han})`)

const moneyRunes = "钱元块"

// priceEach: see price_each in the language data.
var priceEach = cues("price_each")

// andOne: "… and one <B>", a second item counted one.
var andOne = regexp.MustCompile(`(?i)\b(?:and|plus)\s+(?:one|a single|an?)\b`)

// together: the customer buys the things they name together ("一起", "in total",
// "<A>+<B>") — not "A和B各多少钱", each its own price.
//
// Also a price asked of several things each with its count ("A 2袋、B 1袋、C 1棵
// 到手价") or one added with its count ("A配一棵B"): a cart, though no word says so.
func (s *session) together() bool {
	if s.says(priceEach) && !s.saysTogether() {
		return false // "A和B各多少钱": each its own price
	}
	if s.saysTogether() || s.plusJoins() || plusCount.MatchString(s.text) {
		return true
	}
	// "<A>280 加 <B>170 多少钱": joined with no count, each side its own product.
	if joinsItems.MatchString(s.text) && s.says(priceWords) && s.partsFindProducts(true) {
		return true
	}
	// Counts told of two items ("two pairs of <A> and one pair of <B>", "two of
	// the <A>s and one grey <B>"): each part its product, named or found.
	n := len(countsIn(s.text, s.words.namePart)) + len(englishCounts(s.text, s.words.namePart, s.words.packPart))
	if andOne.MatchString(s.text) {
		n++
	}
	if !s.says(priceWords) || n < 1 {
		return false
	}
	if n >= 2 && len(s.namedProducts(s.text)) >= 2 {
		return true
	}
	return s.partsFindProducts(n >= 2)
}

// joinsItems: see joins_items in the language data.
var joinsItems = lang.Regexp("joins_items")

// partsFindProducts: two parts of the message or more each find a product — and,
// unless distinct is given (two counts told), not all the same one: with one count
// told ("<A> and two of the <B>s"), a second name of the same product is no cart.
func (s *session) partsFindProducts(distinct bool) bool {
	found := 0
	var first *shop.Product
	for _, seg := range s.cartSplit(s.text) {
		ps := s.productsOfPart(seg)
		switch {
		case len(ps) == 0:
			continue
		case first == nil:
			first = ps[0]
		case len(s.namedProducts(seg)) == 0 && namesValueOf(seg, strings.ToLower(seg), []*shop.Product{first}):
			// values the first item is sold in ("<A> tees, black M") are its variant
		case ps[0] != first:
			distinct = true
		}
		found++
	}
	return found >= 2 && distinct
}

// asksHoursAt: whether a person is there at a time the customer names.
func asksHoursAt(low string) bool {
	return slices.ContainsFunc(hoursAt, func(re *regexp.Regexp) bool { return re.MatchString(low) })
}

// noHarm: see no_harm in the language data ("<part>压扁了 里面东西倒是没事").
var noHarm = cues("no_harm")
