package marc

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Writer writes records as ISO 2709. It recomputes the record length, the
// base address and the directory of every record; the rest of the leader is
// written as it is, except structural positions that do not hold a usable
// number (10, 11, 20-22), which get their standard values. Data is written as
// held in the record (UTF-8 for records read by this package).
type Writer struct {
	w   io.Writer
	buf []byte
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes one record.
func (w *Writer) Write(r *Record) error {
	b, err := AppendISO2709(w.buf[:0], r)
	if err != nil {
		return err
	}
	w.buf = b
	if _, err := w.w.Write(b); err != nil {
		return fmt.Errorf("marc: writing ISO 2709: %w", err)
	}
	return nil
}

// Marshal returns the ISO 2709 form of r.
func Marshal(r *Record) ([]byte, error) { return AppendISO2709(nil, r) }

// AppendISO2709 appends the ISO 2709 form of r to dst. It fails with
// ErrTooLong when a field or the record does not fit the lengths of the
// directory, and with ErrField when a tag is not three bytes, an indicator
// count or a subfield code does not match the leader, or a value holds a
// separator (0x1D, 0x1E, or 0x1F inside a data field).
func AppendISO2709(dst []byte, r *Record) ([]byte, error) {
	l := r.Leader
	if l[10] < '1' || l[10] > '9' {
		l[10] = '2'
	}
	if l[11] < '1' || l[11] > '9' {
		l[11] = '2'
	}
	if l[22] < '0' || l[22] > '9' {
		l[22] = '0'
	}
	if l[20] < '3' || l[20] > '9' {
		l[20] = '4'
	}
	if l[21] < '4' || l[21] > '9' {
		l[21] = '5'
	}
	lenLen, startLen := int(l[20]-'0'), int(l[21]-'0')
	indicators := int(l[10] - '0')
	codeChars := max(1, int(l[11]-'0')-1)
	entryLen := 3 + lenLen + startLen
	maxLen, maxStart := pow10(lenLen), pow10(startLen)

	start := len(dst)
	fields := r.all()
	base := leaderLength + entryLen*len(fields) + 1
	if base > maxRecordLength {
		return dst[:start], fmt.Errorf("marc: record with %d fields: directory %w", len(fields), ErrTooLong)
	}
	// Leader and directory first (directory filled in below), then data.
	dst = append(dst, l[:]...)
	dirAt := len(dst)
	dst = append(dst, make([]byte, entryLen*len(fields))...)
	dst = append(dst, fieldTerminator)
	dataAt := len(dst)
	for k := range fields {
		f := &fields[k]
		if len(f.Tag) != 3 {
			return dst[:start], fmt.Errorf("marc: field %d: tag %q is not 3 bytes: %w", k+1, f.Tag, ErrField)
		}
		fieldAt := len(dst)
		if f.Control {
			if strings.ContainsAny(f.Value, "\x1d\x1e") {
				return dst[:start], fmt.Errorf("marc: field %s: value holds a separator: %w", f.Tag, ErrField)
			}
			dst = append(dst, f.Value...)
		} else {
			if utf8.RuneCountInString(f.Indicators) != indicators || strings.ContainsAny(f.Indicators, "\x1d\x1e\x1f") {
				return dst[:start], fmt.Errorf("marc: field %s: indicators %q do not make %d indicators: %w", f.Tag, f.Indicators, indicators, ErrField)
			}
			dst = append(dst, f.Indicators...)
			for _, sf := range f.Subfields {
				if utf8.RuneCountInString(sf.Code) != codeChars || strings.ContainsAny(sf.Code, "\x1d\x1e\x1f") {
					return dst[:start], fmt.Errorf("marc: field %s: subfield code %q is not %d character(s): %w", f.Tag, sf.Code, codeChars, ErrField)
				}
				if strings.ContainsAny(sf.Value, "\x1d\x1e\x1f") {
					return dst[:start], fmt.Errorf("marc: field %s: subfield %s holds a separator: %w", f.Tag, sf.Code, ErrField)
				}
				dst = append(dst, subfieldDelimiter)
				dst = append(dst, sf.Code...)
				dst = append(dst, sf.Value...)
			}
		}
		dst = append(dst, fieldTerminator)
		n, off := len(dst)-fieldAt, fieldAt-dataAt
		if n >= maxLen || off >= maxStart {
			return dst[:start], fmt.Errorf("marc: field %s of %d bytes at %d: %w", f.Tag, n, off, ErrTooLong)
		}
		e := dst[dirAt+k*entryLen:]
		copy(e, f.Tag)
		putDigits(e[3:3+lenLen], n)
		putDigits(e[3+lenLen:entryLen], off)
	}
	dst = append(dst, recordTerminator)
	total := len(dst) - start
	if total > maxRecordLength {
		return dst[:start], fmt.Errorf("marc: record of %d bytes: %w", total, ErrTooLong)
	}
	putDigits(dst[start:start+5], total)
	putDigits(dst[start+12:start+17], base)
	return dst, nil
}

// pow10 returns 10**n.
func pow10(n int) int {
	p := 1
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// putDigits writes v as zero-padded decimal filling b.
func putDigits(b []byte, v int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
}
