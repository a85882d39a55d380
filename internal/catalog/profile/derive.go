package profile

import (
	"errors"
	"fmt"

	"lantai.dev/lantai/internal/marc"
)

// The kinds of error Derive returns, wrapped in an *Error.
var (
	// ErrNoTitle: the record has no title proper (245 $a, 200 $a).
	ErrNoTitle = errors.New("no title proper")
	// ErrNotBibliographic: leader/06 marks an authority, holdings or
	// community information record.
	ErrNotBibliographic = errors.New("not a bibliographic record")
	// ErrUnknownFormat: the record is neither MARC 21 nor UNIMARC/CNMARC
	// by marc.DetectFormat (it has no 245, 008, 100 or 200 to go by).
	ErrUnknownFormat = errors.New("format not recognised as MARC 21 or CNMARC")
	// ErrNoRecord: the record is nil.
	ErrNoRecord = errors.New("no record")
)

// Error reports a record that cannot be derived, naming the record's control
// number and the field at fault. The importer adds the record's number in
// its file.
type Error struct {
	// Format is the format the record was read as.
	Format marc.Format
	// ControlNumber is the record's 001, "" if it has none.
	ControlNumber string
	// Tag names the field at fault: "245", "200", "leader/06".
	Tag string
	// Err is the kind of error: ErrNoTitle, ErrNotBibliographic,
	// ErrUnknownFormat or ErrNoRecord.
	Err error
	// Detail adds what was found, e.g. "an authority record"; may be "".
	Detail string
}

