package sip2server

import (
	"context"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/sip2"
)

// feePaid answers a fee paid (37) with a fee paid response (38): the
// payment is taken through fees.Service.Pay — a machine may only take
// money, never waive — at the desk "sip2:"+login, against the charge the
// fee identifier (CG) names (its number, as listed in the fine items of a
// patron information response) or, without CG, against the patron's
// outstanding charges, oldest first. The amount (BV) is in yuan, at most
// two decimals ("12.50", "3"); the currency must be CNY (or blank). The
// payment type gives the method: 00 cash, 01 VISA and 02 credit card
// card, any other code other. The fee type is not read. The transaction
// id (BK) is echoed, kept in the payment's note ("SIP2 BK <id>"), and
// makes a repeated message harmless: a payment with the same BK already
// taken from this machine for the patron is answered as accepted again
// without taking it twice.
//
// Accepted: payment accepted Y, a screen message with the amount, the
// receipt number and what is still owed. Refused (unknown patron, wrong
// password, a bad amount, more than is owed, an unknown or settled
// charge): N, with the reason.
func (c *Circulation) feePaid(ctx context.Context, s *Session, m *sip2.FeePaid) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.FeePaidResponse{TransactionDate: x.stamp(), InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID,
		TransactionID: m.TransactionID}
	card := trim(m.PatronID)
	if card == "" {
		r.ScreenMessage = []string{x.t(keyPatronRequired)}
		return r
	}
	amount, ok := parseYuan(m.FeeAmount)
	if !ok {
		r.ScreenMessage = []string{x.t(keyFeeRefused), x.t(keyAmountInvalid, "Amount", m.FeeAmount)}
		return r
	}
	if cur := strings.ToUpper(trim(m.Currency)); cur != "" && cur != currency {
		r.ScreenMessage = []string{x.t(keyFeeRefused), x.t(keyCurrency, "Currency", m.Currency)}
		return r
	}
	var entries []int64
	if id := trim(m.FeeID); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			r.ScreenMessage = []string{x.t(keyFeeRefused), x.t(keyFeeIDInvalid, "ID", id)}
			return r
		}
		entries = []int64{n}
	}
	reader, _, err := c.readers.GetByCard(ctx, s.Actor, card)
	if err != nil {
		r.ScreenMessage = x.explain(err, keyFeeRefused)
		return r
	}
	if p := x.passwordProblem(reader.ID, m.PatronPassword); p != "" {
		r.ScreenMessage = []string{x.t(keyFeeRefused), p}
		return r
	}
	note := ""
	if bk := trim(m.TransactionID); bk != "" {
		note = "SIP2 BK " + bk
		st, err := c.fees.Statement(ctx, s.Actor, reader.ID)
		if err != nil {
			r.ScreenMessage = x.explain(err, keyFeeRefused)
			return r
		}
		for _, t := range st.Transactions {
			if t.Kind == fees.TxPayment && t.Desk == x.desk() && t.Note == note {
				r.PaymentAccepted = true
				r.ScreenMessage = []string{x.t(keyFeeRepeated, "Amount", yuan(t.AmountFen), "Receipt", t.ReceiptNo)}
				return r
			}
		}
	}
	rc, err := c.fees.Pay(ctx, s.Actor, fees.Payment{ReaderID: reader.ID, AmountFen: amount, EntryIDs: entries,
		Method: methodOf(m.PaymentType), Desk: x.desk(), Note: note})
	if err != nil {
		r.ScreenMessage = x.explain(err, keyFeeRefused)
		return r
	}
	r.PaymentAccepted = true
	r.ScreenMessage = []string{x.t(keyFeePaid, "Amount", yuan(rc.AmountFen), "Receipt", rc.ReceiptNo, "Owed", yuan(rc.OwedAfterFen))}
	return r
}

// methodOf is the payment method of a payment type.
func methodOf(p sip2.PaymentType) fees.Method {
	switch p {
	case sip2.PaymentCash:
		return fees.MethodCash
	case sip2.PaymentVISA, sip2.PaymentCreditCard:
		return fees.MethodCard
	}
	return fees.MethodOther
}

// parseYuan reads an amount in yuan — digits, and at most two decimals
// after a point — as fen; more than fees.MaxAmountFen, zero or anything
// else is not an amount.
func parseYuan(s string) (int64, bool) {
	s = trim(s)
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" && (!dot || frac == "") || len(frac) > 2 || len(whole) > 9 {
		return 0, false
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
		}
	}
	var fen int64
	if whole != "" {
		n, err := strconv.ParseInt(whole, 10, 64)
		if err != nil {
			return 0, false
		}
		fen = n * 100
	}
	if frac != "" {
		n, _ := strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			n *= 10
		}
		fen += n
	}
	if fen <= 0 || fen > fees.MaxAmountFen {
		return 0, false
	}
	return fen, true
}
