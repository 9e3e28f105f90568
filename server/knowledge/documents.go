package knowledge

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/concierge-shop/concierge/server/shop"
)

// eachDoc calls f with every product, FAQ and policy of snap as a document.
func eachDoc(snap *shop.Snapshot, p profile, f func(kind Kind, id string, d document) error) error {
	c := snap.Catalog
	for i := range c.Products {
		if err := f(KindProduct, c.Products[i].ID, productDoc(&c.Products[i], p)); err != nil {
			return err
		}
	}
	for _, q := range c.FAQs {
		d := document{Title: q.Question, Tags: strings.Join(q.Tags, " "), Body: q.Answer, Display: q.Question}
		if err := f(KindFAQ, q.ID, d); err != nil {
			return err
		}
	}
	for _, pol := range c.Policies {
		if err := f(KindPolicy, pol.ID, document{Title: pol.Title, Body: pol.Body, Display: pol.Title}); err != nil {
			return err
		}
	}
	return nil
}

// productDoc: brand, category and tags weigh as tags; the description and the
// size system are the body. SKU ids and attribute values go to keyword fields,
// matched whole (so "42" finds the size-42 SKU's product, but only as a hint).
func productDoc(pr *shop.Product, p profile) document {
	tags := append([]string{pr.Brand, strings.ReplaceAll(pr.Category, "-", " ")}, pr.Tags...)
	d := document{Title: pr.Title, Tags: strings.Join(tags, " "), Body: pr.Description, Display: pr.Title}
	if pr.SizeChart != nil && pr.SizeChart.System != "" {
		d.Body += "\n" + pr.SizeChart.System + " size"
	}
	if !p.extras {
		return d
	}
	// One value per line in one field, not an array: bleve makes a field object
	// per array element, and with ten SKUs per product that doubled build time.
	var ids strings.Builder
	ids.WriteString(pr.ID)
	attrs := map[string]bool{}
	for _, s := range pr.SKUs {
		ids.WriteByte('\n')
		ids.WriteString(s.ID)
		for _, v := range s.Attributes.All() {
			attrs[v] = true
		}
	}
	values := make([]string, 0, len(attrs))
	for v := range attrs {
		values = append(values, v)
	}
	sort.Strings(values)
	d.IDs, d.Attrs = ids.String(), strings.Join(values, "\n")
	return d
}

func docID(kind Kind, id string) string { return string(kind) + "/" + id }

// splitDocID undoes docID; kinds never contain "/", ids may.
func splitDocID(s string) (Kind, string) {
	k, id, _ := strings.Cut(s, "/")
	return Kind(k), id
}

// lengthSample is how many documents fieldLengths analyses.
const lengthSample = 2000

// fieldLengths estimates the average number of terms of each field (over the
// documents where it is not empty; a keyword field has one term per value) on an even sample of the documents. BM25
// needs it to normalise for length; bleve's own estimate (distinct terms ÷
// documents) is about 1 on a large catalog, which makes every title look many
// times too long and lets short, loosely related documents win.
func fieldLengths(im mapping.IndexMapping, snap *shop.Snapshot, p profile) map[string]float64 {
	c := snap.Catalog
	total := len(c.Products) + len(c.FAQs) + len(c.Policies)
	step := max(1, total/lengthSample)
	a := im.AnalyzerNamed(p.text)
	sums, counts := map[string]int{}, map[string]int{}
	i := 0
	_ = eachDoc(snap, p, func(_ Kind, _ string, d document) error {
		i++
		if (i-1)%step != 0 || a == nil {
			return nil
		}
		lens := map[string]int{fieldIDs: len(keywordValues(d.IDs)), fieldAttrs: len(keywordValues(d.Attrs))}
		for field, text := range map[string]string{fieldTitle: d.Title, fieldTags: d.Tags, fieldBody: d.Body} {
			lens[field] = len(a.Analyze([]byte(text)))
		}
		for field, n := range lens {
			if n > 0 {
				sums[field] += n
				counts[field]++
			}
		}
		return nil
	})
	out := map[string]float64{}
	for f, n := range counts {
		out[f] = float64(sums[f]) / float64(n)
	}
	return out
}
