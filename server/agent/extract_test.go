package agent

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

func TestOrderIDs(t *testing.T) {
	own := []shop.Order{{ID: "O-1001"}, {ID: "20261111A"}}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"帮我退掉O-1001", []string{"O-1001"}},
		{"refund order o-1001 please", []string{"O-1001"}},
		{"O-1001 and O-2001?", []string{"O-1001", "O-2001"}},
		{"订单号：123456 到哪了", []string{"123456"}},
		{"order #20261111a", []string{"20261111A"}},
		{"我平时穿38码，s-run-1-38-white 多少钱", nil},
		{"coupon C20-1111", nil},
	} {
		if got := orderIDs(tc.text, own); !slices.Equal(got, tc.want) {
			t.Errorf("orderIDs(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestReferenceSize(t *testing.T) {
	for _, tc := range []struct {
		text, size, system string
	}{
		{"我平时穿38码皮鞋", "38", ""},
		{"平常穿 38.5 码", "38.5", ""},
		{"欧码39的跑鞋", "39", "EU"},
		{"i wear us 7 in sneakers", "7", "US"},
		{"i usually wear 42 eu", "42", "EU"},
		{"i wear a 40 in leather shoes", "40", ""},
		{"size 41, what about this one", "41", ""},
		{"what size should i get", "", ""},
		{"我买了2双", "", ""},
	} {
		got := referenceSize(strings.ToLower(tc.text))
		switch {
		case tc.size == "" && got != nil:
			t.Errorf("referenceSize(%q) = %+v, want none", tc.text, got)
		case tc.size != "" && (got == nil || got.size != tc.size || got.system != tc.system):
			t.Errorf("referenceSize(%q) = %+v, want %s %s", tc.text, got, tc.system, tc.size)
		}
	}
}

func TestQuantity(t *testing.T) {
	// "x7" of a model name; "两件" of a title's "两件套".
	title := "纯棉两件套"
	isName := func(w string) bool { return strings.EqualFold(w, "x7") || strings.Contains(title, w) }
	for _, tc := range []struct {
		text string
		want int64
	}{
		{"两双多少钱", 2}, {"买3件", 3}, {"two pairs please", 2}, {"Gale runner x2", 2}, {"数量：4", 4},
		{"Stellar X7 多少钱", 1}, {"38码", 1}, {"how much", 1}, {"1000件", 1000}, {"十件", 10},
		{"卫衣100码两件 ", 2}, {"两件套多少钱", 1}, {"想买两台 一台送人", 2}, {"一台多少钱\n那我买三台", 3},
		{"V5双录 我金卡 到手多少", 1}, {"速干T恤黑M两件", 2}, {"X-3套装", 1},
	} {
		if got := quantity(tc.text, isName); got != tc.want {
			t.Errorf("quantity(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// A coupon named by its amount is the one held of that amount, the valid one
// when an expired one has it too.
func TestCouponByAmount(t *testing.T) {
	now := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	past := now.Add(-24 * time.Hour)
	held := []shop.Coupon{{Code: "OLD30", Off: 3000, Expires: &past}, {Code: "NEW30", Off: 3000}, {Code: "C20", Off: 2000, Expires: &past}}
	for text, want := range map[string]string{
		"手里还有张30的券": "NEW30", "用我那张20元优惠券": "C20", "my $20 coupon": "C20", "coupon of 20": "C20", "有张50的券": "", "券": "",
	} {
		if got := couponByAmount(text, held, 100, now); got != want {
			t.Errorf("couponByAmount(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestCouponCode(t *testing.T) {
	held := []shop.Coupon{{Code: "C50"}, {Code: "C100"}}
	for text, want := range map[string]string{
		"用C100多少钱":        "C100",
		"with c50 please": "C50",
		"C500":            "",
		"优惠券 X99 能用吗":     "X99",
		"coupon code b30": "B30",
		"有优惠券吗":           "",
	} {
		if got := couponCode(text, held); got != want {
			t.Errorf("couponCode(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestLocalText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		lang i18n.Lang
		want string
	}{
		{"疾风缓震跑鞋 Gale Cushion Runner", i18n.ZH, "疾风缓震跑鞋"},
		{"疾风缓震跑鞋 Gale Cushion Runner", i18n.EN, "Gale Cushion Runner"},
		{"星耀 X7 Pro 手机 Stellar X7 Pro", i18n.EN, "Stellar X7 Pro"},
		{"双12预热·跑鞋8折 | 12.12 early access: running shoes 20% off", i18n.EN, "12.12 early access: running shoes 20% off"},
		{"双12预热·跑鞋8折 | 12.12 early access: running shoes 20% off", i18n.ZH, "双12预热·跑鞋8折"},
		{"白色 White", i18n.ZH, "白色"},
		{"12GB+256GB", i18n.ZH, "12GB+256GB"},
		{"Plain English Title", i18n.ZH, "Plain English Title"},
		{"只有中文", i18n.EN, "只有中文"},
		{"售价6000元以下，可享国补。English: Priced under ¥6,000, so eligible.", i18n.EN, "Priced under ¥6,000, so eligible."},
	} {
		if got := localText(tc.in, tc.lang); got != tc.want {
			t.Errorf("localText(%q, %s) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}

func TestIntentWords(t *testing.T) {
	for text, want := range map[string]bool{
		"你们这是什么破服务！！！": true, "this is a scam": true, "WHERE IS MY ORDER": true, "我要投诉": true,
		"滚筒洗衣机多少钱": false, "太好了！！！谢谢": false, "THANK YOU SO MUCH": false, "where is my order?": false, "OK": false, "scampi?": false,
	} {
		if got := isAngry(text, strings.ToLower(text)); got != want {
			t.Errorf("isAngry(%q) = %v", text, got)
		}
	}
	for text, want := range map[string]bool{"你好": true, "hi!": true, "hello there": true, "hi, how much is it?": false} {
		if got := isGreeting(strings.ToLower(text)); got != want {
			t.Errorf("isGreeting(%q) = %v", text, got)
		}
	}
}

func TestCategoryWordsComeFromTheCatalog(t *testing.T) {
	w := buildWords(demoSnap)
	for text, want := range map[string][]string{
		"我平时穿38码皮鞋，跑鞋买多大":               {"leather-shoes", "running-shoes"},
		"leather shoes vs sneakers":     {"leather-shoes", "sneakers"},
		"小家电和手机":                        {"small-appliances", "phones"},
		"boots?":                        nil, // a common word, but the demo shop sells no boots
		"i'm running late, where's it?": {"running-shoes"},
	} {
		if got := mentionedCats(w.categoryMentions(strings.ToLower(text))); !slices.Equal(got, want) {
			t.Errorf("categories in %q = %v, want %v", text, got, want)
		}
	}
}

// Every agent.* key the package uses exists in both languages (the i18n package's
// own test proves the two catalogs have the same keys and verbs).
func TestMessageKeysExist(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	keyRe := regexp.MustCompile(`"(agent\.[a-z_.]+)"`)
	kinds := []string{commerce.KindDeposit, commerce.KindPriceProtection, commerce.KindReturn}
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			keys := []string{m[1]}
			if strings.HasSuffix(m[1], ".") { // a prefix completed with a refund kind
				keys = nil
				for _, k := range kinds {
					keys = append(keys, m[1]+k)
				}
			}
			for _, k := range keys {
				seen++
				if i18n.T(i18n.EN, k) == k || i18n.T(i18n.ZH, k) == k {
					t.Errorf("key %s is missing in a language", k)
				}
			}
		}
	}
	if seen < 50 {
		t.Errorf("only %d keys found; the scan is broken", seen)
	}
}

// Counts with the measure words of any catalogue ("两把", "一顶", "two folding
// chairs"), and attribute values written with a Chinese numeral ("二段" for 2段).
func TestCountsAndNumerals(t *testing.T) {
	never := func(string) bool { return false }
	for q, want := range map[string]int64{
		"再配两把椅子": 2, "买一顶帐篷": 1, "三根绳子": 3, "two folding chairs plus a table": 2, "size 42 shoes": 1,
	} {
		if got := quantity(q, never); got != want {
			t.Errorf("quantity(%q) = %d, want %d", q, got, want)
		}
	}
	if !mentionsValueIn("那二段呢", "那二段呢", "stage", "2段") || mentionsValueIn("那一段呢", "那一段呢", "stage", "2段") {
		t.Error("二段 is 2段, 一段 is not")
	}
}

// A count written as part of a name ("四件套" of a title, "60支" of a fabric it
// names) is no quantity; the customer's own count is.
func TestCountsInSkipsNames(t *testing.T) {
	names := countNames([]shop.Product{{Title: "60支长绒棉四件套", SKUs: []shop.SKU{{Attributes: shop.AttrsOf(map[string]string{"pack": "两支装"})}}}})
	isName := func(w string) bool { return names[w] }
	for _, c := range []struct {
		text string
		want int64
	}{
		{"60支四件套多少钱", 1},
		{"四件套买两套", 2},
		{"两支装多少钱", 1},
		{"买3支", 3},
		{"四件套 3件", 3},
	} {
		if got := quantity(c.text, isName); got != c.want {
			t.Errorf("quantity(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

// A pack sold as "5支装" is named by "5支", "5-pack" or "pack of 5"; "5支装" written
// out is no quantity, "两支" is.
func TestPackValues(t *testing.T) {
	for _, c := range []struct {
		low  string
		want bool
	}{
		{"护手霜5支的多少钱", true}, {"五支装的呢", true}, {"two of the 5-pack boxes", true}, {"a pack of 5 please", true},
		{"3支的呢", false}, {"5 boxes", false},
	} {
		if got := packIn(c.low, "5支装"); got != c.want {
			t.Errorf("packIn(%q) = %v, want %v", c.low, got, c.want)
		}
	}
	names := countNames([]shop.Product{{Title: "护手霜", SKUs: []shop.SKU{{Attributes: shop.AttrsOf(map[string]string{"set": "5支装"})}}}})
	if q := quantity("护手霜5支装多少钱", func(w string) bool { return names[w] }); q != 1 {
		t.Errorf("the pack's count read as %d items", q)
	}
	if q := quantity("口红买两支多少钱", func(w string) bool { return names[w] }); q != 2 {
		t.Errorf("two items read as %d", q)
	}
	if q := quantity("two of the 5-pack boxes", func(string) bool { return false }); q != 2 {
		t.Errorf("'two of the' read as %d items", q)
	}
}

// "8 boxes" of a product sold as "4盒" and "8盒" is the 8-box pack, once; "3 boxes"
// of it is three of something.
func TestEnglishCountNamesAPack(t *testing.T) {
	names := map[string]bool{"8盒": true, "4盒": true}
	isName := func(w string) bool { return names[w] }
	if q := quantity("8 boxes of the blueberries", isName); q != 1 {
		t.Errorf("8 boxes: qty %d, want 1 (the 8-box pack)", q)
	}
	if q := quantity("3 boxes of the blueberries", isName); q != 3 {
		t.Errorf("3 boxes: qty %d, want 3", q)
	}
	if !packIn("8 boxes of the blueberries", "8盒") || packIn("3 boxes of the blueberries", "8盒") {
		t.Error("8 boxes names the 8盒 pack, 3 boxes does not")
	}
}

// "3 bags" is three of something when only a title writes "3袋"; a variant sold as
// "8盒" is what "8 boxes" names.
func TestEnglishCountNamesOnlyAVariantPack(t *testing.T) {
	names := map[string]bool{"3袋": true, "8盒": true}
	packs := map[string]bool{"8盒": true}
	isName, isPack := func(w string) bool { return names[w] }, func(w string) bool { return packs[w] }
	if q := quantity("3 bags of the coffee", isName, isPack); q != 3 {
		t.Errorf("3 bags: qty %d, want 3", q)
	}
	if q := quantity("8 boxes of the blueberries", isName, isPack); q != 1 {
		t.Errorf("8 boxes: qty %d, want 1", q)
	}
}

// A number before a plural counts things ("3 … rackets", "two Flex3 rackets"); a
// size, a measure or a model number does not.
func TestEnglishPluralCounts(t *testing.T) {
	never := func(string) bool { return false }
	for text, want := range map[string]int64{
		"if i buy 3 airflex 7 pro rackets for my club": 3,
		"quote me two airflex3 rackets":                2,
		"size 42 shoes please":                         1,
		"two 10 kg bags":                               2,
		"one tube of 77 speed shuttles":                1,
	} {
		if got := quantity(text, never); got != want {
			t.Errorf("quantity(%q) = %d, want %d", text, got, want)
		}
	}
}

// Everyday category words reach a catalogue's category spelled with or without
// hyphens, in the plural, or after a qualifier ("mens-shirts").
func TestCategoryKeyMatches(t *testing.T) {
	for _, c := range []struct {
		key, cat string
		want     bool
	}{
		{"smartwatches", "smart-watches", true},
		{"t-shirts", "tshirt", true},
		{"shirts", "mens-shirts", true},
		{"dresses", "womens-dresses", true},
		{"shirts", "t-shirts", false},
		{"food", "dog-food", false},
	} {
		if got := categoryKeyMatches(c.key, c.cat); got != c.want {
			t.Errorf("categoryKeyMatches(%q, %q) = %v", c.key, c.cat, got)
		}
	}
}
