package marc

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Record is one MARC record: a leader and an ordered list of fields. The
// codec keeps every field in the order it was read, repeated tags included.
//
// Records read from ISO 2709 share one backing string per record, so their
// field and subfield values cost no allocation of their own. The Reader
// checks the leader and the directory of a record at once, and splits its
// fields and converts their characters when they are first used (any method
// that looks at fields or warnings); for a record whose structure is clean
// this can find nothing that Next would have had to report. A record is safe
// for concurrent use by methods that only read it.
type Record struct {
	// Leader is the 24-character record label.
	Leader Leader

	fields   []Field
	warnings []Warning
	lazy     *lazyBody // fields not parsed yet (ISO 2709 reader)
}

// lazyBody holds what is needed to parse the fields of a record read from
// ISO 2709 on first use.
type lazyBody struct {
	once     sync.Once
	s        string
	h        head
	cfg      parseConfig
	cs       Charset // conversion to apply, CharsetRaw for none
	fields   []Field
	warnings []Warning // those of the leader and directory, then the fields'
}

// load parses the fields and converts them.
func (l *lazyBody) load() {
	p := parser{cfg: l.cfg, warnings: l.warnings}
	l.fields = p.parseBody(l.s, &l.h)
	if p.err != nil {
		// Cannot happen for the clean records read lazily; should it,
		// the problem is not lost.
		p.warnings = append(p.warnings, Warning{Pos: len(l.fields), Message: p.err.reason})
	}
	l.warnings = p.warnings
	if l.cs != CharsetRaw {
		convertFields(l.fields, &decoder{cs: l.cs})
	}
	l.s = ""
}

// all returns the fields of r, parsing them first if needed.
func (r *Record) all() []Field {
	if l := r.lazy; l != nil {
		l.once.Do(l.load)
		return l.fields
	}
	return r.fields
}

// own makes r hold its fields itself, before a change.
func (r *Record) own() {
	if l := r.lazy; l != nil {
		l.once.Do(l.load)
		r.fields, r.warnings, r.lazy = l.fields, l.warnings, nil
	}
}

// Warnings returns the problems the reader repaired or worked around, in
// the order it met them; none for a clean record.
func (r *Record) Warnings() []Warning {
	if l := r.lazy; l != nil {
		l.once.Do(l.load)
		return l.warnings
	}
	return r.warnings
}

// Warning is a problem found in a record and repaired by the reader.
type Warning struct {
	// Pos is the number of fields of the record that precede the problem,
	// or -1 for a problem of the leader.
	Pos int
	// Message describes the problem. Problems that yaz-marcdump reports
	// are described in its words, so MARCXML with comments matches yaz's.
	Message string
	// Silent marks a problem that yaz-marcdump repairs the same way
	// without reporting it; XMLWriter does not write it as a comment.
	Silent bool
}

// Field is one field of a record: a control field (Control is true and Value
// holds its data) or a data field (indicators and subfields).
type Field struct {
	// Tag is the field's tag, normally three characters such as "245".
	Tag string
	// Control marks a control field (MARC 21 001-009, UNIMARC 001-005).
	Control bool
	// Value is the data of a control field.
	Value string
	// Indicators holds the indicator characters of a data field, normally
	// two ("10", " 4"). Each indicator is one character (one UTF-8
	// sequence, or one byte where the data is not UTF-8).
	Indicators string
	// Subfields are the subfields of a data field, in order.
	Subfields []Subfield
}

// Subfield is one subfield of a data field.
type Subfield struct {
	// Code is the subfield code, normally one character such as "a".
	Code string
	// Value is the subfield's data.
	Value string
}

// NewControlField returns a control field.
func NewControlField(tag, value string) Field {
	return Field{Tag: tag, Control: true, Value: value}
}

// NewDataField returns a data field with two indicators and subfields given
// as alternating codes and values: NewDataField("245", '1', '0', "a", "Title").
// A trailing code without a value gets an empty value.
func NewDataField(tag string, ind1, ind2 rune, codesAndValues ...string) Field {
	f := Field{Tag: tag, Indicators: string([]rune{ind1, ind2})}
	for i := 0; i < len(codesAndValues); i += 2 {
		sf := Subfield{Code: codesAndValues[i]}
		if i+1 < len(codesAndValues) {
			sf.Value = codesAndValues[i+1]
		}
		f.Subfields = append(f.Subfields, sf)
	}
	return f
}

// All returns the fields of r in order. The slice is r's own: changes to its
// elements change the record.
func (r *Record) All() []Field { return r.all() }

// Len returns the number of fields of r.
func (r *Record) Len() int { return len(r.all()) }

// SetFields replaces all fields of r.
func (r *Record) SetFields(fields []Field) { r.own(); r.fields = fields }

// Add appends fields to r.
func (r *Record) Add(fields ...Field) { r.own(); r.fields = append(r.fields, fields...) }

// Remove deletes every field whose tag is one of tags and returns how many
// it deleted.
func (r *Record) Remove(tags ...string) int {
	r.own()
	kept := r.fields[:0]
	for _, f := range r.fields {
		if !tagIn(f.Tag, tags) {
			kept = append(kept, f)
		}
	}
	n := len(r.fields) - len(kept)
	clear(r.fields[len(kept):])
	r.fields = kept
	return n
}

// Field returns the first field with the given tag, or nil.
func (r *Record) Field(tag string) *Field {
	fields := r.all()
	for i := range fields {
		if fields[i].Tag == tag {
			return &fields[i]
		}
	}
	return nil
}

