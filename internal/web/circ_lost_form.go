package web

import (
	"net/http"
	"strings"
)

// circLostForm shows the declare-lost form for ?barcode=, with the
// processing fee that will be charged.
func (s *Server) circLostForm(r *req) {
	d := &circLoanFormData{Barcode: strings.TrimSpace(r.URL.Query().Get("barcode"))}
	if !s.lostFee(r, d) {
		return
	}
	s.loanForm(r, d)
	r.render(http.StatusOK, "circ_lost", r.T("circ.lost.title"), d)
}

// lostFee reads the library's processing fee for a lost item.
func (s *Server) lostFee(r *req, d *circLoanFormData) bool {
	o, err := s.circ.Options(r.Context(), r.Actor())
	if err != nil {
		r.fail(err)
		return false
	}
	d.ProcessingFeeFen = o.LostProcessingFeeFen
	return true
}