// Error returns "profile: CNMARC record 001 \"012019000123\": field 200:
// no title proper".
func (e *Error) Error() string {
	id := "without 001"
	if e.ControlNumber != "" {
		id = fmt.Sprintf("001 %q", e.ControlNumber)
	}
	msg := fmt.Sprintf("profile: %s record %s: field %s: %v", e.Format, id, e.Tag, e.Err)
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Unwrap returns the kind of error, for errors.Is.
func (e *Error) Unwrap() error { return e.Err }

// Derive derives the descriptive fields of a bibliographic record with the
// profile of its format (marc.DetectFormat): DeriveMARC21 for MARC 21,
// DeriveCNMARC for CNMARC and UNIMARC. On error the Bib holds what could be
// derived (for a report), and the error is an *Error.
func Derive(r *marc.Record) (Bib, error) {
	if r == nil {
		return Bib{}, &Error{Tag: "record", Err: ErrNoRecord}
	}
	switch f := marc.DetectFormat(r); f {
	case marc.FormatMARC21:
		return DeriveMARC21(r)
	case marc.FormatCNMARC, marc.FormatUNIMARC:
		b, err := DeriveCNMARC(r)
		b.Format = f
		if e, ok := err.(*Error); ok {
			e.Format = f
		}
		return b, err
	default:
		return Bib{}, &Error{Format: f, ControlNumber: trimSpace(r.ControlValue("001")),
			Tag: "245/200", Err: ErrUnknownFormat}
	}
}

// titleParts are the parts of the title statement a profile gathered.
type titleParts struct {
	titles  string   // title proper for display
	filing  string   // title proper without non-filing characters
	parts   string   // number and name of part, as displayed: "第二部, 黑暗森林"
	others  []string // titles by other authors (CNMARC 200 $c)
	parall  []string
	other   string
	resp    string
	missing bool // no title proper
}

// finishTitle sets the title fields of b from t.
func finishTitle(b *Bib, t *titleParts) {
	b.Title = t.titles
	b.OtherTitle = t.other
	b.Responsibility = t.resp
	b.ParallelTitles = t.parall
	if len(t.others) == 0 && len(t.parall) <= 1 {
		parallel := ""
		if len(t.parall) == 1 {
			parallel = t.parall[0]
		}
		b.DisplayTitle = join(piece{"", t.titles}, piece{". ", t.parts}, piece{" = ", parallel},
			piece{" : ", t.other}, piece{" / ", t.resp})
	} else {
		d := join(piece{"", t.titles}, piece{". ", t.parts})
		for _, o := range t.others {
			d = appendPart(d, ". ", o)
		}
		for _, p := range t.parall {
			d = appendPart(d, " = ", p)
		}
		b.DisplayTitle = join(piece{"", d}, piece{" : ", t.other}, piece{" / ", t.resp})
	}
	if t.parts == "" {
		b.SortTitle = sortForm(t.filing)
	} else {
		b.SortTitle = sortForm(t.filing + " " + t.parts)
	}
}

// finishKeys sets the duplicate key of b.
func finishKeys(b *Bib, t *titleParts) {
	b.DupKey = dupKey(t.filing, t.parts, b.FirstAuthor, b.Year)
}

// extentParts are the parts of a physical description.
type extentParts struct {
	pages, ill, dims string
	acc              []string
}

// finishExtent sets the extent fields of b.
func finishExtent(b *Bib, e *extentParts) {
	splitAccompanying(e)
	b.Pages, b.Illustrations, b.Dimensions = e.pages, e.ill, e.dims
	acc := ""
	for _, a := range e.acc {
		acc = appendPart(acc, " + ", a)
	}
	b.Accompanying = acc
	b.Discs = countDiscs(e.acc)
	b.Extent = join(piece{"", e.pages}, piece{" : ", e.ill}, piece{" ; ", e.dims}, piece{" + ", acc})
}

// addSeries appends a series statement, or completes the one of the same
// title already there (a 410 or 830 that repeats a 225 or 490).
func addSeries(b *Bib, s Series) {
	if s.Title == "" {
		return
	}
	k := NormalizeKey(s.Title)
	for i := range b.Series {
		if NormalizeKey(b.Series[i].Title) == k {
			if b.Series[i].Number == "" {
				b.Series[i].Number = s.Number
			}
			if b.Series[i].ISSN == "" {
				b.Series[i].ISSN = s.ISSN
			}
			return
		}
	}
	b.Series = append(b.Series, s)
}

// addSubject appends a subject unless it is already there.
func addSubject(b *Bib, s Subject) {
	if s.Heading == "" {
		return
	}
	for _, x := range b.Subjects {
		if x.Heading == s.Heading && x.Kind == s.Kind {
			return
		}
	}
	b.Subjects = append(b.Subjects, s)
}

// addLanguage appends language codes: three letters each, several run
// together in old records ("engfre").
func addLanguages(list []string, s string) []string {
	s = trimSpace(s)
	if len(s) > 3 && len(s)%3 == 0 {
		for i := 0; i < len(s); i += 3 {
			list = addLanguages(list, s[i:i+3])
		}
		return list
	}
	if len(s) != 3 {
		return list
	}
	var c [3]byte
	for i := 0; i < 3; i++ {
		x := s[i]
		if x >= 'A' && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x < 'a' || x > 'z' {
			return list
		}
		c[i] = x
	}
	return addUnique(list, string(c[:]))
}

// presize gives the name, subject and ISBN lists of b the room the record's
// name fields (MARC 21 1XX and 7XX, CNMARC 7XX), subject fields (6XX;
// CNMARC 60X-61X) and ISBN subfields may need, so that they grow once. unnil undoes it for lists
// that stayed empty.
func presize(b *Bib, fields []marc.Field, unimarc bool) {
	names, subjects, isbns := 0, 0, 0
	for i := range fields {
		t := fields[i].Tag
		if len(t) != 3 {
			continue
		}
		switch {
		case t[0] == '7', t[0] == '1' && !unimarc:
			names++
		case t[0] == '6' && (!unimarc || t[1] <= '1'):
			subjects++
		case t == "010" && unimarc, t == "020" && !unimarc:
			isbns += len(fields[i].Subfields)
		}
	}
	if isbns > 0 {
		b.ISBNs = make([]ISBN, 0, isbns)
	}
	if names > 0 {
		b.Names = make([]Name, 0, names)
	}
	if subjects > 0 {
		b.Subjects = make([]Subject, 0, subjects)
	}
}

// unnil sets the lists that presize made and nothing filled back to nil.
func unnil(b *Bib) {
	if len(b.Names) == 0 {
		b.Names = nil
	}
	if len(b.Subjects) == 0 {
		b.Subjects = nil
	}
	if len(b.ISBNs) == 0 {
		b.ISBNs = nil
	}
}
