package agent

import (
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/shop"
)

// The customer's own coupons ("我那张D20的券还能用吗", "what coupons do I have?"):
// each with what it takes off, from what spend, and until when — or that it has
// expired. Only the poster's coupons, as the quote reads them.

var couponWords = cues("coupon")

// asksCoupons: a coupon of theirs named, or their coupons asked about, with no
// product to price.
func (s *session) asksCoupons() bool {
	if len(s.namedProducts(s.text)) > 0 || s.says(priceWords) {
		return false
	}
	held := s.snap.Customer(s.turn.Customer.Username).Coupons
	return couponCode(s.text, held) != "" || s.says(couponWords) && s.says(mineWords) && !s.says(howTo)
}

var mineWords = cues("mine")

func (s *session) answerCoupons() section {
	s.private = true
	held := s.snap.Customer(s.turn.Customer.Username).Coupons
	if len(held) == 0 {
		return section{text: s.t("agent.coupons.none")}
	}
	code := couponCode(s.text, held)
	now := s.d.now()
	var lines []string
	for i := range held {
		c := &held[i]
		if code != "" && !strings.EqualFold(c.Code, code) {
			continue
		}
		lines = append(lines, s.couponLine(c, now))
	}
	return section{text: s.t("agent.coupons.head") + "\n" + bullet(lines)}
}

// couponLine: "C50: ¥50 off from ¥300, until 2026-12-31", or expired.
func (s *session) couponLine(c *shop.Coupon, now time.Time) string {
	what := s.t("agent.coupons.off", c.Code, s.money(c.Off), s.money(c.Threshold))
	switch {
	case c.ExpiredAt(now):
		return what + s.t("agent.coupons.expired", s.until(*c.Expires))
	case c.Expires != nil:
		return what + s.t("agent.coupons.until", s.until(*c.Expires))
	}
	return what + s.t("agent.coupons.no_end")
}
