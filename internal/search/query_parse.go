package search

import (
	"strings"
	"unicode/utf8"
)

// The OPAC query language.
//
//	图书馆 java              every word must match (AND)
//	"machine learning"      a phrase: tokens next to each other
//	ti:图书馆 au:"鲁迅"       field qualifiers: ti au su pub isbn issn cls
//	                        callno py year (aliases: title author name
//	                        subject publisher class clc pinyin yr kw any);
//	                        case-insensitive, ":" or "：", optional spaces
//	                        after the colon; the qualifier applies to the
//	                        following word, phrase, (group) or negation
//	java OR python          either; OR binds tighter than AND, so
//	                        "a b OR c d" is a AND (b OR c) AND d
//	AND                     optional, same as juxtaposition
//	-java  NOT java         exclude; needs something positive beside it
//	comp*  cls:TP3*         prefix (see Limits for minimum lengths)
//	(a OR b) -(c d)         grouping, also with （ ）
//	year:2020 year:2019..2023 year:2019.. year:..2000 year:2019-2023
//
// Quotes: " ＂ “ ” „ (any of them closes a phrase). Unknown qualifiers
// ("foo:bar") are searched as text, with a warning.
//
// CJK: Chinese is written without spaces, so a CJK word is one term; the
// tokenizer turns it into overlapping bigrams that must be adjacent —
// phrase semantics: 图书馆 finds 图书馆学 but not 图书 … 馆. Every word is
// in fact matched as a phrase of its tokens ("C语言" = c 语言, "e-mail" = e
// mail). A "*" after CJK text is ignored (with a warning): CJK terms
// already match anywhere inside longer text.
//
// Pinyin: py:tushuguan matches the joined form or the syllable phrase
// tu shu guan; py:tsg matches initials of a whole run, name or title;
// py:tsg* matches initials that start with tsg; py:图书馆 matches by
// pronunciation (tu shu guan).

// Limits bound what a query may ask of the engine. Zero fields take the
// value of DefaultLimits.
type Limits struct {
	MaxBytes         int // query length in bytes
	MaxTerms         int // words, phrases and year ranges, including excluded ones
	MaxTokens        int // index tokens over all terms and alternatives
	MaxDepth         int // nesting of parentheses and negations
	MinPrefix        int // characters before "*" (Latin words, pinyin)
	MinNumericPrefix int // digits before "*" when the prefix is all digits (ISBNs)
}

// DefaultLimits keeps every query cheap on a catalogue of a million
// records. The total number of posting lists a query touches stays below
// a hundred. A "*" prefix is expanded by the engine over every index term
// that starts with it, so it must be long enough to bound that set: three
// characters for words and pinyin (a two-letter "th*" would expand to
// thousands of terms, "a*" to a fair part of the vocabulary), seven
// digits for numbers and isbn: ("97*" would expand to every ISBN; 9787111*
// is one publisher), four for issn:. Class and call-number prefixes
// (cls:T*, callno:I247*) have no minimum: every prefix is stored as its
// own token, so they are exact lookups. A "*" after CJK text is dropped
// instead (CJK terms already match inside longer text).
var DefaultLimits = Limits{
	MaxBytes:         1024,
	MaxTerms:         32,
	MaxTokens:        96,
	MaxDepth:         8,
	MinPrefix:        3,
	MinNumericPrefix: 7,
}

// minISSNPrefix is the minimum number of characters of an issn: prefix:
// ISSNs are few (one per serial), so four digits bound the expansion.
const minISSNPrefix = 4

// withDefaults replaces zero or negative fields by those of DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxTerms <= 0 {
		l.MaxTerms = d.MaxTerms
	}
	if l.MaxTokens <= 0 {
		l.MaxTokens = d.MaxTokens
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MinPrefix <= 0 {
		l.MinPrefix = d.MinPrefix
	}
	if l.MinNumericPrefix <= 0 {
		l.MinNumericPrefix = d.MinNumericPrefix
	}
	return l
}

// Parse parses an OPAC query with DefaultLimits. Errors are *Error values
// with a stable Code; Parse never panics.
func Parse(query string) (*Query, error) { return ParseLimits(query, DefaultLimits) }

// ParseLimits parses an OPAC query with the given limits.
func ParseLimits(query string, lim Limits) (*Query, error) {
	q, err := parse(query, lim.withDefaults())
	if err != nil {
		return nil, err // never a typed nil
	}
	return q, nil
}

// parser holds the state of one parse.
type parser struct {
	src      string
	lim      Limits
	lx       lexer
	terms    int
	tokens   int
	warnings []*Error
	tz       queryTokenizer
}

