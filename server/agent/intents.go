package agent

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The offline planner's intents, recognised by words in Chinese and English. Each
// list is what customers actually write; a test per intent keeps them honest. The
// English words are matched on word boundaries, the Chinese ones as substrings.

// phrases is a list of words or phrases matched against lower-cased text.
type phrases []string

func (ps phrases) in(low string) bool {
	for _, p := range ps {
		if isASCII(p) {
			if containsWord(low, p) {
				return true
			}
		} else if strings.Contains(low, p) {
			return true
		}
	}
	return false
}

var (
	humanWords = phrases{"人工", "真人", "客服人员", "找客服", "转客服", "客服主管", "主管", "经理", "负责人", "human",
		"real person", "a person", "supervisor",
		"talk to someone", "speak to someone", "your staff", "manager", "agent please",
		// "are you a bot?" is asked by someone who would rather talk to a person.
		"你是机器人", "是不是机器人", "是机器人吗", "are you a bot", "are you a robot", "is this a bot",
		"talking to a bot", "are you real", "are you human"}

	greetingWords = []string{"hi", "hello", "hey", "你好", "您好", "在吗", "在不在", "有人吗", "哈喽", "嗨",
		"good morning", "good evening", "早上好", "晚上好"}

	thanksWords = []string{"谢谢", "多谢", "感谢", "谢啦", "好的", "好的谢谢", "明白了", "知道了", "收到", "ok", "okay",
		"thanks", "thank you", "thx", "great", "got it", "perfect", "bye", "再见", "拜拜"}

	angryWords = phrases{"投诉", "太差", "太烂", "骗子", "骗人", "骗钱", "垃圾", "差评", "气死", "坑人", "坑爹",
		"什么破", "破东西", "恶心", "举报", "12315", "消协", "欺诈", "忽悠", "黑店", "态度差", "无语", "他妈", "妈的",
		"给我个说法", "给个说法", "讨个说法", "要个说法", "必须给我",
		"complain", "complaint", "terrible", "awful", "horrible", "scam", "fraud", "ridiculous", "worst", "angry",
		"furious", "unacceptable", "wtf", "rubbish", "garbage", "useless", "cheated", "ripped off", "rip-off",
		"lawyer", "sue you", "disgusting", "pathetic", "fed up", "what the hell", "damn"}

	depositWords = phrases{"定金", "订金", "deposit"}
	refundWords  = phrases{"退", "refund", "back", "return", "cancel", "取消"}

	// protectionWords name price protection or a drop in price outright; isPriceDrop
	// also reads a drop told in the customer's own words.
	protectionWords = phrases{"价保", "保价", "价格保护", "降价", "便宜了", "掉价", "跌价", "下调", "买贵了",
		"price protection", "price drop", "price dropped", "prices dropped", "price went down", "price has dropped",
		"cheaper now", "now cheaper", "dropped in price", "got cheaper"}

	returnWords = phrases{"退货", "退款", "退掉", "退了", "退回", "想退", "要退", "申请退", "退换", "能退", "可以退", "可退", "退吗", "return", "returns",
		"returned", "returning", "refund", "refunds", "refunded", "send back", "send it back"}
	// returnAsk: the customer asks to start a return now, not how returns work.
	returnAsk = phrases{"帮我退", "我要退", "我想退", "申请退", "退掉", "退了吧", "给我退", "要退货", "想退货", "办理退",
		"想退款", "要退款", "申请退款", "want to return", "like to return", "want a refund", "want to refund",
		"like a refund", "please refund", "please return", "can you refund", "start a return", "return order",
		"refund order", "return my", "refund my", "i'd like to return", "need to return", "need a refund"}

	orderWords = phrases{"我的订单", "订单状态", "查订单", "查一下订单", "查下订单", "我的快递", "我的包裹", "我买的",
		"到哪了", "到哪儿", "发货了吗", "发货没", "还没发货", "还没到", "什么时候到", "物流信息", "订单号", "订单信息",
		"看看订单", "查询订单", "订单列", "列一下订单", "列下订单", "几个订单", "哪些订单", "所有订单", "全部订单", "买过啥",
		"买过什么", "list my orders", "all my orders", "how many orders", "my order", "my orders", "order status", "where is my", "where's my", "track my",
		"tracking", "has my order", "did my order", "my package", "my parcel", "my purchase", "when will my"}

	sizeAsk = phrases{"多大", "几码", "什么码", "哪个码", "哪码", "多少码", "尺码", "码数", "选多大", "买多大",
		"穿多大", "什么尺码", "what size", "which size", "size should", "my size", "size would", "size do i",
		"fit me", "size to get", "size to buy", "size to order"}
	wearWords = phrases{"平时穿", "一般穿", "通常穿", "穿的是", "我穿", "平常穿", "usually wear", "normally wear",
		"i wear", "i'm a size", "i am a size", "wear a size", "wear size", "usually take", "normally take"}

	fitWords = phrases{"偏码", "偏大", "偏小", "正码", "标准码", "尺码准", "码数准", "runs small", "run small",
		"runs large", "run large", "runs big", "true to size", "fits small", "fits large", "size up", "size down"}

	compareWords = phrases{"对比", "比较", "区别", "哪个好", "哪款好", "哪个更", "哪款更", "有什么不同", "不一样",
		"compare", "comparison", "difference between", "differences", "vs", "versus", "which is better",
		"which one is better", "better for"}

	priceWords = phrases{"多少钱", "价格", "价钱", "到手价", "最终价", "实付", "怎么卖", "几块", "多钱", "售价",
		"报价", "优惠后", "算一下", "算算", "便宜多少", "划算", "到手多少", "到手是多少", "价多少", "啥价", "什么价",
		"会员价", "付多少", "花多少", "一共多少", "总共多少", "总价", "合计", "一罐多少", "一包多少", "一件多少",
		"how much", "price", "prices", "cost", "costs", "final price", "quote", "pay for", "total", "what do i pay",
		"what would i pay", "how much would i pay"}
	// notProductPrice: a price that is not a product's (shipping), answered from knowledge.
	notProductPrice = phrases{"运费", "邮费", "shipping", "delivery fee", "postage"}

	stockWords = phrases{"有货", "有没有货", "库存", "缺货", "还有吗", "现货", "in stock", "available", "sold out",
		"out of stock", "back in stock"}
	offerWords = phrases{"国补", "补贴", "优惠", "活动", "打折", "折扣", "促销", "满减", "discount", "promotion", "sale",
		"subsidy", "deal", "deals", "offer", "offers"}

	togetherWords = phrases{"一起", "一共", "总共", "都买", "再加", "加一", "另外加", "together", "in total", "altogether",
		"both", "all of them", "plus", "total"}

	// deictic: the customer points at something said before ("this one").
	deictic = phrases{"这双", "这款", "这个", "这件", "那双", "那款", "那个", "它", "this one", "that one", "this",
		"that", "it", "these", "those", "them"}
)

