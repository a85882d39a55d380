package catalog

import (
	"database/sql"

	"lantai.dev/lantai/internal/catalog/clc"
	"lantai.dev/lantai/internal/catalog/profile"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/isbn"
	"lantai.dev/lantai/internal/marc"
	"lantai.dev/lantai/internal/search"
)

// searchText makes a record's search tokens from what its profile read and
// the call numbers of its items.
func searchText(b profile.Bib, callNumbers []string) string {
	var d search.Doc
	d.Add(search.FieldTitle, b.Title, b.OtherTitle, b.PartName, b.OriginalTitle, b.TitleRomanized)
	d.Add(search.FieldTitle, b.ParallelTitles...)
	d.Add(search.FieldTitle, b.VariantTitles...)
	for _, s := range b.Series {
		d.Add(search.FieldTitle, s.Title)
	}
	for _, n := range b.Names {
		f := search.FieldName
		if n.Kind == profile.Corporate || n.Kind == profile.Meeting {
			f = search.FieldCorporateName
		}
		d.Add(f, n.Name, n.Romanized)
	}
	for _, s := range b.Subjects {
		d.Add(search.FieldSubject, s.Heading)
	}
	d.Add(search.FieldPublisher, b.Publisher, b.PubPlace)
	for _, n := range b.ISBNs {
		if n.Valid {
			keys, _ := isbn.SearchKeys(n.ISBN13)
			d.Add(search.FieldISBN, keys...)
		} else if n.Digits != "" {
			d.Add(search.FieldISBN, n.Digits)
		}
	}
	for _, n := range b.ISSNs {
		d.Add(search.FieldISSN, first(n.ISSN, n.Raw))
	}
	d.Add(search.FieldClass, b.CLCNumbers...)
	for _, c := range b.Classes {
		d.Add(search.FieldClass, c.Number)
	}
	d.Add(search.FieldCallNo, callNumbers...)
	if b.Year > 0 {
		d.AddYear(b.Year)
	}
	d.Add(search.FieldOther, b.Edition, b.Responsibility, b.Summary, b.ControlNumber)
	return d.Text()
}

// facetColumns fills the columns that sorting and facets read.
func facetColumns(tx *db.Tx, id int64, b profile.Bib) error {
	_, err := tx.Exec(`UPDATE bib_records SET main_class = $1, title_pinyin = $2 WHERE id = $3`,
		clc.MainClass(b.CLC), search.PinyinSortKey(b.Title), id)
	return err
}

// reindex rewrites a record's search entry inside tx from its stored MARC
// and its items: called by every change of a record or of its items.
func reindex(tx *db.Tx, id int64) error {
	var raw []byte
	err := tx.QueryRow(`SELECT marc FROM bib_records WHERE id = $1`, id).Scan(&raw)
	if err == sql.ErrNoRows {
		search.Touch(tx, id)
		return search.Delete(tx, id)
	}
	if err != nil {
		return err
	}
	m, err := marc.Unmarshal(raw)
	if err != nil {
		return err
	}
	b, err := profile.Derive(m)
	if err != nil {
		return err
	}
	return indexDerived(tx, id, b)
}

// indexDerived writes the entry of a record whose profile is at hand.
func indexDerived(tx *db.Tx, id int64, b profile.Bib) error {
	calls, err := callNumbersOf(tx, id)
	if err != nil {
		return err
	}
	if err := facetColumns(tx, id, b); err != nil {
		return err
	}
	search.Touch(tx, id)
	return search.Store(tx, id, searchText(b, calls))
}

func callNumbersOf(tx *db.Tx, id int64) ([]string, error) {
	rows, err := tx.Query(`SELECT DISTINCT call_number FROM items WHERE bib_id = $1 AND call_number <> '' AND status <> 'withdrawn'`, id)
	return db.Collect(rows, err, func(r *sql.Rows) (string, error) { var s string; return s, r.Scan(&s) })
}
