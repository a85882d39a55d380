package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/circ"
)

// Renewals at the loan desk: one loan (its renew button in the reader
// panel), or every loan of the reader (renew all), each refusal shown
// with its reasons.

// circDeskRenew renews one loan of the reader at the desk.
func (s *Server) circDeskRenew(r *req) {
	if !r.parseForm() {
		return
	}
	d := deskData{Card: strings.TrimSpace(r.FormValue("card"))}
	status := http.StatusOK
	l, err := s.circ.Renew(r.Context(), r.Actor(), r.FormValue("barcode"), circ.RenewOptions{Override: r.FormValue("override"), Branch: r.deskBranch()})
	if err != nil {
		if rv, ok := r.refusalOf(err); ok {
			d.Refusal = rv
		} else if msg, ok := r.errText(err); ok {
			d.Error = msg
		} else {
			return
		}
		status = formStatus(err)
	} else {
		d.Done = r.T("circ.desk.renewed", "Title", l.Title, "Due", view{req: r}.Desk().Due(l.DueAt))
	}
	s.renderDesk(r, status, &d)
}

// circDeskRenewAll renews every loan of the reader at the desk that may
// be renewed.
func (s *Server) circDeskRenewAll(r *req) {
	if !r.parseForm() {
		return
	}
	d := deskData{Card: strings.TrimSpace(r.FormValue("card"))}
	rd, _, err := s.readers.GetByCard(r.Context(), r.Actor(), d.Card)
	if err == nil {
		d.Renewals, err = s.circ.RenewAll(r.Context(), r.Actor(), rd.ID, circ.RenewOptions{Branch: r.deskBranch()})
	}
	status := http.StatusOK
	if err != nil {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		d.Error, status = msg, formStatus(err)
	}
	s.renderDesk(r, status, &d)
}
