package sip2server

import (
	"context"

	"lantai.dev/lantai/internal/sip2"
)

// patronStatus answers a patron status request (23) with a patron status
// response (24): the privileges the rules deny the patron (charge, renew,
// hold; card lost, too many items, too many overdue, fines and fees over
// the limit, a recalled loan overdue), whether the card is known (BL) and
// the password right (CQ, only when one was given), what they owe (BV, in
// yuan, BH CNY), their name (AE) and the reasons they may not borrow (AF).
// The request's language becomes the session's.
func (c *Circulation) patronStatus(ctx context.Context, s *Session, m *sip2.PatronStatusRequest) sip2.Message {
	x := c.call(ctx, s, m.Code())
	x.setLanguage(m.Language)
	r := &sip2.PatronStatusResponse{PatronStatus: unknownPatron(), Language: languageOf(x.locale), TransactionDate: x.stamp(),
		InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ValidPatron: sip2.No}
	a, _, ok := x.answerPatron(m.PatronID, m.PatronPassword, false)
	r.PatronStatus, r.ValidPatron, r.ValidPatronPassword, r.ScreenMessage = a.status, a.valid, a.validPassword, a.messages
	if ok {
		r.PersonalName, r.Currency, r.FeeAmount = a.name, currency, a.fee
	}
	return r
}
