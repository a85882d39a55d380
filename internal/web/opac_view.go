package web

import (
	"html/template"
	"strings"
	"time"
)

// opacText is what the public catalogue's templates call: the search box and
// the addresses of searches, {{.Opac.SearchBox .Data.State.Q false "big"}}.
type opacText struct{ v view }

// Opac returns the public catalogue's display helpers for a template.
func (v view) Opac() opacText { return opacText{v} }

var searchBoxTmpl = template.Must(template.New("box").Parse(`<form method="get" action="/search" role="search" class="searchbox {{.Class}}" aria-label="{{.Label}}">
<label for="q"{{if ne .Class "big"}} class="sr-only"{{end}}>{{.Label}}</label>
<div class="searchbox-row"><input type="search" id="q" name="q" value="{{.Q}}" placeholder="{{.Placeholder}}" autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search" maxlength="1024"{{if .Invalid}} aria-invalid="true" aria-describedby="q-error"{{end}}>
<button type="submit" id="search-submit">{{.Submit}}</button></div>
<p class="searchbox-help"><a href="/search/help">{{.Help}}</a></p>
</form>`))

// SearchBox is the catalogue's search form holding q; invalid marks the
// query as wrong (its message has the id q-error); class "big" is the home
// page's prominent box with a visible label.
func (o opacText) SearchBox(q string, invalid bool, class string) template.HTML {
	var b strings.Builder
	err := searchBoxTmpl.Execute(&b, map[string]any{"Q": q, "Invalid": invalid, "Class": class,
		"Label": o.v.T("opac.box.label"), "Placeholder": o.v.T("opac.box.placeholder"),
		"Submit": o.v.T("opac.box.submit"), "Help": o.v.T("opac.box.help")})
	if err != nil {
		return ""
	}
	return template.HTML(b.String())
}

// Search is the address of a search for q.
func (o opacText) Search(q string) string { return queryURL(q) }

// Field is the address of a search of a field for a phrase:
// {{.Opac.Field "su" .}} for a subject.
func (o opacText) Field(qualifier, value string) string {
	return queryURL(fieldQuery(qualifier, value))
}

// Date shows the day of a moment in the library's time zone.
func (o opacText) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(o.v.s.cfg.Zone).Format("2006-01-02")
}
