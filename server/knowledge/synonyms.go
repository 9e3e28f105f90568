package knowledge

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// conceptPrefix marks concept tokens. Customers rarely use the shop's own words
// ("偏码" for 尺码偏大, "退钱" for 退款, "包邮吗" for 运费), so both documents and
// queries also carry one token per concept they mention; a query then matches a
// document through the concept even when they share no word. "~" never survives
// tokenising, so a concept token cannot collide with a real word.
const conceptPrefix = "~"

// conceptGroups lists, per concept, the phrases (Chinese and English, already folded)
// that express it. A phrase may sit in several groups. Changing this table changes
// what is indexed: the analysis fingerprint (mapping.go) includes it, so an index
// built with an older table is rebuilt on open.
var conceptGroups = map[string][]string{
	"return": {"退货", "退换", "退回", "退掉", "退", "七天无理由", "7天无理由", "无理由", "不想要", "不要了",
		"寄回", "return", "send back", "send it back", "sent back", "send them back"},
	"noreason": {"无理由", "七天无理由", "7天无理由", "不想要", "不要了", "不喜欢", "后悔", "don't like", "do not like", "changed my mind",
		"no reason", "no questions asked"},
	"intimate": {"贴身衣物", "内衣", "内裤", "文胸", "underwear", "intimates"},
	"refund":   {"退款", "退钱", "退的钱", "返钱", "返款", "钱退", "退差价", "原路", "到账", "账上", "到账户", "refund", "money back"},
	"exchange": {"换货", "换码", "换尺码", "换个码", "换大", "换小", "调换", "换颜色", "换色", "换一双", "换一件",
		"换个大", "换个小", "换个号", "换大号", "换小号", "换号", "换双", "换件", "exchange", "swap"},
	"size": {"尺码", "码数", "码子", "尺寸", "几码", "多大码", "什么码", "哪个码", "穿多大", "买多大", "拍多大",
		"选码", "码", "size", "sizing"},
	"sizechart": {"尺码表", "尺码对照", "对照表", "脚长", "size chart", "size guide", "foot length"},
	"fit": {"偏码", "偏大", "偏小", "正码", "标准码", "码准", "合脚", "挤脚", "夹脚", "磨脚", "大一码", "小一码",
		"大半码", "小半码", "脚宽", "宽脚", "脚肥", "脚背高", "宽楦", "挤", "runs large", "runs small", "run large",
		"run small", "true to size", "fit", "tight", "loose", "wide feet"},
	"shipfee": {"包邮", "运费", "邮费", "免邮", "快递费", "配送费", "运费险", "free shipping", "shipping fee",
		"shipping cost", "shipping charge", "postage", "delivery fee", "delivery charge", "delivery cost",
		"free delivery", "delivery free", "shipping free"},
	"delivery": {"发货", "发出", "多久到", "几天到", "多久能到", "几天能到", "什么时候到", "什么时候发", "啥时候发",
		"啥时候到", "多久发", "几天发", "当天发", "今天发", "明天发", "能发", "寄出", "到货", "物流", "快递", "配送",
		"送达", "时效", "顺丰", "ship", "shipping", "deliver",
		"delivery", "dispatch", "arrive", "courier"},
	"when": {"多久", "几天", "什么时候", "啥时候", "何时", "多长时间", "几号", "多少天", "多久到", "几天到", "多久能到",
		"几天能到", "什么时候到", "什么时候发", "啥时候发", "啥时候到", "多久发", "几天发", "how long", "when",
		"how many days"},
	"invoice": {"发票", "开票", "专票", "普票", "增值税", "抬头", "税号", "invoice", "receipt", "vat", "fapiao"},
	"warranty": {"保修", "质保", "三包", "坏了", "维修", "返修", "故障", "质量问题", "毛病", "不能用", "用不了了",
		"开胶", "脱胶", "断线", "掉底", "起球", "褪色", "掉色", "破损", "损坏", "摔坏", "压坏", "warranty", "repair",
		"broken", "defect", "faulty", "damaged", "guarantee"},
	"deposit": {"定金", "订金", "尾款", "预售", "付定", "交定", "deposit", "pre-order", "preorder", "presale",
		"balance payment", "final payment"},
	"priceprotect": {"价保", "保价", "降价", "差价", "价格保护", "买贵", "便宜了", "price protection", "price drop",
		"price match", "price adjustment", "cheaper"},
	"subsidy": {"国补", "国家补贴", "政府补贴", "以旧换新", "补贴", "subsidy", "subsidies", "trade-in", "trade in"},
	"member":  {"会员", "vip", "积分", "等级", "member", "membership", "loyalty", "points"},
	"coupon":  {"优惠券", "券", "优惠码", "满减", "红包", "领券", "用券", "coupon", "voucher", "promo code"},
	"price":   {"多少钱", "价格", "价钱", "几块", "到手价", "售价", "price", "cost", "how much"},
	"stock": {"有货", "缺货", "没货", "库存", "补货", "断码", "现货", "in stock", "out of stock", "stock",
		"restock", "sold out"},
	"inch":       {"英寸", "寸", "inch", "inches"},
	"cancel":     {"取消订单", "取消", "不想买", "撤单", "cancel"},
	"address":    {"地址", "收货人", "address"},
	"payment":    {"付款", "支付", "花呗", "分期", "信用卡", "免息", "pay", "payment", "installment", "credit card"},
	"shoe":       {"鞋", "shoe", "shoes", "sneaker", "sneakers", "trainers"},
	"phone":      {"手机", "phone", "smartphone", "mobile"},
	"aircon":     {"空调", "air conditioner", "aircon", "ac"},
	"wash":       {"机洗", "水洗", "手洗", "干洗", "洗涤", "清洗", "缩水", "wash", "washing", "shrink", "dry clean"},
	"waterproof": {"防水", "防泼水", "waterproof", "water resistant"},
	"battery":    {"电池", "续航", "待机", "battery", "battery life"},
	"install":    {"安装", "装机", "上门", "install", "installation"},
	"damaged":    {"破损", "损坏", "摔坏", "压坏", "坏的", "damaged", "arrived broken"},
	"missing":    {"少发", "漏发", "少了", "缺件", "错发", "发错", "missing", "wrong item"},
	"human":      {"人工", "真人", "转人工", "客服", "human", "agent", "real person"},
	"genuine":    {"正品", "假货", "真假", "授权", "genuine", "authentic", "fake"},
}

