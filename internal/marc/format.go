package marc

import "fmt"

// Format is the MARC format (the set of field definitions) of a record.
type Format int

const (
	// FormatUnknown means the format could not be told.
	FormatUnknown Format = iota
	// FormatMARC21 is MARC 21 (bibliographic, authority, holdings).
	FormatMARC21
	// FormatUNIMARC is UNIMARC.
	FormatUNIMARC
	// FormatCNMARC is CNMARC, the Chinese profile of UNIMARC.
	FormatCNMARC
)

// String returns the name of f.
func (f Format) String() string {
	switch f {
	case FormatMARC21:
		return "MARC 21"
	case FormatUNIMARC:
		return "UNIMARC"
	case FormatCNMARC:
		return "CNMARC"
	case FormatUnknown:
		return "unknown"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// unimarc100 reports whether f looks like the UNIMARC 100 field: $a holds
// the 36-character general processing data, starting with the date entered
// on file (YYYYMMDD) and a type-of-date letter.
func unimarc100(f *Field) bool {
	a := f.Sub('a')
	return len(a) >= 26 && isDigits(a[:8]) && a[8] >= 'a' && a[8] <= 'k'
}

// DetectFormat tells MARC 21 from UNIMARC (and CNMARC) by the fields a record
// has. Signs of UNIMARC: a 100 field whose $a is the 36-character
// processing-data block (date entered, type of date, ...), a 200 title field,
// 101, 210, 215, 801, and the leader's entry map "450 ". Signs of MARC 21:
// the 008 control field, 245 title, 040, 260/264, leader/09 'a' and the
// entry map "4500". A UNIMARC record with Chinese cataloguing (100$a/22-24
// "chi"), a 690 field (Chinese Library Classification) or 801$a "CN" is
// CNMARC.
func DetectFormat(r *Record) Format {
	marc21, unimarc := 0, 0
	cn := false
	for i := range r.fields {
		f := &r.fields[i]
		switch f.Tag {
		case "008":
			if f.Control {
				marc21 += 3
			}
		case "245":
			if !f.Control && f.Sub('a') != "" {
				marc21 += 3
			}
		case "040", "260", "264":
			marc21++
		case "100":
			if !f.Control && unimarc100(f) {
				unimarc += 4
				if a := f.Sub('a'); len(a) >= 25 && a[22:25] == "chi" {
					cn = true
				}
			}
		case "200":
			if !f.Control && f.Sub('a') != "" {
				unimarc += 2
			}
		case "101", "210", "215":
			if !f.Control {
				unimarc++
			}
		case "801":
			if !f.Control {
				unimarc++
				if f.Sub('a') == "CN" {
					cn = true
				}
			}
		case "690":
			cn = true
		}
	}
	switch string(r.Leader[20:24]) {
	case "4500":
		marc21++
	case "450 ":
		unimarc++
	}
	if r.Leader[9] == 'a' {
		marc21++
	}
	// The leader alone (one point) does not decide.
	switch {
	case unimarc > marc21 && unimarc > 1 && cn:
		return FormatCNMARC
	case unimarc > marc21 && unimarc > 1:
		return FormatUNIMARC
	case marc21 >= unimarc && marc21 > 1:
		return FormatMARC21
	}
	return FormatUnknown
}
