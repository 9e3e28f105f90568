package agent

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
)

// The model may state only money that a tool gave (or the customer wrote): every
// amount in its text is read in any usual currency form — ¥123.45, $12, €9,99, 300
// CNY, 12 dollars, 123.45元 — and in the shop's own minor units (a yen has none, a
// dinar three), so "$" is caught in a CNY shop as well as "¥" in a USD one.

// amountRe: a currency sign or code before the number, or a unit word after it.
var amountRe = regexp.MustCompile(`(?i)(?:[¥￥$€£₩₹]|US\$|HK\$|NT\$|\b(?:CNY|RMB|USD|EUR|GBP|JPY|HKD|KRW|SGD|AUD|CAD)\s*)\s*([0-9][0-9,]*(?:\.[0-9]{1,3})?)|([0-9][0-9,]*(?:\.[0-9]{1,3})?)\s*(?:元|块|美元|欧元|英镑|日元|港币|\b(?:CNY|RMB|yuan|USD|EUR|GBP|JPY|dollars?|euros?|pounds?|yen)\b)`)

// minorDigits is how many decimals a currency's minor unit has (ISO 4217).
func minorDigits(currency string) int { return i18n.MinorDigits(currency) }

// amounts are the sums, in minor units, that a reply may state: those the customer
// wrote and those tool results gave. It grows with each tool result, so checking
// every streamed delta does not parse every result again.
type amounts struct {
	minor    map[int64]bool
	currency string
	digits   int
}

func knownAmounts(customer []string, currency string) amounts {
	if currency == "" {
		currency = "CNY"
	}
	k := amounts{minor: map[int64]bool{}, currency: currency, digits: minorDigits(currency)}
	for _, m := range customer {
		for _, a := range k.in(m) {
			k.minor[a] = true
		}
	}
	return k
}

// addResult records the money in one tool result (JSON; minor units under money keys).
func (k amounts) addResult(result string) {
	var v any
	if json.Unmarshal([]byte(result), &v) == nil {
		k.collect(v, "")
	}
}

// unbacked lists the amounts in a reply that nobody stated, in the shop's currency.
func (k amounts) unbacked(text string) []string {
	var bad []string
	for _, a := range k.in(text) {
		if !k.minor[a] && !sumOrDifference(a, k.minor) {
			bad = append(bad, i18n.Money(a, k.currency))
		}
	}
	return bad
}

// collect records whole numbers under money keys, and amounts written in texts
// (an FAQ's "满99元包邮").
func (k amounts) collect(v any, key string) {
	switch x := v.(type) {
	case float64:
		if moneyKey(key) && x == float64(int64(x)) {
			k.minor[int64(x)] = true
		}
	case []any:
		for _, e := range x {
			k.collect(e, key)
		}
	case map[string]any:
		for kk, e := range x {
			k.collect(e, kk)
		}
	case string:
		for _, a := range k.in(x) {
			k.minor[a] = true
		}
	}
}

// sumOrDifference: "you save ¥238.76" is list minus total, two amounts a tool gave.
func sumOrDifference(a int64, known map[int64]bool) bool {
	for x := range known {
		if x != a && (known[x-a] || known[a-x]) {
			return true
		}
	}
	return false
}

// in finds the amounts written in text, in minor units.
func (k amounts) in(text string) []int64 {
	var out []int64
	for _, m := range amountRe.FindAllStringSubmatch(text, -1) {
		s := m[1]
		if s == "" {
			s = m[2]
		}
		if c, ok := parseMoney(strings.ReplaceAll(s, ",", ""), k.digits); ok {
			out = append(out, c)
		}
	}
	return out
}

// parseMoney reads "123.45" as minor units of a currency with digits decimals.
func parseMoney(s string, digits int) (int64, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e12 {
		return 0, false
	}
	scale := int64(1)
	for range digits {
		scale *= 10
	}
	minor := w * scale
	if frac != "" && digits > 0 {
		f, err := strconv.ParseInt((frac + "000")[:digits], 10, 64)
		if err != nil {
			return 0, false
		}
		minor += f
	}
	return minor, true
}
