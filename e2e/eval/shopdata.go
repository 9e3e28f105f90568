package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Shop data as the eval imports it: the shop's own files with every timestamp
// moved by (real now − the set's anchor), so that answers worked out at the
// anchor stay true, and with one customer renamed to the Mattermost user who
// asks a question (each question gets a user of its own, hence a fresh DM).

// Doc is a JSON document kept generic, so that fields this package does not
// know travel unchanged; numbers stay json.Number (no float rounding).
type Doc = map[string]any

// DecodeDoc decodes a JSON object keeping numbers exact.
func DecodeDoc(data []byte) (Doc, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var d Doc
	if err := dec.Decode(&d); err != nil {
		return nil, err
	}
	return d, nil
}

// ShiftCatalog returns a copy of the catalog with the timestamps of its
// promotions moved by d.
func ShiftCatalog(cat Doc, d time.Duration) Doc {
	out := shallowCopy(cat)
	if p, ok := cat["promotions"]; ok {
		out["promotions"] = shiftAll(p, d)
	}
	return out
}

// ShiftOrders returns a copy of the orders document with every timestamp in it
// (paid_at, delivered_at, coupons' expires …) moved by d and every customer
// named in rename (customers[].user, orders[].user) renamed.
func ShiftOrders(orders Doc, d time.Duration, rename map[string]string) Doc {
	out, _ := shiftAll(orders, d).(Doc)
	for _, list := range []string{"customers", "orders"} {
		items, _ := out[list].([]any)
		for _, it := range items {
			m, ok := it.(Doc)
			if !ok {
				continue
			}
			if u, ok := m["user"].(string); ok {
				if to, ok := rename[u]; ok {
					m["user"] = to
				}
			}
		}
	}
	return out
}

// Customers lists the customer usernames a shop's orders document names.
func Customers(orders Doc) []string {
	var out []string
	seen := map[string]bool{}
	for _, list := range []string{"customers", "orders"} {
		items, _ := orders[list].([]any)
		for _, it := range items {
			if m, ok := it.(Doc); ok {
				if u, ok := m["user"].(string); ok && u != "" && !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
			}
		}
	}
	return out
}

// shiftAll deep-copies v, moving every string that is an RFC 3339 timestamp by d
// (in the timestamp's own offset).
func shiftAll(v any, d time.Duration) any {
	switch x := v.(type) {
	case Doc:
		m := make(Doc, len(x))
		for k, e := range x {
			m[k] = shiftAll(e, d)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = shiftAll(e, d)
		}
		return l
	case string:
		return ShiftTimestamp(x, d)
	}
	return v
}

// ShiftTimestamp moves an RFC 3339 timestamp by d, keeping its offset; any other
// string is returned unchanged.
func ShiftTimestamp(s string, d time.Duration) string {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || (s[10] != 'T' && s[10] != 't') {
		return s
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.Add(d).In(t.Location()).Format(time.RFC3339Nano)
}

func shallowCopy(d Doc) Doc {
	out := make(Doc, len(d))
	for k, v := range d {
		out[k] = v
	}
	return out
}

// Shift is how far a set's data moves: now − anchor (0 without an anchor).
func Shift(s *Set, now time.Time) (time.Duration, error) {
	a, ok, err := s.AnchorTime()
	if err != nil || !ok {
		return 0, err
	}
	return now.Sub(a), nil
}

// MustJSON encodes v (a Doc) for a request body.
func MustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encode: %v", err))
	}
	return data
}
