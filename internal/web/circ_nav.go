package web

import (
	"html/template"
	"strings"
)

// circScreens are the loan-rule screens of the circulation module, in the
// order of its navigation bar. Each opens to whoever may read the loan
// rules (circViewPerms); only circ.rules changes them.
var circScreens = []struct{ Code, Href, Key string }{
	{"rules", "/staff/circ/rules", "circ.nav.rules"},
	{"limits", "/staff/circ/limits", "circ.nav.limits"},
	{"calendars", "/staff/circ/calendars", "circ.nav.calendars"},
	{"settings", "/staff/circ/settings", "circ.nav.settings"},
	{"explain", "/staff/circ/explain", "circ.nav.explain"},
}

// circLinks are the loan-rule screens the person may open, with their
// descriptions, for the circulation module's landing page.
func (r *req) circLinks() []moduleLink {
	if r.Principal == nil || !r.Actor().CanAny(circViewPerms...) {
		return nil
	}
	var out []moduleLink
	for _, sc := range circScreens {
		out = append(out, moduleLink{Href: sc.Href, Label: r.T(sc.Key), About: r.T(sc.Key + "_about")})
	}
	return out
}

// Nav is the circulation module's navigation bar; current names the
// screen shown.
func (c circText) Nav(current string) template.HTML {
	if c.v.Principal == nil || !c.v.Actor().CanAny(circViewPerms...) {
		return ""
	}
	links := []navLink{{Href: "/staff/modules/circulation", Label: c.v.T("circ.nav.home"), Current: current == "home"}}
	for _, sc := range circScreens {
		links = append(links, navLink{Href: sc.Href, Label: c.v.T(sc.Key), Current: sc.Code == current})
	}
	var b strings.Builder
	if err := catalogNavTmpl.Execute(&b, map[string]any{"Label": c.v.T("circ.nav.label"), "Links": links}); err != nil {
		return ""
	}
	return template.HTML(b.String())
}
