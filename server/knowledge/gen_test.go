package knowledge

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/concierge-shop/concierge/server/shop"
)

// genCategory describes how to make plausible products of one category, in
// Chinese and English, for the 100k-product benchmark catalog.
type genCategory struct {
	id         string
	zh, en     []string // product nouns
	zhAdj      []string
	enAdj      []string
	zhSentence []string // description sentences; %d is a number
	enSentence []string
	sizes      []string
	colors     []string
	minPrice   int64 // yuan
}

var genCategories = []genCategory{
	{id: "running-shoes", zh: []string{"跑鞋", "跑步鞋", "慢跑鞋", "竞速跑鞋"}, en: []string{"Running Shoe", "Road Runner", "Trainer"},
		zhAdj: []string{"轻量", "缓震", "透气", "碳板", "防滑", "男子", "女子"}, enAdj: []string{"Lightweight", "Cushioned", "Breathable", "Carbon"},
		zhSentence: []string{"飞织鞋面透气不闷脚。", "中底回弹好，适合%d公里以内的日常训练。", "鞋码标准，按平时尺码购买。", "鞋楦偏窄，脚宽建议拍大半码。", "橡胶大底耐磨防滑。"},
		enSentence: []string{"Knit upper keeps feet cool.", "Responsive midsole for runs up to %d km.", "True to size.", "Narrow fit; wide feet should go half a size up."},
		sizes:      []string{"38", "39", "40", "41", "42", "43", "44", "45"}, colors: []string{"white", "black", "blue"}, minPrice: 299},
	{id: "basketball-shoes", zh: []string{"篮球鞋", "实战篮球鞋"}, en: []string{"Basketball Shoe"},
		zhAdj: []string{"高帮", "低帮", "气垫", "耐磨"}, enAdj: []string{"High-top", "Low-top", "Court"},
		zhSentence: []string{"高帮设计保护脚踝。", "外场耐磨大底。", "前掌气垫启动快。", "鞋码偏大半码。"},
		enSentence: []string{"Ankle support for hard cuts.", "Durable outdoor outsole.", "Runs half a size large."},
		sizes:      []string{"40", "41", "42", "43", "44", "45", "46"}, colors: []string{"red", "black"}, minPrice: 399},
	{id: "phones", zh: []string{"手机", "5G手机", "拍照手机", "游戏手机"}, en: []string{"Smartphone", "5G Phone"},
		zhAdj: []string{"旗舰", "轻薄", "长续航", "曲面屏"}, enAdj: []string{"Flagship", "Slim", "Long-battery"},
		zhSentence: []string{"%d mAh大电池，续航一整天。", "支持%dW快充。", "%d万像素主摄。", "双卡双待。", "整机保修一年。"},
		enSentence: []string{"%d mAh battery lasts all day.", "%dW fast charging.", "%dMP main camera.", "Dual SIM."},
		sizes:      []string{"128GB", "256GB", "512GB"}, colors: []string{"black", "white", "green"}, minPrice: 999},
	{id: "audio", zh: []string{"蓝牙耳机", "降噪耳机", "头戴式耳机"}, en: []string{"Earbuds", "Headphones"},
		zhAdj: []string{"主动降噪", "无线", "运动"}, enAdj: []string{"Noise-cancelling", "Wireless", "Sport"},
		zhSentence: []string{"单次续航%d小时。", "蓝牙5.3连接稳定。", "佩戴舒适不压耳。"},
		enSentence: []string{"%d hours of playback.", "Bluetooth 5.3.", "Comfortable fit."},
		colors:     []string{"white", "black"}, minPrice: 99},
	{id: "air-conditioners", zh: []string{"空调", "空调挂机", "空调柜机"}, en: []string{"Air Conditioner"},
		zhAdj: []string{"变频", "一级能效", "冷暖", "新风"}, enAdj: []string{"Inverter", "Energy-saving"},
		zhSentence: []string{"适合%d平方米房间。", "新一级能效，省电。", "自清洁，静音睡眠模式。", "含标准安装。"},
		enSentence: []string{"For rooms up to %d square metres.", "Quiet sleep mode.", "Standard installation included."},
		sizes:      []string{"1匹", "1.5匹", "2匹", "3匹"}, minPrice: 1999},
	{id: "refrigerators", zh: []string{"冰箱", "对开门冰箱", "十字门冰箱"}, en: []string{"Refrigerator", "Fridge"},
		zhAdj: []string{"风冷无霜", "一级能效", "大容量", "嵌入式"}, enAdj: []string{"Frost-free", "Large"},
		zhSentence: []string{"%d升大容量。", "风冷无霜不结冰。", "日耗电约0.%d度。"},
		enSentence: []string{"%d litre capacity.", "Frost-free cooling."},
		sizes:      []string{"400L", "500L", "600L"}, colors: []string{"silver", "black"}, minPrice: 1999},
	{id: "washing-machines", zh: []string{"洗衣机", "滚筒洗衣机", "波轮洗衣机"}, en: []string{"Washing Machine"},
		zhAdj: []string{"洗烘一体", "变频", "除菌"}, enAdj: []string{"Washer-dryer", "Inverter"},
		zhSentence: []string{"%d公斤大容量。", "蒸汽除菌除螨。", "静音脱水。"},
		enSentence: []string{"%d kg drum.", "Steam hygiene wash."},
		sizes:      []string{"8kg", "10kg", "12kg"}, minPrice: 1299},
	{id: "tvs", zh: []string{"电视", "液晶电视", "游戏电视"}, en: []string{"Smart TV", "4K TV"},
		zhAdj: []string{"4K", "高刷", "护眼", "全面屏"}, enAdj: []string{"4K", "120Hz", "QLED"},
		zhSentence: []string{"%d英寸大屏。", "%dHz高刷新率。", "内置投屏。"},
		enSentence: []string{"%d-inch screen.", "%dHz refresh rate."},
		sizes:      []string{"55英寸", "65英寸", "75英寸", "85英寸"}, minPrice: 1999},
	{id: "kitchen-appliances", zh: []string{"电水壶", "空气炸锅", "电饭煲", "破壁机"}, en: []string{"Kettle", "Air Fryer", "Rice Cooker", "Blender"},
		zhAdj: []string{"不锈钢", "大容量", "智能"}, enAdj: []string{"Stainless", "Large", "Smart"},
		zhSentence: []string{"%d升容量。", "防干烧自动断电。", "内胆不粘易清洗。"},
		enSentence: []string{"%d litre capacity.", "Auto shut-off.", "Non-stick, easy to clean."},
		colors:     []string{"white", "black", "silver"}, minPrice: 99},
	{id: "apparel", zh: []string{"T恤", "卫衣", "羽绒服", "牛仔裤", "连衣裙", "夹克", "衬衫"}, en: []string{"T-Shirt", "Hoodie", "Down Jacket", "Jeans", "Dress", "Shirt"},
		zhAdj: []string{"纯棉", "宽松", "修身", "加绒", "轻薄", "男款", "女款"}, enAdj: []string{"Cotton", "Relaxed", "Slim", "Fleece"},
		zhSentence: []string{"面料柔软亲肤。", "版型偏大，建议拍小一码。", "版型正常。", "建议手洗，不可暴晒。", "含棉量%d%%。"},
		enSentence: []string{"Soft fabric.", "Runs large; size down.", "Machine wash cold.", "%d%% cotton."},
		sizes:      []string{"S", "M", "L", "XL", "XXL"}, colors: []string{"white", "black", "grey", "navy"}, minPrice: 59},
}

