package web

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// This file holds what the readers', cards' and fees' screens
// (/staff/circ/readers/…, /staff/circ/receipts/…, the cash report) share:
// who may open them, the translated names of their codes, the reader
// categories, the forms of the actions and the desk a person works at.

// readerViewPerms open the readers' pages: the readers' office and the
// loan and fee desks, which identify the reader in front of them — what
// the readers' and fees' services let look readers and accounts up.
var readerViewPerms = []auth.Permission{auth.PermCircReaders, auth.PermCircCheckout, auth.PermCircFees}

// cashReportPerms open the daily cash report: the fee desk and whoever
// reads the reports.
var cashReportPerms = []auth.Permission{auth.PermCircFees, auth.PermReportsView}

// readerView answers a person who may not look readers up with the
// forbidden page and returns false.
func (r *req) readerView() bool {
	a := r.Actor()
	if a.CanAny(readerViewPerms...) {
		return true
	}
	r.fail(a.Require(auth.PermCircReaders))
	return false
}

// readerText is what the readers' templates call for names and amounts:
// {{$.Rd.Status .Status}}, {{$.Rd.Yuan .AmountFen}}.
type readerText struct{ v view }

// Rd returns the readers' screens' display helpers for a template.
func (v view) Rd() readerText { return readerText{v} }

// Status is the name of a reader's status.
func (t readerText) Status(s readers.Status) string { return t.v.catName("reader_status.", string(s)) }

// CardStatus is the name of a card's status.
func (t readerText) CardStatus(s readers.CardStatus) string {
	return t.v.catName("card_status.", string(s))
}

// CardEvent is the name of an event of a card's history.
func (t readerText) CardEvent(e string) string { return t.v.catName("card_event.", e) }

// FeeKind is the name of a kind of charge.
func (t readerText) FeeKind(k fees.Kind) string { return t.v.catName("fee_kind.", string(k)) }

// TxKind is the name of a kind of ledger transaction.
func (t readerText) TxKind(k fees.TxKind) string { return t.v.catName("fee_tx.", string(k)) }

// Method is the name of a payment method ("" for none).
func (t readerText) Method(m fees.Method) string { return t.v.catName("pay_method.", string(m)) }

// Door is the name of a front door.
func (t readerText) Door(d string) string { return t.v.catName("door.", d) }

// Yuan writes an amount of fen as yuan: 1250 → "12.50".
func (t readerText) Yuan(fen int64) string { return fees.FormatYuan(fen) }

// Daxie writes an amount of fen in the capital numerals of receipts:
// 1250 → "壹拾贰元伍角整".
func (t readerText) Daxie(fen int64) string { return daxie(fen) }

// Date writes the calendar day of t in the library's zone.
func (t readerText) Date(at time.Time) string {
	if at.IsZero() {
		return ""
	}
	return at.In(t.v.s.cfg.LibraryZone).Format(time.DateOnly)
}

// categoryBook holds the reader categories for a page, to show their
// names and fill the selects.
type categoryBook struct {
	List   []readers.Category
	locale string
}

// loadCategories reads every reader category, the inactive ones too.
func (s *Server) loadCategories(ctx context.Context, locale string) (categoryBook, error) {
	list, err := s.readers.Categories(ctx, true)
	return categoryBook{List: list, locale: locale}, err
}

// Name is the name of a category code (the code when it is unknown).
func (b categoryBook) Name(code string) string {
	for _, c := range b.List {
		if c.Code == code {
			return c.Name(b.locale)
		}
	}
	return code
}

// choices are the options of a category select: the active categories,
// and the selected one even when it is inactive; blank, when not "",
// labels a first option with no value.
func (b categoryBook) choices(selected, blank string) []circOption {
	var out []circOption
	if blank != "" {
		out = append(out, circOption{Value: "", Label: blank, Selected: selected == ""})
	}
	for _, c := range b.List {
		if c.Active || c.Code == selected {
			out = append(out, circOption{Value: c.Code, Label: c.Name(b.locale) + " (" + c.Code + ")", Selected: c.Code == selected})
		}
	}
	return out
}

// readerErrorIn places a refusal of the readers' or fees' service on the
// form (see circErrorIn), the service's field named by the form's through
// formField, and an identity number it quotes masked.
func (r *req) readerErrorIn(f *circForm, err error, prefix string, formField func(string) string) {
	if e, ok := apperr.As(err); ok && e.Field == "id_number" {
		if v, ok := e.Args["Value"].(string); ok {
			c := *e
			c.Args = maps.Clone(e.Args)
			c.Args["Value"] = readers.MaskIDNumber(v)
			err = &c
		}
	}
	r.circErrorIn(f, err, prefix, formField)
}

// fieldMap maps the fields of a service to the form's; a field not in m
// keeps its name.
func fieldMap(m map[string]string) func(string) string {
	return func(f string) string {
		if v, ok := m[f]; ok {
			return v
		}
		return f
	}
}

// actionForm is a small form on a page that does one thing: report a
// card lost, take a payment, …
type actionForm struct {
	// Code names the action; the form's section has the id "act-"+Code.
	Code string
	// Action is the path the form posts to.
	Action               string
	Title, Intro, Submit string
	Fields               []circField
	Error                string
	// Danger marks an action that is hard to undo; Multipart, a form that
	// uploads a file.
	Danger, Multipart bool
}

// newAction builds the form of action code from f: its title, intro and
// button are the keys prefix+code, prefix+code+"_about" (when there is
// one) and prefix+code+"_submit"; its fields are built with f.field
// under fieldPrefix.
func (r *req) newAction(prefix, code, action string, f circForm, fields ...circField) actionForm {
	a := actionForm{Code: code, Action: action, Title: r.T(prefix + code), Submit: r.T(prefix + code + "_submit"),
		Fields: fields, Error: f.summary(r)}
	if r.s.tr.Has(r.Locale, prefix+code+"_about") {
		a.Intro = r.T(prefix + code + "_about")
	}
	return a
}

// today is the library's calendar day now.
func (s *Server) today() string {
	return s.cfg.Clock.Now().In(s.cfg.LibraryZone).Format(time.DateOnly)
}

// DeskCookie remembers the service desk a person last took money at, to
// fill in the desk of the next form.
const DeskCookie = "lantai_desk"

// desk is the desk remembered in the person's browser.
func (r *req) desk() string {
	if c, err := r.Cookie(DeskCookie); err == nil {
		if v, err := url.QueryUnescape(c.Value); err == nil {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// rememberDesk keeps the desk for the next form.
func (r *req) rememberDesk(desk string) {
	desk = strings.TrimSpace(desk)
	if desk == "" || len(desk) > 100 {
		return
	}
	http.SetCookie(r.w, &http.Cookie{Name: DeskCookie, Value: url.QueryEscape(desk), Path: "/staff/", MaxAge: 180 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || r.s.cfg.SecureCookies})
}

// readerPath is the page of reader id.
func readerPath(id int64) string { return "/staff/circ/readers/" + itoa(id) }

// methodChoices are the options of a payment-method select.
func methodChoices(r *req, selected string) []circOption {
	values := make([]string, 0, len(fees.Methods))
	for _, m := range fees.Methods {
		values = append(values, string(m))
	}
	if selected == "" {
		selected = string(fees.MethodCash)
	}
	return choices(selected, values, func(v string) string { return r.catName("pay_method.", v) })
}
