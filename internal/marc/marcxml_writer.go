package marc

import (
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// MARCXMLNamespace is the namespace of MARC 21 slim (MARCXML).
const MARCXMLNamespace = "http://www.loc.gov/MARC21/slim"

// XMLWriter writes records as a MARCXML collection, in the layout of
// yaz-marcdump: a <collection> in the MARC 21 slim namespace, one element per
// line, two spaces of indentation per level, no XML declaration. Data field
// indicators are written as ind1, ind2, ... one attribute per indicator (yaz
// does the same for the three indicators of DanMARC).
//
// Text is escaped as yaz does: the five XML special characters become
// entities, and control characters other than tab, line feed and carriage
// return are dropped, as XML 1.0 cannot hold them. Unlike yaz, a carriage
// return is written as &#13; (XML readers turn a raw one into a line feed),
// an indicator or a leader byte that XML cannot hold as a blank, and invalid
// UTF-8 as U+FFFD.
type XMLWriter struct {
	// Comments writes each record's Warnings (except Silent ones) as XML
	// comments, where yaz-marcdump writes its own.
	Comments bool

	w       io.Writer
	buf     []byte
	started bool
	closed  bool
}

// NewXMLWriter returns an XMLWriter writing to w. Call Close after the last
// record to end the collection.
func NewXMLWriter(w io.Writer) *XMLWriter { return &XMLWriter{w: w} }

const xmlHeader = "<collection xmlns=\"" + MARCXMLNamespace + "\">\n"

// Write writes one record (and the start of the collection before the first).
func (x *XMLWriter) Write(r *Record) error {
	if x.closed {
		return fmt.Errorf("marc: write to a closed XMLWriter")
	}
	b := x.buf[:0]
	if !x.started {
		b = append(b, xmlHeader...)
		x.started = true
	}
	b = x.appendRecord(b, r)
	x.buf = b
	if _, err := x.w.Write(b); err != nil {
		return fmt.Errorf("marc: writing MARCXML: %w", err)
	}
	return nil
}

// Close ends the collection. It does not close the underlying writer.
func (x *XMLWriter) Close() error {
	if x.closed {
		return nil
	}
	x.closed = true
	s := "</collection>\n"
	if !x.started {
		s = xmlHeader + s
	}
	if _, err := io.WriteString(x.w, s); err != nil {
		return fmt.Errorf("marc: writing MARCXML: %w", err)
	}
	return nil
}

// MarshalXML returns a MARCXML collection holding r.
func MarshalXML(r *Record) []byte {
	x := &XMLWriter{}
	b := append([]byte(xmlHeader), x.appendRecord(nil, r)...)
	return append(b, "</collection>\n"...)
}

func (x *XMLWriter) appendComments(b []byte, r *Record, pos, last int) []byte {
	if !x.Comments {
		return b
	}
	for _, w := range r.Warnings() {
		if !w.Silent && (w.Pos == pos || pos == last && w.Pos > pos) {
			b = append(b, "<!-- "...)
			b = append(b, w.Message...)
			b = append(b, " -->\n"...)
		}
	}
	return b
}

func (x *XMLWriter) appendRecord(b []byte, r *Record) []byte {
	b = append(b, "<record>\n"...)
	fields := r.all()
	b = x.appendComments(b, r, -1, len(fields))
	b = append(b, "  <leader>"...)
	for _, c := range r.Leader {
		if c < 0x20 || c >= 0x7f {
			c = ' ' // keep the leader 24 characters long
		}
		b = appendXMLText(b, string(rune(c)))
	}
	b = append(b, "</leader>\n"...)
	for i := range fields {
		b = x.appendComments(b, r, i, len(fields))
		f := &fields[i]
		if f.Control {
			b = append(b, "  <controlfield tag=\""...)
			b = appendXMLText(b, f.Tag)
			b = append(b, "\">"...)
			b = appendXMLText(b, f.Value)
			b = append(b, "</controlfield>\n"...)
			continue
		}
		b = append(b, "  <datafield tag=\""...)
		b = appendXMLText(b, f.Tag)
		b = append(b, '"')
		inds := f.Indicators
		// Pad to the leader's count, as readers of MARCXML fill in blanks.
		for n := utf8.RuneCountInString(inds); n < r.Leader.IndicatorCount(); n++ {
			inds += " "
		}
		for n := 1; inds != ""; n++ {
			_, size := utf8.DecodeRuneInString(inds)
			b = append(b, " ind"...)
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, "=\""...)
			if n := len(b); len(appendXMLText(b, inds[:size])) == n {
				b = append(b, ' ') // an indicator XML cannot hold: a blank
			} else {
				b = appendXMLText(b, inds[:size])
			}
			b = append(b, '"')
			inds = inds[size:]
		}
		b = append(b, ">\n"...)
		for _, sf := range f.Subfields {
			b = append(b, "    <subfield code=\""...)
			b = appendXMLText(b, sf.Code)
			b = append(b, "\">"...)
			b = appendXMLText(b, sf.Value)
			b = append(b, "</subfield>\n"...)
		}
		b = append(b, "  </datafield>\n"...)
	}
	b = x.appendComments(b, r, len(fields), len(fields))
	return append(b, "</record>\n"...)
}

// appendXMLText appends s escaped for XML text and attribute values.
func appendXMLText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		size := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"':
			rep = "&quot;"
		case c == '\'':
			rep = "&apos;"
		case c == '\r':
			rep = "&#13;" // a raw CR would become a LF when read back
		case c < 0x20 && c != '\t' && c != '\n':
			rep = ""
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || n > 1 {
				i += n
				continue
			}
			rep = "\uFFFD"
		default:
			i++
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, rep...)
		i += size
		last = i
	}
	return append(b, s[last:]...)
}
