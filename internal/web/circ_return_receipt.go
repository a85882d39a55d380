package web

import (
	"net/http"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// The return slip 还书凭条 of a loan (/staff/circ/loans/{id}/receipt):
// printable, with the reader, the item, when it was lent, due and
// returned, the fine and what the reader owes now.

// returnReceiptData is the return slip.
type returnReceiptData struct {
	Loan    circ.Loan
	Reader  readers.Reader
	Balance fees.Balance
}

// circReturnReceipt shows the return slip of a loan.
func (s *Server) circReturnReceipt(r *req) {
	if !r.deskView() {
		return
	}
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	ctx, a := r.Context(), r.Actor()
	var d returnReceiptData
	var err error
	if d.Loan, err = s.circ.Loan(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Loan.ReaderID != 0 {
		if d.Reader, err = s.readers.Get(ctx, a, d.Loan.ReaderID); err != nil {
			r.fail(err)
			return
		}
		if d.Balance, err = s.fees.Balance(ctx, a, d.Loan.ReaderID); err != nil {
			r.fail(err)
			return
		}
	}
	r.render(http.StatusOK, "circ_return_receipt", r.T("circ.receipt_return.title"), d)
}
