package shop

import "time"

// Snapshot is an immutable, indexed view of the imported data. Readers (search,
// pricing, the agent's tools) take the current snapshot once per request and never
// see a half-applied import: an import builds a new Snapshot and swaps it in.
type Snapshot struct {
	Catalog    *Catalog
	Orders     *Orders
	CatalogAt  time.Time // when the catalog was imported (zero if never)
	OrdersAt   time.Time
	OrdersGen  string   // the stored orders generation these orders are (refund patches name it)
	productIdx []int32  // product positions sorted by id (index.go)
	skuIdx     []skuRef // sku places sorted by sku id (index.go)
	custIdx    map[string]int
	orderIdx   map[string]int // order id → index; ids are unique in a validated document
}

// NewSnapshot indexes the documents; nil documents are treated as empty.
func NewSnapshot(c *Catalog, o *Orders) *Snapshot {
	s := &Snapshot{}
	s.indexCatalog(c)
	s.indexOrders(o)
	return s
}

// The indexes are never changed once built, so a new snapshot of one document
// shares the other's: an orders import or a refund does not re-index 100k products.

// withCatalog is s with another catalog (the orders and their index shared).
func (s *Snapshot) withCatalog(c *Catalog) *Snapshot {
	n := *s
	n.indexCatalog(c)
	return &n
}

// withOrders is s with other orders (the catalog and its index shared).
func (s *Snapshot) withOrders(o *Orders) *Snapshot {
	n := *s
	n.indexOrders(o)
	return &n
}

// withOrder is s with order i replaced by one with the same id: every index holds.
func (s *Snapshot) withOrder(i int, o Order) *Snapshot {
	n := *s
	n.Orders = &Orders{Customers: s.Orders.Customers, Orders: append([]Order(nil), s.Orders.Orders...)}
	n.Orders.Orders[i] = o
	return &n
}

func (s *Snapshot) indexCatalog(c *Catalog) {
	if c == nil {
		c = &Catalog{}
	}
	s.Catalog = c
	s.productIdx = indexProducts(c.Products)
	s.skuIdx = indexSKUs(c.Products)
}

func (s *Snapshot) indexOrders(o *Orders) {
	if o == nil {
		o = &Orders{}
	}
	s.Orders = o
	s.custIdx = make(map[string]int, len(o.Customers))
	s.orderIdx = make(map[string]int, len(o.Orders))
	for i := range o.Customers {
		s.custIdx[o.Customers[i].User] = i
	}
	for i := range o.Orders {
		if _, dup := s.orderIdx[o.Orders[i].ID]; !dup { // first wins, as a scan would
			s.orderIdx[o.Orders[i].ID] = i
		}
	}
}

// Customer returns the customer record for a Mattermost username. An unknown user has
// no tier and no coupons (SPEC §4), so a zero Customer is returned, never nil.
func (s *Snapshot) Customer(user string) *Customer {
	if i, ok := s.custIdx[user]; ok {
		return &s.Orders.Customers[i]
	}
	return &Customer{User: user}
}

// OrdersOf returns the orders of one user, in document order. This is the only way
// the rest of the plugin reaches orders, so that one customer never sees another's.
func (s *Snapshot) OrdersOf(user string) []Order {
	var out []Order
	for _, o := range s.Orders.Orders {
		if o.User == user {
			out = append(out, o)
		}
	}
	return out
}

// OrderOf returns the order with that id if it belongs to user; otherwise nil, the
// same answer as for an order that does not exist (no probing of other ids).
func (s *Snapshot) OrderOf(user, orderID string) *Order {
	i, ok := s.orderIdx[orderID]
	if !ok || s.Orders.Orders[i].User != user {
		return nil
	}
	return &s.Orders.Orders[i]
}
