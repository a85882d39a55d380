package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// A reader's page (/staff/circ/readers/{id}): the photo to check who is at
// the desk, the details with the identity number masked, the category and
// status, every card the reader has had with its history, the account
// (balance and statement), where clearance stands, and the actions on the
// card and the reader — each a small form that, refused, comes back with
// the reason next to the field.

// circReaderData is a reader's page.
type circReaderData struct {
	Reader     readers.Reader
	Categories categoryBook
	Cards      []readers.Card
	History    []readers.CardEvent
	Account    fees.Statement
	// Clearance is nil when the person may not check it.
	Clearance *readers.ClearanceCheck
	// Expired: the card is past its expiry date today.
	Expired                    bool
	CanEdit, CanFees, CanWaive bool
	Actions                    []actionForm
	// PhotoError is the refusal of an uploaded photo; Error, that of an
	// action whose form the reader's state no longer offers.
	PhotoError, Error string
	// Circ is the reader's loans and holds (nil to whoever may not read
	// them); PasswordError, the refusal of a catalogue password.
	Circ          *readerCircSection
	PasswordError string
}

// readerFailed is an action of the reader page that was refused: its
// form as typed, with the error.
type readerFailed struct {
	Code string
	Form circForm
}

// readerActionSpec is an action of the reader page: the fields of its
// form, the service's fields they answer for, and when it is offered.
type readerActionSpec struct {
	Code   string
	Fields []string
	Kinds  map[string]string // kind of each field (text when absent)
	// Map maps the service's fields to the form's.
	Map    map[string]string
	Danger bool
	Offer  func(rd readers.Reader) bool
}

var readerActionSpecs = []readerActionSpec{
	{Code: "lost", Fields: []string{"lost_note"}, Map: map[string]string{"note": "lost_note"},
		Offer: func(rd readers.Reader) bool { return rd.CardStatus != readers.CardLost }},
	{Code: "unblock", Fields: []string{"unblock_note"}, Map: map[string]string{"note": "unblock_note"},
		Offer: func(rd readers.Reader) bool { return rd.CardStatus == readers.CardLost }},
	{Code: "replace", Fields: []string{"new_number", "replace_fee", "replace_note"}, Kinds: map[string]string{"replace_fee": "yuan"},
		Map: map[string]string{"amount": "replace_fee", "note": "replace_note"}},
	{Code: "extend", Fields: []string{"expires_on"}, Kinds: map[string]string{"expires_on": "date"}},
	{Code: "expire", Fields: []string{"expire_note"}, Map: map[string]string{"note": "expire_note"}, Danger: true,
		Offer: func(rd readers.Reader) bool { return rd.CardStatus == readers.CardActive }},
	{Code: "block", Fields: []string{"block_reason"}, Map: map[string]string{"reason": "block_reason"}, Danger: true,
		Offer: func(rd readers.Reader) bool { return rd.Status == readers.StatusActive }},
	{Code: "lift_block", Offer: func(rd readers.Reader) bool { return rd.Status == readers.StatusBlocked }},
}

func readerActionSpecOf(code string) readerActionSpec {
	for _, sp := range readerActionSpecs {
		if sp.Code == code {
			return sp
		}
	}
	panic("web: no reader action " + code)
}

// circReader shows a reader's page.
func (s *Server) circReader(r *req) {
	if !r.readerView() {
		return
	}
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderReader(r, http.StatusOK, id, nil)
}

// renderReader shows reader id's page, with a refused action's form as
// typed.
func (s *Server) renderReader(r *req, status int, id int64, failed *readerFailed) {
	ctx, a := r.Context(), r.Actor()
	d := circReaderData{CanEdit: a.Can(auth.PermCircReaders), CanFees: a.Can(auth.PermCircFees), CanWaive: a.Can(auth.PermCircWaive)}
	var err error
	if d.Reader, err = s.readers.Get(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Categories, err = s.loadCategories(ctx, r.Locale); err != nil {
		r.fail(err)
		return
	}
	if d.Cards, err = s.readers.Cards(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.History, err = s.readers.CardHistory(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Account, err = s.fees.Statement(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.CanEdit {
		chk, err := s.readers.CheckClearance(ctx, a, id)
		if err != nil {
			r.fail(err)
			return
		}
		d.Clearance = &chk
	}
	if a.CanAny(deskPerms...) {
		if d.Circ, err = s.loadReaderCirc(r, id); err != nil {
			r.fail(err)
			return
		}
	}
	if failed != nil && failed.Code == "password" {
		d.PasswordError, failed = failed.Form.Error, nil
	}
	d.Expired = d.Reader.ExpiredOn(s.today())
	if d.CanEdit && d.Reader.Status != readers.StatusCleared {
		d.Actions = readerActions(r, d, failed)
	}
	if failed != nil {
		shown := false
		for _, act := range d.Actions {
			shown = shown || act.Code == failed.Code
		}
		switch {
		case failed.Code == "photo" && d.Actions != nil:
			d.PhotoError = failed.Form.Errors["photo"]
			if d.PhotoError == "" {
				d.PhotoError = failed.Form.Error
			}
		case !shown:
			d.Error = failed.Form.Error
			for _, msg := range failed.Form.Errors {
				d.Error = msg
			}
		}
	}
	r.render(status, "circ_reader", d.Reader.Name+"（"+d.Reader.CardNumber+"）", d)
}

// readerActions builds the forms of the actions the reader's state
// allows.
func readerActions(r *req, d circReaderData, failed *readerFailed) []actionForm {
	var out []actionForm
	base := readerPath(d.Reader.ID) + "/"
	for _, sp := range readerActionSpecs {
		if sp.Offer != nil && !sp.Offer(d.Reader) {
			continue
		}
		f := newCircForm()
		if sp.Code == "extend" {
			f.Values["expires_on"] = d.Reader.ExpiresOn
		}
		if failed != nil && failed.Code == sp.Code {
			f = failed.Form
		}
		var fields []circField
		for _, name := range sp.Fields {
			if name == "replace_fee" && !d.CanFees {
				continue
			}
			kind := sp.Kinds[name]
			if kind == "" {
				kind = "text"
			}
			fl := f.field(r, "circ.reader.", name, kind)
			fl.Required = name == "new_number" || name == "expires_on" || name == "block_reason"
			fields = append(fields, fl)
		}
		act := r.newAction("circ.reader.action.", sp.Code, base+strings.ReplaceAll(sp.Code, "_", "-"), f, fields...)
		act.Danger = sp.Danger
		out = append(out, act)
	}
	return out
}

// readerAct runs an action of the reader page posted as code: the form's
// fields are read, run calls the service, and the reader's page follows —
// with a flash when it was done, with the form and its error when not.
func (s *Server) readerAct(r *req, code string, run func(id int64, f *circForm) error) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	sp := readerActionSpecOf(code)
	f := newCircForm()
	f.readValues(r, sp.Fields, nil)
	err := run(id, &f)
	if err == nil && !f.failed() {
		r.redirect(readerPath(id) + "?done=flash.reader_" + code)
		return
	}
	status := http.StatusUnprocessableEntity
	if err != nil {
		if !isFormError(err) || isReaderMissing(err) {
			r.fail(err)
			return
		}
		r.readerErrorIn(&f, err, "circ.reader.", fieldMap(sp.Map))
		status = formStatus(err)
	}
	s.renderReader(r, status, id, &readerFailed{Code: code, Form: f})
}
