package commerce

import (
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// The SPEC §4 steps 2–6. Each step reads every line's amount after the previous step
// and lowers it; "best single" always means the largest total off after caps, ties to
// the first in the document (a strict > comparison in document order does that).

// itemOff is what one item promotion takes off a line of amount (qty units):
// percent_off → round(amount × p/100); amount_off is per unit → min(amount, off × qty).
func itemOff(pr *shop.Promotion, amount shop.Money, qty int64) shop.Money {
	switch {
	case pr.PercentOff != nil:
		return Percent(amount, *pr.PercentOff)
	case pr.AmountOff != nil:
		return min(amount, satMul(*pr.AmountOff, qty))
	}
	return 0
}

// Step 2: each line takes the one item promotion that takes most off it.
func (p *pricer) itemDiscounts() {
	p.bestPerLine(shop.PromoItemDiscount, func(*pricedLine) bool { return true },
		func(pr *shop.Promotion, l *pricedLine) shop.Money { return itemOff(pr, l.amt, l.qty) })
}

// Step 6: each subsidy-eligible line takes its best single subsidy:
// min(round(amount × percent/100), cap_per_unit × qty).
func (p *pricer) subsidy() {
	p.bestPerLine(shop.PromoSubsidy, func(l *pricedLine) bool { return l.prod.SubsidyEligible },
		func(pr *shop.Promotion, l *pricedLine) shop.Money {
			off := Percent(l.amt, pr.Percent)
			if pr.CapPerUnit != nil {
				off = min(off, satMul(*pr.CapPerUnit, l.qty))
			}
			return off
		})
}

// bestPerLine applies, line by line, the single in-scope promotion of type typ that
// takes most off that line, then reports one step per promotion in document order.
func (p *pricer) bestPerLine(typ string, eligible func(*pricedLine) bool,
	off func(*shop.Promotion, *pricedLine) shop.Money) {
	sums := make([]shop.Money, len(p.promos))
	for li := range p.lines {
		l := &p.lines[li]
		if !eligible(l) {
			continue
		}
		best, bestOff := -1, shop.Money(0)
		for pi := range p.promos {
			pr := &p.promos[pi]
			if pr.Type != typ || !pr.Covers(l.prod) {
				continue
			}
			if o := min(off(pr, l), l.amt); o > bestOff {
				best, bestOff = pi, o
			}
		}
		if best >= 0 {
			l.amt -= bestOff
			sums[best] += bestOff
		}
	}
	for pi, s := range sums {
		p.addStep(typ, p.promos[pi].ID, p.promos[pi].DisplayTitle(), s)
	}
}

// Step 3: spend-and-save on the sum S of in-scope lines: off × (repeat ? ⌊S/threshold⌋
// : [S ≥ threshold]), capped by max_off and by S, shared over those lines.
func (p *pricer) spendSave() {
	p.bestOverLines(shop.PromoSpendSave,
		func(*shop.Promotion, *pricedLine) bool { return true },
		func(pr *shop.Promotion, amounts []shop.Money) []shop.Money {
			if pr.Threshold <= 0 {
				return nil // invalid (validation forbids it): never divide by it
			}
			var s shop.Money
			for _, a := range amounts {
				s += a
			}
			var times int64
			if pr.Repeat {
				times = s / pr.Threshold
			} else if s >= pr.Threshold {
				times = 1
			}
			d := satMul(pr.Off, times)
			if pr.MaxOff != nil {
				d = min(d, max(*pr.MaxOff, 0))
			}
			return Share(min(d, s), amounts)
		})
}

// Step 5: membership for the customer's tier on eligible in-scope lines:
// round(amount × p/100) per line; above max_off, max_off shared by amount.
func (p *pricer) membership(cust *shop.Customer) {
	if cust.Tier == "" {
		return // no tier: no membership promotion can match
	}
	p.bestOverLines(shop.PromoMembership,
		func(pr *shop.Promotion, l *pricedLine) bool {
			return pr.Tier == cust.Tier && l.prod.MembershipEligible
		},
		func(pr *shop.Promotion, amounts []shop.Money) []shop.Money {
			if pr.PercentOff == nil {
				return nil
			}
			offs := make([]shop.Money, len(amounts))
			var sum shop.Money
			for i, a := range amounts {
				offs[i] = Percent(a, *pr.PercentOff)
				sum += offs[i]
			}
			if pr.MaxOff != nil && sum > *pr.MaxOff {
				return Share(max(*pr.MaxOff, 0), amounts)
			}
			return offs
		})
}

// bestOverLines evaluates every promotion of type typ over its covered lines (in
// scope and eligible), keeps the single one with the largest total off and applies it.
// offs receives the covered lines' amounts and returns what each line loses.
func (p *pricer) bestOverLines(typ string, eligible func(*shop.Promotion, *pricedLine) bool,
	offs func(*shop.Promotion, []shop.Money) []shop.Money) {
	var bestIdx []int
	var bestOffs []shop.Money
	best, bestSum := -1, shop.Money(0)
	for pi := range p.promos {
		pr := &p.promos[pi]
		if pr.Type != typ {
			continue
		}
		var idx []int
		var amounts []shop.Money
		for li := range p.lines {
			if l := &p.lines[li]; pr.Covers(l.prod) && eligible(pr, l) {
				idx = append(idx, li)
				amounts = append(amounts, l.amt)
			}
		}
		if len(idx) == 0 {
			continue
		}
		o := offs(pr, amounts)
		var sum shop.Money
		for i := range o {
			o[i] = min(max(o[i], 0), amounts[i])
			sum += o[i]
		}
		if sum > bestSum {
			best, bestSum, bestIdx, bestOffs = pi, sum, idx, o
		}
	}
	if best < 0 {
		return
	}
	for k, li := range bestIdx {
		p.lines[li].amt -= bestOffs[k]
	}
	p.addStep(typ, p.promos[best].ID, p.promos[best].DisplayTitle(), bestSum)
}

// Step 4: one coupon over the whole cart, min(off, cart sum), shared by line amounts.
func (p *pricer) coupon(cust *shop.Customer, code string) {
	sum := p.total()
	c := p.pickCoupon(cust, code, sum)
	if c == nil {
		return
	}
	d := min(max(c.Off, 0), sum)
	amounts := make([]shop.Money, len(p.lines))
	for i, l := range p.lines {
		amounts[i] = l.amt
	}
	for i, o := range Share(d, amounts) {
		p.lines[i].amt -= o
	}
	p.addStep(KindCoupon, c.Code, c.Code, d)
}

// pickCoupon: without a code, the held unexpired coupon with the largest off whose
// threshold ≤ sum (ties: first in the customer's list). With a code, only that one,
// if held, unexpired and its threshold met; otherwise a note says why and no coupon.
func (p *pricer) pickCoupon(cust *shop.Customer, code string, sum shop.Money) *shop.Coupon {
	usable := func(c *shop.Coupon) bool { return !c.ExpiredAt(p.at) && c.Threshold <= sum }
	if code == "" {
		var best *shop.Coupon
		for i := range cust.Coupons {
			if c := &cust.Coupons[i]; usable(c) && (best == nil || c.Off > best.Off) {
				best = c
			}
		}
		return best
	}
	held := heldCoupons(cust, code)
	var best *shop.Coupon
	for _, c := range held {
		if usable(c) && (best == nil || c.Off > best.Off) {
			best = c
		}
	}
	switch {
	case best != nil:
		return best
	case len(held) == 0:
		p.notes = append(p.notes, CouponNotHeldNote(code))
	case held[0].ExpiredAt(p.at):
		p.notes = append(p.notes, i18n.M("commerce.note.coupon_expired", held[0].Code, i18n.Deadline(*held[0].Expires)))
	default:
		c := held[0]
		p.notes = append(p.notes, i18n.M("commerce.note.coupon_threshold", c.Code,
			FormatMoney(c.Threshold, p.cur), FormatMoney(sum, p.cur), FormatMoney(c.Threshold-sum, p.cur)))
	}
	return nil
}

// heldCoupons finds the customer's coupons with that code: exact matches, or else
// matches ignoring case (customers type "c50" for "C50").
func heldCoupons(cust *shop.Customer, code string) []*shop.Coupon {
	var exact, folded []*shop.Coupon
	for i := range cust.Coupons {
		c := &cust.Coupons[i]
		if c.Code == code {
			exact = append(exact, c)
		} else if strings.EqualFold(c.Code, code) {
			folded = append(folded, c)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return folded
}

// UnitPriceAt is the sku's price for one unit at a moment after step 2 only (its best
// item promotion): what price protection compares with. ok is false for an unknown sku.
func UnitPriceAt(snap *shop.Snapshot, skuID string, at time.Time) (price shop.Money, ok bool) {
	sku, prod := snap.SKU(skuID)
	if sku == nil {
		return 0, false
	}
	p := &pricer{lines: []pricedLine{{sku: sku, prod: prod, qty: 1, list: max(sku.Price, 0), amt: max(sku.Price, 0)}},
		promos: activePromotions(snap, at), at: at}
	p.itemDiscounts()
	return p.lines[0].amt, true
}
