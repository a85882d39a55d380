package marc

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// JSONReader reads MARC-in-JSON: one record object, an array of them, or a
// stream of objects one after the other (as yaz-marcdump and JSONWriter
// write). Keys keep their order. Indicators are read from ind1, ind2, ...
// (a missing one is a blank). Leader problems are recorded in
// Record.Warnings() in the words of yaz-marcdump; other structural problems
// fail the record with a *ParseError unless Lenient is set. JSON that is not
// well formed ends the stream.
type JSONReader struct {
	// Lenient records structural problems as warnings instead of failing
	// the record.
	Lenient bool

	d       *json.Decoder
	started bool
	array   bool
	records int
	err     error
}

// NewJSONReader returns a JSONReader reading from r.
func NewJSONReader(r io.Reader) *JSONReader {
	return &JSONReader{d: json.NewDecoder(r)}
}

// Next returns the next record, io.EOF after the last one, or an error.
func (j *JSONReader) Next() (*Record, error) {
	if j.err != nil {
		return nil, j.err
	}
	if !j.started {
		j.started = true
		tok, err := j.d.Token()
		if err != nil {
			return nil, j.fatal(err, 1)
		}
		switch tok {
		case json.Delim('['):
			j.array = true
		case json.Delim('{'):
			return j.record()
		default:
			return nil, j.fatal(newProblem(ErrJSON, "expected a record object or an array, found %v", tok), 1)
		}
	}
	if j.array && !j.d.More() {
		if _, err := j.d.Token(); err != nil { // the closing ]
			return nil, j.fatal(err, j.records+1)
		}
		j.array = false
	}
	tok, err := j.d.Token()
	if err == io.EOF {
		j.err = io.EOF
		return nil, io.EOF
	}
	if err != nil {
		return nil, j.fatal(err, j.records+1)
	}
	if tok == json.Delim('[') && !j.array {
		j.array = true
		return j.Next()
	}
	if tok != json.Delim('{') {
		return nil, j.fatal(newProblem(ErrJSON, "expected a record object, found %v", tok), j.records+1)
	}
	return j.record()
}

// fatal records a final error met in record number rec: a *ParseError for
// JSON that is not well formed, the wrapped error for a failing input.
func (j *JSONReader) fatal(err error, rec int) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	var se *json.SyntaxError
	var p *problem
	if errors.As(err, &se) || errors.As(err, &p) || errors.Is(err, io.ErrUnexpectedEOF) {
		j.err = &ParseError{Record: rec, Offset: j.d.InputOffset(), Reason: err.Error(), Err: ErrJSON}
	} else {
		j.err = fmt.Errorf("marc: reading MARC-in-JSON: %w", err)
	}
	return j.err
}

// record reads a record object whose '{' has been read.
func (j *JSONReader) record() (*Record, error) {
	j.records++
	off := j.d.InputOffset()
	rec := &Record{Leader: DefaultLeader}
	var prob *problem
	report := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if j.Lenient {
			rec.warnings = append(rec.warnings, Warning{Pos: len(rec.fields), Message: msg})
		} else if prob == nil {
			prob = &problem{kind: ErrJSON, reason: msg}
		}
	}
	haveLeader := false
	err := j.object(func(key string) error {
		switch key {
		case "leader":
			s, ok, err := j.str()
			if err != nil {
				return err
			}
			if !ok {
				report("leader is not a string")
				return nil
			}
			haveLeader = true
			if len(s) != leaderLength {
				report("Bad length %d of leader data. Must have length of 24 characters", len(s))
				s = (s + strings.Repeat(" ", leaderLength))[:leaderLength]
			}
			copy(rec.Leader[:], s)
			_, probs := checkLeader(&rec.Leader)
			for _, pr := range probs {
				rec.warnings = append(rec.warnings, Warning{Pos: -1, Message: pr.msg})
			}
			return nil
		case "fields":
			return j.array0(func() error { return j.field(rec, report) }, func() { report("fields is not an array") })
		}
		return j.skip()
	})
	if err != nil {
		return nil, j.fatal(err, j.records)
	}
	if !haveLeader {
		if j.Lenient {
			rec.warnings = append([]Warning{{Pos: -1, Message: "Missing leader. Inserting fake leader"}}, rec.warnings...)
		} else if prob == nil {
			prob = &problem{kind: ErrLeader, reason: "record has no leader"}
		}
	}
	if prob != nil {
		return nil, &ParseError{Record: j.records, Offset: off, Reason: prob.reason, Err: prob.kind}
	}
	return rec, nil
}

