package i18n

import (
	"errors"
	"fmt"
	"testing"
)

// A Msg is worded only when shown, and a Msg inside it in the same language.
func TestMsgIn(t *testing.T) {
	m := M("commerce.pp.status", M("commerce.status.shipped"))
	if got, want := m.In(ZH), "价格保护只适用于已付款、已发货或已签收的订单；此订单状态为：已发货，运输中。"; got != want {
		t.Errorf("zh = %q, want %q", got, want)
	}
	if got, want := m.In(EN), "Price protection covers orders that are paid, shipped or delivered; this order is shipped, on its way."; got != want {
		t.Errorf("en = %q, want %q", got, want)
	}
	if got := M("commerce.in.unknown", "s-1").In(EN); got != `unknown sku "s-1"` {
		t.Errorf("plain argument: %q", got)
	}
	if !(Msg{}).IsZero() || (Msg{}).In(ZH) != "" || m.IsZero() {
		t.Error("the zero Msg is the empty sentence, and only it")
	}
	if got := Texts(nil, EN); got == nil || len(got) != 0 {
		t.Errorf("Texts(nil) = %#v, want an empty non-nil list", got)
	}
	if got := Texts([]Msg{M("commerce.status.paid")}, ZH); len(got) != 1 || got[0] != T(ZH, "commerce.status.paid") {
		t.Errorf("Texts = %q", got)
	}
}

type refusal struct {
	Reason string
	Msg
}

func (e *refusal) Error() string { return e.In(EN) }

// ErrorText finds the sentence of an error anywhere in its chain, in the reader's
// language; an error without one reads as its Error().
func TestErrorText(t *testing.T) {
	err := fmt.Errorf("offer: %w", &refusal{Reason: "status", Msg: M("commerce.refund.already")})
	if got := ErrorText(err, ZH); got != T(ZH, "commerce.refund.already") {
		t.Errorf("wrapped refusal in zh = %q", got)
	}
	var tx Texter
	if !errors.As(err, &tx) || tx.Message().Key != "commerce.refund.already" {
		t.Errorf("errors.As found no Texter in %v", err)
	}
	plain := errors.New("ledger unavailable")
	if got := ErrorText(plain, ZH); got != "ledger unavailable" {
		t.Errorf("plain error = %q", got)
	}
}
