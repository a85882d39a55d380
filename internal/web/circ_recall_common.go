package web

import (
	"net/http"

	"lantai.dev/lantai/internal/circ"
)

// The recall 催还 (/staff/circ/recall, circ.holds) and declare-lost 丢失
// (/staff/circ/lost, circ.fees) forms: an item's barcode (filled in from
// the overdue list), the open loan it is on, and a note; declaring lost
// shows the processing fee the reader will be charged with the price.

// circLoanFormData is the recall or declare-lost page.
type circLoanFormData struct {
	Barcode string
	Note    string
	Loan    *circ.Loan
	// ProcessingFeeFen is the library's processing fee for a lost item.
	ProcessingFeeFen int64
	Lost             *circ.Lost
	// Charges are the lost charges in words: kind and yuan.
	Charges []circOption
	Done    string
	Error   string
}

// loanForm reads the barcode's open loan for the form (none when blank or
// not on loan, said in Error).
func (s *Server) loanForm(r *req, d *circLoanFormData) {
	if d.Barcode == "" {
		return
	}
	l, err := s.circ.ItemLoan(r.Context(), r.Actor(), d.Barcode)
	if err != nil {
		if msg, ok := r.errTextQuiet(err); ok {
			d.Error = msg
		}
		return
	}
	d.Loan = &l
}

// errTextQuiet is errText for a lookup that may fail without ending the
// page: false when err is not the person's to read.
func (r *req) errTextQuiet(err error) (string, bool) {
	if formStatus(err) == http.StatusInternalServerError {
		return "", false
	}
	return r.s.tr.Error(r.Locale, err), true
}
