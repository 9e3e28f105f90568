package eval

import (
	"slices"
	"strings"
	"testing"
)

func TestAmountsFormats(t *testing.T) {
	cases := []struct {
		text string
		want []int64
	}{
		{"到手价 ¥419.10", []int64{41910}},
		{"到手价￥419.1。", []int64{41910}},
		{"price: 419.10 yuan", []int64{41910}},
		{"共 1,234.50 元", []int64{123450}},
		{"¥1,234.5", []int64{123450}},
		{"1234.5元", []int64{123450}},
		{"1234元", []int64{123400}},
		{"RMB 1234", []int64{123400}},
		{"CNY1234.00", []int64{123400}},
		{"满300减50", []int64{30000, 5000}},
		{"退款 ￥５０.００", []int64{5000}},
		{"Total: $12.3, then 7.05.", []int64{1230, 705}},
		{"It costs 449, not 599", []int64{44900, 59900}},
		{"-¥20.00 off", []int64{2000}},
	}
	for _, c := range cases {
		if got := Amounts(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Amounts(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestAmountsIgnoresWhatIsNotMoney(t *testing.T) {
	for _, text := range []string{
		"建议选39码", "size 39", "EU 39", "尺码 39", "7天无理由退货", "48小时内发货", "30 days",
		"打8折", "25% off", "2件", "订单 O-1001", "s-run-1-39-white", "2026-12-04T12:00:00+08:00",
		"20:15", "2026年12月4日", "× 2", "qty 3", "iPhone15", "1TB", "13812345678901",
		"版本 1.2.3", "ratio 0.125", "3rd floor", "5 hours", "第2件半价", "38-39",
	} {
		if got := Amounts(text); len(got) != 0 {
			t.Errorf("Amounts(%q) = %v, want none", text, got)
		}
	}
	// A unit word must be a whole word; a currency word makes it money.
	if got := Amounts("¥50 good value"); !slices.Equal(got, []int64{5000}) {
		t.Errorf("a word starting like a unit: %v", got)
	}
	if got := Amounts("max 3 coupons, plus 50"); !slices.Equal(got, []int64{300, 5000}) {
		t.Errorf("a word ending like a size word: %v", got)
	}
}

func TestFactGroupsNormalised(t *testing.T) {
	q := Question{Expect: Expect{Outcome: OutcomeAnswer, Facts: [][]string{{"39"}, {"白", "white"}, {"48 小时", "48 hours"}}}}
	v := Judge(q, Observation{Replied: true, Text: "Size 39 in WHITE ships within 48hours"})
	if !v.Right {
		t.Fatalf("all groups present (case and spaces ignored): %+v", v)
	}
	v = Judge(q, Observation{Replied: true, Text: "39码白色，４８小时内发货"})
	if !v.Right {
		t.Fatalf("full-width digits: %+v", v)
	}
	v = Judge(q, Observation{Replied: true, Text: "39码，48小时内发货"})
	if v.Right || len(v.MissingFacts) != 1 || v.MissingFacts[0][0] != "白" {
		t.Fatalf("a missing group must fail: %+v", v)
	}
}

func TestOutcomeAnswer(t *testing.T) {
	q := Question{Expect: Expect{Outcome: OutcomeAnswer, Facts: [][]string{{"39"}}, Amounts: []int64{41910},
		Wrong: []string{"有货"}, WrongAmounts: []int64{44900}, Card: ""}}
	good := Observation{Replied: true, Text: "39码白色到手价 ¥419.10"}
	if v := Judge(q, good); !v.Right || v.Wrong {
		t.Fatalf("good answer: %+v", v)
	}
	cases := map[string]Observation{
		"handed off":     {Replied: true, Text: good.Text, HandedOff: true},
		"missing amount": {Replied: true, Text: "39码白色到手价 ¥449.00"},
		"wrong fact":     {Replied: true, Text: good.Text + "，有货"},
		"card":           {Replied: true, Text: good.Text, Card: "return"},
		"no reply":       {},
	}
	for want, obs := range cases {
		v := Judge(q, obs)
		if v.Right || !slices.ContainsFunc(v.Reasons, func(r string) bool { return strings.HasPrefix(r, want) }) {
			t.Errorf("%s: %+v", want, v)
		}
	}
	if v := Judge(q, cases["missing amount"]); !v.Wrong || !slices.Equal(v.WrongAmounts, []int64{44900}) {
		t.Errorf("a wrong amount is a wrong fact: %+v", v)
	}
	// The expected card must be the one offered.
	q.Expect.Card = "price_protection"
	if v := Judge(q, Observation{Replied: true, Text: good.Text, Card: "price_protection"}); !v.Right {
		t.Errorf("right card: %+v", v)
	}
	if v := Judge(q, good); v.Right {
		t.Errorf("no card when one is expected: %+v", v)
	}
}

func TestOutcomeHandoffAndAsk(t *testing.T) {
	h := Question{Expect: Expect{Outcome: OutcomeHandoff, Wrong: []string{"已退款"}}}
	if v := Judge(h, Observation{HandedOff: true}); !v.Right {
		t.Errorf("handoff without a reply is right: %+v", v)
	}
	if v := Judge(h, Observation{Replied: true, Text: "好的"}); v.Right {
		t.Errorf("no handoff: %+v", v)
	}
	if v := Judge(h, Observation{HandedOff: true, Text: "已退款"}); !v.Right || !v.Wrong {
		t.Errorf("a handoff is right but its wrong fact still counts: %+v", v)
	}

	a := Question{Expect: Expect{Outcome: OutcomeAsk, Facts: [][]string{{"never checked"}}, WrongAmounts: []int64{9900}}}
	if v := Judge(a, Observation{Replied: true, Text: "您想问哪一款？"}); !v.Right {
		t.Errorf("a clarifying question is right (facts are not required): %+v", v)
	}
	if v := Judge(a, Observation{Replied: true, Text: "您想问哪一款？", HandedOff: true}); v.Right {
		t.Errorf("ask handed off: %+v", v)
	}
	if v := Judge(a, Observation{Replied: true, Text: "售价99元"}); v.Right {
		t.Errorf("ask with an invented amount: %+v", v)
	}
}

// A list price marked as such is not the wrong answer "list price instead of final";
// nor are what was paid and today's price in a price-protection breakdown.
func TestListPriceIsNotAWrongAnswer(t *testing.T) {
	q := Question{Expect: Expect{Outcome: "answer", Amounts: []int64{42920}, WrongAmounts: []int64{59900}}}
	for text, wrong := range map[string]bool{
		"**疾风缓震跑鞋** × 1，原价 ¥599.00\n**到手价：¥429.20**":         false,
		"list price ¥599.00, you pay ¥429.20":                false,
		"原价 ¥299.00 原价 ¥300.00 原价合计：¥599.00 **到手价：¥429.20**": false,
		"到手价 ¥599.00":                           true,
		"¥599.00，现在 ¥429.20":                    true,
		"实付 ¥599.00，现价 ¥429.20，× 1 → 退 ¥169.80": false,
		"you paid ¥599.00, now ¥429.20":         false,
		"退您 ¥599.00":                            true,
	} {
		if v := Judge(q, Observation{Text: text}); v.Wrong != wrong {
			t.Errorf("%q: wrong = %v, want %v", text, v.Wrong, wrong)
		}
	}
}

// A wrong fact denied is no wrong fact: "不支持货到付款" against the wrong "支持货到付款".
func TestNegatedWrongFactIsNotStated(t *testing.T) {
	q := Question{Expect: Expect{Outcome: "answer", Wrong: []string{"支持货到付款", "不包邮"}}}
	for text, wrong := range map[string]bool{
		"不支持货到付款。":           false,
		"我们支持货到付款":           true,
		"不支持货到付款，但另一单支持货到付款": true,
		"新疆不包邮":              true, // the wrong string is itself a negation
	} {
		if v := Judge(q, Observation{Text: text}); v.Wrong != wrong {
			t.Errorf("%q: wrong %v, want %v (%v)", text, v.Wrong, wrong, v.WrongFound)
		}
	}
}