// Fields returns the fields whose tag is one of tags, in record order; with no
// tags it returns every field. A tag may end in X or x as a wildcard for one
// position ("6XX", "1XX"). The pointers refer into r.
func (r *Record) Fields(tags ...string) []*Field {
	var out []*Field
	fields := r.all()
	for i := range fields {
		if len(tags) == 0 || tagIn(fields[i].Tag, tags) {
			out = append(out, &fields[i])
		}
	}
	return out
}

// ControlValue returns the value of the first control field with the given
// tag ("001", "008"), or "".
func (r *Record) ControlValue(tag string) string {
	fields := r.all()
	for i := range fields {
		if f := &fields[i]; f.Control && f.Tag == tag {
			return f.Value
		}
	}
	return ""
}

// SubValue returns the first value of subfield code in the first field with
// the given tag that has one, or "": r.SubValue("245", 'a').
func (r *Record) SubValue(tag string, code rune) string {
	fields := r.all()
	for i := range fields {
		if f := &fields[i]; f.Tag == tag {
			if v, ok := f.Lookup(code); ok {
				return v
			}
		}
	}
	return ""
}

// tagIn reports whether tag matches one of the patterns (X/x = any char).
func tagIn(tag string, patterns []string) bool {
	for _, p := range patterns {
		if tagMatch(tag, p) {
			return true
		}
	}
	return false
}

func tagMatch(tag, pattern string) bool {
	if len(tag) != len(pattern) {
		return false
	}
	for i := 0; i < len(tag); i++ {
		if p := pattern[i]; p != tag[i] && p != 'X' && p != 'x' {
			return false
		}
	}
	return true
}

// Ind returns indicator n (1-based) of a data field as a string, or "" if the
// field has fewer indicators.
func (f *Field) Ind(n int) string {
	s := f.Indicators
	for i := 1; len(s) > 0; i++ {
		_, size := utf8.DecodeRuneInString(s)
		if i == n {
			return s[:size]
		}
		s = s[size:]
	}
	return ""
}

// Ind1 returns the first indicator, or 0 if there is none.
func (f *Field) Ind1() rune { return indRune(f.Ind(1)) }

// Ind2 returns the second indicator, or 0 if there is none.
func (f *Field) Ind2() rune { return indRune(f.Ind(2)) }

func indRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// codeIs reports whether a subfield code equals the rune code.
func codeIs(c string, code rune) bool {
	if code < utf8.RuneSelf {
		return len(c) == 1 && c[0] == byte(code)
	}
	r, size := utf8.DecodeRuneInString(c)
	return r == code && size == len(c)
}

// Sub returns the value of the first subfield with the given code, or "".
func (f *Field) Sub(code rune) string {
	v, _ := f.Lookup(code)
	return v
}

// Lookup returns the value of the first subfield with the given code and
// whether there is one.
func (f *Field) Lookup(code rune) (string, bool) {
	for i := range f.Subfields {
		if codeIs(f.Subfields[i].Code, code) {
			return f.Subfields[i].Value, true
		}
	}
	return "", false
}

// Subs returns the values of all subfields with the given code, in order.
func (f *Field) Subs(code rune) []string {
	var out []string
	for i := range f.Subfields {
		if codeIs(f.Subfields[i].Code, code) {
			out = append(out, f.Subfields[i].Value)
		}
	}
	return out
}

// Text returns the values of the subfields whose codes are listed in codes
// (all subfields when codes is empty), joined by sep; for a control field it
// returns Value. f.Text("ab", " ") gives "Title : subtitle" for a 245.
func (f *Field) Text(codes string, sep string) string {
	if f.Control {
		return f.Value
	}
	var b strings.Builder
	n := 0
	for _, sf := range f.Subfields {
		if codes != "" && (sf.Code == "" || !strings.Contains(codes, sf.Code)) {
			continue
		}
		if n > 0 {
			b.WriteString(sep)
		}
		b.WriteString(sf.Value)
		n++
	}
	return b.String()
}

// AddSub appends a subfield to a data field.
func (f *Field) AddSub(code, value string) {
	f.Subfields = append(f.Subfields, Subfield{Code: code, Value: value})
}

// String formats the field in the line format of yaz-marcdump: tag,
// indicators and $-prefixed subfields, or the tag and value of a control field.
func (f *Field) String() string {
	var b strings.Builder
	b.WriteString(f.Tag)
	b.WriteByte(' ')
	if f.Control {
		b.WriteString(f.Value)
		return b.String()
	}
	b.WriteString(f.Indicators)
	for _, sf := range f.Subfields {
		b.WriteString(" $")
		b.WriteString(sf.Code)
		b.WriteByte(' ')
		b.WriteString(sf.Value)
	}
	return b.String()
}

// String formats the record in a line format: the leader, then one field
// per line.
func (r *Record) String() string {
	var b strings.Builder
	b.WriteString(r.Leader.String())
	b.WriteByte('\n')
	fields := r.all()
	for i := range fields {
		b.WriteString(fields[i].String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Clone returns a deep copy of r.
func (r *Record) Clone() *Record {
	c := &Record{Leader: r.Leader}
	if w := r.Warnings(); w != nil {
		c.warnings = append([]Warning(nil), w...)
	}
	fields := r.all()
	c.fields = make([]Field, len(fields))
	for i, f := range fields {
		c.fields[i] = f
		if f.Subfields != nil {
			c.fields[i].Subfields = append([]Subfield(nil), f.Subfields...)
		}
	}
	return c
}