// englishSuffixes are the endings an English phrase may carry and still match
// ("returns", "refunded", "shipping"); anything else ("fitness" for "fit") does not.
var englishSuffixes = []string{"", "s", "es", "ed", "d", "ing", "ment", "ments"}

// conceptMatcher finds concept phrases in folded text by a single left-to-right scan,
// longest phrase first at each position (so 优惠码 is a coupon, not a size because of
// its 码); a match is skipped over, so its tail is not matched again.
type conceptMatcher struct {
	byFirst map[rune][]conceptPhrase
}

type conceptPhrase struct {
	text     string
	ascii    bool
	concepts []string
}

func newConceptMatcher(groups map[string][]string) *conceptMatcher {
	phrases := map[string][]string{}
	for concept, list := range groups {
		for _, p := range list {
			p = fold(p)
			phrases[p] = append(phrases[p], conceptPrefix+concept)
		}
	}
	m := &conceptMatcher{byFirst: map[rune][]conceptPhrase{}}
	for p, cs := range phrases {
		sort.Strings(cs)
		r, _ := utf8.DecodeRuneInString(p)
		m.byFirst[r] = append(m.byFirst[r], conceptPhrase{text: p, ascii: classify(r) != classHan, concepts: cs})
	}
	for r := range m.byFirst {
		list := m.byFirst[r]
		sort.Slice(list, func(i, j int) bool {
			if len(list[i].text) != len(list[j].text) {
				return len(list[i].text) > len(list[j].text)
			}
			return list[i].text < list[j].text
		})
	}
	return m
}

// find appends the concept tokens of folded text to out (with repeats: a document
// that talks about refunds three times weighs more on "refund").
func (m *conceptMatcher) find(text string, out []string) []string {
	prevWord := false // whether the previous rune was a letter or digit
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		cls := classify(r)
		matched := 0
		if cands := m.byFirst[r]; cands != nil && !(prevWord && cls != classHan) {
			for _, c := range cands {
				if n := c.matchAt(text, i); n > 0 {
					out = append(out, c.concepts...)
					matched = n
					break
				}
			}
		}
		if matched > 0 {
			i += matched
			prevWord = false
			continue
		}
		prevWord = cls == classLetter || cls == classDigit
		i += size
	}
	return out
}

// matchAt returns the byte length matched at text[i:], or 0.
func (c *conceptPhrase) matchAt(text string, i int) int {
	if !strings.HasPrefix(text[i:], c.text) {
		return 0
	}
	end := i + len(c.text)
	if !c.ascii {
		return len(c.text)
	}
	for _, suf := range englishSuffixes {
		if !strings.HasPrefix(text[end:], suf) {
			continue
		}
		rest := text[end+len(suf):]
		r, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || classify(r) == classSep || classify(r) == classHan {
			return len(c.text) + len(suf)
		}
	}
	return 0
}
