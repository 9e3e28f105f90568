package agent

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Product questions the FAQ does not answer ("扫地机器人还有货吗", "手机有国补吗",
// "shoes for a marathon?"): the products meant, with today's price, stock and
// live offers, from get_product.

const (
	maxSoldOutListed = 6
	// maxDescribed: a reply about more products than this lists them without
	// their descriptions, to stay short.
	maxDescribed = 2
)

func (s *session) answerProduct() section {
	ps := s.productsToShow()
	var blocks []string
	next := "agent.product.next_price"
	// A question the card does not answer ("乐福鞋跟多高", "is the tee slim fit")
	// gets the product's description too.
	pricing := s.says(priceWords) && !s.says(notProductPrice) // "do I pay extra for installation" asks no price
	describe := len(ps) <= maxDescribed && !s.asksStock() && !pricing && !s.says(offerWords) &&
		!s.optionsLineAsked()
	for i, p := range ps {
		if i == maxQuotes {
			break
		}
		var info tool.ProductInfo
		if e := s.call(tool.GetProduct, map[string]string{"product_id": p.ID}, &info); e != nil {
			continue
		}
		block, answered := s.productBlock(info, describe, i == 0)
		blocks = append(blocks, block)
		if info.SizeChart != nil {
			next = "agent.product.next"
		}
		if answered {
			break // answered about the subject; the other product was only its object
		}
	}
	if len(blocks) == 0 {
		return section{}
	}
	return section{text: strings.Join(blocks, "\n\n") + "\n\n" + s.t(next)}
}

// productsToShow are the products a product answer is about: named or found in
// the message, else those meant by a stock or offer question, else the one the
// search found with confidence ("the <kind>" for "<Brand> <kind>s").
func (s *session) productsToShow() []*shop.Product {
	cats := mentionedCats(s.words.categoryMentions(s.low))
	ps := s.productsInText(cats, false)
	if len(ps) == 0 && (s.asksStock() || s.says(offerWords)) {
		ps = s.productsMeant(cats, false)
	}
	if len(ps) == 0 && len(cats) > 0 {
		// "<brand>两万毫安<kind>多大": the one product of the kind sold in the value named.
		if one := s.byValuesNamed(s.categoryProducts(cats)); len(one) == 1 && sellsValueIn(one[0], s.text, s.low) {
			ps = one
		}
	}
	if len(ps) == 0 {
		if _, kind := s.knowledge(); kind == knowledge.KindProduct {
			if p := s.snap.Product(s.kb.item.ID); p != nil {
				ps = []*shop.Product{p}
			}
		}
	}
	return s.byVariantAsked(ps)
}

// byVariantAsked: of the products a kind's word names, the ones sold in the
// variant the line names ("<kind><款>到底多高": the one sold in <款>); a product
// the line names by its own title stays, asked about whatever variant another has.
func (s *session) byVariantAsked(ps []*shop.Product) []*shop.Product {
	if len(ps) < 2 {
		return ps
	}
	hits := s.titleHits(s.lastLine())
	if ofSeveralKinds(ps) && !namedTogether(hits, ps) {
		return ps // products of several kinds are each asked about
	}
	picked := s.byVariantsNamedIn(s.lastLine(), ps)
	if len(picked) == len(ps) {
		return ps
	}
	own := s.byModel(s.lastLine())
	for _, h := range hits {
		if !namedTogether(hits, []*shop.Product{h.prod}) {
			own = append(own, h.prod)
		}
	}
	for _, p := range ps {
		if containsProduct(own, p) && !containsProduct(picked, p) {
			picked = append(picked, p)
		}
	}
	return picked
}

// productBlock is one product's part of the answer, and whether it answered a
// yes-no question about the product (the first one named is the subject; one
// named after it is what the question is about: "卸妆油能卸<another product>吗").
func (s *session) productBlock(info tool.ProductInfo, describe, first bool) (string, bool) {
	// The stock of the variants asked about is the answer: the product's overall
	// "in stock" beside a sold-out variant would contradict it.
	vs := s.variantStock(info)
	lead, answered := "", false
	if describe && first {
		lead, answered = s.yesNoAnswer(info)
		if lead == "" {
			// "1.5号拉力多大": the description's clause about the variant named
			// ("1.5号约11公斤"), not its neighbours' figures.
			lead = s.variantClauses(info)
			answered = lead != ""
		}
	}
	card := s.productText(info, describe && !answered, vs != "")
	if strings.HasPrefix(vs, "- ") {
		// Variant lines name no product: under the card's first line, which does.
		head, rest, _ := strings.Cut(card, "\n")
		return joinNonEmpty(lead, s.optionsLine(info), head, vs, rest), answered
	}
	return joinNonEmpty(lead, s.optionsLine(info), vs, card), answered
}

// namedSKUsOf are the skus of the product with the values the turn names, nil
// when it names none (or none has them all).
func (s *session) namedSKUsOf(info tool.ProductInfo) map[string]bool {
	named := s.namedValues(info)
	if len(named) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, k := range info.SKUs {
		if hasValues(k, named) {
			out[k.ID] = true
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// productText is the product's card; stockSaid leaves out its overall stock.
func (s *session) productText(info tool.ProductInfo, describe, stockSaid bool) string {
	var b strings.Builder
	lo, hi, listLo, listHi := int64(-1), int64(0), int64(-1), int64(0)
	var out []string
	// The variants the customer named price the line ("50的呢" is the 50 ml's
	// price, not the range beside it); the stock note stays the product's.
	priced := s.namedSKUsOf(info)
	for _, k := range info.SKUs {
		if k.Stock <= 0 {
			out = append(out, attrsText(k.Attributes, s.lang))
		}
		if len(priced) > 0 && !priced[k.ID] {
			continue
		}
		if lo < 0 || k.PriceNow < lo {
			lo = k.PriceNow
		}
		if listLo < 0 || k.Price < listLo {
			listLo = k.Price
		}
		hi, listHi = max(hi, k.PriceNow), max(listHi, k.Price)
	}
	b.WriteString(s.t("agent.product.line", titleText(info.Title, s.lang), s.priceRange(lo, hi)))
	if listLo != lo || listHi != hi {
		b.WriteString(s.t("agent.product.was", s.priceRange(listLo, listHi)))
	}
	b.WriteString(s.stockText(out, len(info.SKUs), stockSaid))
	if describe {
		b.WriteString(s.describeText(info))
	}
	if offers := s.offerTitles(info.Promotions); len(offers) > 0 {
		b.WriteString("\n" + s.t("agent.product.offers", strings.Join(offers, s.t("agent.list_sep"))))
	}
	for _, line := range s.productOffers(s.snap.Product(info.ID)) {
		b.WriteString("\n" + line)
	}
	return b.String()
}

// offerTitles are the product's offers in the customer's language, each with its
// end when the turn asks until when.
func (s *session) offerTitles(promos []tool.PromoInfo) []string {
	var out []string
	for _, pr := range promos {
		title := localText(pr.Title, s.lang)
		if pr.Ends != nil && s.says(promoWhen) {
			title = s.t("agent.promos.until", title, s.until(*pr.Ends))
		}
		out = append(out, title)
	}
	return out
}

// stockText ends the card's first line with the product's stock: out are the
// variants sold out, of n.
func (s *session) stockText(out []string, n int, stockSaid bool) string {
	switch {
	case stockSaid:
		return s.t("agent.product.end")
	case len(out) == 0:
		return s.t("agent.product.in_stock")
	case len(out) == n:
		return s.t("agent.product.sold_out")
	}
	if len(out) > maxSoldOutListed {
		out = append(out[:maxSoldOutListed], "…")
	}
	return s.t("agent.product.some_out", strings.Join(out, s.t("agent.list_sep")))
}

// describeText is the description's line: a short description whole; from a long
// one, the sentences that speak of what was asked.
func (s *session) describeText(info tool.ProductInfo) string {
	d := s.namedVariantsOnly(info, localDescription(info.Description, s.lang))
	if d == "" {
		return ""
	}
	if facts := s.factSentences(info.Title, d); len(facts) > 0 && utf8.RuneCountInString(d) > maxBriefRunes {
		sep := s.t("agent.sentence_sep")
		return "\n" + strings.Join(facts, sep) + strings.TrimSpace(sep)
	}
	return "\n" + truncateRunes(d, maxBriefRunes)
}

// namedVariantsOnly drops the sentences of a description about other variants
// than the one named ("<size>的<kind>": not "<other size>款：…" beside "<size>款：…").
func (s *session) namedVariantsOnly(info tool.ProductInfo, d string) string {
	named := s.namedValues(info)
	if len(named) == 0 || d == "" {
		return d
	}
	var keep []string
	for _, sent := range sentenceEnd.Split(d, -1) {
		if sent = strings.TrimSpace(sent); sent != "" && !aboutOtherVariant(sent, info, named) {
			keep = append(keep, sent)
		}
	}
	if len(keep) == 0 {
		return d
	}
	sep := s.t("agent.sentence_sep")
	return strings.Join(keep, sep) + strings.TrimSpace(sep)
}

// aboutOtherVariant: the sentence names a value of an attribute the customer
// named, and not the value they named.
func aboutOtherVariant(sent string, info tool.ProductInfo, named map[string][]string) bool {
	low := strings.ToLower(sent)
	other := false
	for _, k := range info.SKUs {
		for name, v := range k.Attributes.All() {
			vs, ok := named[name]
			if !ok || !mentionsValueIn(sent, low, name, v) {
				continue
			}
			if contains(vs, v) {
				return false
			}
			other = true
		}
	}
	return other
}

func (s *session) priceRange(lo, hi int64) string {
	if lo == hi {
		return s.money(lo)
	}
	return fmt.Sprintf("%s – %s", s.money(lo), s.money(hi))
}

// trailingLabel is a label left at the end of one half of a bilingual text
// ("…<句>。<Latin label>:").
var trailingLabel = regexp.MustCompile(`[\p{Latin}]+[:：]\s*$`)

// localDescription is the customer's half of a bilingual description.
func localDescription(desc string, lang i18n.Lang) string {
	return strings.TrimSpace(trailingLabel.ReplaceAllString(localText(desc, lang), ""))
}

// descClause separates the clauses of a description: its sentences' commas too.
var descClause = regexp.MustCompile(`[，,。！？；;!?\n、]+|\.\s+`)

// namedTogether: one name in the text (a product line's, "<line>") names every
// product of ps, and another product too — a line's products asked about as one,
// not each by its own name.
func namedTogether(hits []titleHit, ps []*shop.Product) bool {
	for _, line := range linesNamed(hits) {
		if !slices.ContainsFunc(ps, func(p *shop.Product) bool { return !containsProduct(line, p) }) {
			return true
		}
	}
	return false
}
