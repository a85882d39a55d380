package web

import (
	"net/http"
	"strings"
)

// circRecall recalls the loan of the posted barcode: the reader is told
// and the due date is brought forward by the loan rules.
func (s *Server) circRecall(r *req) {
	if !r.parseForm() {
		return
	}
	d := &circLoanFormData{Barcode: strings.TrimSpace(r.FormValue("barcode")), Note: r.FormValue("note")}
	l, err := s.circ.Recall(r.Context(), r.Actor(), d.Barcode, d.Note)
	if err != nil {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		d.Error = msg
		s.loanForm(r, d)
		r.render(formStatus(err), "circ_recall", r.T("circ.recall.title"), d)
		return
	}
	d.Loan = &l
	d.Done = r.T("circ.recall.done", "Title", l.Title, "Due", view{req: r}.Desk().Due(l.DueAt))
	r.render(http.StatusOK, "circ_recall", r.T("circ.recall.title"), d)
}
