package web

import (
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/isbn"
)

// catalogHomeData is the catalogue home: the three look-ups and the records
// changed most recently.
type catalogHomeData struct {
	Barcode, ISBN, RecordID string
	// ISBNChecked says the duplicate check ran for ISBN (normalised in
	// ISBN13); Duplicates is what it found.
	ISBNChecked bool
	ISBN13      string
	Duplicates  []catalog.Duplicate
	Recent      []catalog.Record
	Error       string
}

// recentShown is how many recently changed records the home page lists.
const recentShown = 20

// catalogHome is the cataloguing module's home page. ?barcode= opens the
// item, ?id= the record, and ?isbn= runs the duplicate check for an ISBN.
func (s *Server) catalogHome(r *req) {
	q := r.URL.Query()
	d := catalogHomeData{Barcode: strings.TrimSpace(q.Get("barcode")), ISBN: strings.TrimSpace(q.Get("isbn")), RecordID: strings.TrimSpace(q.Get("id"))}
	status := http.StatusOK
	switch {
	case d.Barcode != "":
		it, err := s.catalog.GetItemByBarcode(r.Context(), r.Actor(), d.Barcode)
		if err == nil {
			r.redirect("/staff/catalog/items/" + itoa(it.ID))
			return
		}
		if !isFormError(err) {
			r.fail(err)
			return
		}
		d.Error, status = r.catalogError(err), formStatus(err)
	case d.RecordID != "":
		id, err := strconv.ParseInt(d.RecordID, 10, 64)
		if err != nil || id <= 0 {
			d.Error, status = r.T("error.record_id_invalid", "Value", d.RecordID), http.StatusUnprocessableEntity
			break
		}
		if _, err := s.catalog.GetRecord(r.Context(), r.Actor(), id); err != nil {
			if !isFormError(err) {
				r.fail(err)
				return
			}
			d.Error, status = r.catalogError(err), formStatus(err)
			break
		}
		r.redirect("/staff/catalog/records/" + itoa(id))
		return
	case d.ISBN != "":
		n, err := isbn.Parse(d.ISBN)
		if err != nil {
			d.Error, status = r.T("error.isbn_invalid", "Value", d.ISBN), http.StatusUnprocessableEntity
			break
		}
		d.ISBN13 = n.String()
		if d.Duplicates, err = s.catalog.FindByISBN(r.Context(), r.Actor(), d.ISBN13); err != nil {
			r.fail(err)
			return
		}
		d.ISBNChecked = true
	}
	recent, err := s.recentRecords(r)
	if err != nil {
		r.fail(err)
		return
	}
	d.Recent = recent
	r.render(status, "catalog_home", r.T("catalog.home.title"), d)
}

// recentRecords returns the records changed most recently, newest first.
func (s *Server) recentRecords(r *req) ([]catalog.Record, error) {
	return s.catalog.ListRecords(r.Context(), r.Actor(), catalog.RecordFilter{Newest: true, Limit: recentShown})
}
