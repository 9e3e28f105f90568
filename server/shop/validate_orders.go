package shop

import (
	"slices"
	"strings"
)

var orderStatuses = []string{StatusDepositPaid, StatusPaid, StatusShipped, StatusDelivered, StatusRefunded, StatusCancelled}

// paidStatuses are the states in which money has been paid in full, so paid_at is
// required: price protection counts its window from it (SPEC §3 makes paid_at
// optional only outside these states).
var paidStatuses = []string{StatusPaid, StatusShipped, StatusDelivered}

// validateOrders checks the rules SPEC §3 puts on a decoded orders document. With a
// catalog, every sku_id must name one of its skus.
func validateOrders(o *Orders, cat *Snapshot, col *collector) {
	checkCustomers(o.Customers, col)
	// Order ids are global, not per customer: the refund ledger is keyed by them.
	ids := unique{kind: "shop.kind.order_id", base: "orders", field: "id", at: make(map[string][2]int, len(o.Orders))}
	for i := range o.Orders {
		ord := &o.Orders[i]
		ids.check(col, i, -1, ord.ID)
		col.requireText(at("orders", i, "user"), ord.User)
		checkOrder(i, ord, cat, col)
	}
}

func checkCustomers(customers []Customer, col *collector) {
	users := unique{kind: "shop.kind.customer", base: "customers", field: "user", at: make(map[string][2]int, len(customers))}
	for i := range customers {
		c := &customers[i]
		users.check(col, i, -1, c.User)
		// A customer names a coupon by its code (SPEC §4), so it must be unique
		// within that customer; two customers may hold the same code.
		codes := unique{kind: "shop.kind.coupon_code", base: "customers", sub: "coupons", field: "code"}
		for j := range c.Coupons {
			cp := &c.Coupons[j]
			codes.check(col, i, j, cp.Code)
			col.nonNegative(at2("customers", i, "coupons", j, "threshold"), cp.Threshold)
			col.nonNegative(at2("customers", i, "coupons", j, "off"), cp.Off)
		}
	}
}

func checkOrder(i int, ord *Order, cat *Snapshot, col *collector) {
	if !slices.Contains(orderStatuses, ord.Status) {
		col.at(at("orders", i, "status"), "shop.one_of", strings.Join(orderStatuses, ", "), ord.Status)
	}
	if ord.PaidAt == nil && slices.Contains(paidStatuses, ord.Status) {
		col.at(at("orders", i, "paid_at"), "shop.paid_at", ord.Status)
	}
	if ord.Deposit != nil {
		if ord.Status != StatusDepositPaid {
			col.at(at("orders", i, "deposit"), "shop.deposit", ord.Status)
		}
		col.nonNegative(at("orders", i, "deposit.amount"), ord.Deposit.Amount)
	}
	if len(ord.Items) == 0 {
		col.at(at("orders", i, "items"), "shop.no_items")
	}
	// One line per sku: refunds are recorded per order and sku (SPEC §4), so two
	// lines of one sku could not be told apart.
	var skuAt map[string]int
	if len(ord.Items) > 1 {
		skuAt = make(map[string]int, len(ord.Items))
	}
	for j := range ord.Items {
		it := &ord.Items[j]
		if blank(it.SKUID) {
			col.requireText(at2("orders", i, "items", j, "sku_id"), it.SKUID)
		} else {
			if skuAt != nil {
				if first, dup := skuAt[it.SKUID]; dup {
					col.at(at2("orders", i, "items", j, "sku_id"), "shop.dup_item", it.SKUID, first)
				} else {
					skuAt[it.SKUID] = j
				}
			}
			if cat != nil {
				if s, _ := cat.SKU(it.SKUID); s == nil {
					col.at(at2("orders", i, "items", j, "sku_id"), "shop.unknown_sku", it.SKUID)
				}
			}
		}
		if it.Qty < 1 {
			col.at(at2("orders", i, "items", j, "qty"), "shop.qty", it.Qty)
		}
		col.nonNegative(at2("orders", i, "items", j, "unit_price"), it.UnitPrice)
	}
}
