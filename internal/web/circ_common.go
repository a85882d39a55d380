package web

import (
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
)

// This file holds what the loan-rule screens (/staff/circ/…) share: who
// may read them, the form fields with their errors shown next to them,
// numbers and money as typed, and the translated names of the rules' codes.

// circViewPerms are the permissions that open the loan-rule screens: the
// same the policy service lets read the rules (whoever sets them, and the
// circulation desk that applies them). Changing them needs circ.rules,
// which the routes' own permission checks.
var circViewPerms = []auth.Permission{auth.PermCircRules, auth.PermCircCheckout, auth.PermCircCheckin, auth.PermCircRenew, auth.PermCircReaders}

// circView answers a person who may not read the loan rules with the
// forbidden page and returns false.
func (r *req) circView() bool {
	a := r.Actor()
	if a.CanAny(circViewPerms...) {
		return true
	}
	r.fail(a.Require(auth.PermCircRules))
	return false
}

// circField is one input of a loan-rule form, with its label, hint and the
// error shown next to it.
type circField struct {
	Name, Label, Hint string
	// Kind is text, int, yuan, check, select, time, date, file,
	// password (never shown back) or textarea.
	Kind    string
	Value   string
	Checked bool
	Options []circOption
	// List names a datalist of suggestions for a text field.
	List     string
	Required bool
	Error    string
	// Placeholder is shown in an empty text field; Accept limits the
	// files a file field offers.
	Placeholder, Accept string
}

// circOption is one choice of a select.
type circOption struct {
	Value, Label string
	Selected     bool
}

// circFieldset is a group of fields under a legend.
type circFieldset struct {
	Legend string
	Fields []circField
}

var circFieldTmpl = template.Must(template.New("field").Parse(`{{define "aria"}}{{if .Error}} aria-invalid="true"{{end}}
{{- if or .Error .Hint}} aria-describedby="{{if .Error}}err-{{.Name}}{{end}}{{if and .Error .Hint}} {{end}}{{if .Hint}}hint-{{.Name}}{{end}}"{{end}}{{end -}}
<div class="circ-field">
{{- if eq .Kind "check"}}<label class="check"><input type="checkbox" id="f-{{.Name}}" name="{{.Name}}" value="1"{{if .Checked}} checked{{end}}{{template "aria" .}}> {{.Label}}</label>
{{- else}}<label for="f-{{.Name}}">{{.Label}}</label>
{{- if eq .Kind "select"}}<select id="f-{{.Name}}" name="{{.Name}}"{{template "aria" .}}>
{{- range .Options}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select>
{{- else if eq .Kind "textarea"}}<textarea id="f-{{.Name}}" name="{{.Name}}" rows="3"{{template "aria" .}}>{{.Value}}</textarea>
{{- else if eq .Kind "file"}}<input type="file" id="f-{{.Name}}" name="{{.Name}}"{{with .Accept}} accept="{{.}}"{{end}}{{if .Required}} required{{end}}{{template "aria" .}}>
{{- else if eq .Kind "password"}}<input type="password" id="f-{{.Name}}" name="{{.Name}}" value=""{{if .Required}} required{{end}} autocomplete="new-password"{{template "aria" .}}>
{{- else}}<input{{if eq .Kind "date"}} type="date"{{end}} id="f-{{.Name}}" name="{{.Name}}" value="{{.Value}}"{{if eq .Kind "int"}} inputmode="numeric"{{else if eq .Kind "yuan"}} inputmode="decimal"{{end}}{{with .List}} list="{{.}}"{{end}}{{with .Placeholder}} placeholder="{{.}}"{{end}}{{if .Required}} required{{end}} autocomplete="off" spellcheck="false"{{template "aria" .}}>
{{- end}}
{{- end}}
{{- with .Hint}}<small id="hint-{{$.Name}}">{{.}}</small>{{end}}
{{- with .Error}}<span class="row-error" id="err-{{$.Name}}">{{.}}</span>{{end -}}
</div>`))

// HTML renders the field: label, input, hint and error.
func (f circField) HTML() template.HTML {
	var b strings.Builder
	if err := circFieldTmpl.Execute(&b, f); err != nil {
		return ""
	}
	return template.HTML(b.String())
}