func parse(src string, lim Limits) (*Query, *Error) {
	if len(src) > lim.MaxBytes {
		e := newError(src, ErrQueryTooLong, lim.MaxBytes, "")
		e.Limit = lim.MaxBytes
		return nil, e
	}
	if !utf8.ValidString(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRuneInString(src[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return nil, newError(src, ErrInvalidUTF8, off, "")
	}
	p := &parser{src: src, lim: lim, lx: lexer{src: src}}
	root, err := p.parseSeq(0, FieldAny, false)
	if err != nil {
		return nil, err
	}
	warnings := append(p.lx.warnings, p.warnings...)
	if root == nil {
		e := newError(src, ErrEmptyQuery, 0, "")
		if strings.TrimSpace(src) != "" && len(warnings) > 0 {
			e.Offset, e.Column, e.Text = warnings[0].Offset, warnings[0].Column, warnings[0].Text
		}
		return nil, e
	}
	if err := p.validate(root, true); err != nil {
		return nil, err
	}
	return &Query{Source: src, Root: root, Warnings: warnings}, nil
}

// stopsOperand reports whether a lexeme cannot start an operand.
func stopsOperand(k lexKind) bool {
	return k == lxEOF || k == lxRParen || k == lxOr || k == lxAnd
}

// parseSeq parses a sequence of OR-expressions (implicit AND) up to the
// end of the query or, in a group, up to ")".
func (p *parser) parseSeq(depth int, field Field, inGroup bool) (Node, *Error) {
	var children []Node
	for {
		lx, err := p.lx.peek()
		if err != nil {
			return nil, err
		}
		switch lx.kind {
		case lxEOF:
			return mkAnd(children), nil
		case lxRParen:
			if inGroup {
				return mkAnd(children), nil
			}
			e := newError(p.src, ErrUnexpectedParen, lx.start, lx.text)
			return nil, e
		case lxAnd:
			p.lx.next()
			nx, err := p.lx.peek()
			if err != nil {
				return nil, err
			}
			if len(children) == 0 || stopsOperand(nx.kind) {
				e := newError(p.src, ErrMissingOperand, lx.start, lx.text)
				e.Expected = "term"
				return nil, e
			}
			continue
		case lxOr:
			e := newError(p.src, ErrMissingOperand, lx.start, lx.text)
			e.Expected = "term"
			return nil, e
		}
		n, err := p.parseOr(depth, field)
		if err != nil {
			return nil, err
		}
		children = append(children, n)
	}
}

// parseOr parses unary ("OR" unary)*.
func (p *parser) parseOr(depth int, field Field) (Node, *Error) {
	first, err := p.parseUnary(depth, field)
	if err != nil {
		return nil, err
	}
	alts := []Node{first}
	for {
		lx, err := p.lx.peek()
		if err != nil {
			return nil, err
		}
		if lx.kind != lxOr {
			break
		}
		p.lx.next()
		nx, err := p.lx.peek()
		if err != nil {
			return nil, err
		}
		if stopsOperand(nx.kind) {
			e := newError(p.src, ErrMissingOperand, lx.start, lx.text)
			e.Expected = "term"
			return nil, e
		}
		n, err := p.parseUnary(depth, field)
		if err != nil {
			return nil, err
		}
		alts = append(alts, n)
	}
	return mkOr(alts), nil
}

// parseUnary parses negations and qualifiers in front of a primary.
func (p *parser) parseUnary(depth int, field Field) (Node, *Error) {
	lx, err := p.lx.peek()
	if err != nil {
		return nil, err
	}
	switch lx.kind {
	case lxNot, lxMinus:
		p.lx.next()
		if depth+1 > p.lim.MaxDepth {
			e := newError(p.src, ErrTooDeep, lx.start, lx.text)
			e.Limit = p.lim.MaxDepth
			return nil, e
		}
		nx, err := p.lx.peek()
		if err != nil {
			return nil, err
		}
		if stopsOperand(nx.kind) {
			e := newError(p.src, ErrMissingOperand, lx.start, lx.text)
			e.Expected = "term"
			return nil, e
		}
		child, err := p.parseUnary(depth+1, field)
		if err != nil {
			return nil, err
		}
		return mkNot(child, lx.start), nil
	case lxQual:
		p.lx.next()
		nx, err := p.lx.peek()
		if err != nil {
			return nil, err
		}
		if stopsOperand(nx.kind) {
			e := newError(p.src, ErrMissingValue, lx.start, p.src[lx.start:lx.end])
			e.Expected = "value"
			return nil, e
		}
		n, err := p.parseUnary(depth, lx.field)
		if err != nil {
			return nil, err
		}
		setStart(n, lx.start) // the node's span includes its qualifier
		return n, nil
	}
	return p.parsePrimary(depth, field)
}

// parsePrimary parses a word, a phrase or a parenthesised group.
func (p *parser) parsePrimary(depth int, field Field) (Node, *Error) {
	lx, err := p.lx.next()
	if err != nil {
		return nil, err
	}
	switch lx.kind {
	case lxWord:
		return p.term(field, lx, false)
	case lxPhrase:
		return p.term(field, lx, true)
	case lxLParen:
		if depth+1 > p.lim.MaxDepth {
			e := newError(p.src, ErrTooDeep, lx.start, lx.text)
			e.Limit = p.lim.MaxDepth
			return nil, e
		}
		if nx, err := p.lx.peek(); err != nil {
			return nil, err
		} else if nx.kind == lxRParen {
			return nil, newError(p.src, ErrEmptyGroup, lx.start, p.src[lx.start:nx.end])
		}
		inner, err := p.parseSeq(depth+1, field, true)
		if err != nil {
			return nil, err
		}
		rp, err := p.lx.next()
		if err != nil {
			return nil, err
		}
		if rp.kind != lxRParen {
			e := newError(p.src, ErrUnclosedParen, lx.start, lx.text)
			e.Expected = ")"
			return nil, e
		}
		setSpan(inner, lx.start, rp.end) // the span includes the parentheses
		return inner, nil
	case lxRParen:
		return nil, newError(p.src, ErrUnexpectedParen, lx.start, lx.text)
	}
	e := newError(p.src, ErrMissingOperand, lx.start, lx.text)
	e.Expected = "term"
	return nil, e
}

// term builds the node of a word or phrase; it returns nil (and records a
// warning) for a term without searchable characters.
func (p *parser) term(field Field, lx lexeme, quoted bool) (Node, *Error) {
	text := lx.text
	span := p.src[lx.start:lx.end] // the term as written, quotes included
	prefix := quoted && lx.prefix
	if !quoted {
		for {
			r, n := utf8.DecodeLastRuneInString(text)
			if n == 0 || !isStar(r) {
				break
			}
			text = text[:len(text)-n]
			prefix = true
		}
		if i := strings.IndexAny(text, "*＊"); i >= 0 || text == "" {
			off := lx.start + i
			if text == "" {
				off = lx.start
			}
			e := newError(p.src, ErrMisplacedWild, off, span)
			e.Expected = "word before *"
			if text != "" {
				e.Expected = "* at the end of the word"
			}
			return nil, e
		}
	}
	p.terms++
	if p.terms > p.lim.MaxTerms {
		e := newError(p.src, ErrTooManyTerms, lx.start, span)
		e.Limit = p.lim.MaxTerms
		return nil, e
	}
	if field == FieldYear {
		return p.yearTerm(lx, text, quoted, prefix)
	}
	alts, warn, code := p.tz.alts(field, text, prefix, p.lim)
	if code != "" {
		e := newError(p.src, code, lx.start, span)
		switch code {
		case ErrPrefixTooShort:
			e.Limit = p.lim.MinPrefix
			if warn == numericPrefix {
				e.Limit = p.lim.MinNumericPrefix
			} else if warn == issnPrefix {
				e.Limit = minISSNPrefix
			}
		}
		return nil, e
	}
	if warn == prefixIgnored {
		p.warnings = append(p.warnings, newError(p.src, WarnPrefixIgnored, lx.start, span))
		prefix = false
	}
	if len(alts) == 0 {
		p.warnings = append(p.warnings, newError(p.src, WarnEmptyTerm, lx.start, span))
		return nil, nil
	}
	if err := p.countTokens(alts, lx); err != nil {
		return nil, err
	}
	return &Term{Field: field, Text: text, Quoted: quoted, Prefix: prefix, Alts: alts, Start: lx.start, End: lx.end}, nil
}

func (p *parser) countTokens(alts []Match, lx lexeme) *Error {
	span := p.src[lx.start:lx.end]
	for _, m := range alts {
		p.tokens += len(m.Tokens)
	}
	if p.tokens > p.lim.MaxTokens {
		e := newError(p.src, ErrTooManyTokens, lx.start, span)
		e.Limit = p.lim.MaxTokens
		return e
	}
	return nil
}

// yearTerm parses year:2020, year:2019..2023, year:2019.., year:..2000
// and year:2019-2023.
func (p *parser) yearTerm(lx lexeme, text string, quoted, prefix bool) (Node, *Error) {
	span := p.src[lx.start:lx.end]
	if prefix {
		return nil, newError(p.src, ErrPrefixNotAllowed, lx.start, span)
	}
	bad := func() (Node, *Error) {
		e := newError(p.src, ErrInvalidYear, lx.start, span)
		e.Expected = "year"
		return nil, e
	}
	if quoted {
		return bad()
	}
	t := strings.NewReplacer("．．", "..", "－", "-", "～", "..", "~", "..", "–", "-").Replace(text)
	lo, hi := MinYear, MaxYear
	var ok bool
	if a, b, found := strings.Cut(t, ".."); found {
		if a == "" && b == "" {
			return bad()
		}
		if a != "" {
			if lo, ok = parseYearNumber(a); !ok {
				return bad()
			}
		}
		if b != "" {
			if hi, ok = parseYearNumber(b); !ok {
				return bad()
			}
		}
	} else if a, b, found := strings.Cut(t, "-"); found {
		if lo, ok = parseYearNumber(a); !ok {
			return bad()
		}
		if hi, ok = parseYearNumber(b); !ok {
			return bad()
		}
	} else {
		if lo, ok = parseYearNumber(t); !ok {
			return bad()
		}
		hi = lo
	}
	if lo > hi {
		return nil, newError(p.src, ErrInvalidYearRange, lx.start, span)
	}
	var alts []Match
	for _, body := range yearCover(lo, hi) {
		alts = append(alts, Match{Tokens: []string{"yr" + body}})
	}
	if err := p.countTokens(alts, lx); err != nil {
		return nil, err
	}
	return &YearRange{From: lo, To: hi, Alts: alts, Start: lx.start, End: lx.end}, nil
}

// setStart moves the start of n's span to start.
func setStart(n Node, start int) {
	_, end := spanOf(n)
	setSpan(n, start, end)
}

// spanOf is n.Span() that tolerates nil.
func spanOf(n Node) (int, int) {
	if n == nil {
		return 0, 0
	}
	return n.Span()
}

// setSpan sets the span of n (nothing for nil).
func setSpan(n Node, start, end int) {
	switch n := n.(type) {
	case *And:
		n.Start, n.End = start, end
	case *Or:
		n.Start, n.End = start, end
	case *Not:
		n.Start, n.End = start, end
	case *Term:
		n.Start, n.End = start, end
	case *YearRange:
		n.Start, n.End = start, end
	}
}

// mkAnd builds an And of the non-nil children, flattening nested Ands.
func mkAnd(children []Node) Node {
	var out []Node
	for _, c := range children {
		switch c := c.(type) {
		case nil:
		case *And:
			out = append(out, c.Children...)
		default:
			out = append(out, c)
		}
	}
	return wrap(out, func(cs []Node, s, e int) Node { return &And{Children: cs, Start: s, End: e} })
}

// mkOr builds an Or of the non-nil children, flattening nested Ors.
func mkOr(children []Node) Node {
	var out []Node
	for _, c := range children {
		switch c := c.(type) {
		case nil:
		case *Or:
			out = append(out, c.Children...)
		default:
			out = append(out, c)
		}
	}
	return wrap(out, func(cs []Node, s, e int) Node { return &Or{Children: cs, Start: s, End: e} })
}

func wrap(cs []Node, mk func([]Node, int, int) Node) Node {
	switch len(cs) {
	case 0:
		return nil
	case 1:
		return cs[0]
	}
	s, _ := cs[0].Span()
	_, e := cs[len(cs)-1].Span()
	return mk(cs, s, e)
}

// mkNot negates child; a double negation cancels out.
func mkNot(child Node, start int) Node {
	switch c := child.(type) {
	case nil:
		return nil
	case *Not:
		return c.Child
	}
	_, end := child.Span()
	return &Not{Child: child, Start: start, End: end}
}

// validate checks that every And has something positive and that Or
// operands and the root are not negations.
func (p *parser) validate(n Node, root bool) *Error {
	switch n := n.(type) {
	case *Not:
		if root {
			return newError(p.src, ErrOnlyNegative, n.Start, p.src[n.Start:n.End])
		}
		return p.validate(n.Child, false)
	case *And:
		positive := false
		for _, c := range n.Children {
			if _, neg := c.(*Not); !neg {
				positive = true
			}
			if err := p.validate(c, false); err != nil {
				return err
			}
		}
		if !positive {
			return newError(p.src, ErrOnlyNegative, n.Start, p.src[n.Start:n.End])
		}
	case *Or:
		for _, c := range n.Children {
			if neg, ok := c.(*Not); ok {
				return newError(p.src, ErrNegativeInOr, neg.Start, p.src[neg.Start:neg.End])
			}
			if err := p.validate(c, false); err != nil {
				return err
			}
		}
	}
	return nil
}
