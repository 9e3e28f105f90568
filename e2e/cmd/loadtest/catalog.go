package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Words the generated products are made of: enough variety that a search term
// matches hundreds of products, not all of them or one.
var (
	adjectives = [][2]string{{"轻量", "Lightweight"}, {"透气", "Breathable"}, {"保暖", "Warm"}, {"防水", "Waterproof"},
		{"经典", "Classic"}, {"加厚", "Thick"}, {"便携", "Portable"}, {"静音", "Quiet"}, {"速干", "Quick-dry"}, {"复古", "Retro"},
		{"智能", "Smart"}, {"无线", "Wireless"}, {"折叠", "Folding"}, {"大容量", "Large"}, {"儿童", "Kids"}, {"商务", "Business"}}
	nouns = [][2]string{{"跑鞋", "Running Shoe"}, {"夹克", "Jacket"}, {"背包", "Backpack"}, {"保温杯", "Vacuum Flask"},
		{"耳机", "Headphones"}, {"台灯", "Desk Lamp"}, {"毛衣", "Sweater"}, {"帐篷", "Tent"}, {"电饭煲", "Rice Cooker"},
		{"行李箱", "Suitcase"}, {"瑜伽垫", "Yoga Mat"}, {"衬衫", "Shirt"}, {"手表", "Watch"}, {"雨伞", "Umbrella"},
		{"枕头", "Pillow"}, {"键盘", "Keyboard"}, {"水壶", "Kettle"}, {"围巾", "Scarf"}, {"登山鞋", "Hiking Boot"}, {"充电宝", "Power Bank"}}
	colors = [][2]string{{"黑色", "Black"}, {"白色", "White"}, {"蓝色", "Blue"}}
)

// genTitle is product i's bilingual title.
func genTitle(i int) string {
	a, n := adjectives[i%len(adjectives)], nouns[(i/len(adjectives))%len(nouns)]
	return fmt.Sprintf("%s%s 第%d款 %s %s %d", a[0], n[0], i, a[1], n[1], i)
}

// buildCatalog is the shop's own catalog (its FAQs, policies and promotions,
// which the offline planner answers from) with n generated products added:
// bilingual titles and descriptions, tags, three skus, a size chart on every
// fifth (about 700 bytes a product, as a real shop's).
func buildCatalog(root string, n int) ([]byte, error) {
	raw, err := os.ReadFile(filepath.Join(root, "assets", "demo", "catalog.json"))
	if err != nil {
		return nil, fmt.Errorf("read the demo catalog: %w", err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("decode the demo catalog: %w", err)
	}
	var own []json.RawMessage
	if err := json.Unmarshal(doc["products"], &own); err != nil {
		return nil, fmt.Errorf("decode the demo products: %w", err)
	}
	delete(doc, "products")
	rest, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	_, _ = w.WriteString(`{"products":[`)
	for i, p := range own {
		if i > 0 {
			_ = w.WriteByte(',')
		}
		_, _ = w.Write(p)
	}
	for i := range n {
		if i > 0 || len(own) > 0 {
			_ = w.WriteByte(',')
		}
		writeProduct(w, i)
	}
	_, _ = w.WriteString("],")
	_, _ = w.Write(rest[1:]) // the other keys, without their opening brace
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeProduct(w *bufio.Writer, i int) {
	a, n := adjectives[i%len(adjectives)], nouns[(i/len(adjectives))%len(nouns)]
	fmt.Fprintf(w, `{"id":"gen-%d","title":%q,"brand":"品牌%d Brand %d","category":"gen-cat-%d",`+
		`"description":"%s%s，做工扎实，日常使用与送礼皆宜，第%d批次。A %s %s, well made for everyday use or as a gift, batch %d.",`+
		`"tags":[%q,%q,%q],"membership_eligible":true,`,
		i, genTitle(i), i%300, i%300, i%40, a[0], n[0], i%97, a[1], n[1], i%97, a[0], n[0], n[1])
	if i%5 == 0 {
		fmt.Fprint(w, `"size_chart":{"system":"EU","fit_mm":5,"rows":[{"size":"38","foot_mm":240},{"size":"39","foot_mm":245},{"size":"40","foot_mm":250}]},`)
	}
	fmt.Fprint(w, `"skus":[`)
	for j, c := range colors {
		if j > 0 {
			_ = w.WriteByte(',')
		}
		fmt.Fprintf(w, `{"id":"gen-%d-%d","price":%d,"stock":%d,"attributes":{"color":"%s %s","size":"%d"}}`,
			i, j, 9900+i%500*100, i%50, c[0], c[1], 38+j)
	}
	fmt.Fprint(w, `]}`)
}

// searchQueries are what staff look up while customers are being answered.
func searchQueries() []string {
	var qs []string
	for i, n := range nouns {
		a := adjectives[i%len(adjectives)]
		qs = append(qs, a[0]+n[0], a[1]+" "+n[1], n[0])
	}
	return append(qs, "退货", "shipping time", "包邮吗", genTitle(4242), "gen-77777")
}
