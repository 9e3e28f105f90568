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
type interner struct {
	strs  map[string]string
	attrs map[string]Attrs
	key   []byte // scratch for attribute-set keys
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, attrs: map[string]Attrs{}}
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
	for _, x := range a { // length-prefixed: names and values may hold any byte
		k = strconv.AppendInt(k, int64(len(x.Name)), 10)
		k = append(k, ':')
		k = append(k, x.Name...)
		k = strconv.AppendInt(k, int64(len(x.Value)), 10)
		k = append(k, ':')
		k = append(k, x.Value...)
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
	p.Tags = in.strSlice(p.Tags)
	if c := p.SizeChart; c != nil {
		c.System = in.str(c.System)
		c.Rows = internRows(in, c.Rows)
	}
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
