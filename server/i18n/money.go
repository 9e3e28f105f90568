package i18n

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The shop's money is integer minor units of its currency (SPEC §1); how many
// digits a minor unit has, and the symbol, come from CLDR (golang.org/x/text/currency)
// rather than a table of ours: JPY and KRW have none, BHD has three.

// symbols reads CLDR's English symbols ("$", "€", "£", "HK$"); a shop in China
// writes its own currency as the bare "¥" its customers expect, not CLDR's "CN¥".
var symbols = message.NewPrinter(language.English)

// MinorDigits is how many decimal digits the currency's minor unit has (2 for
// CNY, 0 for JPY, 3 for BHD); 2 for a code CLDR does not know.
func MinorDigits(code string) int {
	u, err := currency.ParseISO(normalCode(code))
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// Money formats minor units as a price in the shop's currency: ¥449.00, $5.00,
// ¥1200 for 1200 yen, BHD 1.250. No digit grouping: the reply guard reads the
// amounts of a reply back. An empty currency is the SPEC's default, CNY.
func Money(minor int64, code string) string {
	code = normalCode(code)
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	return sign + symbol(code) + number(minor, MinorDigits(code))
}

func normalCode(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	switch code {
	case "", "RMB":
		return "CNY"
	}
	return code
}

func symbol(code string) string {
	if code == "CNY" {
		return "¥"
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return code + " "
	}
	s := symbols.Sprint(currency.Symbol(u))
	// A symbol that ends in a letter is a code ("BHD"): keep it off the digits.
	if r := []rune(s); len(r) > 0 && unicode.IsLetter(r[len(r)-1]) {
		return s + " "
	}
	return s
}

// number writes minor units with digits decimals: 44925, 2 → "449.25".
func number(minor int64, digits int) string {
	s := strconv.FormatInt(minor, 10)
	if digits == 0 {
		return s
	}
	if len(s) <= digits {
		s = strings.Repeat("0", digits-len(s)+1) + s
	}
	return s[:len(s)-digits] + "." + s[len(s)-digits:]
}