// circForm is what was typed into a form (or the stored values written
// as they are typed), with the errors by field and one about the whole
// form.
type circForm struct {
	Values map[string]string
	Errors map[string]string
	Error  string
}

func newCircForm() circForm {
	return circForm{Values: map[string]string{}, Errors: map[string]string{}}
}

// fail notes an error on field, or on the whole form when field is "".
func (f *circForm) fail(field, msg string) {
	if field == "" {
		if f.Error == "" {
			f.Error = msg
		}
		return
	}
	if _, ok := f.Errors[field]; !ok {
		f.Errors[field] = msg
	}
}

// summary is the message above the form: the form's own error, or a
// pointer to the errors next to the fields.
func (f circForm) summary(r *req) string {
	if f.Error == "" && len(f.Errors) > 0 {
		return r.T("error.circ_form_fields")
	}
	return f.Error
}

// failed reports whether the form has an error.
func (f circForm) failed() bool { return f.Error != "" || len(f.Errors) > 0 }

// field builds a field of the form from its values and errors.
func (f circForm) field(r *req, prefix, name, kind string) circField {
	fl := circField{Name: name, Kind: kind, Label: r.T(prefix + name), Value: f.Values[name], Error: f.Errors[name]}
	if r.s.tr.Has(r.Locale, prefix+name+"_hint") {
		fl.Hint = r.T(prefix + name + "_hint")
	}
	if kind == "check" {
		fl.Checked = f.Values[name] != ""
	}
	return fl
}

// choices makes the options of a select from values and their labels.
func choices(selected string, values []string, label func(string) string) []circOption {
	out := make([]circOption, 0, len(values))
	for _, v := range values {
		out = append(out, circOption{Value: v, Label: label(v), Selected: v == selected})
	}
	return out
}

// readValues copies the named fields of the posted form into f (checkboxes
// as "1" or "").
func (f circForm) readValues(r *req, text, checks []string) {
	for _, n := range text {
		f.Values[n] = strings.TrimSpace(r.FormValue(n))
	}
	for _, n := range checks {
		if r.FormValue(n) != "" {
			f.Values[n] = "1"
		} else {
			f.Values[n] = ""
		}
	}
}

// int reads a whole number typed into field; blank is def.
func (f circForm) int(r *req, field string, def int) int {
	v := f.Values[field]
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.fail(field, r.T("error.circ_whole_number", "Value", v))
		return def
	}
	return n
}

// fen reads an amount typed in yuan into field and returns it in fen;
// blank is def.
func (f circForm) fen(r *req, field string, def int64) int64 {
	v := f.Values[field]
	if v == "" {
		return def
	}
	n, ok := parseYuan(v)
	if !ok {
		f.fail(field, r.T("error.circ_yuan", "Value", v))
		return def
	}
	return n
}

// limitText writes a limit for a form: Unlimited is blank.
func limitText(n int) string {
	if n == rules.Unlimited {
		return ""
	}
	return strconv.Itoa(n)
}

// checkText writes a flag for a form.
func checkText(b bool) string {
	if b {
		return "1"
	}
	return ""
}

// circErrorIn places a refusal of the policy service on the form: next to
// the field it names when the form has that field (the field's label
// standing in for the field's code in the message), else above the form.
// formField maps the service's field to the form's (amounts in fen are
// typed in yuan).
func (r *req) circErrorIn(f *circForm, err error, prefix string, formField func(string) string) {
	e, ok := apperr.As(err)
	if !ok {
		f.fail("", r.s.tr.Error(r.Locale, err))
		return
	}
	field := ""
	if e.Field != "" {
		field = formField(e.Field)
	}
	if name, ok := e.Args["Field"].(string); ok && name != "" {
		c := *e
		c.Args = maps.Clone(e.Args)
		if ff := formField(name); ff != "" && r.s.tr.Has(r.Locale, prefix+ff) {
			c.Args["Field"] = r.T(prefix + ff)
		}
		e = &c
	}
	msg := r.s.tr.Error(r.Locale, e)
	if _, known := f.Values[field]; field == "" || !known {
		f.fail("", msg)
		return
	}
	f.fail(field, msg)
}

