package shop

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
)

// validateCatalog checks the rules SPEC §3/§4 put on a decoded catalog.
func validateCatalog(c *Catalog, col *collector) {
	checkCurrency(c.Currency, col)
	checkProducts(c.Products, col)
	checkSizeSystems(c.SizeSystems, col)
	checkFAQs(c.FAQs, col)
	checkPolicies(c.Policies, col)
	checkPromotions(c, col)
	checkVocabulary(c, col)
}

// maxWordRunes bounds a vocabulary word: a word or short phrase, not a sentence.
const maxWordRunes = 40

// checkVocabulary: every category named has products (or a size system), and every
// word is a non-blank word or short phrase.
func checkVocabulary(c *Catalog, col *collector) {
	v := c.Vocabulary
	if v == nil {
		return
	}
	cats := map[string]bool{}
	for i := range c.Products {
		cats[c.Products[i].Category] = true
	}
	for _, s := range c.SizeSystems {
		cats[s.Category] = true
	}
	words := func(path string, ws []string) {
		for i, w := range ws {
			if n := utf8.RuneCountInString(strings.TrimSpace(w)); n == 0 || n > maxWordRunes {
				col.semantic(fmt.Sprintf("%s[%d]", path, i), "shop.vocab.word", maxWordRunes)
			}
		}
	}
	for _, cat := range sortedKeys(v.Categories) {
		path := "vocabulary.categories." + cat
		if !cats[cat] || cat == "" {
			col.semantic(path, "shop.vocab.category", cat)
		}
		words(path, v.Categories[cat])
	}
	for _, id := range sortedKeys(v.Intents) {
		path := "vocabulary.intents." + id
		if !lang.Has(id) {
			col.semantic(path, "shop.vocab.intent", id)
		}
		words(path+".zh", v.Intents[id].ZH)
		words(path+".en", v.Intents[id].EN)
	}
	for _, id := range sortedKeys(v.Social) {
		words("vocabulary.social."+id+".zh", v.Social[id].ZH)
		words("vocabulary.social."+id+".en", v.Social[id].EN)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkCurrency: an ISO 4217 style code, three capital letters (CNY, USD).
func checkCurrency(cur string, col *collector) {
	ok := len(cur) == 3
	for i := 0; ok && i < len(cur); i++ {
		ok = cur[i] >= 'A' && cur[i] <= 'Z'
	}
	if !ok {
		col.at(plain("currency"), "shop.currency", cur)
	}
}

func checkProducts(products []Product, col *collector) {
	productIDs := unique{kind: "shop.kind.product_id", base: "products", field: "id", at: make(map[string][2]int, len(products))}
	// sku ids are global: orders and carts name a sku without its product.
	nSKU := 0
	for i := range products {
		nSKU += len(products[i].SKUs)
	}
	skuIDs := unique{kind: "shop.kind.sku_id", base: "products", sub: "skus", field: "id", at: make(map[string][2]int, nSKU)}
	for i := range products {
		p := &products[i]
		productIDs.check(col, i, -1, p.ID)
		col.requireText(at("products", i, "title"), p.Title)
		col.checkLang(at("products", i, "lang"), p.Lang)
		if p.SizeChart != nil {
			// fit_mm may have either sign: a model that runs large asks for less room.
			checkSizeRows(fmt.Sprintf("products[%d].size_chart.rows", i), p.SizeChart.Rows, col)
		}
		if len(p.SKUs) == 0 {
			col.at(at("products", i, "skus"), "shop.no_skus")
		}
		for j := range p.SKUs {
			s := &p.SKUs[j]
			skuIDs.check(col, i, j, s.ID)
			col.nonNegative(at2("products", i, "skus", j, "price"), s.Price)
			col.nonNegative(at2("products", i, "skus", j, "stock"), int64(s.Stock))
			for _, a := range s.Attributes {
				k, val := a.Name, a.Value
				if blank(k) {
					col.at(at2("products", i, "skus", j, "attributes"), "shop.attr_blank")
				} else if k == "size" {
					col.requireText(at2("products", i, "skus", j, "attributes.size"), val)
				}
			}
		}
	}
}

// checkSizeRows: at least one row, sizes present and unique, foot lengths positive.
func checkSizeRows(rowsPath string, rows []SizeRow, col *collector) {
	if len(rows) == 0 {
		col.at(plain(rowsPath), "shop.no_rows")
		return
	}
	seen := make(map[string]int, len(rows))
	for i, r := range rows {
		if blank(r.Size) {
			col.requireText(at(rowsPath, i, "size"), r.Size)
		} else if first, dup := seen[r.Size]; dup {
			col.at(at(rowsPath, i, "size"), "shop.dup_size", r.Size, rowsPath, first)
		} else {
			seen[r.Size] = i
		}
		if r.FootMM <= 0 {
			col.at(at(rowsPath, i, "foot_mm"), "shop.foot_mm", r.FootMM)
		}
	}
}

func checkSizeSystems(systems []SizeSystem, col *collector) {
	type key struct{ category, system string }
	seen := make(map[key]int, len(systems))
	for i := range systems {
		ss := &systems[i]
		col.requireText(at("size_systems", i, "category"), ss.Category)
		col.requireText(at("size_systems", i, "system"), ss.System)
		k := key{ss.Category, ss.System}
		if first, dup := seen[k]; dup {
			col.at(at("size_systems", i, "system"), "shop.dup_system", ss.System, ss.Category, first)
		} else {
			seen[k] = i
		}
		checkSizeRows(fmt.Sprintf("size_systems[%d].rows", i), ss.Rows, col)
	}
}

// unique reports a blank key as missing and a repeated one as a duplicate, naming
// where it was first seen. Keys live at base[i].field or base[i].sub[j].field; only
// the indexes are remembered, so 300k sku ids cost two ints each.
type unique struct {
	kind             term // what the key is, e.g. "shop.kind.sku_id"
	base, sub, field string
	at               map[string][2]int
}

func (u *unique) check(col *collector, i, j int, key string) {
	l := loc{u.base, i, u.sub, j, u.field}
	if blank(key) {
		col.requireText(l, key)
		return
	}
	if u.at == nil {
		u.at = make(map[string][2]int)
	}
	if first, dup := u.at[key]; dup {
		col.at(l, "shop.duplicate", u.kind, key, loc{u.base, first[0], u.sub, first[1], ""}.String())
		return
	}
	u.at[key] = [2]int{i, j}
}

func checkFAQs(faqs []FAQ, col *collector) {
	ids := unique{kind: "shop.kind.faq_id", base: "faqs", field: "id"}
	for i := range faqs {
		f := &faqs[i]
		ids.check(col, i, -1, f.ID)
		col.requireText(at("faqs", i, "question"), f.Question)
		col.requireText(at("faqs", i, "answer"), f.Answer)
		col.checkLang(at("faqs", i, "lang"), f.Lang)
	}
}

func checkPolicies(policies []Policy, col *collector) {
	ids := unique{kind: "shop.kind.policy_id", base: "policies", field: "id"}
	for i := range policies {
		p := &policies[i]
		ids.check(col, i, -1, p.ID)
		col.requireText(at("policies", i, "title"), p.Title)
		col.requireText(at("policies", i, "body"), p.Body)
		col.checkLang(at("policies", i, "lang"), p.Lang)
	}
}
