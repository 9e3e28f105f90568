package shop

import (
	"slices"
	"strconv"
)

// interner shares the strings that repeat across a document (attribute names and
// values, categories, brands, tags, languages, sizes) and the attribute sets that
// repeat across skus, so that 100,000 products saying "white" keep one "white"
// rather than 100,000. It lives for one decode and is dropped with it; it holds only
// what the document itself holds.
//
// Shared lists and charts are safe because the decoded catalog is never written to:
// a snapshot is immutable, and nothing in the plugin assigns into a product's tags
// or size chart (an append to a clipped list copies it).
type interner struct {
	strs   map[string]string
	attrs  map[string]Attrs
	tags   map[string][]string
	charts map[string]*SizeChart
	key    []byte // scratch for the keys of attribute sets, tag lists and charts
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, attrs: map[string]Attrs{},
		tags: map[string][]string{}, charts: map[string]*SizeChart{}}
}

// appendField appends s to a key, length-prefixed: s may hold any byte, so no
// separator could keep two different lists from making the same key.
func appendField(k []byte, s string) []byte {
	k = strconv.AppendInt(k, int64(len(s)), 10)
	k = append(k, ':')
	return append(k, s...)
}

// appendNum appends n to a key, ended so that the next field cannot run into it.
func appendNum(k []byte, n int) []byte {
	return append(strconv.AppendInt(k, int64(n), 10), ';')
}

func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in.strs[s]; ok {
		return c
	}
	in.strs[s] = s
	return s
}

func (in *interner) strSlice(ss []string) []string {
	ss = clip(ss)
	for i := range ss {
		ss[i] = in.str(ss[i])
	}
	return ss
}

// attrSet returns the shared copy of an attribute set equal to a.
func (in *interner) attrSet(a Attrs) Attrs {
	if len(a) == 0 {
		return a
	}
	k := in.key[:0]
	for _, x := range a {
		k = appendField(appendField(k, x.Name), x.Value)
	}
	in.key = k
	if c, ok := in.attrs[string(k)]; ok {
		return c
	}
	c := make(Attrs, len(a))
	for i, x := range a {
		c[i] = Attr{in.str(x.Name), in.str(x.Value)}
	}
	in.attrs[string(k)] = c
	return c
}

// tagList returns the shared copy of a product's tag list equal to ss: a shop's
// products mostly repeat a handful of tag lists, and 100,000 separate copies of
// them took about 5 MiB. An empty list is returned as it is (nil stays nil).
func (in *interner) tagList(ss []string) []string {
	if len(ss) == 0 {
		return ss
	}
	k := in.key[:0]
	for _, x := range ss {
		k = appendField(k, x)
	}
	in.key = k
	if c, ok := in.tags[string(k)]; ok {
		return c
	}
	c := in.strSlice(ss)
	in.tags[string(k)] = c
	return c
}

// sizeChart returns the shared copy of a size chart equal to c: products of one
// model line carry the same chart, each decoded into its own (about 2.5 MiB for
// 20,000 charts).
func (in *interner) sizeChart(c *SizeChart) *SizeChart {
	if c == nil {
		return nil
	}
	k := appendNum(appendField(in.key[:0], c.System), c.FitMM)
	if c.Rows == nil { // rows null or absent stays apart from rows []
		k = append(k, 'n')
	}
	for _, r := range c.Rows {
		k = appendNum(appendField(k, r.Size), r.FootMM)
	}
	in.key = k
	if s, ok := in.charts[string(k)]; ok {
		return s
	}
	c.System = in.str(c.System)
	c.Rows = internRows(in, c.Rows)
	in.charts[string(k)] = c
	return c
}

// clip drops spare capacity: encoding/json grows slices by half, so three skus
// would keep room for four.
func clip[T any](s []T) []T {
	if cap(s) > len(s) {
		return slices.Clone(s)
	}
	return s
}

// interned is implemented by the document elements whose strings repeat; decodeElem
// calls it on every element it decodes.
type interned interface{ intern(in *interner) }

func (p *Product) intern(in *interner) {
	p.Brand = in.str(p.Brand)
	p.Category = in.str(p.Category)
	p.Lang = in.str(p.Lang)
	p.Tags = in.tagList(p.Tags)
	p.SizeChart = in.sizeChart(p.SizeChart)
	p.SKUs = clip(p.SKUs)
	for i := range p.SKUs {
		p.SKUs[i].Attributes = in.attrSet(p.SKUs[i].Attributes)
	}
}

func internRows(in *interner, rows []SizeRow) []SizeRow {
	rows = clip(rows)
	for i := range rows {
		rows[i].Size = in.str(rows[i].Size)
	}
	return rows
}

func (s *SizeSystem) intern(in *interner) {
	s.Category = in.str(s.Category)
	s.System = in.str(s.System)
	s.Rows = internRows(in, s.Rows)
}

func (f *FAQ) intern(in *interner) {
	f.Lang = in.str(f.Lang)
	f.Tags = in.strSlice(f.Tags)
}

func (p *Policy) intern(in *interner) { p.Lang = in.str(p.Lang) }

func (p *Promotion) intern(in *interner) {
	p.Type = in.str(p.Type)
	p.Tier = in.str(p.Tier)
	p.Categories = in.strSlice(p.Categories)
}

// intern shares the repeated strings of a catalog decoded some other way (loaded
// back from the KV store with encoding/json).
func (c *Catalog) intern() {
	in := newInterner()
	internAll(in, c.Products)
	internAll(in, c.SizeSystems)
	internAll(in, c.FAQs)
	internAll(in, c.Policies)
	internAll(in, c.Promotions)
}

func internAll[T any, P interface {
	*T
	interned
}](in *interner, s []T) {
	for i := range s {
		P(&s[i]).intern(in)
	}
}
