package marc

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"
)

// convertFields replaces every value, indicator and subfield code by its
// UTF-8 form. Each string is decoded on its own, from the default state.
func convertFields(fields []Field, d *decoder) {
	for i := range fields {
		f := &fields[i]
		if f.Control {
			f.Value = d.decode(f.Value)
			continue
		}
		f.Indicators = d.decode(f.Indicators)
		for j := range f.Subfields {
			sf := &f.Subfields[j]
			sf.Code = d.decode(sf.Code)
			sf.Value = d.decode(sf.Value)
		}
	}
}

// ConvertToUTF8 converts a record read with CharsetRaw from charset from to
// UTF-8; CharsetAuto detects the charset first (see DetectCharset). Like the
// Reader, it sets leader/09 to 'a' unless the record is UNIMARC or CNMARC.
func (r *Record) ConvertToUTF8(from Charset) error {
	switch from {
	case CharsetRaw:
		return fmt.Errorf("marc: cannot convert to UTF-8 from %s", from)
	case CharsetAuto:
		from = DetectCharset(r)
	}
	if from < CharsetAuto || from > CharsetRaw {
		return fmt.Errorf("marc: cannot convert to UTF-8 from unknown %s", from)
	}
	r.own()
	convertFields(r.fields, &decoder{cs: from})
	if f := DetectFormat(r); f != FormatUNIMARC && f != FormatCNMARC {
		r.Leader[9] = 'a'
	}
	return nil
}

// rawBytes returns the data of a raw record (all values) for detection.
func (r *Record) rawBytes() []byte {
	var b []byte
	fields := r.all()
	for i := range fields {
		f := &fields[i]
		b = append(b, f.Value...)
		b = append(b, f.Indicators...)
		for _, sf := range f.Subfields {
			b = append(b, sf.Code...)
			b = append(b, sf.Value...)
		}
	}
	return b
}

// DetectCharset tells the encoding of a record read with CharsetRaw.
//
// For MARC 21, leader/09 'a' means UTF-8 and ' ' MARC-8; data with MARC-8
// escape sequences is MARC-8, and data that is valid UTF-8 (and not pure
// ASCII) is UTF-8 whatever the leader says, since MARC-8 diacritics (a byte
// of 0xE0-0xFE before an ASCII letter) are never valid UTF-8. Data that is
// neither but well-formed GB 18030 of the GB 2312 kind is GB 18030.
//
// For UNIMARC and CNMARC, 100$a/26-27 "50" means UTF-8 (ISO 10646). Other
// codes ("01" ISO 646, "03" ISO 5426, the "0120" some Chinese vendors write)
// or a blank say little in practice, so the bytes decide: valid UTF-8 is
// UTF-8, else well-formed GB 18030 is GB 18030, else ISO 8859-1.
func DetectCharset(r *Record) Charset {
	v := recordView(r.all())
	format := detectFormat(v, &r.Leader)
	return chooseCharset(scanBytes(r.rawBytes()), format, r.Leader[9], first100a(v))
}

// first100a returns the $a of the first 100 field.
func first100a(v *fieldView) string {
	for i, n := 0, v.count(); i < n; i++ {
		if v.tag(i) == "100" {
			return v.subA(i)
		}
	}
	return ""
}

// chooseCharset applies the rules of DetectCharset.
func chooseCharset(st byteStats, format Format, leader9 byte, f100a string) Charset {
	unimarc := format == FormatUNIMARC || format == FormatCNMARC
	if !st.high && !st.esc && !st.ctrl {
		// ASCII reads the same in every charset: say what the record says.
		if unimarc || leader9 == 'a' {
			return CharsetUTF8
		}
		return CharsetMARC8
	}
	if unimarc {
		switch {
		case len(f100a) >= 28 && f100a[26:28] == "50" && (st.utf8 || !st.looksGB()):
			return CharsetUTF8
		case st.utf8:
			return CharsetUTF8
		case st.gbOK:
			return CharsetGB18030
		}
		return CharsetLatin1
	}
	switch {
	case leader9 == 'a' && (st.utf8 || !st.looksGB() && !st.esc):
		return CharsetUTF8
	case st.esc:
		return CharsetMARC8
	case st.high && st.utf8:
		return CharsetUTF8
	case st.looksGB():
		return CharsetGB18030
	}
	return CharsetMARC8
}

// scanBytes summarises b for charset detection. Control bytes are only
// looked for in data that has a byte outside ASCII or an escape: pure ASCII
// is kept as it is whatever the charset.
func scanBytes(b []byte) byteStats {
	st := byteStats{utf8: true, esc: bytes.IndexByte(b, 0x1b) >= 0}
	const highs = 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&highs != 0 {
			st.high = true
			break
		}
	}
	for _, c := range b[i:] {
		if c >= 0x80 {
			st.high = true
			break
		}
	}
	if !st.high && !st.esc {
		return st
	}
	for _, c := range b {
		if c < 0x1b || c == 0x1c || c == 0x7f {
			st.ctrl = true
			break
		}
	}
	if st.high {
		// GB 18030 only matters for data that is not UTF-8.
		if st.utf8 = utf8.Valid(b); !st.utf8 {
			st.gbOK, st.gbHi, st.gbLow = gbScan(b)
		}
	}
	return st
}
