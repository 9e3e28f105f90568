package knowledge

import (
	"context"
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＡＢＣ１２３", "abc123"},
		{"iPhone　15 Pro", "iphone 15 pro"},
		{"  退货   退款 ", "退货 退款"},
		{"Ｓ－ＲＵＮ－１", "s-run-1"},
		{"don’t like", "don't like"},
		{"ÉCOLE", "école"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func waitDict(t *testing.T) {
	t.Helper()
	if _, err := segmenters["trim"].wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestAnalyzerTerms(t *testing.T) {
	waitDict(t)
	zh := &textAnalyzer{words: true, bigrams: true, seg: segmenters["trim"]}
	gram := &textAnalyzer{bigrams: true}
	tests := []struct {
		name      string
		a         *textAnalyzer
		in        string
		want      []string // must all be present
		forbidden []string
	}{
		{"full width folds to the same terms", zh, "ＡＢＣ１２３", []string{"abc123", "abc", "123"}, nil},
		{"model number split", zh, "iPhone15", []string{"iphone15", "iphon", "15"}, nil},
		{"decimal kept whole", zh, "1.5匹空调", []string{"1.5", "1.5匹", "1.5匹空", "空调", "~aircon"}, []string{"1", "5"}},
		{"size with unit", zh, "42码", []string{"42", "42码", "~size"}, nil},
		{"long word from the dictionary", zh, "羽绒服怎么机洗", []string{"羽绒服", "羽绒", "绒服", "~wash"}, nil},
		{"english stemmed", zh, "Refunds were delayed", []string{"refund", "delay", "~refund"}, []string{"were"}},
		{"domain word and its bigram", zh, "这鞋偏码吗", []string{"偏码", "~fit", "~shoe"}, []string{"吗"}},
		{"colloquial shipping fee", zh, "包邮吗", []string{"包邮", "~shipfee"}, nil},
		{"multi-word english concept", zh, "do these runs large?", []string{"~fit"}, nil},
		{"longest phrase wins", zh, "优惠码怎么用", []string{"~coupon"}, []string{"~size"}},
		{"suffix rule", zh, "fitness tracker", nil, []string{"~fit"}},
		{"word boundary", zh, "staccato", nil, []string{"~cancel"}},
		{"bigram mode", gram, "七天无理由退货", []string{"七天", "无理", "退货", "~return", "~noreason"}, []string{"七天无理由"}},
		{"pirated asks if it is genuine", zh, "你家书不会是盗版吧", []string{"~genuine"}, nil},
		{"a colloquial courier question", zh, "吉他走啥快递", []string{"~courier"}, nil},
		{"a place abroad by name", zh, "do u ship to hong kong", []string{"~overseas"}, nil},
		{"tuning, either language", zh, "will it be in tune when it arrives", []string{"~tuning"}, nil},
		{"pay when it comes", zh, "能不能到了再付钱", []string{"~cod"}, nil},
		{"a shop to visit", zh, "你们有实体店吗", []string{"~store"}, nil},
		{"where the shop is", zh, "你们店在哪 能去骑一下试试吗", []string{"~store"}, nil},
		{"an old one for money", zh, "旧手机能抵钱吗", []string{"~tradein"}, nil},
		{"to rent", zh, "帐篷能租吗", []string{"~rental"}, nil},
		{"stop words only", zh, "的了吗 the and", nil, []string{"的", "the"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.a.terms(fold(tt.in), nil)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("terms(%q) = %q, missing %q", tt.in, got, w)
				}
			}
			for _, w := range tt.forbidden {
				if slices.Contains(got, w) {
					t.Errorf("terms(%q) = %q, must not contain %q", tt.in, got, w)
				}
			}
		})
	}
}

func TestIDCandidates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"S-RUN-1-42 还有货吗", []string{"s-run-1-42"}},
		{"p-buds-1参数", []string{"p-buds-1"}},
		{"iphone15 和 x20", []string{"iphone15", "x20"}},
		{"hello world", nil},
		{"- 42 -", nil},
	}
	for _, tt := range tests {
		if got := idCandidates(fold(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("idCandidates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
