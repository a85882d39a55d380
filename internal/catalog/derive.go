package catalog

import (
	"errors"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog/profile"
	"lantai.dev/lantai/internal/marc"
)

// derived holds the columns stored beside a record's MARC.
type derived struct {
	Format    string
	Title     string
	SortTitle string
	Author    string
	Publisher string
	Year      int
	Edition   string
	ISBN      string   // the first valid ISBN-13
	ISBNs     []string // every valid ISBN-13
	ISSN      string
	Class     string
	Language  string
	Material  string
	DupKey    string
	PriceFen  int64
	Bib       profile.Bib // everything the profile read, for the search index
}

// formatName maps a MARC format to the name stored with the record.
func formatName(f marc.Format) string {
	switch f {
	case marc.FormatUNIMARC, marc.FormatCNMARC:
		return "cnmarc"
	}
	return "marc21"
}

// derive reads a record's descriptive fields by its format's profile.
func derive(r *marc.Record) (derived, error) {
	b, err := profile.Derive(r)
	if err != nil {
		var pe *profile.Error
		field := ""
		if errors.As(err, &pe) {
			field = pe.Tag
		}
		switch {
		case errors.Is(err, profile.ErrNoTitle):
			return derived{}, apperr.New(apperr.Invalid, "error.record_no_title").WithField("marc").WithCause(err)
		case errors.Is(err, profile.ErrNotBibliographic):
			return derived{}, apperr.New(apperr.Invalid, "error.record_not_bibliographic", "Field", field).WithField("marc").WithCause(err)
		default:
			return derived{}, apperr.New(apperr.Invalid, "error.marc_invalid", "Reason", err.Error()).WithField("marc").WithCause(err)
		}
	}
	d := derived{
		Format:    formatName(b.Format),
		Title:     listTitle(b),
		SortTitle: b.SortTitle,
		Author:    b.FirstAuthor,
		Publisher: b.Publisher,
		Year:      b.Year,
		Edition:   b.Edition,
		ISBN:      b.ISBN,
		ISSN:      b.ISSN,
		Class:     b.CLC,
		Material:  string(b.Material),
		DupKey:    b.DupKey,
		Bib:       b,
	}
	for _, n := range b.ISBNs {
		if n.Valid && !n.Cancelled {
			d.ISBNs = append(d.ISBNs, n.ISBN13)
		}
	}
	if len(b.Languages) > 0 {
		d.Language = b.Languages[0]
	}
	if b.Price.Valid && (b.Price.Currency == "CNY" || b.Price.Currency == "") {
		d.PriceFen = b.Price.Amount
	}
	return d, nil
}

// listTitle is the title as lists show it: the display title without the
// statement of responsibility, which lists show in their own column.
func listTitle(b profile.Bib) string {
	t := b.DisplayTitle
	if b.Responsibility != "" {
		t = strings.TrimSuffix(t, " / "+b.Responsibility)
	}
	if t == "" {
		t = b.Title
	}
	return t
}
