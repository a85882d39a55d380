package search

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Doc gathers the index tokens of one record. Add every value of the
// record, then store [Doc.Text] in the record's tokens column (SQLite FTS5)
// or pass it to to_tsvector('simple', …) (PostgreSQL), in the same
// transaction as the record. Text is the one function both engines are fed
// from.
//
// For every value Doc writes, each part followed by [GapToken]:
//   - the field's own stream (code ti, au, su, pu, ib, is, cl/cp, cn/np,
//     yr): the main sequence, then the CJK unigrams if any;
//   - the keyword stream (code kw): the same text tokens, for unqualified
//     searches (pinyin is not copied there);
//   - for titles and names, the pinyin stream (code py): syllables, then
//     joined forms and initials.
//
// A Doc can be reused with [Doc.Reset]; a reused Doc allocates nothing
// beyond the growth of its buffers. The zero Doc is ready to use. A Doc is
// not safe for concurrent use.
type Doc struct {
	buf []byte
	seg segmenter
	py  pinyinWriter

	// A gap is written only where it separates two tokens of the same
	// code: a phrase is made of tokens of one code, so a token of another
	// code already keeps phrases from running across. last is the code of
	// the last token written; pending says a gap was asked for after it.
	last    string
	pending bool
}

// Reset empties d, keeping its buffers.
func (d *Doc) Reset() { d.buf, d.last, d.pending = d.buf[:0], "", false }

// Add indexes values as values of field f. Empty values and values without
// any searchable character add nothing. FieldYear values must be a year
// of one to four digits (surrounding spaces and brackets are ignored, as in
// "[2019]"); other year values are indexed in the keyword stream only, so
// they remain findable as text.
func (d *Doc) Add(f Field, values ...string) {
	for _, v := range values {
		if f == FieldYear {
			if y, ok := parseYearValue(v); ok {
				d.addYear(y)
				continue
			}
			d.addText("kw", v)
			continue
		}
		switch f {
		case FieldTitle, FieldName, FieldCorporateName, FieldSubject, FieldPublisher:
			// Segment once; write the own, keyword and pinyin streams.
			d.seg.segment(v)
			d.writeText(f.Code())
			d.writeText("kw")
			switch f {
			case FieldTitle, FieldCorporateName:
				d.writePinyin(false)
			case FieldName:
				d.writePinyin(true)
			}
			continue
		case FieldISBN, FieldISSN:
			d.addOwn(f, v)
			d.addKey("kw", v)
			continue
		}
		d.addOwn(f, v)
		if f.inAny() {
			d.addText("kw", v)
		}
	}
}

// parseYearValue parses a year value of a record: one to four digits,
// surrounding spaces and brackets ignored ("[2019]").
func parseYearValue(v string) (int, bool) {
	return parseYearNumber(strings.Trim(v, " []()［］（）"))
}

// AddYear indexes a publication year (MinYear..MaxYear).
func (d *Doc) AddYear(year int) error {
	if year < MinYear || year > MaxYear {
		return fmt.Errorf("search: year %d outside %d..%d", year, MinYear, MaxYear)
	}
	d.addYear(year)
	return nil
}

func (d *Doc) addYear(y int) {
	n := len(d.buf)
	eachYearToken(y, func(body []byte) { d.tok("yr", body) })
	if len(d.buf) > n {
		d.gap()
	}
	// The keyword stream gets the year as typed text would give it.
	var num [8]byte
	d.tok("kw", strconv.AppendInt(num[:0], int64(y), 10))
	d.gap()
}

// addOwn writes the field's own stream for one value (and nothing else).
func (d *Doc) addOwn(f Field, v string) {
	switch f {
	case FieldTitle, FieldName, FieldCorporateName, FieldSubject, FieldPublisher:
		d.addText(f.Code(), v)
	case FieldAny, FieldOther:
		d.addText("kw", v)
	case FieldISBN, FieldISSN:
		d.addKey(f.Code(), v)
	case FieldClass:
		d.addClass(f.Code(), codeClassPrefix, v)
	case FieldCallNo:
		d.addClass(f.Code(), codeCallNoPrefix, v)
	case FieldPinyin:
		d.addPinyin(v, false)
	case FieldYear:
		if y, ok := parseYearValue(v); ok {
			eachYearToken(y, func(body []byte) { d.tok("yr", body) })
		}
	}
}

// tok writes one token.
func (d *Doc) tok(code string, body []byte) {
	d.begin(code)
	d.buf = append(d.buf, code...)
	d.buf = append(d.buf, body...)
	d.buf = append(d.buf, ' ')
	d.last = code
}

