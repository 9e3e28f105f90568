package knowledge

import (
	"slices"
	"testing"
)

// Concepts names what a text asks about, whatever its language.
func TestConceptsOfTranslations(t *testing.T) {
	en, zh := Concepts("Can I pay by card in installments?"), Concepts("支持哪些付款方式？能分期吗？")
	if len(en) == 0 || !slices.Equal(en, zh) {
		t.Errorf("Concepts: %v (en) vs %v (zh)", en, zh)
	}
	if slices.Equal(Concepts("多久发货？"), zh) {
		t.Error("a shipping question shares the payment question's concepts")
	}
}

// Fakes and taxes in the words customers use for them.
func TestConceptsOfFakesAndTaxes(t *testing.T) {
	for text, want := range map[string]string{"怎么保证不是假酒啊": "genuine", "到了还要我自己交关税吗": "tax", "do I pay import taxes?": "tax"} {
		if !slices.Contains(Concepts(text), want) {
			t.Errorf("Concepts(%q) = %v, want %s", text, Concepts(text), want)
		}
	}
}

// Unboxing and signing for a parcel are the inspect concept, one of the shop's
// matters, as damage is.
func TestConceptsOfInspection(t *testing.T) {
	if cs := Concepts("电视送到家拆开发现屏幕有划痕怎么办"); !slices.Contains(cs, "inspect") || !slices.Contains(cs, "damaged") {
		t.Errorf("Concepts = %v", cs)
	}
	if !ShopMatter("inspect") || !ShopMatter("damaged") {
		t.Error("inspection and damage are the shop's matters")
	}
}

// Fetching an order oneself, in the words customers use, is the pickup concept.
func TestConceptsOfPickingUp(t *testing.T) {
	for _, text := range []string{"can I just come and grab the flowers myself?", "我自己过来拿可以吗"} {
		if !slices.Contains(Concepts(text), "pickup") {
			t.Errorf("Concepts(%q) = %v, want pickup", text, Concepts(text))
		}
	}
	// Card schemes are ways to pay.
	if !slices.Contains(Concepts("do you take Visa?"), "payment") {
		t.Errorf("Concepts(Visa) = %v, want payment", Concepts("do you take Visa?"))
	}
}

// Hong Kong by its own name is shipping abroad, as 港澳台 and "hong kong" were.
func TestConceptsOfHongKong(t *testing.T) {
	for _, text := range []string{"我人在香港，可以直接寄过来吗", "寄香港可以吗", "能寄到港澳吗"} {
		if !slices.Contains(Concepts(text), "overseas") {
			t.Errorf("Concepts(%q) = %v, want overseas", text, Concepts(text))
		}
	}
}

// Service hours, asked and answered in English words the lexicon did not have.
func TestConceptsOfServiceHours(t *testing.T) {
	for _, text := range []string{"what time does your support close at night?", "Our online team is available every day from 9:00 to 22:00 (Beijing time)."} {
		if !slices.Contains(Concepts(text), "hours") {
			t.Errorf("Concepts(%q) = %v, want hours", text, Concepts(text))
		}
	}
}
