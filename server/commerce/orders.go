package commerce

import (
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// OrderView is an order as SPEC §3 writes it, plus what a customer needs to read it:
// the status in plain words, item titles and the total paid. It is what the
// list_orders / get_order tools return; only the asking customer's orders are ever
// turned into views.
type OrderView struct {
	ID     string `json:"id"`
	User   string `json:"user"`
	Status string `json:"status"`
	// StatusText is Status in the reader's words, set by the caller that shows the
	// view (commerce leaves it empty; StatusMsg(Status) is the sentence).
	StatusText string     `json:"status_text"`
	PaidAt     *time.Time `json:"paid_at,omitempty"`
	// DeliveredAt: when the customer signed for it (delivered orders whose data says).
	DeliveredAt *time.Time      `json:"delivered_at,omitempty"`
	Items       []OrderItemView `json:"items"`
	Deposit     *shop.Deposit   `json:"deposit,omitempty"`
	Total       shop.Money      `json:"total"` // Σ unit_price × qty
	Currency    string          `json:"currency"`
}

// OrderItemView is an order line with the product it refers to (title, attributes).
// A sku gone from the catalog keeps its id and price, with no title.
type OrderItemView struct {
	SKUID      string     `json:"sku_id"`
	Qty        int64      `json:"qty"`
	UnitPrice  shop.Money `json:"unit_price"`
	ProductID  string     `json:"product_id,omitempty"`
	Title      string     `json:"title,omitempty"`
	Attributes shop.Attrs `json:"attributes,omitempty"`
	Refunded   shop.Money `json:"refunded,omitempty"` // price protection paid back
}

// ListOrders returns the user's own orders in document order ([] when none).
func ListOrders(snap *shop.Snapshot, user string) []OrderView {
	orders := snap.OrdersOf(user)
	out := make([]OrderView, 0, len(orders))
	for i := range orders {
		out = append(out, orderView(snap, &orders[i]))
	}
	return out
}

// GetOrder returns one of the user's orders. Another customer's order id gets the
// same *NotFoundError as an id that does not exist, so ids cannot be probed.
func GetOrder(snap *shop.Snapshot, user, orderID string) (*OrderView, error) {
	o, err := ownOrder(snap, user, orderID)
	if err != nil {
		return nil, err
	}
	v := orderView(snap, o)
	return &v, nil
}

// ownOrder is the single place commerce looks an order up: always through the user.
func ownOrder(snap *shop.Snapshot, user, orderID string) (*shop.Order, error) {
	if o := snap.OrderOf(user, orderID); o != nil && user != "" {
		return o, nil
	}
	return nil, &NotFoundError{Kind: "order", ID: orderID, Msg: i18n.M("commerce.order.not_found", orderID)}
}

func orderView(snap *shop.Snapshot, o *shop.Order) OrderView {
	v := OrderView{ID: o.ID, User: o.User, Status: o.Status,
		PaidAt: o.PaidAt, DeliveredAt: o.DeliveredAt, Deposit: o.Deposit, Items: make([]OrderItemView, 0, len(o.Items)),
		Currency: snap.Catalog.Currency}
	for _, it := range o.Items {
		iv := OrderItemView{SKUID: it.SKUID, Qty: it.Qty, UnitPrice: it.UnitPrice, Refunded: it.Refunded}
		if sku, prod := snap.SKU(it.SKUID); sku != nil {
			iv.ProductID, iv.Title, iv.Attributes = prod.ID, prod.Title, sku.Attributes
		}
		v.Items = append(v.Items, iv)
		v.Total = satAdd(v.Total, satMul(it.UnitPrice, it.Qty))
	}
	return v
}
