package sip2server

import (
	"context"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/sip2"
)

// checkout answers a checkout (11) with a checkout response (12): the item
// is lent through circ.Service.Checkout, under the same rules as at the
// desk, at the machine's branch. Lent: ok 1, desensitize Y (充消磁), the
// due date (AH, a SIP2 date and time in the library's zone), the title,
// media type and a screen message with the title and the due day — and
// nothing else is read for it: the loan says it all (stored item
// properties come with a refusal, a checkin and item information, not
// with a loan, which would cost a read of its own on every checkout). An item already on loan to the patron is renewed
// (renewal ok Y) — unless the machine says it may not renew (SC renewal
// policy N), which is then refused. Refused: ok 0, desensitize N, every
// reason on its own screen message.
//
// A no-block checkout (done while the machine was off line) is answered
// like any other and recorded when it is accepted: Lantai has no off-line
// mode and lends under its rules only; its due date (nb due date) is not
// used. A cancel (BI Y) is a checkout too. The terminal password (AC) is
// not read: the machine logged in; fee acknowledged (BO) neither: Lantai
// charges no loan fees.
func (c *Circulation) checkout(ctx context.Context, s *Session, m *sip2.Checkout) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.CheckoutResponse{MagneticMedia: sip2.Unknown, Desensitize: sip2.No, TransactionDate: x.stamp(),
		InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ItemID: m.ItemID}
	card, barcode := trim(m.PatronID), trim(m.ItemID)
	refuse := func(msgs []string) sip2.Message {
		it := x.lookup(barcode)
		r.TitleID, r.ItemProperties = it.Title, it.Properties
		if it.ID != 0 {
			r.MediaType, r.MagneticMedia = mediaType(it.ItemType), magneticMedia(it.ItemType)
		}
		r.ScreenMessage = msgs
		return r
	}
	switch {
	case card == "":
		return refuse([]string{x.t(keyPatronRequired)})
	case barcode == "":
		return refuse([]string{x.t(keyItemRequired)})
	}
	if m.PatronPassword != "" || !m.SCRenewalPolicy {
		reader, _, err := c.readers.GetByCard(ctx, s.Actor, card)
		if err != nil {
			return refuse(x.explain(err, keyCheckoutRefused))
		}
		if p := x.passwordProblem(reader.ID, m.PatronPassword); p != "" {
			return refuse([]string{x.t(keyCheckoutRefused), p})
		}
		if !m.SCRenewalPolicy {
			l, err := c.circ.ItemLoan(ctx, s.Actor, barcode)
			switch {
			case err == nil && l.ReaderID == reader.ID:
				return refuse([]string{x.t(keyCheckoutRefused), x.t(keyNoRenewalHere)})
			case err != nil && !apperr.Is(err, apperr.Conflict) && !apperr.Is(err, apperr.NotFound):
				return refuse(x.explain(err, keyCheckoutRefused))
			}
		}
	}
	loan, err := c.circ.Checkout(ctx, s.Actor, card, barcode, circ.CheckoutOptions{Branch: s.Machine.Branch, Desk: x.desk()})
	if err != nil {
		return refuse(x.explain(err, keyCheckoutRefused))
	}
	r.OK, r.RenewalOK, r.Desensitize = true, loan.Renewed, sip2.Yes
	r.TitleID, r.DueDate = loan.Title, x.dueDate(loan.DueAt)
	r.MediaType, r.MagneticMedia = mediaType(loan.ItemType), magneticMedia(loan.ItemType)
	key := keyCheckedOut
	if loan.Renewed {
		key = keyRenewed
	}
	r.ScreenMessage = []string{x.t(key, "Title", loan.Title, "Due", x.day(loan.DueAt))}
	return r
}
