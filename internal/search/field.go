package search

import (
	"strconv"
	"strings"
)

// Field identifies the part of a bibliographic record a token belongs to.
// Every field has a fixed two-letter token code (see [Field.Code]) that is
// prepended to each of its tokens, so that one tokens column (SQLite FTS5)
// or one tsvector (PostgreSQL) can hold all fields and a field qualifier in
// a query is just a different token.
type Field uint8

// The fields of a record. FieldAny is the "keyword anywhere" stream that
// unqualified query words search; [Doc] copies every value of every field
// except FieldPinyin into it.
const (
	FieldAny           Field = iota // keyword anywhere (code "kw")
	FieldTitle                      // titles: title proper, parallel, series, uniform (code "ti")
	FieldName                       // personal names; pinyin uses surname readings (code "au")
	FieldCorporateName              // corporate and meeting names; searched as au: (code "au")
	FieldSubject                    // subject headings and keywords (code "su")
	FieldPublisher                  // publisher, place of publication (code "pu")
	FieldISBN                       // normalised ISBN keys (code "ib")
	FieldISSN                       // normalised ISSN keys (code "is")
	FieldClass                      // classification numbers, e.g. CLC (codes "cl" exact, "cp" prefix)
	FieldCallNo                     // call numbers (codes "cn" exact, "np" prefix)
	FieldPinyin                     // pinyin of titles and names (code "py")
	FieldYear                       // publication year (code "yr")
	FieldOther                      // notes and everything else: searchable only unqualified (code "kw")
	numFields
)

var fieldInfo = [numFields]struct {
	name string // stable English name, used by String
	code string // token code
}{
	FieldAny:           {"any", "kw"},
	FieldTitle:         {"title", "ti"},
	FieldName:          {"name", "au"},
	FieldCorporateName: {"corporate", "au"},
	FieldSubject:       {"subject", "su"},
	FieldPublisher:     {"publisher", "pu"},
	FieldISBN:          {"isbn", "ib"},
	FieldISSN:          {"issn", "is"},
	FieldClass:         {"class", "cl"},
	FieldCallNo:        {"callno", "cn"},
	FieldPinyin:        {"pinyin", "py"},
	FieldYear:          {"year", "yr"},
	FieldOther:         {"other", "kw"},
}

// Token codes that are not the primary code of a field.
const (
	codeClassPrefix  = "cp" // every prefix of a class number
	codeCallNoPrefix = "np" // every prefix of a call number
)

// GapToken is written between values and between the sub-streams of a value
// so that a phrase can never match across a value boundary. No query ever
// produces it: every query token is a two-letter code plus at least one
// character.
const GapToken = "zz"

// String returns the field's stable English name ("title", "name", ...).
func (f Field) String() string {
	if f < numFields {
		return fieldInfo[f].name
	}
	return "field(" + strconv.Itoa(int(f)) + ")"
}

// Code returns the two-letter code that prefixes every token of the field.
// FieldName and FieldCorporateName share "au"; FieldOther returns "kw"
// because other values are only indexed in the keyword stream.
func (f Field) Code() string {
	if f < numFields {
		return fieldInfo[f].code
	}
	return ""
}

// inAny reports whether values of f are copied into the keyword stream.
func (f Field) inAny() bool { return f != FieldPinyin && f != FieldAny && f < numFields }

// qualifiers maps the lower-cased query qualifiers (before the colon) to
// fields. The short forms are the documented ones; the long forms are
// accepted aliases.
var qualifiers = map[string]Field{
	"ti": FieldTitle, "title": FieldTitle,
	"au": FieldName, "author": FieldName, "name": FieldName,
	"su": FieldSubject, "subject": FieldSubject,
	"pub": FieldPublisher, "publisher": FieldPublisher,
	"isbn": FieldISBN,
	"issn": FieldISSN,
	"cls":  FieldClass, "class": FieldClass, "clc": FieldClass,
	"callno": FieldCallNo,
	"py":     FieldPinyin, "pinyin": FieldPinyin,
	"year": FieldYear, "yr": FieldYear,
	"kw": FieldAny, "any": FieldAny,
}

// FieldForQualifier returns the field a query qualifier such as "ti" or
// "TITLE" (without the colon) selects; ok is false for an unknown qualifier.
func FieldForQualifier(q string) (f Field, ok bool) {
	f, ok = qualifiers[strings.ToLower(q)]
	return f, ok
}
