package web

import (
	"net/http"
	"strings"
)

// circRecallForm shows the recall form for ?barcode=.
func (s *Server) circRecallForm(r *req) {
	d := &circLoanFormData{Barcode: strings.TrimSpace(r.URL.Query().Get("barcode"))}
	s.loanForm(r, d)
	r.render(http.StatusOK, "circ_recall", r.T("circ.recall.title"), d)
}
