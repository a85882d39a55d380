package web

import (
	"net/http"
	"strings"
	"time"

	"lantai.dev/lantai/internal/catalog"
)

// withdrawalsData is the withdrawal page (注销): the form that withdraws a
// batch of scanned barcodes, and the withdrawal ledger with its totals.
type withdrawalsData struct {
	Barcodes, Reason, Note string
	Reasons                []string
	Error                  string
	// From and To (yyyy-mm-dd, both included) filter the ledger.
	From, To   string
	FilterErr  string
	Entries    []catalog.Withdrawal
	ItemCount  int
	TotalFen   int64
	PrintedAt  time.Time
	PrintQuery string // the filter, for the printable ledger's link
}

// ledgerLimit is how many ledger entries one page shows.
const ledgerLimit = 200

// withdrawals shows the withdrawal form and the ledger.
func (s *Server) withdrawals(r *req) {
	s.renderWithdrawals(r, http.StatusOK, "catalog_withdrawals", withdrawalsData{})
}

// withdrawalsPrint is the ledger as a plain page to print.
func (s *Server) withdrawalsPrint(r *req) {
	s.renderWithdrawals(r, http.StatusOK, "catalog_withdrawals_print", withdrawalsData{PrintedAt: time.Now()})
}

func (s *Server) renderWithdrawals(r *req, status int, page string, d withdrawalsData) {
	q := r.URL.Query()
	d.From, d.To, d.Reasons = strings.TrimSpace(q.Get("from")), strings.TrimSpace(q.Get("to")), catalog.WithdrawalReasons
	var from, to time.Time
	var err error
	if d.From != "" {
		if from, err = time.ParseInLocation("2006-01-02", d.From, s.cfg.Zone); err != nil {
			d.FilterErr = r.T("error.date_invalid", "Field", r.T("catalog.withdrawals.from"), "Value", d.From)
		}
	}
	if d.To != "" {
		if to, err = time.ParseInLocation("2006-01-02", d.To, s.cfg.Zone); err != nil {
			d.FilterErr = r.T("error.date_invalid", "Field", r.T("catalog.withdrawals.to"), "Value", d.To)
		} else {
			to = to.AddDate(0, 0, 1) // the whole day
		}
	}
	if d.FilterErr == "" {
		if d.Entries, err = s.catalog.Withdrawals(r.Context(), r.Actor(), from, to, ledgerLimit); err != nil {
			r.fail(err)
			return
		}
	} else if status == http.StatusOK {
		status = http.StatusUnprocessableEntity
	}
	for _, w := range d.Entries {
		d.ItemCount += len(w.Items)
		d.TotalFen += w.TotalFen
	}
	d.PrintQuery = r.URL.RawQuery
	title := r.T("catalog.withdrawals.title")
	if page == "catalog_withdrawals_print" {
		title = r.T("catalog.withdrawals.ledger")
	}
	r.render(status, page, title, d)
}

// withdrawalCreate withdraws the scanned items in one ledger entry: one bad
// barcode and nothing is withdrawn.
func (s *Server) withdrawalCreate(r *req) {
	if !r.parseForm() {
		return
	}
	d := withdrawalsData{Barcodes: r.FormValue("barcodes"), Reason: r.FormValue("reason"), Note: strings.TrimSpace(r.FormValue("note"))}
	barcodes := splitBarcodes(d.Barcodes)
	switch {
	case len(barcodes) == 0:
		d.Error = r.T("error.withdrawal_empty")
	case d.Reason == "":
		d.Error = r.T("error.withdrawal_reason_missing")
	}
	if d.Error != "" {
		s.renderWithdrawals(r, http.StatusUnprocessableEntity, "catalog_withdrawals", d)
		return
	}
	w, err := s.catalog.Withdraw(r.Context(), r.Actor(), barcodes, d.Reason, d.Note)
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		d.Error = r.catalogError(err)
		s.renderWithdrawals(r, formStatus(err), "catalog_withdrawals", d)
		return
	}
	r.redirect("/staff/catalog/withdrawals?done=flash.withdrawn#w-" + itoa(w.ID))
}
