package web

import (
	"net/http"
	"sort"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
)

// Circulation statistics 流通统计 (/staff/circ/stats?from=&to=&branch=):
// loans, returns, renewals and losses per library day, branch and reader
// category, and the refusals 拒借 by reason, day and branch, for a range
// of days, with totals. For the reports (reports.view), the loan rules
// (circ.rules) and whoever works a desk.

// statsPerms open the statistics.
var statsPerms = append([]auth.Permission{auth.PermReportsView, auth.PermCircRules}, deskPerms...)

// circStatsData is the statistics page.
type circStatsData struct {
	From, To, Branch string
	Branches         []circOption
	Circ             []circ.CircStat
	CircTotal        circ.CircStat
	Refusals         []circ.RefusalStat
	// ByReason totals the refusals per reason, the most frequent first.
	ByReason      []circ.RefusalStat
	RefusalTotal  int
	OverrideTotal int
	Error         string
	Shown         bool
}

// circStats shows the statistics for the chosen days.
func (s *Server) circStats(r *req) {
	a := r.Actor()
	if !a.CanAny(statsPerms...) {
		r.fail(a.Require(auth.PermReportsView))
		return
	}
	q := r.URL.Query()
	today := s.today()
	d := circStatsData{From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), Branch: strings.TrimSpace(q.Get("branch"))}
	if d.From == "" {
		d.From = today[:8] + "01"
	}
	if d.To == "" {
		d.To = today
	}
	codes, err := s.loadCodes(r.Context(), r.Locale)
	if err != nil {
		r.fail(err)
		return
	}
	d.Branches = branchChoices(codes, d.Branch, r.T("circ.stats.all_branches"))
	status := http.StatusOK
	from, err1 := rules.ParseDate(d.From)
	to, err2 := rules.ParseDate(d.To)
	if err1 != nil || err2 != nil {
		d.Error, status = r.T("circ.stats.bad_dates"), http.StatusUnprocessableEntity
		r.render(status, "circ_stats", r.T("circ.stats.title"), d)
		return
	}
	sq := circ.StatsQuery{From: from, To: to, Branch: d.Branch}
	if d.Circ, err = s.circ.CirculationStats(r.Context(), a, sq); err == nil {
		d.Refusals, err = s.circ.RefusalStats(r.Context(), a, sq)
	}
	if err != nil {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		d.Error, status = msg, formStatus(err)
		r.render(status, "circ_stats", r.T("circ.stats.title"), d)
		return
	}
	d.Shown = true
	for _, c := range d.Circ {
		d.CircTotal.Loans += c.Loans
		d.CircTotal.Returns += c.Returns
		d.CircTotal.Renewals += c.Renewals
		d.CircTotal.Lost += c.Lost
	}
	by := map[rules.Reason]*circ.RefusalStat{}
	for _, f := range d.Refusals {
		d.RefusalTotal += f.Count
		d.OverrideTotal += f.Overridden
		t := by[f.Reason]
		if t == nil {
			t = &circ.RefusalStat{Reason: f.Reason}
			by[f.Reason] = t
		}
		t.Count += f.Count
		t.Overridden += f.Overridden
	}
	for _, t := range by {
		d.ByReason = append(d.ByReason, *t)
	}
	sort.Slice(d.ByReason, func(i, j int) bool {
		if d.ByReason[i].Count != d.ByReason[j].Count {
			return d.ByReason[i].Count > d.ByReason[j].Count
		}
		return d.ByReason[i].Reason < d.ByReason[j].Reason
	})
	r.render(status, "circ_stats", r.T("circ.stats.title"), d)
}
