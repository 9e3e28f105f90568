package agent

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Size questions ("我平时穿38码皮鞋" + "跑鞋买多大"): the size they wear and in which
// kind of shoe, the product(s) they want, and recommend_size for each. The tool
// never guesses, and neither does the answer: when it cannot tell, it says so.

func (s *session) answerSize() section {
	ref, earlier := s.sizeReference()
	if ref == nil {
		if foot := s.footLength(); foot > 0 {
			return s.answerFootSize(foot)
		}
		if !s.words.charted {
			// A shop with no size chart sizes nothing by the shoe size one wears.
			return section{text: s.t("agent.size.ask_needs"), clarify: true}
		}
		return section{text: s.t("agent.size.ask_reference"), clarify: true}
	}
	if foot, ok := s.footAsSize(ref); ok {
		return s.answerFootSize(foot) // "穿210的鞋": a foot length the shop's charts list no size as
	}
	targetCats, refCat, refWord := s.sizeCategories(ref, earlier)
	targets, named := s.sizeTargets(targetCats, refCat)
	if len(targets) == 0 {
		return section{text: s.t("agent.size.ask_product"), clarify: true}
	}
	head := s.sizeHead(ref, refWord)
	var lines, unsized []string
	for _, p := range targets {
		cat := refCat
		if cat == "" && (ref.system != "" || !chartLists(p, ref.size)) && s.hasSizeSystem(p.Category) {
			// "I wear US 7", or "平时穿42" for a chart in S–XXL: in this kind of shoe, on
			// the category's table, which the shop keeps for that.
			cat = p.Category
		}
		args := map[string]string{"product_id": p.ID, "reference_size": ref.size, "reference_category": cat}
		if ref.system != "" {
			args["reference_system"] = s.shopSystem(cmp.Or(cat, p.Category), ref.system)
		}
		var adv commerce.SizeAdvice
		if e := s.call(tool.RecommendSize, args, &adv); e != nil {
			if named {
				lines = append(lines, s.t("agent.size.fail", titleText(p.Title, s.lang), s.errText(e)))
			} else if msg := s.errText(e); !contains(unsized, msg) {
				unsized = append(unsized, msg) // "60 is not in the <category> table" once
			}
			continue
		}
		s.sizes[p.ID] = adv.RecommendedSize
		s.sized = append(s.sized, p)
		lines = append(lines, s.sizeLine(p, adv))
	}
	if len(s.sized) > 0 {
		// Products the customer did not name whose chart cannot size them are left
		// out: listed beside real answers they would read as one more option.
		return section{text: head + "\n" + bullet(lines)}
	}
	// Nothing could be sized: say why in the tool's own words (a product the
	// customer did not name is not set out as an answer), and never guess.
	return section{text: joinNonEmpty(head+"\n"+bullet(append(lines, unsized...)), s.t("agent.size.cant"))}
}

// sizeCategories: the categories the customer wants a size in, and the one of
// their reference size with the word they named it by ("我平时穿38码皮鞋，跑鞋买多大":
// 跑鞋; 皮鞋).
// A reference said in an earlier message (earlier, lower-cased) is read there, with
// the category it named; the turn's categories are all targets then.
func (s *session) sizeCategories(ref *refSize, earlier string) (targetCats []string, refCat, refWord string) {
	refText := s.low
	if earlier != "" {
		refText = earlier
	}
	mentions := s.words.categoryMentions(s.low)
	refMentions := mentions
	if earlier != "" {
		refMentions = s.words.categoryMentions(earlier)
	}
	refMention := referenceMention(refText, ref, refMentions)
	for _, m := range mentions {
		if (earlier != "" || refMention == nil || m.pos != refMention.pos) && !contains(targetCats, m.cat) {
			targetCats = append(targetCats, m.cat)
		}
	}
	if refMention != nil {
		refCat, refWord = refMention.cat, refText[refMention.pos:refMention.end]
	}
	return targetCats, refCat, refWord
}

// sizeReference is the turn's reference size, else that of an earlier message
// ("我平时穿40的鞋" said before "<product>要几码") with that message lower-cased.
func (s *session) sizeReference() (*refSize, string) {
	if ref := referenceSize(s.low); ref != nil {
		return ref, ""
	}
	return s.earlierReference()
}

// earlierReference is the reference size of the customer's last few messages
// before the turn, the latest first, and that message lower-cased; nil for none.
func (s *session) earlierReference() (*refSize, string) {
	for _, m := range s.earlierFromCustomer() {
		low := strings.ToLower(m.Text)
		if ref := referenceSize(low); ref != nil {
			return ref, low
		}
	}
	return nil, ""
}

