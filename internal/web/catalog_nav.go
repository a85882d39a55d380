package web

import (
	"html/template"
	"strings"

	"lantai.dev/lantai/internal/auth"
)

// catalogScreens are the cataloguing screens in the order of the module's
// navigation bar, each with the permission that opens it.
var catalogScreens = []struct {
	Code, Href, Key string
	Perm            auth.Permission
}{
	{"home", "/staff/catalog", "catalog.nav.home", auth.PermCatalogView},
	{"new", "/staff/catalog/records/new", "catalog.nav.new_record", auth.PermCatalogEdit},
	{"withdrawals", "/staff/catalog/withdrawals", "catalog.nav.withdrawals", auth.PermCatalogView},
	{"batches", "/staff/catalog/batches", "catalog.nav.batches", auth.PermCatalogView},
	{"classes", "/staff/catalog/classes", "catalog.nav.classes", auth.PermCatalogView},
	{"new_books", "/staff/catalog/new-books", "catalog.nav.new_books", auth.PermCatalogView},
	{"codes", "/staff/catalog/codes", "catalog.nav.codes", auth.PermCatalogView},
	{"labels", "/staff/catalog/labels", "catalog.nav.labels", auth.PermCatalogLabels},
}

type navLink struct {
	Href, Label string
	Current     bool
}

var catalogNavTmpl = template.Must(template.New("nav").Parse(
	`<nav class="subnav" aria-label="{{.Label}}"><ul>{{range .Links}}<li><a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Label}}</a></li>{{end}}</ul></nav>`))

// Nav is the cataloguing module's navigation bar with the screens the person
// may open; current names the screen shown.
func (c catalogText) Nav(current string) template.HTML {
	if c.v.Principal == nil {
		return ""
	}
	a := c.v.Actor()
	var links []navLink
	for _, sc := range catalogScreens {
		if a.Can(sc.Perm) {
			links = append(links, navLink{Href: sc.Href, Label: c.v.T(sc.Key), Current: sc.Code == current})
		}
	}
	var b strings.Builder
	if err := catalogNavTmpl.Execute(&b, map[string]any{"Label": c.v.T("catalog.nav.label"), "Links": links}); err != nil {
		return ""
	}
	return template.HTML(b.String())
}
