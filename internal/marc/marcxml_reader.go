package marc

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// XMLReader reads MARCXML (MARC 21 slim, and MarcXchange) as a stream: a
// <collection> of records, a single <record>, or several <record> elements one
// after the other. Element names are matched without regard to namespace or
// prefix. Text is kept exactly, white space included.
//
// Leader problems (such as the blank base address that MARCXML leaders often
// have) are recorded in Record.Warnings() in the words of yaz-marcdump and the
// leader repaired as yaz does. Other problems (a field without a tag, a
// subfield without a code, a leader not 24 characters long) fail the record
// with a *ParseError unless Lenient is set, in which case they are recorded as
// warnings. XML that is not well formed ends the stream.
type XMLReader struct {
	// Lenient records structural problems as warnings instead of failing
	// the record.
	Lenient bool

	d       *xml.Decoder
	records int
	err     error
}

// NewXMLReader returns an XMLReader reading from r. Documents in encodings
// other than UTF-8 are converted when their XML declaration names them.
func NewXMLReader(r io.Reader) *XMLReader {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("marc: MARCXML in unknown encoding %q: %w", label, err)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	return &XMLReader{d: d}
}

// Next returns the next record, io.EOF after the last one, or an error. A
// *ParseError for a structural problem concerns one record only; errors of
// XML syntax are final.
func (x *XMLReader) Next() (*Record, error) {
	if x.err != nil {
		return nil, x.err
	}
	for {
		tok, err := x.d.Token()
		if err == io.EOF {
			x.err = io.EOF
			return nil, io.EOF
		}
		if err != nil {
			return nil, x.fatal(err, x.records+1)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "record" {
			x.records++
			off := x.d.InputOffset()
			rec, prob, err := x.record()
			if err != nil {
				return nil, x.fatal(err, x.records)
			}
			if prob != nil {
				return nil, &ParseError{Record: x.records, Offset: off, Reason: prob.reason, Err: prob.kind}
			}
			return rec, nil
		}
	}
}

// fatal records a final error of the XML stream met in record number rec.
func (x *XMLReader) fatal(err error, rec int) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
		x.err = &ParseError{Record: rec, Offset: x.d.InputOffset(), Reason: err.Error(), Err: ErrXML}
		return x.err
	}
	x.err = fmt.Errorf("marc: reading MARCXML: %w", err)
	return x.err
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// text reads the character data up to the end of the current element,
// skipping nested elements' tags but keeping their text.
func (x *XMLReader) text() (string, error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := x.d.Token()
		if err != nil {
			return "", unexpectedEOF(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		}
	}
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// record reads the content of a <record> element. A structural problem in
// strict mode is returned as prob after the element has been read to its end.
func (x *XMLReader) record() (*Record, *problem, error) {
	rec := &Record{}
	var prob *problem
	report := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if x.Lenient {
			rec.warnings = append(rec.warnings, Warning{Pos: len(rec.fields), Message: msg})
		} else if prob == nil {
			prob = &problem{kind: ErrXML, reason: msg}
		}
	}
	haveLeader := false
	for {
		tok, err := x.d.Token()
		if err != nil {
			return nil, nil, unexpectedEOF(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if !haveLeader {
				rec.Leader = DefaultLeader
				if x.Lenient {
					rec.warnings = append([]Warning{{Pos: -1, Message: "Missing leader. Inserting fake leader"}}, rec.warnings...)
				} else if prob == nil {
					prob = &problem{kind: ErrLeader, reason: "record has no leader"}
				}
			}
			return rec, prob, nil
		case xml.StartElement:
			switch t.Name.Local {
			case "leader":
				s, err := x.text()
				if err != nil {
					return nil, nil, err
				}
				x.leader(rec, s, report)
				haveLeader = true
			case "controlfield":
				tag, ok := attr(t, "tag")
				s, err := x.text()
				if err != nil {
					return nil, nil, err
				}
				if !ok {
					report("controlfield without tag")
				}
				rec.fields = append(rec.fields, Field{Tag: tag, Control: true, Value: s})
			case "datafield":
				inds := 2
				if haveLeader {
					inds = max(rec.Leader.IndicatorCount(), 1)
				}
				f, err := x.datafield(t, inds, report)
				if err != nil {
					return nil, nil, err
				}
				rec.fields = append(rec.fields, f)
			default:
				if err := x.d.Skip(); err != nil {
					return nil, nil, unexpectedEOF(err)
				}
			}
		}
	}
}

// leader sets the leader of rec from the text s and checks it as yaz does.
func (x *XMLReader) leader(rec *Record, s string, report func(string, ...any)) {
	if len(s) != leaderLength {
		report("Bad length %d of leader data. Must have length of 24 characters", len(s))
		s = (s + strings.Repeat(" ", leaderLength))[:leaderLength]
	}
	copy(rec.Leader[:], s)
	_, probs := checkLeader(&rec.Leader)
	for _, pr := range probs {
		rec.warnings = append(rec.warnings, Warning{Pos: -1, Message: pr.msg})
	}
}

// datafield reads a <datafield> element.
func (x *XMLReader) datafield(se xml.StartElement, inds int, report func(string, ...any)) (Field, error) {
	f := Field{}
	tag, ok := attr(se, "tag")
	if !ok {
		report("datafield without tag")
	}
	f.Tag = tag
	// Indicators ind1, ind2, ... as far as the highest one present, and
	// at least as many as the leader says (inds); a missing or empty one
	// is a blank.
	n := inds
	for _, a := range se.Attr {
		if l := a.Name.Local; len(l) == 4 && strings.HasPrefix(l, "ind") && l[3] >= '1' && l[3] <= '9' {
			n = max(n, int(l[3]-'0'))
		}
	}
	var ib strings.Builder
	for i := 1; i <= n; i++ {
		v, _ := attr(se, fmt.Sprintf("ind%d", i))
		switch {
		case v == "":
			v = " "
		case len([]rune(v)) != 1:
			// One indicator is one character: anything else becomes a
			// blank, so the record writes back as it reads.
			report("datafield %s: indicator %d is %q, not one character", tag, i, v)
			v = " "
		}
		ib.WriteString(v)
	}
	f.Indicators = ib.String()
	for {
		tok, err := x.d.Token()
		if err != nil {
			return f, unexpectedEOF(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return f, nil
		case xml.StartElement:
			if t.Name.Local != "subfield" {
				if err := x.d.Skip(); err != nil {
					return f, unexpectedEOF(err)
				}
				continue
			}
			code, ok := attr(t, "code")
			v, err := x.text()
			if err != nil {
				return f, err
			}
			if !ok || code == "" {
				report("datafield %s: subfield without code", tag)
			}
			f.Subfields = append(f.Subfields, Subfield{Code: code, Value: v})
		}
	}
}
