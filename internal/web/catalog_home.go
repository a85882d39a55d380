package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/isbn"
	"lantai.dev/lantai/internal/marc"
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
		if d.Duplicates, err = s.catalog.FindDuplicates(r.Context(), r.Actor(), isbnProbe(d.ISBN13), 0); err != nil {
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

// isbnProbe is a record that holds nothing but an ISBN, for the duplicate
// check by ISBN. The duplicate check needs a title; the probe's cannot
// match a real one.
func isbnProbe(isbn13 string) *marc.Record {
	m := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
	m.Add(marc.NewDataField("010", ' ', ' ', "a", isbn13),
		marc.NewDataField("200", '1', ' ', "a", "isbn-probe "+isbn13))
	return m
}

// recentRecords returns the records changed most recently, newest first.
// The catalogue lists records by id only, so it looks at the records changed
// in the last day, week, month or year — the first window with enough of
// them — and keeps the last ones by id. On a day with more than a thousand
// changes it shows the last of the first thousand.
func (s *Server) recentRecords(r *req) ([]catalog.Record, error) {
	now := time.Now()
	var last []catalog.Record
	for _, window := range []time.Duration{24 * time.Hour, 7 * 24 * time.Hour, 30 * 24 * time.Hour, 365 * 24 * time.Hour} {
		last = last[:0]
		f := catalog.RecordFilter{Since: now.Add(-window), Limit: 200}
		for page := 0; page < 5; page++ { // at most 1000 records read
			list, err := s.catalog.ListRecords(r.Context(), r.Actor(), f)
			if err != nil {
				return nil, err
			}
			last = append(last, list...)
			if len(last) > recentShown {
				last = append(last[:0:0], last[len(last)-recentShown:]...)
			}
			if len(list) < f.Limit {
				break
			}
			f.AfterID = list[len(list)-1].ID
		}
		if len(last) >= recentShown {
			break
		}
	}
	out := make([]catalog.Record, len(last))
	for i, rec := range last {
		out[len(last)-1-i] = rec
	}
	return out, nil
}
