package web

import (
	"net/http"
	"strconv"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/readers"
)

// Changing a reader's details (/staff/circ/readers/{id}/edit). The form
// carries the version it was opened at: a reader changed meanwhile by
// someone else is not silently overwritten. The identity number is never
// written into the page: left blank it stays as stored, typed it is
// replaced, and "remove" removes it.

// circReaderEdit shows the form of a reader's details.
func (s *Server) circReaderEdit(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	rd, err := s.readers.Get(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	s.renderReaderEdit(r, http.StatusOK, rd, readerFormOf(rd), strconv.Itoa(rd.Version))
}

func (s *Server) renderReaderEdit(r *req, status int, rd readers.Reader, f circForm, version string) {
	cats, err := s.loadCategories(r.Context(), r.Locale)
	if err != nil {
		r.fail(err)
		return
	}
	d := circReaderFormData{Reader: rd, Error: f.summary(r), Version: version, Fieldsets: readerFieldsets(r, f, cats, false, rd.IDMasked)}
	r.render(status, "circ_reader_form", r.T("circ.reader_edit.title", "Name", rd.Name), d)
}

// circReaderUpdate saves the details.
func (s *Server) circReaderUpdate(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	ctx, a := r.Context(), r.Actor()
	rd, err := s.readers.Get(ctx, a, id)
	if err != nil {
		r.fail(err)
		return
	}
	f := newCircForm()
	f.readValues(r, readerTextFields, readerCheckFields)
	version := r.FormValue("version")
	expect, err := strconv.Atoi(version)
	if err != nil || expect <= 0 {
		r.fail(apperr.New(apperr.Invalid, "error.form_invalid"))
		return
	}
	d := readerDetails(f)
	if d.IDNumber == "" && f.Values["remove_id"] == "" {
		d.IDNumber = rd.IDNumber // kept as stored
	}
	if _, err := s.readers.Update(ctx, a, id, d, expect); err != nil {
		if !isFormError(err) || isReaderMissing(err) {
			r.fail(err)
			return
		}
		r.readerErrorIn(&f, err, "circ.reader.", fieldMap(nil))
		s.renderReaderEdit(r, formStatus(err), rd, f, version)
		return
	}
	r.redirect(readerPath(id) + "?done=flash.reader_saved")
}

// isReaderMissing reports whether err says the reader does not exist.
func isReaderMissing(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Key == "error.reader_not_found"
}