// fenField maps a field of the service to the form's: fine_per_day_fen is
// typed as fine_per_day, in yuan.
func fenField(f string) string { return strings.TrimSuffix(f, "_fen") }

// circText is what the loan-rule templates call for names and amounts:
// {{$.Circ.Any .Branch}}, {{$.Circ.Yuan .FineCapFen}}.
type circText struct{ v view }

// Circ returns the loan-rule screens' display helpers for a template.
func (v view) Circ() circText { return circText{v} }

// Any writes a code of a rule row, the wildcard as "any".
func (c circText) Any(code string) string {
	if code == rules.Any {
		return c.v.T("circ.any")
	}
	return code
}

// Yuan writes an amount in fen as yuan.
func (c circText) Yuan(fen int64) string { return policy.Yuan(fen) }

// Limit writes a count limit, Unlimited as "no limit".
func (c circText) Limit(n int) string {
	if n == rules.Unlimited {
		return c.v.T("circ.unlimited")
	}
	return strconv.Itoa(n)
}

// LimitYuan writes an amount limit in fen as yuan, Unlimited as "no limit".
func (c circText) LimitYuan(fen int64) string {
	if fen == rules.Unlimited {
		return c.v.T("circ.unlimited")
	}
	return policy.Yuan(fen)
}

// Period writes a loan period with its unit: "30 天", "2 小时".
func (c circText) Period(n int, u rules.Unit) string {
	if u == rules.Hours {
		return c.v.T("circ.hours_n", "N", n)
	}
	return c.v.T("circ.days_n", "N", n)
}

// Fine writes the overdue fine of a policy: per day or per hour.
func (c circText) Fine(p rules.Policy) string {
	if p.FinePerHourFen > 0 {
		return c.v.T("circ.fine_per_hour", "Yuan", policy.Yuan(p.FinePerHourFen))
	}
	return c.v.T("circ.fine_per_day", "Yuan", policy.Yuan(p.FinePerDayFen))
}

// Grace writes the grace period of a policy and what it does.
func (c circText) Grace(p rules.Policy) string {
	n, u := p.GraceDays, rules.Days
	if p.FinePerHourFen > 0 {
		n, u = p.GraceHours, rules.Hours
	}
	if n == 0 {
		return c.v.T("circ.no_grace")
	}
	return c.Period(n, u) + " · " + c.v.T("circ.grace_mode."+string(p.GraceMode))
}

// Cap writes the fine cap of a policy.
func (c circText) Cap(p rules.Policy) string {
	switch {
	case p.FineCapFen > 0 && p.CapAtPrice:
		return c.v.T("circ.cap_both", "Yuan", policy.Yuan(p.FineCapFen))
	case p.FineCapFen > 0:
		return c.v.T("circ.cap_yuan", "Yuan", policy.Yuan(p.FineCapFen))
	case p.CapAtPrice:
		return c.v.T("circ.cap_price")
	}
	return c.v.T("circ.cap_none")
}

// Renewals writes how often and for how long a loan may be renewed.
func (c circText) Renewals(p rules.Policy) string {
	if p.Renewals == 0 {
		return c.v.T("circ.no_renewals")
	}
	return c.v.T("circ.renewals_n", "N", p.Renewals, "Period", c.Period(p.RenewalPeriod, p.Unit))
}

// YesNo writes a flag.
func (c circText) YesNo(b bool) string {
	if b {
		return c.v.T("circ.yes")
	}
	return c.v.T("circ.no")
}

// Weekday is the name of a day of the week.
func (c circText) Weekday(w time.Weekday) string { return weekdayName(c.v.req, w) }

// categoriesOf lists the reader categories the rule and limit rows name,
// for the suggestions of the category fields.
func categoriesOf(rs []rules.Row, ls []rules.LimitRow) []string {
	var out []string
	add := func(c string) {
		if c != rules.Any && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, r := range rs {
		add(r.Category)
	}
	for _, l := range ls {
		add(l.Category)
	}
	slices.Sort(out)
	return out
}

// anyFirst lists the wildcard and then the codes, for a select of a rule
// row's branch or item type.
func anyFirst(codes []string) []string { return append([]string{rules.Any}, codes...) }
