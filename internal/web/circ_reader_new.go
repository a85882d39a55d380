package web

import (
	"net/http"

	"lantai.dev/lantai/internal/readers"
)

// Registering a reader 办证 (/staff/circ/readers/new): the card number and
// the reader's details; the first card is issued with them. The same form
// changes a reader's details (circ_reader_edit.go).

// circReaderFormData is the form of a new reader or of a reader's details.
type circReaderFormData struct {
	New       bool
	Reader    readers.Reader
	Fieldsets []circFieldset
	Error     string
	Version   string
}

var (
	readerTextFields  = []string{"card_number", "name", "id_number", "category", "department", "class", "phone", "email", "expires_on", "notes"}
	readerCheckFields = []string{"remove_id"}
)

// readerFormOf writes a reader's details as the form (the identity number
// is never written into a page: the edit form leaves it blank to keep it).
func readerFormOf(rd readers.Reader) circForm {
	f := newCircForm()
	v := f.Values
	v["card_number"], v["name"], v["category"] = rd.CardNumber, rd.Name, rd.Category
	v["department"], v["class"], v["phone"], v["email"] = rd.Department, rd.Class, rd.Phone, rd.Email
	v["expires_on"], v["notes"], v["id_number"], v["remove_id"] = rd.ExpiresOn, rd.Notes, "", ""
	return f
}

// readerDetails reads the details of the posted form.
func readerDetails(f circForm) readers.Details {
	v := f.Values
	return readers.Details{Name: v["name"], IDNumber: v["id_number"], Category: v["category"], Department: v["department"],
		Class: v["class"], Phone: v["phone"], Email: v["email"], ExpiresOn: v["expires_on"], Notes: v["notes"]}
}

// readerFieldsets lays the reader form out; masked is the stored identity
// number, masked, of a reader being edited ("" for a new reader).
func readerFieldsets(r *req, f circForm, cats categoryBook, isNew bool, masked string) []circFieldset {
	const prefix = "circ.reader."
	fd := func(name, kind string) circField { return f.field(r, prefix, name, kind) }
	name := fd("name", "text")
	name.Required = true
	cat := fd("category", "select")
	cat.Options = cats.choices(f.Values["category"], r.T("circ.reader.choose_category"))
	id := fd("id_number", "text")
	who := []circField{name, id, cat}
	if isNew {
		card := fd("card_number", "text")
		card.Required = true
		who = append([]circField{card}, who...)
	} else if masked != "" {
		id.Placeholder = masked
		id.Hint = r.T("circ.reader.id_number_keep", "Masked", masked)
		who = []circField{name, id, fd("remove_id", "check"), cat}
	}
	return []circFieldset{
		{Legend: r.T("circ.reader.group_who"), Fields: who},
		{Legend: r.T("circ.reader.group_contact"), Fields: []circField{fd("department", "text"), fd("class", "text"), fd("phone", "text"), fd("email", "text")}},
		{Legend: r.T("circ.reader.group_card"), Fields: []circField{fd("expires_on", "date"), fd("notes", "textarea")}},
	}
}

// circReaderNew shows the form of a new reader.
func (s *Server) circReaderNew(r *req) {
	s.renderReaderNew(r, http.StatusOK, newCircForm())
}

func (s *Server) renderReaderNew(r *req, status int, f circForm) {
	cats, err := s.loadCategories(r.Context(), r.Locale)
	if err != nil {
		r.fail(err)
		return
	}
	d := circReaderFormData{New: true, Error: f.summary(r), Fieldsets: readerFieldsets(r, f, cats, true, "")}
	r.render(status, "circ_reader_form", r.T("circ.reader_new.title"), d)
}

// circReaderCreate registers the reader and issues their card.
func (s *Server) circReaderCreate(r *req) {
	if !r.parseForm() {
		return
	}
	f := newCircForm()
	f.readValues(r, readerTextFields, readerCheckFields)
	rd, err := s.readers.Register(r.Context(), r.Actor(), f.Values["card_number"], readerDetails(f))
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		r.readerErrorIn(&f, err, "circ.reader.", fieldMap(nil))
		s.renderReaderNew(r, formStatus(err), f)
		return
	}
	r.redirect(readerPath(rd.ID) + "?done=flash.reader_registered")
}