// sizeHead restates the reference size the answer is worked from.
func (s *session) sizeHead(ref *refSize, refWord string) string {
	shown := ref.size
	if ref.system != "" {
		shown = ref.system + " " + ref.size
	}
	if refWord != "" {
		return s.t("agent.size.head_cat", shown, refWord)
	}
	return s.t("agent.size.head", shown)
}

// referenceMention is the category named in the same clause as the reference size,
// nearest to it: "我平时穿38码皮鞋，跑鞋买多大" → 皮鞋.
func referenceMention(low string, ref *refSize, ms []mention) *mention {
	start, end := clauseOf(low, ref.pos)
	var best *mention
	dist := func(m *mention) int {
		if m.pos >= ref.pos {
			return m.pos - ref.pos
		}
		return ref.pos - m.end
	}
	for i := range ms {
		m := &ms[i]
		if m.pos >= start && m.end <= end && (best == nil || dist(m) < dist(best)) {
			best = m
		}
	}
	return best
}

// sizeTargets: the products the customer asks about, by name, then "this one" from
// earlier, then in the other category they named, then from earlier in the
// conversation, then in the category of their reference shoes. Only products with a
// size chart can be sized. named: the customer's own words pointed at them (by
// name, or "this one"), rather than a category or the conversation.
func (s *session) sizeTargets(targetCats []string, refCat string) (ps []*shop.Product, named bool) {
	// An uncharted product named alone still gets the tool's "no chart" answer.
	charted := func(ps []*shop.Product) []*shop.Product {
		var out []*shop.Product
		for _, p := range ps {
			if p.SizeChart != nil {
				out = append(out, p)
			}
		}
		if len(out) == 0 {
			return ps
		}
		return out
	}
	if ps := s.productsInText(targetCats, true); len(ps) > 0 {
		return charted(ps), true
	}
	if s.says(deictic) {
		if ps := s.historyProducts(targetCats); len(ps) > 0 {
			return charted(ps), true
		}
	}
	if len(targetCats) > 0 {
		return s.categoryProducts(targetCats), false
	}
	if ps := s.historyProducts(nil); len(ps) > 0 {
		return ps, false
	}
	if refCat != "" {
		return s.categoryProducts([]string{refCat}), false
	}
	return nil, false
}

// sizeLine says the size and why: the foot length, the room the model asks for,
// and the two sizes the foot falls between.
func (s *session) sizeLine(p *shop.Product, adv commerce.SizeAdvice) string {
	var b strings.Builder
	size := adv.RecommendedSize
	// "My running shoes are EU 43 — what UK size?": the size in its system, when the
	// customer spoke of another.
	// So too when the customer named no system and theirs is no size of the chart
	// ("平时穿42码" of a chart of US 7–12 → "US 8", not a bare "8").
	if ref := referenceSize(s.low); ref != nil && p.SizeChart != nil && p.SizeChart.System != "" &&
		!strings.ContainsFunc(size, unicode.IsLetter) && otherSystem(ref, p.SizeChart) {
		size = p.SizeChart.System + " " + size
	}
	switch {
	case adv.ReferenceFootMM > commerce.MaxFootMM:
		// A chart by body height (kids' and adult costumes, sold by 110–185 cm)
		// written in the chart's millimetres: no foot is that long.
		b.WriteString(s.t("agent.size.line.height", titleText(p.Title, s.lang), size, adv.ReferenceFootMM/10))
		if adv.FitMM > 0 {
			b.WriteString(s.t("agent.size.fit.height", adv.FitMM/10))
		}
	default:
		b.WriteString(s.t("agent.size.line", titleText(p.Title, s.lang), size, adv.ReferenceFootMM))
		if adv.FitMM > 0 {
			b.WriteString(s.t("agent.size.fit", adv.FitMM))
		}
	}
	if adv.BetweenSizes {
		if smaller := smallerSize(p, adv.RecommendedFootMM); smaller != "" {
			b.WriteString(s.t("agent.size.between", smaller, adv.RecommendedSize, adv.RecommendedSize))
		}
	}
	return b.String()
}

// otherSystem: the reference size is of another system than the chart's — named
// so, or, unnamed, no size of the chart.
func otherSystem(ref *refSize, chart *shop.SizeChart) bool {
	if ref.system != "" {
		return !strings.EqualFold(ref.system, chart.System)
	}
	return !slices.ContainsFunc(chart.Rows, func(r shop.SizeRow) bool { return r.Size == ref.size })
}