var genBrandsZh = []string{"星途", "跃动", "清风", "冰川", "净澈", "视界", "素织", "暖岚", "声悦", "焙乐", "锐思", "极光", "山海", "青禾", "木白"}
var genBrandsEn = []string{"Stride", "Nova", "HomeJoy", "Denimo", "Apex", "Lumen", "Vertex", "Polar", "Kite", "Orbit"}

// serviceSentences are the service promises real listings repeat; they make the
// benchmark honest, because they compete with the FAQs for service questions.
var serviceSentences = []string{"支持7天无理由退货。", "全国包邮。", "下单48小时内发货。", "支持开具电子发票。", "参加国家补贴。", "会员专享95折。"}

// generateCatalog makes n products (about 70% Chinese), deterministic for a seed.
func generateCatalog(n int, seed uint64) *shop.Catalog {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	c := &shop.Catalog{Currency: "CNY", Products: make([]shop.Product, 0, n)}
	for i := 0; i < n; i++ {
		cat := &genCategories[r.IntN(len(genCategories))]
		p := shop.Product{ID: fmt.Sprintf("g-%d", i), Category: cat.id, MembershipEligible: r.IntN(2) == 0}
		model := fmt.Sprintf("%c%d", 'A'+rune(r.IntN(26)), 1+r.IntN(99))
		var desc strings.Builder
		if r.IntN(10) < 7 {
			p.Lang, p.Brand = "zh", pick(genBrandsZh)
			p.Title = fmt.Sprintf("%s %s %s %s", p.Brand, model, pick(cat.zhAdj), pick(cat.zh))
			for k := 0; k < 2+r.IntN(3); k++ {
				desc.WriteString(sentence(pick(cat.zhSentence), r))
			}
			if r.IntN(3) == 0 {
				desc.WriteString(pick(serviceSentences))
			}
			p.Tags = []string{pick(cat.zhAdj), pick(cat.zh)}
		} else {
			p.Lang, p.Brand = "en", pick(genBrandsEn)
			p.Title = fmt.Sprintf("%s %s %s %s", p.Brand, model, pick(cat.enAdj), pick(cat.en))
			for k := 0; k < 2+r.IntN(3); k++ {
				desc.WriteString(sentence(pick(cat.enSentence), r) + " ")
			}
			p.Tags = []string{strings.ToLower(pick(cat.enAdj)), strings.ToLower(pick(cat.en))}
		}
		p.Description = desc.String()
		p.SKUs = genSKUs(p.ID, cat, r)
		c.Products = append(c.Products, p)
	}
	return c
}

func sentence(tmpl string, r *rand.Rand) string {
	if strings.Contains(tmpl, "%d") {
		return fmt.Sprintf(tmpl, 5+r.IntN(95))
	}
	return tmpl
}

func genSKUs(pid string, cat *genCategory, r *rand.Rand) []shop.SKU {
	sizes, colors := cat.sizes, cat.colors
	if len(sizes) == 0 {
		sizes = []string{""}
	}
	if len(colors) == 0 {
		colors = []string{""}
	}
	price := (cat.minPrice + int64(r.IntN(int(cat.minPrice)*3))) * 100
	var out []shop.SKU
	for _, col := range colors[:1+r.IntN(len(colors))] {
		for _, sz := range sizes {
			attrs := map[string]string{}
			if sz != "" {
				attrs["size"] = sz
			}
			if col != "" {
				attrs["color"] = col
			}
			out = append(out, shop.SKU{ID: fmt.Sprintf("%s-%d", pid, len(out)), Price: price, Stock: r.IntN(50), Attributes: shop.AttrsOf(attrs)})
		}
	}
	return out
}
