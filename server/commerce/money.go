package commerce

import (
	"math"
	"math/bits"
	"sort"

	"github.com/concierge-shop/concierge/server/shop"
)

// Integer money arithmetic. Nothing here uses floats: percentages are integers and a
// product that could exceed int64 is computed in 128 bits (math/bits), so a huge
// price cannot wrap around into a negative amount.

// Percent is round-half-up(amount × p / 100) for amount ≥ 0, p clamped to 0..100.
// Half a cent rounds up: 25% of 1 cent = 0.25 → 0; 50% of 1 cent = 0.5 → 1.
func Percent(amount shop.Money, p int64) shop.Money {
	if amount <= 0 || p <= 0 {
		return 0
	}
	p = min(p, 100)
	// (amount×p + 50) / 100 in 128 bits: amount < 2⁶³ and p ≤ 100, so the high word is
	// below 100 and the quotient (≤ amount) fits.
	hi, lo := bits.Mul64(uint64(amount), uint64(p))
	lo, carry := bits.Add64(lo, 50, 0)
	q, _ := bits.Div64(hi+carry, lo, 100)
	return shop.Money(q) //nolint:gosec // q ≤ amount (see above), an int64
}

// mulDiv is floor(a × b / c) for 0 ≤ a ≤ c, b ≥ 0, c > 0, so the result ≤ b fits.
func mulDiv(a, b, c shop.Money) shop.Money {
	hi, lo := bits.Mul64(uint64(a), uint64(b)) //nolint:gosec // a, b ≥ 0 by the precondition
	q, _ := bits.Div64(hi, lo, uint64(c))      //nolint:gosec // c > 0 by the precondition
	return shop.Money(q)                       //nolint:gosec // q ≤ b, an int64
}

// satMul is a × b for a, b ≥ 0, saturating at MaxInt64 instead of wrapping.
func satMul(a, b int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(lo)
}

// satAdd is a + b for a, b ≥ 0, saturating at MaxInt64.
func satAdd(a, b int64) int64 {
	if s := a + b; s >= a {
		return s
	}
	return math.MaxInt64
}

// Share splits a discount d over covered lines with amounts a₁…aₙ (SPEC §4 sharing
// rule): line i gets floor(d × aᵢ / A), A = Σaᵢ; the cents left over go one each to
// the lines with the largest amounts (ties: the earlier line first), repeating down
// the list if needed. The result has one entry per amount and sums to d.
//
// Nothing is ever taken below 0: d is clamped to [0, A], negative amounts count as 0,
// and a line at 0 is covered but gets 0 (its floor share is 0 and, because the
// leftover is smaller than the number of positive lines, the cents never reach it).
// Precondition: A fits in int64 (every cart Price accepts does).
func Share(d shop.Money, amounts []shop.Money) []shop.Money {
	out := make([]shop.Money, len(amounts))
	var total shop.Money
	order := make([]int, 0, len(amounts))
	for i, a := range amounts {
		if a > 0 {
			total += a
			order = append(order, i)
		}
	}
	d = min(d, total)
	if d <= 0 {
		return out
	}
	left := d
	for _, i := range order {
		out[i] = mulDiv(d, amounts[i], total)
		left -= out[i]
	}
	// Largest amount first; SliceStable keeps cart order among equal amounts.
	sort.SliceStable(order, func(x, y int) bool { return amounts[order[x]] > amounts[order[y]] })
	for left > 0 {
		for _, i := range order {
			if left == 0 {
				break
			}
			out[i]++
			left--
		}
	}
	return out
}
