package agent

import (
	"slices"
	"testing"
)

// A value's note in brackets is a part of its own, and a part that says what the
// variant lacks is not named by the gloss of it: "the kit with the battery" is the
// 套装(含4Ah电池+充电器), not the 裸机(不含电池); "中株" names 中株(6-8叶).
func TestValuePartsAndWhatAVariantLacks(t *testing.T) {
	if got := valueParts("套装(含4Ah电池+充电器)"); !slices.Equal(got, []string{"套装", "含4ah电池", "充电器"}) {
		t.Errorf("parts %v", got)
	}
	q := "how much is the mower kit with the battery?"
	if kit, bare := valueScore(q, q, "package", "套装(含4Ah电池+充电器)"), valueScore(q, q, "package", "裸机(不含电池)"); kit <= bare || bare != 0 {
		t.Errorf("kit %d, bare %d", kit, bare)
	}
	if valueScore("龟背竹中株多少钱", "龟背竹中株多少钱", "size", "中株(6-8叶)") != 1 || valueScore("龟背竹中株多少钱", "龟背竹中株多少钱", "size", "小株(3-4叶)") != 0 {
		t.Error("中株 names 中株(6-8叶) alone")
	}
}
