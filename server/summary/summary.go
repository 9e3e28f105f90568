package summary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
)

// Summary is what staff read when a conversation is handed to them: built from the
// record alone, so it is the same with or without a model. Rendering it (a
// Mattermost attachment) is the handoff package's business.
type Summary struct {
	Customer string
	Lang     i18n.Lang
	Reason   string
	// Wants are the customer's own words that say what they want, oldest first:
	// the whole conversation, without the bare "a person, please" that only asks
	// for staff.
	Wants    []string
	Products []Product
	Orders   []Order
	Quotes   []Quote
	Cards    []CardState
	Sizes    []Size
	Mood     Mood
	Next     Next
}

// CardState is a card with its state now.
type CardState struct {
	Card
	State string // refund card state; "" when the card is gone
}

// Mood is how the customer sounds.
type Mood string

const (
	MoodCalm    Mood = "calm"
	MoodUpset   Mood = "upset"
	MoodPleased Mood = "pleased"
)

// Next is the suggested next step: an i18n key and its arguments.
type Next struct {
	Key  string
	Args []any
}

// maxWants bounds the words quoted on the card: the latest few tell the story.
const maxWants = 4

// Build makes the summary. cardState reads a card's current state (refund.Service).
func Build(rec Record, customer string, lang i18n.Lang, reason string, cardState func(id string) string) Summary {
	s := Summary{Customer: customer, Lang: lang, Reason: reason, Products: rec.Products, Orders: rec.Orders, Quotes: rec.Quotes, Sizes: rec.Sizes}
	for _, c := range rec.Cards {
		st := ""
		if cardState != nil {
			st = cardState(c.ID)
		}
		s.Cards = append(s.Cards, CardState{Card: c, State: st})
	}
	var all []string
	for _, a := range rec.Asks {
		all = append(all, a.Text)
		if !onlyAsksForPerson(a.Text) && !isGreeting(a.Text) {
			s.Wants = append(s.Wants, a.Text)
		}
	}
	if len(s.Wants) == 0 && len(all) > 0 {
		s.Wants = all[len(all)-1:] // nothing but "a person, please": that is what they want
	}
	if len(s.Wants) > maxWants {
		s.Wants = s.Wants[len(s.Wants)-maxWants:]
	}
	s.Mood = moodOf(all)
	s.Next = s.nextStep()
	return s
}

// nextStep: what staff most likely have to do first, most pressing first.
func (s Summary) nextStep() Next {
	for _, c := range s.Cards {
		switch c.State {
		case "awaiting_approval":
			return Next{Key: "summary.next.approve", Args: []any{c.OrderID}}
		case "in_doubt":
			return Next{Key: "summary.next.in_doubt", Args: []any{c.OrderID}}
		}
	}
	for _, c := range s.Cards {
		if c.State == "offered" {
			return Next{Key: "summary.next.card_offered", Args: []any{c.OrderID}}
		}
	}
	switch {
	case s.Mood == MoodUpset:
		return Next{Key: "summary.next.apologise"}
	case len(s.Orders) > 0:
		return Next{Key: "summary.next.order", Args: []any{s.Orders[len(s.Orders)-1].ID}}
	case len(s.Products) > 0:
		p := s.Products[len(s.Products)-1]
		return Next{Key: "summary.next.product", Args: []any{p.Label()}}
	}
	return Next{Key: "summary.next.read"}
}

// ProductLabel names a product the record knows by its title, else by its id.
func (s Summary) ProductLabel(id string) string {
	for _, p := range s.Products {
		if p.ID == id {
			return p.Label()
		}
	}
	return id
}

// Told is what the customer told about their size: the size they wear (with
// its system and the category they wear it in) and the foot length.
func (z Size) Told() (wears string, footMM int) {
	wears = strings.TrimSpace(strings.Join([]string{z.Reference, z.RefSystem}, " "))
	if wears != "" && z.RefCategory != "" {
		wears += " · " + z.RefCategory
	}
	return wears, z.FootMM
}

// Label is how a product is named on the card.
func (p Product) Label() string {
	if p.Title != "" {
		return p.Title
	}
	return p.ID
}

// personWords are the ways customers ask for a person; a message that says little
// else only asks for staff and tells staff nothing about what the customer wants.
var personWords = []string{
	"转人工", "人工客服", "人工服务", "人工", "真人", "客服", "找人", "接线员",
	"human", "real person", "a person", "someone", "agent", "representative", "staff", "operator",
}

var fillerWords = []string{
	"我要", "我想", "请", "帮我", "给我", "找", "转", "接", "一下", "吗", "呢", "啊", "吧", "可以", "能不能", "有没有",
	"please", "i want", "i'd like", "can i", "talk to", "speak to", "speak with", "let me", "get me", "connect me", "with", "to", "a", "an",
}

func onlyAsksForPerson(text string) bool {
	low := strings.ToLower(text)
	found := false
	for _, w := range personWords {
		if strings.Contains(low, w) {
			found = true
			low = strings.ReplaceAll(low, w, " ")
		}
	}
	if !found {
		return false
	}
	return meaningfulRunes(strip(low, fillerWords)) <= 3
}

var greetingWords = []string{"你好", "您好", "在吗", "在不在", "哈喽", "hello", "hi", "hey", "嗨"}

func isGreeting(text string) bool {
	return meaningfulRunes(strip(strings.ToLower(text), greetingWords)) <= 1
}

func strip(s string, words []string) string {
	for _, w := range words {
		if isASCIIWord(w) {
			s = replaceWord(s, w)
		} else {
			s = strings.ReplaceAll(s, w, " ")
		}
	}
	return s
}

func isASCIIWord(w string) bool { return utf8.RuneCountInString(w) == len(w) }

// replaceWord removes an English word only where it stands alone ("a" is not
// taken out of "bag").
func replaceWord(s, w string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	var out []string
	words := strings.Fields(w)
	for i := 0; i < len(fields); i++ {
		if i+len(words) <= len(fields) && strings.Join(fields[i:i+len(words)], " ") == w {
			i += len(words) - 1
			continue
		}
		out = append(out, fields[i])
	}
	return strings.Join(out, " ")
}

func meaningfulRunes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

var upsetWords = []string{
	"生气", "气死", "投诉", "差评", "垃圾", "骗子", "骗人", "太差", "失望", "无语", "什么破", "恶心", "坑人", "退钱",
	"angry", "furious", "terrible", "awful", "scam", "ridiculous", "complaint", "disappointed", "worst", "unacceptable", "useless",
}

var pleasedWords = []string{"谢谢", "太好了", "满意", "感谢", "thanks", "thank you", "great", "perfect", "awesome"}

// moodOf reads the customer's latest messages: an upset word, or shouting, in any
// of the last three makes them upset; otherwise thanks in the last makes them pleased.
func moodOf(texts []string) Mood {
	recent := texts
	if len(recent) > 3 {
		recent = recent[len(recent)-3:]
	}
	for _, t := range recent {
		low := strings.ToLower(t)
		if strings.Contains(low, "!!") || strings.Contains(low, "！！") || containsAny(low, upsetWords) {
			return MoodUpset
		}
	}
	if len(recent) > 0 && containsAny(strings.ToLower(recent[len(recent)-1]), pleasedWords) {
		return MoodPleased
	}
	return MoodCalm
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
