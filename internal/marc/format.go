package marc

import (
	"fmt"
	"strings"
)

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

// unimarc100 reports whether a, the $a of a 100 field, looks like the
// 36-character general processing data of UNIMARC, starting with the date
// entered on file (YYYYMMDD) and a type-of-date letter.
func unimarc100(a string) bool {
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
	return detectFormat(recordView(r.all()), &r.Leader)
}

// fieldView is what format and charset detection look at in the fields of a
// record: parsed fields, or (when h is set) the raw ISO 2709 record s seen
// through its directory, without parsing it.
type fieldView struct {
	fields []Field
	s      string
	h      *head
}

func recordView(fields []Field) *fieldView { return &fieldView{fields: fields} }

func (v *fieldView) count() int {
	if v.h != nil {
		return v.h.entries
	}
	return len(v.fields)
}

func (v *fieldView) tag(i int) string {
	if v.h != nil {
		e := leaderLength + i*v.h.entryLen
		return v.s[e : e+3]
	}
	return v.fields[i].Tag
}

// data returns the raw content of field i before its terminator, "" if the
// directory entry points outside the record.
func (v *fieldView) data(i int) string {
	length, start := v.h.entry(v.s, i)
	from := v.h.base + start
	if length <= 0 || start < 0 || from+length > len(v.s) {
		return ""
	}
	return v.s[from : from+length-1]
}

func (v *fieldView) control(i int) bool {
	if v.h == nil {
		return v.fields[i].Control
	}
	t := v.tag(i)
	if t[0] != '0' || t[1] != '0' {
		return false
	}
	n := v.h.lay.indicators
	d := v.data(i)
	return n < 1 || n > 3 || at(d, n) != subfieldDelimiter && at(d, n+1) != subfieldDelimiter
}

// subA returns the first $a of field i, "" if none.
func (v *fieldView) subA(i int) string {
	if v.h == nil {
		return v.fields[i].Sub('a')
	}
	d := v.data(i)
	k := strings.Index(d, "\x1fa")
	if k < 0 {
		return ""
	}
	d = d[k+2:]
	if e := strings.IndexByte(d, subfieldDelimiter); e >= 0 {
		d = d[:e]
	}
	return d
}

// detectFormat scores the signs of each format (see DetectFormat).
func detectFormat(v *fieldView, leader *Leader) Format {
	marc21, unimarc := 0, 0
	cn := false
	for i, n := 0, v.count(); i < n; i++ {
		t := v.tag(i)
		if len(t) != 3 {
			continue
		}
		switch t[0] {
		case '0':
			switch t {
			case "008":
				if v.control(i) {
					marc21 += 3
				}
			case "040":
				marc21++
			}
		case '1':
			switch t {
			case "100":
				if a := v.subA(i); !v.control(i) && unimarc100(a) {
					unimarc += 4
					if a[22:25] == "chi" {
						cn = true
					}
				}
			case "101":
				if !v.control(i) {
					unimarc++
				}
			}
		case '2':
			switch t {
			case "245":
				if !v.control(i) && v.subA(i) != "" {
					marc21 += 3
				}
			case "260", "264":
				marc21++
			case "200":
				if !v.control(i) && v.subA(i) != "" {
					unimarc += 2
				}
			case "210", "215":
				if !v.control(i) {
					unimarc++
				}
			}
		case '6':
			if t == "690" {
				cn = true
			}
		case '8':
			if t == "801" && !v.control(i) {
				unimarc++
				if v.subA(i) == "CN" {
					cn = true
				}
			}
		}
	}
	switch string(leader[20:24]) {
	case "4500":
		marc21++
	case "450 ":
		unimarc++
	}
	if leader[9] == 'a' {
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
