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
	card := trim(m.PatronID)
	if card == "" {
		r.ScreenMessage = []string{x.t(keyPatronRequired)}
		return r
	}
	p, err := x.patron(card, false)
	if err != nil {
		if m.PatronPassword != "" {
			r.ValidPatronPassword = sip2.No
		}
		r.ScreenMessage = x.explain(err, "")
		return r
	}
	r.ValidPatron, r.PersonalName = sip2.Yes, p.reader.Name
	r.Currency, r.FeeAmount = currency, yuan(p.balance.OwedFen)
	r.PatronStatus = p.status()
	r.ScreenMessage = p.messages(x)
	if m.PatronPassword != "" {
		problem := x.passwordProblem(p.reader.ID, m.PatronPassword)
		r.ValidPatronPassword = sip2.TristateOf(problem == "")
		if problem != "" {
			r.ScreenMessage = append([]string{problem}, r.ScreenMessage...)
		}
	}
	return r
}