// smallerSize is the chart's longest row shorter than footMM: the size below.
func smallerSize(p *shop.Product, footMM int) string {
	if p.SizeChart == nil {
		return ""
	}
	best, bestMM := "", -1
	for _, r := range p.SizeChart.Rows {
		if r.FootMM < footMM && r.FootMM > bestMM {
			best, bestMM = r.Size, r.FootMM
		}
	}
	return best
}

// answerFit: "这双跑鞋偏码吗" — how the products run, from their charts, and an offer
// to work out the exact size. "" when no sized product is in question.
func (s *session) answerFit() section {
	ps := s.productsMeant(mentionedCats(s.words.categoryMentions(s.low)), true)
	var lines []string
	for _, p := range ps {
		var info tool.ProductInfo
		if e := s.call(tool.GetProduct, map[string]string{"product_id": p.ID}, &info); e != nil || info.SizeChart == nil {
			continue
		}
		if fit := info.SizeChart.FitMM; fit > 0 {
			lines = append(lines, s.t("agent.fit.small", titleText(p.Title, s.lang), fit))
		} else {
			lines = append(lines, s.t("agent.fit.true", titleText(p.Title, s.lang)))
		}
	}
	if len(lines) == 0 {
		return section{}
	}
	return section{text: bullet(lines) + "\n\n" + s.t("agent.fit.ask")}
}

// chartLists: p's own size chart has a row for size.
func chartLists(p *shop.Product, size string) bool {
	if p.SizeChart == nil {
		return false // a product sized without a chart of its own (by its category's table)
	}
	for _, r := range p.SizeChart.Rows {
		if strings.EqualFold(strings.TrimSpace(r.Size), strings.TrimSpace(size)) {
			return true
		}
	}
	return false
}

// hasSizeSystem: the shop has a size table for category.
func (s *session) hasSizeSystem(category string) bool {
	for _, t := range s.snap.Catalog.SizeSystems {
		if strings.EqualFold(t.Category, category) {
			return true
		}
	}
	return false
}

// shopSystem is the shop's name for the size system sys in category: the system
// itself, or the one whose name lists it ("US" of a table named "US/UK").
func (s *session) shopSystem(category, sys string) string {
	for _, t := range s.snap.Catalog.SizeSystems {
		if strings.EqualFold(t.Category, category) && strings.EqualFold(t.System, sys) {
			return t.System
		}
	}
	for _, t := range s.snap.Catalog.SizeSystems {
		if strings.EqualFold(t.Category, category) && slices.ContainsFunc(strings.Split(t.System, "/"), func(part string) bool { return strings.EqualFold(strings.TrimSpace(part), sys) }) {
			return t.System
		}
	}
	return sys
}

// footAsSize: a size of three digits that a foot can be long, which no chart or
// size table of the shop lists as another length ("女儿穿210的鞋": 210 mm, the way
// children's shoes are sized — a table may list "210" as 210 mm), is that foot's
// length; "130" of a table by height (1300 mm) is a size.
func (s *session) footAsSize(ref *refSize) (int, bool) {
	n, err := strconv.Atoi(ref.size)
	if err != nil || n < 100 || n < commerce.MinFootMM || n > commerce.MaxFootMM {
		return 0, false
	}
	other := func(r shop.SizeRow) bool { return r.Size == ref.size && r.FootMM != n }
	c := s.snap.Catalog
	for i := range c.SizeSystems {
		if slices.ContainsFunc(c.SizeSystems[i].Rows, other) {
			return 0, false
		}
	}
	for i := range c.Products {
		if ch := c.Products[i].SizeChart; ch != nil && slices.ContainsFunc(ch.Rows, other) {
			return 0, false
		}
	}
	return n, true
}

// asksDimensionsOfUnsized: the turn names products, none sold in sizes or by a
// chart, and no measurement to fit: "<name>多大" asks how big the thing is.
func (s *session) asksDimensionsOfUnsized() bool {
	ps := s.productsAsked()
	if len(ps) == 0 || len(s.bodyMeasures()) > 0 {
		return false
	}
	for _, p := range ps {
		if p.SizeChart != nil || slices.ContainsFunc(p.SKUs, func(k shop.SKU) bool { return k.Attributes.Get("size") != "" }) {
			return false
		}
	}
	return true
}