// otherSenses are phrases in which a shop word means something else: an exchange
// rate is not an exchange of goods. The knowledge search does not get them, so
// their shop word cannot match a document by chance.
var otherSenses = regexp.MustCompile(`(?i)\b((currency|foreign) )?exchange rates?\b|\bforex\b|汇率|外汇|换汇`)

// questionWords mark a question, as opposed to a request ("定金能退吗" vs "退定金").
var questionWords = phrases{"?", "？", "吗", "么", "什么", "怎么", "多久", "多少", "几天", "能不能", "可不可以", "是否",
	"有没有", "是不是", "can i", "can we", "could i", "how", "do you", "does", "is it", "is there", "what", "when", "why"}

func isQuestion(low string) bool { return questionWords.in(low) || yesNoTail.MatchString(low) }

// yesNoTail: a Chinese yes-no question ending in 不/没/否 ("带防摔套不", "发货没").
var yesNoTail = regexp.MustCompile(`[不没否][?？!！~。.\s]*$`)

var exclaim = regexp.MustCompile(`[!！]{3,}`)

// positiveWords: "太好了！！！" is joy, not anger.
var positiveWords = phrases{"谢谢", "感谢", "太好了", "太棒了", "棒", "喜欢", "好评", "厉害", "thanks", "thank you",
	"great", "awesome", "love", "amazing", "perfect", "wonderful"}

