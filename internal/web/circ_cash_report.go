package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/fees"
)

// The daily cash report 日结 (/staff/circ/cash-report?date=): for one day
// in the library's zone, the money each person took in and paid out at
// each desk, by payment method, with the totals the till should show;
// waivers and replacement copies, which move no money, beside it. For the
// fee desk (circ.fees) and whoever reads the reports (reports.view).

// circCashReportData is the cash report page.
type circCashReportData struct {
	Date   circField
	Report fees.CashReport
	Error  string
	Shown  bool
}

// circCashReport shows the day's report.
func (s *Server) circCashReport(r *req) {
	a := r.Actor()
	if !a.CanAny(cashReportPerms...) {
		r.fail(a.Require(cashReportPerms[0]))
		return
	}
	f := newCircForm()
	f.Values["date"] = strings.TrimSpace(r.URL.Query().Get("date"))
	if f.Values["date"] == "" {
		f.Values["date"] = s.today()
	}
	d := circCashReportData{}
	status := http.StatusOK
	rep, err := s.fees.DailyCashReport(r.Context(), a, f.Values["date"])
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		r.circErrorIn(&f, err, "circ.cash.", fieldMap(nil))
		status = formStatus(err)
	} else {
		d.Report, d.Shown = rep, true
	}
	d.Error = f.summary(r)
	d.Date = f.field(r, "circ.cash.", "date", "date")
	r.render(status, "circ_cash_report", r.T("circ.cash.title"), d)
}
