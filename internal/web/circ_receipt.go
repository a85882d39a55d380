package web

import (
	"net/http"

	"lantai.dev/lantai/internal/fees"
)

// A receipt 收据 (/staff/circ/receipts/{number}): what the desk prints for
// a transaction of the fee ledger — its number, the reader, what was paid,
// waived, refunded or taken as a deposit, against which charges, how, at
// which desk and by whom, the amount in figures and in capitals, and the
// reader's balance. Shown right after the transaction and again for a
// reprint (circ.fees).

// circReceiptData is the receipt page.
type circReceiptData struct {
	Receipt fees.Receipt
	// Fresh: shown right after the transaction (else a reprint, whose
	// balance is the reader's balance now).
	Fresh bool
	// MovesMoney: a payment, refund or deposit (not a waiver or a
	// replacement copy).
	MovesMoney bool
	PrintedAt  string
}

// circReceipt shows a receipt for printing.
func (s *Server) circReceipt(r *req) {
	rc, err := s.fees.Receipt(r.Context(), r.Actor(), r.PathValue("number"))
	if err != nil {
		r.fail(err)
		return
	}
	d := circReceiptData{Receipt: rc, Fresh: r.URL.Query().Get("done") != "", MovesMoney: rc.Method != "",
		PrintedAt: s.cfg.Clock.Now().In(s.cfg.Zone).Format("2006-01-02 15:04")}
	r.render(http.StatusOK, "circ_receipt", r.T("circ.receipt.title")+" "+rc.ReceiptNo, d)
}