// isAngry: words of anger or complaint, "!!!" (unless it is joy), or an English
// message in capitals.
func isAngry(text, low string) bool {
	if angryWords.in(low) {
		return true
	}
	positive := positiveWords.in(low)
	if exclaim.MatchString(text) && !positive {
		return true
	}
	letters, upper := 0, 0
	for _, r := range text {
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 10 && upper == letters && !positive
}

// isThanks: a short message that only thanks or closes ("谢谢！", "ok thanks").
func isThanks(low string) bool {
	t := strings.Trim(strings.TrimSpace(low), "!！。.,，~ ")
	if utf8.RuneCountInString(t) > 20 {
		return false
	}
	for _, w := range thanksWords {
		t = strings.ReplaceAll(t, w, "")
	}
	return strings.Trim(t, "!！。.,，~ 啦呀哈啊") == "" && utf8.RuneCountInString(low) > 0
}

// isGreeting: a short message that is only a greeting (a question after "hi" is
// not: "你好 发票怎么开" is a question).
func isGreeting(low string) bool {
	t := strings.Trim(strings.TrimSpace(low), greetingTrim)
	if t == "" || utf8.RuneCountInString(t) > 16 {
		return false
	}
	for _, g := range greetingWords {
		rest, ok := strings.CutPrefix(t, g)
		if !ok {
			continue
		}
		if isASCII(g) && rest != "" && wordByteAt(rest, 0) {
			continue // "his", "hey" in "heyday"
		}
		rest = strings.Trim(rest, greetingTrim)
		if !strings.ContainsFunc(rest, isWordRune) || greetingTail[rest] || isGreeting(rest) {
			return true
		}
	}
	return false
}

const greetingTrim = "!！。.,，~？? "

// greetingTail: what may follow a greeting and keep it one ("hello there", "你好呀").
var greetingTail = map[string]bool{"there": true, "everyone": true, "all": true, "guys": true, "team": true,
	"亲": true, "亲亲": true, "呀": true, "啊": true, "哈": true, "哈哈": true, "呢": true, "哇": true, "嘛": true}

// isWordRune: a letter or digit (not punctuation, a space or an emoji).
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fillerWords open or close a message without saying what it is about ("亲，请问…",
// "hi, please…", "…谢谢"). The knowledge search gets the question without them, so
// their words cannot match a document by chance. Longest first.
var fillerWords = sortedLongestFirst([]string{"亲亲", "亲", "在吗", "在不在", "有人吗", "你好", "您好", "哈喽", "嗨",
	"老板", "掌柜的", "店家", "客服", "请问一下", "请问下", "请问", "我想问一下", "我想问下", "想问一下", "想问下",
	"问一下", "问下", "麻烦问一下", "麻烦问下", "麻烦", "打扰一下", "打扰了", "谢谢", "谢啦", "hi there", "hello there",
	"hey there", "hi", "hello", "hey", "yo", "hiya", "good morning", "good afternoon", "good evening", "excuse me",
	"sorry", "please", "pls", "plz", "quick question", "just wondering", "i was wondering", "thanks", "thank you", "thx"})

func sortedLongestFirst(ws []string) []string {
	sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	return ws
}

// stripFiller removes fillerWords (and the punctuation around them) from both ends
// of text; a message that is only filler stays as it is.
func stripFiller(text string) string {
	const sep = " \t\n,，.。!！~、:：;；"
	t := strings.Trim(text, sep)
	for changed := true; changed; {
		changed = false
		low := strings.ToLower(t)
		if len(low) != len(t) {
			break // lower-casing changed the byte offsets: leave the text alone
		}
		for _, f := range fillerWords {
			ascii := isASCII(f)
			if strings.HasPrefix(low, f) && !(ascii && wordByteAt(low, len(f))) {
				t, changed = strings.TrimLeft(t[len(f):], sep), true
				break
			}
			if strings.HasSuffix(low, f) && !(ascii && wordByteAt(low, len(low)-len(f)-1)) {
				t, changed = strings.TrimRight(t[:len(t)-len(f)], sep), true
				break
			}
		}
	}
	if strings.TrimSpace(t) == "" {
		return text
	}
	return t
}

// A drop in price in the customer's own words: a verb of falling in the past (the
// price fell, it went down, 降了) with a price or money nearby ("my phone dropped"
// is not one), a fall right after buying ("刚下单就降了"), or asking for "the
// diff(erence)" back, unless it is the difference between two things. "Can you
// lower the price?" and "价格能便宜点吗" ask for a discount, not protection.
var (
	enFell  = `\b(dropped|droped|dropt|went down|gone down|come down|came down|fell|fallen|lowered|reduced|decreased|cut|slashed|marked down)\b`
	enMoney = `(\bprices?\b|\bpriced\b|\bcosts?\b|[¥$] ?\d|\b\d+ ?(bucks|dollars|yuan|rmb|kuai)\b)`
	zhStop  = `[^，,。.!！?？]`

	priceDrops = []*regexp.Regexp{
		regexp.MustCompile(enMoney + `.{0,30}` + enFell),
		regexp.MustCompile(enFell + `.{0,20}` + enMoney),
		regexp.MustCompile(`\b(less|cheaper|lower) (now )?than (what |when )?i (paid|bought|ordered)`),
		regexp.MustCompile(`\b(less|cheaper|lower) now\b`),
		regexp.MustCompile(`(价|价格|价钱|售价)` + zhStop + `{0,6}(降了|跌了|低了|少了|降下来|便宜了)`),
		regexp.MustCompile(`(买|付款|付完|下单|下完单|拍下|拍了)` + zhStop + `{0,6}(就|后|完|之后|没几天)` + zhStop + `{0,6}(降|跌|便宜了)`),
	}
	diffWords = phrases{"差价", "差额", "补差", "退差", "price difference", "price diff", "difference back", "diff back"}
	diffAsk   = regexp.MustCompile(`\b(refund|get|pay|give|want|claim)\b.{0,15}\b(diff|difference)\b`)
	// between: "the price difference between A and B" compares two things.
	between = phrases{"between", "区别", "对比", "比较"}
	// futureDrop: "什么时候降价" / "will it go on sale" asks about a sale to come, not
	// about a drop since the customer paid.
	futureDrop = regexp.MustCompile(`(什么时候|啥时候|何时|多久|会不会|还会|能不能|要不要|打算)` + zhStop + `{0,4}(降价|便宜|打折|掉价)|会(降价|便宜|打折|掉价)|` +
		`\b(when|will|would|going to)\b.{0,25}\b(go on sale|drop|be cheaper|get cheaper|come down|be discounted)\b`)
	explicitProtection = phrases{"价保", "保价", "价格保护", "price protection"}
)

func isPriceDrop(low string) bool {
	if futureDrop.MatchString(low) && !explicitProtection.in(low) && !diffWords.in(low) && !diffAsk.MatchString(low) {
		return false
	}
	if protectionWords.in(low) {
		return true
	}
	for _, re := range priceDrops {
		if re.MatchString(low) {
			return true
		}
	}
	return (diffWords.in(low) || diffAsk.MatchString(low)) && !between.in(low)
}

// howMuchOf: "多少" counting something other than money (天, 码, 克, 毫升, 岁 …).
var howMuchOf = regexp.MustCompile(`多少\s*(天|日|码|號|号|克|千克|公斤|斤|毫升|升|ml|g|kg|个月|月|岁|度|次|寸|厘米|cm|瓦|w|分钟|小时|页|片|粒|层|人|件|个)`)

// bareHowMuch: "多少" alone beside a product ("牛津鞋黑色42 用完多少") asks its price.
func (s *session) bareHowMuch() bool {
	if !strings.Contains(s.low, "多少") || howMuchOf.MatchString(s.low) {
		return false
	}
	return len(s.namedProducts(s.text)) > 0 || len(s.searchProducts(s.text, nil, false)) > 0
}
