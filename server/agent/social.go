package agent

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// Social moments — thanks, a greeting, "are you a bot?", joy, a bad day, the
// weather — are answered warmly, like a person would, and never page staff. What
// marks them is language knowledge, not shop knowledge, so it is data
// (lang/social.json), loaded and checked once.

//go:embed lang/social.json
var socialJSON []byte

// socialIntent is one social moment: the cues that mark it and the reply's i18n key.
type socialIntent struct {
	ID    string `json:"id"`
	Reply string `json:"reply"`
	// AboutTheBot: the cues address the bot itself ("你是机器人吗"), so a product
	// whose name shares a word (a robot vacuum) does not make it a shop question.
	AboutTheBot bool `json:"about_the_bot"`
	// NotInAQuestion: the cues mark the moment only in a remark ("好的谢谢"), not
	// inside a question ("收到货再给钱可以吗", "琴是调好的吗").
	NotInAQuestion bool `json:"not_in_a_question"`
	// Always: the cues get this reply whatever else the message names ("该吃什么
	// 降压药" beside a blood-pressure monitor): a diagnosis or a medicine is a
	// doctor's to give, not the shop's.
	Always bool `json:"always"`
	Cues   struct {
		ZH []string `json:"zh"`
		EN []string `json:"en"`
	} `json:"cues"`
}

type socialLexicon struct {
	Intents []socialIntent `json:"intents"`
}

var (
	socialOnce sync.Once
	social     socialLexicon
	socialErr  error
)

// loadSocial parses the embedded lexicon; a malformed one is a build mistake that
// the package's tests catch, so at run time it only disables social replies.
func loadSocial() (socialLexicon, error) {
	socialOnce.Do(func() { social, socialErr = parseSocial(socialJSON) })
	return social, socialErr
}

func parseSocial(data []byte) (socialLexicon, error) {
	var lx socialLexicon
	if err := json.Unmarshal(data, &lx); err != nil {
		return lx, fmt.Errorf("lang/social.json: %w", err)
	}
	seen := map[string]bool{}
	for i, in := range lx.Intents {
		switch {
		case in.ID == "" || in.Reply == "":
			return lx, fmt.Errorf("lang/social.json: intents[%d]: id and reply are required", i)
		case seen[in.ID]:
			return lx, fmt.Errorf("lang/social.json: intents[%d]: id %q repeated", i, in.ID)
		case len(in.Cues.ZH)+len(in.Cues.EN) == 0:
			return lx, fmt.Errorf("lang/social.json: intents[%d] (%s): no cues", i, in.ID)
		}
		seen[in.ID] = true
		for j, c := range in.Cues.EN {
			lx.Intents[i].Cues.EN[j] = strings.ToLower(c)
		}
	}
	return lx, nil
}

// match returns the first intent (file order: the more specific first) whose cue
// the lower-cased text carries.
func (lx socialLexicon) match(low string) (socialIntent, bool) {
	for _, in := range lx.Intents {
		if in.NotInAQuestion && isQuestion(low) {
			continue
		}
		if phrases(in.Cues.ZH).in(low) || phrases(in.Cues.EN).in(low) {
			return in, true
		}
	}
	return socialIntent{}, false
}

// matchShop: the shop's own cues for a social moment (its catalogue's vocabulary).
func (lx socialLexicon) matchShop(v *shop.Vocabulary, low string) (socialIntent, bool) {
	if v == nil {
		return socialIntent{}, false
	}
	for _, in := range lx.Intents {
		if in.NotInAQuestion && isQuestion(low) {
			continue
		}
		if cues, ok := v.Social[in.ID]; ok && (phrases(cues.ZH).in(low) || phrases(lowerAll(cues.EN)).in(low)) {
			return in, true
		}
	}
	return socialIntent{}, false
}

func lowerAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	return out
}

// socialReply answers a social moment when the turn has nothing of the shop in
// it: no product, no order, no shop question, nothing the knowledge base answers.
func (s *session) socialReply() (*Reply, bool) {
	lx, err := loadSocial()
	if err != nil {
		return nil, false
	}
	in, ok := lx.match(s.low)
	if !ok {
		in, ok = lx.matchShop(s.snap.Catalog.Vocabulary, s.low)
	}
	if !ok || !in.Always && s.shopSignal(!in.AboutTheBot) {
		return nil, false
	}
	if in.Reply == "agent.greeting" {
		return &Reply{Text: s.t(in.Reply, s.turn.Customer.Username)}, true
	}
	return &Reply{Text: s.t(in.Reply)}, true
}

// shopSignal: the turn asks something of the shop.
func (s *session) shopSignal(products bool) bool {
	for _, ps := range []cueList{priceWords, stockWords, sizeAsk, fitWords, orderWords, returnWords, depositWords,
		protectionWords, compareWords, offerWords} {
		if s.says(ps) {
			return true
		}
	}
	if len(s.orderIDs()) > 0 {
		return true
	}
	if _, _, budget := s.budget(); budget {
		return true // "a small gift under ¥200 for my mum": a price range is shopping
	}
	if isQuestion(s.low) && slices.ContainsFunc(knowledge.Concepts(s.low), knowledge.ShopMatter) {
		return true // "can you gift wrap it and add a little card?": a question of the shop's matters
	}
	// "a gift for a friend who just picked up badminton, any suggestion?" asks what
	// to buy of a kind the shop sells; "想买点东西犒劳自己" is a mood.
	if s.says(recommendWords) && len(s.words.categoryMentions(s.low)) > 0 {
		return true
	}
	if !products {
		return false
	}
	if isQuestion(s.low) && (len(s.words.categoryMentions(s.low)) > 0 || s.kindNoun() != "") {
		return true // "第一次买<kind> 不知道喜欢啥 能先试试吗" asks of a kind the shop sells
	}
	if len(s.namedProducts(s.text)) > 0 {
		return true
	}
	kb, _ := s.knowledge()
	return kb != ""
}

// asksForAPerson: the turn asks for a person explicitly — not only names one in a
// question of who is answering ("am I chatting with a human or an AI?": "a
// human" there is what they ask about, not whom they want).
func (s *session) asksForAPerson() bool {
	if !s.saysPerson(explicitHuman) {
		return false
	}
	if !s.asksWhoItIs() {
		return true
	}
	for _, p := range explicitHuman.phrases {
		if (phrases{p}).in(s.low) && !identityNouns[p] {
			return true
		}
	}
	return false
}

// identityNouns: the explicit_human phrases that name what someone is, and so
// may be asked about rather than asked for.
var identityNouns = set("identity_nouns")

// asksWhoItIs: "are you a bot?", "是人工还是自动回复" — a question about the bot.
func (s *session) asksWhoItIs() bool {
	lx, err := loadSocial()
	if err != nil {
		return false
	}
	in, ok := lx.match(s.low)
	return ok && in.AboutTheBot
}

// peopleCount: see people_count in the language data.
var peopleCount = lang.Regexp("people_count")

// saysPerson: the turn carries a word of a list asking for a person, a number of
// people left out ("过年家里十来个人聚会" asks for no one).
func (s *session) saysPerson(c cueList) bool {
	return s.saysIn(c, peopleCount.ReplaceAllString(s.low, " "))
}
