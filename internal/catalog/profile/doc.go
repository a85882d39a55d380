// Package profile derives the descriptive fields of a bibliographic record
// (title, names, edition, publication, extent, series, identifiers, price,
// languages, subjects, classes, notes, material type and a duplicate-check
// key) from its MARC record.
//
// The catalogue keeps the MARC record whole: MARC is the truth. The Bib that
// this package derives fills the columns used for display, sorting,
// duplicate checks (查重) and search, and is recomputed from the record
// whenever the record changes. Every function here is pure: it reads the
// record and allocates a new Bib, and never changes the record.
//
// # Profiles
//
// There is one profile per format:
//
//   - DeriveMARC21 for MARC 21 (USMARC), including vernacular 880 fields:
//     where a field is linked to an 880 field in another script (245 ↔
//     880 245-01), the vernacular form is used, since a Chinese catalogue
//     shows 车票去哪儿了, not Che piao qu na er le;
//   - DeriveCNMARC for CNMARC (中国机读目录格式, WH/T 0503-96 and GB/T
//     33286-2016), the Chinese profile of UNIMARC. It also serves plain
//     UNIMARC records, whose fields are the same.
//
// Derive chooses the profile by marc.DetectFormat.
//
// # Errors
//
// A record without a title proper (245 $a in MARC 21, 200 $a in CNMARC)
// gives an *Error naming the field, as does a record that is not
// bibliographic (an authority or holdings record). Everything else
// degrades gracefully: an ISBN that fails its check digit is kept and
// flagged, a price that cannot be read is kept as text, a class number of
// bad syntax is listed apart, a year that cannot be resolved is 0.
//
// # Field sources
//
// The doc comment of each field of Bib names the MARC 21 and CNMARC fields
// it comes from. Subfield values are trimmed of the ISBD punctuation that
// MARC 21 records carry at their ends (" /", " :", " ;", " =", ",", a final
// full stop that does not end an abbreviation), and of the
// non-sorting markers of UNIMARC (NSB/NSE, U+0088/U+0089 or
// U+0098/U+009C, and the "<<...>>" convention).
//
// # Duplicate key
//
// DupKey joins the normalised title proper (with the number and name of
// part, without leading articles marked as non-filing), the normalised first
// author and the year: see NormalizeKey for the normalisation.
package profile
