package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// MappingVersion is the version of the index layout. Bump it whenever the mapping
// or the meaning of a field changes: an index built with another version is
// deleted and rebuilt on open. Changes to the dictionaries, the synonym table or
// the stop words need no bump: they change the analysis fingerprint, which is
// checked the same way.
const MappingVersion = 1

const docType = "doc"

// Index fields. Title, tags and body are weighted at query time (title > tags >
// body). Their Chinese is indexed both as dictionary words and as bigrams (see
// textAnalyzer), so they can be searched before the dictionary is loaded.
const (
	fieldKind    = "kind"
	fieldTitle   = "title"
	fieldTags    = "tags"
	fieldBody    = "body"
	fieldIDs     = "ids"
	fieldAttrs   = "attrs"
	fieldDisplay = "display" // stored only: the title shown in a Hit
)

// document is what one product, FAQ or policy becomes in the index.
type document struct {
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Tags    string `json:"tags"`
	Body    string `json:"body"`
	IDs     string `json:"ids"`   // one per line
	Attrs   string `json:"attrs"` // one per line
	Display string `json:"display"`
}

// BleveType tells bleve which document mapping applies.
func (document) BleveType() string { return docType }

// profile is one way of analysing and querying. production is what the plugin uses;
// the others exist so that the benchmark can compare on the same data.
type profile struct {
	name   string
	text   string // analyzer of title, tags, body
	bm25   bool
	fuzzy  bool // fuzzy fallback for unknown English words
	extras bool // ids and attrs keyword fields
	// The "zh" analyzer: its dictionary and whether it also emits bigrams.
	wordDict string
	bigrams  bool
}

var production = profile{name: "concierge", text: "zh", bm25: true, fuzzy: true, extras: true,
	wordDict: "trim", bigrams: true}

// standardProfile is bleve's standard analyzer and nothing else: the baseline.
var standardProfile = profile{name: "standard", text: standard.Name}

// titleAnalyzer is p.text with shingles, for our own analyzers.
func (p profile) titleAnalyzer() string {
	if p.text == "zh" || p.text == "gram" {
		return p.text + "_title"
	}
	return p.text
}

// usesDict reports whether the profile needs the gse dictionary.
func (p profile) usesDict() bool { return p.text == "zh" }

func (p profile) segmenter() *segmenter { return segmenters[p.wordDict] }

func buildMapping(p profile) (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	dict := p.wordDict
	if dict == "" {
		dict = "trim"
	}
	analyzers := map[string]map[string]interface{}{
		"zh":         {"type": analyzerType, "cjk": "gse", "dict": dict, "bigrams": p.bigrams},
		"zh_title":   {"type": analyzerType, "cjk": "gse", "dict": dict, "bigrams": p.bigrams, "shingles": true},
		"gram":       {"type": analyzerType, "cjk": "bigram"},
		"gram_title": {"type": analyzerType, "cjk": "bigram", "shingles": true},
	}
	for name, config := range analyzers {
		if err := im.AddCustomAnalyzer(name, config); err != nil {
			return nil, fmt.Errorf("defining analyzer %s: %w", name, err)
		}
	}
	// Like gitea: nothing is indexed unless declared, so a stray field never grows
	// the index or changes scoring behind our back.
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	im.DefaultAnalyzer = p.text
	if p.bm25 {
		im.ScoringModel = index.BM25Scoring
	}

	dm := bleve.NewDocumentStaticMapping()
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
		return f
	}
	kind := text(keyword.Name)
	dm.AddFieldMappingsAt(fieldKind, kind)
	dm.AddFieldMappingsAt(fieldTitle, text(p.titleAnalyzer()))
	for _, f := range []string{fieldTags, fieldBody} {
		dm.AddFieldMappingsAt(f, text(p.text))
	}
	if p.extras {
		dm.AddFieldMappingsAt(fieldIDs, text(keywordAnalyzer))
		dm.AddFieldMappingsAt(fieldAttrs, text(keywordAnalyzer))
	}
	display := bleve.NewTextFieldMapping()
	display.Index, display.Store, display.IncludeTermVectors, display.IncludeInAll, display.DocValues = false, true, false, false, false
	dm.AddFieldMappingsAt(fieldDisplay, display)
	// No composite "_all" field: we never query it, and bleve would otherwise
	// analyse and index every field a second time.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping(docType, dm)
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("invalid mapping: %w", err)
	}
	return im, nil
}

// fingerprint identifies everything that decides which terms a text yields: the
// mapping, the dictionaries, the synonyms and the stop words. An index whose
// fingerprint differs was analysed differently and is rebuilt.
func fingerprint(p profile) (string, error) {
	im, err := buildMapping(p)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	m, err := json.Marshal(im)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "v%d\n%s\n", MappingVersion, m)
	if p.usesDict() && p.wordDict == "trim" {
		h.Write([]byte(zhDict))
		h.Write([]byte(zhDomainDict))
	}
	keys := make([]string, 0, len(conceptGroups))
	for k := range conceptGroups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%q\n", k, conceptGroups[k])
	}
	for _, set := range []map[string]bool{zhStop, enStop} {
		words := make([]string, 0, len(set))
		for w := range set {
			words = append(words, w)
		}
		sort.Strings(words)
		fmt.Fprintf(h, "%q\n", words)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