// field reads one field object {"tag": value}.
func (j *JSONReader) field(rec *Record, report func(string, ...any)) error {
	tok, err := j.d.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		report("field is not an object")
		return j.skipRest(tok)
	}
	return j.object(func(tag string) error {
		tok, err := j.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case string:
			rec.fields = append(rec.fields, Field{Tag: tag, Control: true, Value: t})
			return nil
		case json.Delim:
			if t == '{' {
				f, err := j.datafield(tag, max(rec.Leader.IndicatorCount(), 1), report)
				if err != nil {
					return err
				}
				rec.fields = append(rec.fields, f)
				return nil
			}
		}
		report("field %s is neither a string nor an object", tag)
		return j.skipRest(tok)
	})
}

// datafield reads the object of a data field whose '{' has been read.
func (j *JSONReader) datafield(tag string, inds int, report func(string, ...any)) (Field, error) {
	f := Field{Tag: tag}
	var ind [10]string
	n := inds // at least as many indicators as the leader says
	err := j.object(func(key string) error {
		if len(key) == 4 && strings.HasPrefix(key, "ind") && key[3] >= '1' && key[3] <= '9' {
			s, ok, err := j.str()
			if err != nil {
				return err
			}
			k := int(key[3] - '0')
			n = max(n, k)
			if !ok || len([]rune(s)) > 1 {
				report("field %s: %s is not one character", tag, key)
			}
			ind[k] = s
			return nil
		}
		if key != "subfields" {
			return j.skip()
		}
		return j.array0(func() error {
			tok, err := j.d.Token()
			if err != nil {
				return err
			}
			if tok != json.Delim('{') {
				report("field %s: subfield is not an object", tag)
				return j.skipRest(tok)
			}
			return j.object(func(code string) error {
				v, ok, err := j.str()
				if err != nil {
					return err
				}
				if !ok {
					report("field %s: subfield %s is not a string", tag, code)
				}
				if code == "" {
					report("field %s: subfield without code", tag)
				}
				f.Subfields = append(f.Subfields, Subfield{Code: code, Value: v})
				return nil
			})
		}, func() { report("field %s: subfields is not an array", tag) })
	})
	var b strings.Builder
	for k := 1; k <= n; k++ {
		if ind[k] == "" {
			ind[k] = " "
		}
		b.WriteString(ind[k])
	}
	f.Indicators = b.String()
	return f, err
}

// object reads the members of an object whose '{' has been read, calling fn
// for each key with the decoder positioned before the value.
func (j *JSONReader) object(fn func(key string) error) error {
	for j.d.More() {
		tok, err := j.d.Token()
		if err != nil {
			return err
		}
		key, ok := tok.(string)
		if !ok {
			return newProblem(ErrJSON, "object key is %v", tok)
		}
		if err := fn(key); err != nil {
			return err
		}
	}
	_, err := j.d.Token() // the closing }
	return err
}

// array0 reads an array value, calling fn before each element; if the value
// is not an array it calls notArray and skips it.
func (j *JSONReader) array0(fn func() error, notArray func()) error {
	tok, err := j.d.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		notArray()
		return j.skipRest(tok)
	}
	for j.d.More() {
		if err := fn(); err != nil {
			return err
		}
	}
	_, err = j.d.Token() // the closing ]
	return err
}

// str reads a value that should be a string; ok is false (and the value
// skipped) when it is not.
func (j *JSONReader) str() (s string, ok bool, err error) {
	tok, err := j.d.Token()
	if err != nil {
		return "", false, err
	}
	if s, ok := tok.(string); ok {
		return s, true, nil
	}
	return "", false, j.skipRest(tok)
}

// skip reads and discards one value.
func (j *JSONReader) skip() error {
	tok, err := j.d.Token()
	if err != nil {
		return err
	}
	return j.skipRest(tok)
}

// skipRest discards the rest of a value whose first token was tok.
func (j *JSONReader) skipRest(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == '}' || d == ']' {
		if ok {
			return newProblem(ErrJSON, "unexpected %c", d)
		}
		return nil
	}
	depth := 1
	for depth > 0 {
		tok, err := j.d.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}
