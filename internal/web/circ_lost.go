package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/fees"
)

// circLost declares the loan of the posted barcode lost: the reader is
// charged the price and the processing fee (and the overdue fine when
// ticked); the page shows the charges with a link to the account.
func (s *Server) circLost(r *req) {
	if !r.parseForm() {
		return
	}
	d := &circLoanFormData{Barcode: strings.TrimSpace(r.FormValue("barcode")), Note: r.FormValue("note")}
	if !s.lostFee(r, d) {
		return
	}
	o := circ.LostOptions{ChargeFine: r.FormValue("fine") != "", NoProcessingFee: r.FormValue("no_fee") != "", Note: d.Note}
	lost, err := s.circ.DeclareLost(r.Context(), r.Actor(), d.Barcode, o)
	if err != nil {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		d.Error = msg
		s.loanForm(r, d)
		r.render(formStatus(err), "circ_lost", r.T("circ.lost.title"), d)
		return
	}
	d.Lost, d.Loan = &lost, &lost.Loan
	for _, c := range lost.Charges {
		d.Charges = append(d.Charges, circOption{Value: fees.FormatYuan(c.AmountFen), Label: r.catName("fee_kind.", string(c.Kind))})
	}
	d.Done = r.T("circ.lost.done", "Title", lost.Loan.Title)
	r.render(http.StatusOK, "circ_lost", r.T("circ.lost.title"), d)
}
