package web

import (
	"html/template"
	"strings"

	"lantai.dev/lantai/internal/auth"
)

// circScreens are the screens of the circulation module, in the order of
// its navigation bar, each with the permissions that open it (any one of
// them): the readers' screens to the desk, the cash report to the fee desk
// and the reports, the loan-rule screens to whoever may read the loan
// rules (circViewPerms; only circ.rules changes them).
var circScreens = []struct {
	Code, Href, Key string
	Perms           []auth.Permission
}{
	{"desk", "/staff/circ/desk", "circ.nav.desk", []auth.Permission{auth.PermCircCheckout}},
	{"returns", "/staff/circ/returns", "circ.nav.returns", []auth.Permission{auth.PermCircCheckin}},
	{"hold_shelf", "/staff/circ/hold-shelf", "circ.nav.hold_shelf", deskPerms},
	{"holds_pull", "/staff/circ/holds-to-pull", "circ.nav.holds_pull", deskPerms},
	{"transits", "/staff/circ/transits", "circ.nav.transits", deskPerms},
	{"shelving", "/staff/circ/shelving", "circ.nav.shelving", deskPerms},
	{"repairs", "/staff/circ/repairs", "circ.nav.repairs", deskPerms},
	{"overdue", "/staff/circ/overdue", "circ.nav.overdue", deskPerms},
	{"readers", "/staff/circ/readers", "circ.nav.readers", readerViewPerms},
	{"reader_new", "/staff/circ/readers/new", "circ.nav.reader_new", []auth.Permission{auth.PermCircReaders}},
	{"import", "/staff/circ/readers/import", "circ.nav.import", []auth.Permission{auth.PermCircReaders}},
	{"cash_report", "/staff/circ/cash-report", "circ.nav.cash_report", cashReportPerms},
	{"stats", "/staff/circ/stats", "circ.nav.stats", statsPerms},
	{"rules", "/staff/circ/rules", "circ.nav.rules", circViewPerms},
	{"limits", "/staff/circ/limits", "circ.nav.limits", circViewPerms},
	{"calendars", "/staff/circ/calendars", "circ.nav.calendars", circViewPerms},
	{"settings", "/staff/circ/settings", "circ.nav.settings", circViewPerms},
	{"explain", "/staff/circ/explain", "circ.nav.explain", circViewPerms},
	{"categories", "/staff/circ/categories", "circ.nav.categories", circViewPerms},
}

// circLinks are the circulation screens the person may open, with their
// descriptions, for the circulation module's landing page.
func (r *req) circLinks() []moduleLink {
	if r.Principal == nil {
		return nil
	}
	a := r.Actor()
	var out []moduleLink
	for _, sc := range circScreens {
		if a.CanAny(sc.Perms...) {
			out = append(out, moduleLink{Href: sc.Href, Label: r.T(sc.Key), About: r.T(sc.Key + "_about")})
		}
	}
	return out
}

// reportLinks are the circulation screens of the reports module.
func (r *req) reportLinks() []moduleLink {
	if r.Principal == nil {
		return nil
	}
	var out []moduleLink
	if r.Actor().CanAny(cashReportPerms...) {
		out = append(out, moduleLink{Href: "/staff/circ/cash-report", Label: r.T("circ.nav.cash_report"), About: r.T("circ.nav.cash_report_about")})
	}
	if r.Actor().CanAny(statsPerms...) {
		out = append(out, moduleLink{Href: "/staff/circ/stats", Label: r.T("circ.nav.stats"), About: r.T("circ.nav.stats_about")})
	}
	return out
}

// Nav is the circulation module's navigation bar with the screens the
// person may open; current names the screen shown.
func (c circText) Nav(current string) template.HTML {
	if c.v.Principal == nil {
		return ""
	}
	a := c.v.Actor()
	var links []navLink
	if m, ok := moduleByCode("circulation"); ok && a.CanAny(m.Perms...) {
		links = append(links, navLink{Href: "/staff/modules/circulation", Label: c.v.T("circ.nav.home"), Current: current == "home"})
	}
	for _, sc := range circScreens {
		if a.CanAny(sc.Perms...) {
			links = append(links, navLink{Href: sc.Href, Label: c.v.T(sc.Key), Current: sc.Code == current})
		}
	}
	if len(links) == 0 {
		return ""
	}
	var b strings.Builder
	if err := catalogNavTmpl.Execute(&b, map[string]any{"Label": c.v.T("circ.nav.label"), "Links": links}); err != nil {
		return ""
	}
	return template.HTML(b.String())
}
