package catalog

// TEMPORARY until internal/catalog/profile lands: a minimal derivation so
// the service compiles and its tests run.

import (
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/isbn"
	"lantai.dev/lantai/internal/marc"
)

func derive(r *marc.Record) (derived, error) {
	d := derived{Format: formatName(marc.DetectFormat(r))}
	if d.Format == "cnmarc" {
		d.Title = r.SubValue("200", 'a')
		d.Author = r.SubValue("701", 'a')
		d.Class = r.SubValue("690", 'a')
		for _, f := range r.Fields("010") {
			if n, err := isbn.Parse(f.Sub('a')); err == nil {
				d.ISBNs = append(d.ISBNs, n.String())
			}
		}
	} else {
		d.Title = r.SubValue("245", 'a')
		d.Author = r.SubValue("100", 'a')
		for _, f := range r.Fields("020") {
			if n, err := isbn.Parse(f.Sub('a')); err == nil {
				d.ISBNs = append(d.ISBNs, n.String())
			}
		}
	}
	if d.Title == "" {
		return d, apperr.New(apperr.Invalid, "error.record_no_title").WithField("marc")
	}
	if len(d.ISBNs) > 0 {
		d.ISBN = d.ISBNs[0]
	}
	d.SortTitle = strings.ToLower(d.Title)
	d.DupKey = strings.ToLower(d.Title + "|" + d.Author)
	return d, nil
}
