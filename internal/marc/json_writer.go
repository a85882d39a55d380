package marc

import (
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// JSONWriter writes records as MARC-in-JSON (the format of Ross Singer,
// code4lib): {"leader": ..., "fields": [{"001": "..."}, {"245": {"subfields":
// [{"a": "..."}], "ind1": "1", "ind2": "0"}}]}. The layout is yaz-marcdump's:
// two spaces of indentation, subfields before indicators, one object per
// record followed by a newline (a stream of JSON values, one per record),
// unless Array is set.
//
// Strings are escaped as yaz does: quote, backslash and control characters
// (\b \t \n \f \r by name, the others as \u00XX); everything else is written
// as UTF-8, with U+FFFD for invalid bytes.
type JSONWriter struct {
	// Array writes the records as one JSON array instead of a stream of
	// objects. Close must then be called after the last record.
	Array bool

	w      io.Writer
	buf    []byte
	n      int
	closed bool
}

// NewJSONWriter returns a JSONWriter writing to w.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

// Write writes one record.
func (j *JSONWriter) Write(r *Record) error {
	if j.closed {
		return fmt.Errorf("marc: write to a closed JSONWriter")
	}
	b := j.buf[:0]
	if j.Array {
		if j.n == 0 {
			b = append(b, "[\n"...)
		} else {
			b = append(b, ",\n"...)
		}
	}
	b = appendJSONRecord(b, r)
	if !j.Array {
		b = append(b, '\n')
	}
	j.buf = b
	j.n++
	if _, err := j.w.Write(b); err != nil {
		return fmt.Errorf("marc: writing MARC-in-JSON: %w", err)
	}
	return nil
}

// Close ends the array when Array is set. It does not close the underlying
// writer.
func (j *JSONWriter) Close() error {
	if j.closed || !j.Array {
		j.closed = true
		return nil
	}
	j.closed = true
	s := "\n]\n"
	if j.n == 0 {
		s = "[]\n"
	}
	if _, err := io.WriteString(j.w, s); err != nil {
		return fmt.Errorf("marc: writing MARC-in-JSON: %w", err)
	}
	return nil
}

// MarshalJSON returns r as one MARC-in-JSON object (yaz layout), so a Record
// can be used with encoding/json.
func (r *Record) MarshalJSON() ([]byte, error) { return appendJSONRecord(nil, r), nil }

func appendJSONRecord(b []byte, r *Record) []byte {
	b = append(b, "{\n  \"leader\": "...)
	b = appendJSONString(b, r.Leader.String())
	b = append(b, ",\n  \"fields\": ["...)
	fields := r.all()
	if len(fields) == 0 {
		return append(b, "]\n}"...)
	}
	for i := range fields {
		f := &fields[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {\n      "...)
		b = appendJSONString(b, f.Tag)
		b = append(b, ": "...)
		if f.Control {
			b = appendJSONString(b, f.Value)
			b = append(b, "\n    }"...)
			continue
		}
		b = append(b, "{\n        \"subfields\": [\n"...)
		for k, sf := range f.Subfields {
			if k > 0 {
				b = append(b, ",\n"...)
			}
			b = append(b, "          {\n            "...)
			b = appendJSONString(b, sf.Code)
			b = append(b, ": "...)
			b = appendJSONString(b, sf.Value)
			b = append(b, "\n          }"...)
		}
		b = append(b, "\n        ]"...)
		inds := f.Indicators
		// Pad to the leader's count, as readers of MARC-in-JSON fill in blanks.
		for n := utf8.RuneCountInString(inds); n < r.Leader.IndicatorCount(); n++ {
			inds += " "
		}
		for n := 1; inds != ""; n++ {
			_, size := utf8.DecodeRuneInString(inds)
			b = append(b, ",\n        \"ind"...)
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, "\": "...)
			b = appendJSONString(b, inds[:size])
			inds = inds[size:]
		}
		b = append(b, "\n      }\n    }"...)
	}
	return append(b, "\n  ]\n}"...)
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || n > 1 {
				i += n
				continue
			}
		}
		b = append(b, s[last:i]...)
		switch c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\b':
			b = append(b, `\b`...)
		case '\t':
			b = append(b, `\t`...)
		case '\n':
			b = append(b, `\n`...)
		case '\f':
			b = append(b, `\f`...)
		case '\r':
			b = append(b, `\r`...)
		default:
			if c < 0x20 {
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			} else {
				b = append(b, "\uFFFD"...)
			}
		}
		i++
		last = i
	}
	b = append(b, s[last:]...)
	return append(b, '"')
}