// begin is called before tokens of code are written: it writes the
// pending gap when the previous token has the same code.
func (d *Doc) begin(code string) {
	if d.pending && d.last == code {
		d.buf = append(d.buf, GapToken+" "...)
	}
	d.pending = false
}

// gap asks for a gap before the next token, if it has the same code as
// the last one.
func (d *Doc) gap() { d.pending = d.last != "" }

// addText writes the text tokens of v under code.
func (d *Doc) addText(code, v string) {
	d.seg.segment(v)
	d.writeText(code)
}

// writeText writes the main sequence and unigram segment of the value
// currently in d.seg.
func (d *Doc) writeText(code string) {
	if len(d.seg.items) == 0 {
		return
	}
	d.begin(code)
	d.buf = d.seg.appendMain(d.buf, code)
	d.last = code
	d.gap()
	if d.seg.hasUnigrams() {
		d.begin(code)
		d.buf = d.seg.appendUnigrams(d.buf, code)
		d.gap()
	}
}

// addKey writes the normalised ISBN/ISSN key of v.
func (d *Doc) addKey(code, v string) {
	d.begin(code)
	n := len(d.buf)
	d.buf = append(d.buf, code...)
	d.buf = appendISBN(d.buf, v)
	if len(d.buf) == n+len(code) {
		d.buf = d.buf[:n]
		return
	}
	d.buf = append(d.buf, ' ')
	d.last = code
	d.gap()
}

// addClass writes the exact token and all prefix tokens of a class or call
// number.
func (d *Doc) addClass(code, prefixCode, v string) {
	d.begin(code)
	n := len(d.buf)
	d.buf = append(d.buf, code...)
	d.buf = appendClass(d.buf, v)
	body := n + len(code)
	if len(d.buf) == body {
		d.buf = d.buf[:n]
		return
	}
	end := len(d.buf)
	d.buf = append(d.buf, ' ')
	// Prefix tokens: the exact body cut after each piece. The body is
	// copied piece by piece so cuts fall on piece boundaries.
	var cut [maxCodePieces]int
	pieces, pos := 0, body
	eachClassPiece(v, func(piece string, r rune) {
		if piece != "" {
			pos += len(piece)
		} else {
			pos += utf8.RuneLen(r)
		}
		cut[pieces] = pos
		pieces++
	})
	for i := 0; i < pieces && cut[i] <= end; i++ {
		d.buf = append(d.buf, prefixCode...)
		d.buf = append(d.buf, d.buf[body:cut[i]]...)
		d.buf = append(d.buf, ' ')
		d.last = prefixCode
	}
	if d.last != prefixCode {
		d.last = code
	}
	d.gap()
}

// addPinyin writes the py stream of v.
func (d *Doc) addPinyin(v string, isName bool) {
	d.seg.segment(v)
	d.writePinyin(isName)
}

// writePinyin writes the py stream of the value currently in d.seg.
func (d *Doc) writePinyin(isName bool) {
	d.py.build(&d.seg, isName)
	if len(d.py.syl) == 0 {
		return
	}
	for _, s := range d.py.syl {
		d.tok("py", s)
	}
	d.gap()
	if len(d.py.forms) > 0 {
		for _, f := range d.py.forms {
			d.tok("py", f)
		}
		d.gap()
	}
}

// Text returns the record's tokens separated by single spaces: the value
// to store in the FTS5 tokens column or to pass to
// to_tsvector('simple', …).
func (d *Doc) Text() string {
	return string(d.AppendText(nil))
}

// AppendText appends the record's tokens (as [Doc.Text]) to dst.
func (d *Doc) AppendText(dst []byte) []byte {
	if len(d.buf) == 0 {
		return dst
	}
	return append(dst, d.buf[:len(d.buf)-1]...)
}

// Tokens returns all tokens of the record, without gap tokens, in index
// order (duplicates kept).
func (d *Doc) Tokens() []string { return splitTokens(d.buf, "") }

// FieldTokens returns the tokens of the record that carry f's code (for
// FieldClass and FieldCallNo also their prefix tokens), in index order.
// FieldName and FieldCorporateName share a code, as do FieldAny and
// FieldOther.
func (d *Doc) FieldTokens(f Field) []string {
	out := splitTokens(d.buf, f.Code())
	switch f {
	case FieldClass:
		out = append(out, splitTokens(d.buf, codeClassPrefix)...)
	case FieldCallNo:
		out = append(out, splitTokens(d.buf, codeCallNoPrefix)...)
	}
	return out
}
