package web

import (
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
)

// circReaderPassword sets or resets a reader's password for the public
// catalogue (circ.readers): the reader must change it at the next
// sign-in, and every session of theirs ends.
func (s *Server) circReaderPassword(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	if err := s.readers.SetPassword(r.Context(), r.Actor(), id, r.FormValue("password")); err != nil {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		f := newCircForm()
		f.fail("", msg)
		s.renderReader(r, formStatus(err), id, &readerFailed{Code: "password", Form: f})
		return
	}
	r.redirect(readerPath(id) + "?done=flash.reader_password_set")
}

// readerCircSection is what circulation adds to a reader's page: loans,
// holds, the loan history when the reader keeps it, and whether they can
// sign in to the public catalogue.
type readerCircSection struct {
	Loans       []circLoanRow
	Holds       []circHoldRow
	HasPassword bool
	// Proxies are the reader's proxy authorisations 委托借还, both ways;
	// History is the loan history, read only when the reader keeps it.
	Proxies      []circ.Proxy
	KeepsHistory bool
	History      []circ.Loan
	CanProxy     bool
	Today        rules.Date
}

type circLoanRow struct {
	Title, Barcode string
	Due            string
	Overdue        bool
}

type circHoldRow struct {
	Title, Pickup, Status string
}

// loadReaderCirc reads the circulation section of reader id's page.
func (s *Server) loadReaderCirc(r *req, id int64) (*readerCircSection, error) {
	ctx, a := r.Context(), r.Actor()
	out := &readerCircSection{}
	ls, err := s.circ.ReaderLoans(ctx, a, id)
	if err != nil {
		return nil, err
	}
	v := view{req: r}
	for _, l := range ls {
		out.Loans = append(out.Loans, circLoanRow{Title: l.Title, Barcode: l.Barcode, Due: v.Desk().Due(l.DueAt), Overdue: l.Overdue})
	}
	hs, err := s.circ.ReaderHolds(ctx, a, id)
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		out.Holds = append(out.Holds, circHoldRow{Title: h.Title, Pickup: h.PickupBranch, Status: v.Desk().HoldStatus(h.Status)})
	}
	if out.HasPassword, err = s.readers.HasPassword(ctx, a, id); err != nil {
		return nil, err
	}
	if out.Proxies, err = s.circ.Proxies(ctx, a, id); err != nil {
		return nil, err
	}
	out.CanProxy = a.Can(auth.PermCircReaders)
	out.Today, _ = rules.ParseDate(s.today())
	if out.KeepsHistory, err = s.circ.KeepsLoanHistory(ctx, a, id); err != nil {
		return nil, err
	}
	if out.KeepsHistory {
		if out.History, err = s.circ.LoanHistory(ctx, a, id, 100); err != nil {
			return nil, err
		}
	}
	return out, nil
}
