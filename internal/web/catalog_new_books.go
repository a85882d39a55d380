package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/catalog"
)

// newBooksData is the new-books list (新书通报): the records that reached
// the shelves in the last Days days, in a class.
type newBooksData struct {
	Days   int
	DaysIn string
	Class  string
	Books  []catalog.NewBook
	Since  string // the first day of the list, in the library's zone
	Error  string
}

// newBooksLimit is the longest list one page shows.
const newBooksLimit = 500

// newBooks lists the new books (?days=30&class=I), ready to print.
func (s *Server) newBooks(r *req) {
	q := r.URL.Query()
	d := newBooksData{Days: 30, DaysIn: strings.TrimSpace(q.Get("days")), Class: strings.TrimSpace(q.Get("class"))}
	status := http.StatusOK
	if d.DaysIn != "" {
		n, err := strconv.Atoi(d.DaysIn)
		if err != nil || n < 1 || n > 3660 {
			d.Error, status = r.T("error.days_invalid", "Value", d.DaysIn), http.StatusUnprocessableEntity
		} else {
			d.Days = n
		}
	}
	if d.DaysIn == "" || d.Error != "" {
		d.DaysIn = strconv.Itoa(d.Days)
	}
	since := time.Now().AddDate(0, 0, -d.Days)
	d.Since = since.In(s.cfg.Zone).Format("2006-01-02")
	if d.Error == "" {
		var err error
		if d.Books, err = s.catalog.NewBooks(r.Context(), since, strings.ToUpper(d.Class), newBooksLimit); err != nil {
			r.fail(err)
			return
		}
	}
	r.render(status, "catalog_new_books", r.T("catalog.new_books.title"), d)
}
