package i18n

import "testing"

// Hand-written expectations: what a customer of a shop in each currency reads.
func TestMoney(t *testing.T) {
	cases := []struct {
		minor int64
		code  string
		want  string
	}{
		{44925, "CNY", "¥449.25"},
		{44925, "", "¥449.25"},
		{44925, "rmb", "¥449.25"},
		{5, "CNY", "¥0.05"},
		{0, "CNY", "¥0.00"},
		{-1990, "CNY", "-¥19.90"},
		{500, "USD", "$5.00"},
		{1200, "JPY", "¥1200"},
		{1200, "KRW", "₩1200"},
		{1250, "BHD", "BHD 1.250"},
		{1999, "EUR", "€19.99"},
		{1999, "HKD", "HK$19.99"},
		{1999, "XYZ", "XYZ 19.99"},
	}
	for _, c := range cases {
		if got := Money(c.minor, c.code); got != c.want {
			t.Errorf("Money(%d, %q) = %q, want %q", c.minor, c.code, got, c.want)
		}
	}
}

func TestMinorDigits(t *testing.T) {
	for code, want := range map[string]int{"CNY": 2, "": 2, "JPY": 0, "KRW": 0, "BHD": 3, "KWD": 3, "USD": 2, "XYZ": 2} {
		if got := MinorDigits(code); got != want {
			t.Errorf("MinorDigits(%q) = %d, want %d", code, got, want)
		}
	}
}
