package marc

import (
	"encoding/binary"
	"fmt"
	"unicode/utf8"
)

// convert replaces every value, indicator and subfield code of r by its
// UTF-8 form. Each string is decoded on its own, from the default state.
func (r *Record) convert(d *decoder) {
	for i := range r.fields {
		f := &r.fields[i]
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
	r.convert(&decoder{cs: from})
	if f := DetectFormat(r); f != FormatUNIMARC && f != FormatCNMARC {
		r.Leader[9] = 'a'
	}
	return nil
}

// rawBytes returns the data of a raw record (all values) for detection.
func (r *Record) rawBytes() []byte {
	var b []byte
	for i := range r.fields {
		f := &r.fields[i]
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
	cs, _, _ := detectStats(r, scanBytes(r.rawBytes()), FormatUnknown)
	return cs
}

// detect chooses the charset of a raw-parsed record from its raw bytes.
func detect(r *Record, raw []byte, format Format) (Charset, Format, byteStats) {
	data := raw
	if len(data) > leaderLength {
		data = data[leaderLength:]
	}
	return detectStats(r, scanBytes(data), format)
}

func detectStats(r *Record, st byteStats, format Format) (Charset, Format, byteStats) {
	if format == FormatUnknown {
		format = DetectFormat(r)
	}
	if !st.high && !st.esc && !st.ctrl {
		// ASCII reads the same in every charset: say what the record says.
		if format == FormatUNIMARC || format == FormatCNMARC || r.Leader[9] == 'a' {
			return CharsetUTF8, format, st
		}
		return CharsetMARC8, format, st
	}
	if format == FormatUNIMARC || format == FormatCNMARC {
		if f := r.Field("100"); f != nil {
			if a := f.Sub('a'); len(a) >= 28 && a[26:28] == "50" && (st.utf8 || !st.looksGB()) {
				return CharsetUTF8, format, st
			}
		}
		switch {
		case st.utf8:
			return CharsetUTF8, format, st
		case st.gbOK:
			return CharsetGB18030, format, st
		}
		return CharsetLatin1, format, st
	}
	switch {
	case r.Leader[9] == 'a' && (st.utf8 || !st.looksGB() && !st.esc):
		return CharsetUTF8, format, st
	case st.esc:
		return CharsetMARC8, format, st
	case st.high && st.utf8:
		return CharsetUTF8, format, st
	case st.looksGB():
		return CharsetGB18030, format, st
	}
	return CharsetMARC8, format, st
}

// scanBytes summarises b for charset detection.
func scanBytes(b []byte) byteStats {
	st := byteStats{utf8: true}
	// Skip words of eight plain bytes (0x1D-0x7E) quickly.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		del := x ^ 0x7f7f7f7f7f7f7f7f
		if x&highs != 0 || (x-0x1d*ones)&^x&highs != 0 || (del-ones)&^del&highs != 0 {
			break
		}
	}
	for _, c := range b[i:] {
		if c >= 0x80 {
			st.high = true
		} else if c == 0x1b {
			st.esc = true
		} else if c < 0x1d || c == 0x7f {
			st.ctrl = true
		}
	}
	if st.high {
		st.utf8 = utf8.Valid(b)
		st.gbOK, st.gbHi, st.gbLow = gbScan(b)
	}
	return st
}
