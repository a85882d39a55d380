package web

import (
	"net/http"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/fees"
)

// The reader's account page (/account): loans with their due dates and a
// renew button each, holds with a cancel button, the fee statement, and
// the loan history — kept only when the reader asked for it.

// myAccountData is the account page.
type myAccountData struct {
	Name, Card  string
	Loans       []circ.Loan
	Holds       []circ.Hold
	Account     fees.Statement
	KeepHistory bool
	History     []circ.Loan
	Error       string
	Refusal     *refusalView
	Done        string
}

// historyShown is how many past loans the account page shows.
const historyShown = 100

// myAccount shows the reader's account.
func (s *Server) myAccount(r *readerReq) {
	s.renderMyAccount(r, http.StatusOK, &myAccountData{})
}

// renderMyAccount shows the account page with d's message.
func (s *Server) renderMyAccount(r *readerReq, status int, d *myAccountData) {
	ctx, a, id := r.Context(), r.Actor(), r.Sess.ReaderID
	d.Name, d.Card = r.Sess.Name, r.Sess.CardNumber
	var err error
	if d.Loans, err = s.circ.ReaderLoans(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Holds, err = s.circ.ReaderHolds(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Account, err = s.fees.OwnStatement(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.KeepHistory, err = s.circ.KeepsLoanHistory(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.KeepHistory {
		if d.History, err = s.circ.LoanHistory(ctx, a, id, historyShown); err != nil {
			r.fail(err)
			return
		}
	}
	r.render(status, "opac_account", r.T("opac.account.title"), d)
}

// myAccountFailed shows the account page with a refusal or an error of an
// action; false when err was no domain error (the error page was shown).
func (s *Server) myAccountFailed(r *readerReq, err error) {
	d := &myAccountData{}
	if rv, ok := r.refusalOf(err); ok {
		d.Refusal = rv
		d.Refusal.CanOverride = false
	} else if msg, ok := r.errText(err); ok {
		d.Error = msg
	} else {
		return
	}
	s.renderMyAccount(r, formStatus(err), d)
}
