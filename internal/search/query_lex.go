package search

import (
	"unicode"
	"unicode/utf8"
)

// lexKind is the kind of a query lexeme.
type lexKind uint8

const (
	lxEOF    lexKind = iota
	lxWord           // a word (may carry a trailing or misplaced '*')
	lxPhrase         // a quoted phrase; text is the content
	lxLParen         // ( or （
	lxRParen         // ) or ）
	lxOr             // OR
	lxAnd            // AND
	lxNot            // NOT
	lxMinus          // - or － directly before a term
	lxQual           // a known field qualifier with its colon: ti: or ti：
)

// lexeme is one lexical unit of a query.
type lexeme struct {
	kind       lexKind
	text       string // word or phrase content; qualifier name
	start, end int    // byte offsets of the whole lexeme in the query
	prefix     bool   // phrase followed directly by '*'
	field      Field  // for lxQual
}

// isQuote reports whether r opens or closes a phrase: ASCII and full-width
// double quotes and the typographic double quotes “ ” „.
func isQuote(r rune) bool {
	return r == '"' || r == '＂' || r == '“' || r == '”' || r == '„'
}

func isLParen(r rune) bool { return r == '(' || r == '（' }
func isRParen(r rune) bool { return r == ')' || r == '）' }
func isStar(r rune) bool   { return r == '*' || r == '＊' }
func isColon(r rune) bool  { return r == ':' || r == '：' }
func isMinus(r rune) bool  { return r == '-' || r == '－' }

// lexer splits a query into lexemes on demand.
type lexer struct {
	src      string
	pos      int
	peeked   *lexeme
	peekErr  *Error
	warnings []*Error
}

// peek returns the next lexeme without consuming it.
func (l *lexer) peek() (lexeme, *Error) {
	if l.peeked == nil && l.peekErr == nil {
		lx, err := l.scan()
		if err != nil {
			l.peekErr = err
		} else {
			l.peeked = &lx
		}
	}
	if l.peekErr != nil {
		return lexeme{kind: lxEOF, start: len(l.src), end: len(l.src)}, l.peekErr
	}
	return *l.peeked, nil
}

// next returns the next lexeme and consumes it.
func (l *lexer) next() (lexeme, *Error) {
	lx, err := l.peek()
	if err == nil {
		l.peeked = nil
	}
	return lx, err
}

func (l *lexer) rune(at int) (rune, int) {
	if at >= len(l.src) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(l.src[at:])
}

func (l *lexer) scan() (lexeme, *Error) {
	// Skip whitespace.
	for l.pos < len(l.src) {
		r, n := l.rune(l.pos)
		if !unicode.IsSpace(r) {
			break
		}
		l.pos += n
	}
	start := l.pos
	if start >= len(l.src) {
		return lexeme{kind: lxEOF, start: start, end: start}, nil
	}
	r, n := l.rune(start)
	switch {
	case isLParen(r):
		l.pos += n
		return lexeme{kind: lxLParen, text: l.src[start:l.pos], start: start, end: l.pos}, nil
	case isRParen(r):
		l.pos += n
		return lexeme{kind: lxRParen, text: l.src[start:l.pos], start: start, end: l.pos}, nil
	case isQuote(r):
		return l.phrase(start, n)
	case isMinus(r):
		if r2, _ := l.rune(start + n); r2 != 0 && !unicode.IsSpace(r2) && !isRParen(r2) {
			l.pos += n
			return lexeme{kind: lxMinus, text: l.src[start:l.pos], start: start, end: l.pos}, nil
		}
	}
	return l.word(start), nil
}

// phrase scans a quoted phrase whose opening quote (n bytes) is at start.
func (l *lexer) phrase(start, n int) (lexeme, *Error) {
	i := start + n
	for i < len(l.src) {
		r, m := l.rune(i)
		if isQuote(r) {
			lx := lexeme{kind: lxPhrase, text: l.src[start+n : i], start: start}
			i += m
			if r2, m2 := l.rune(i); isStar(r2) {
				lx.prefix = true
				i += m2
			}
			lx.end = i
			l.pos = i
			return lx, nil
		}
		i += m
	}
	err := newError(l.src, ErrUnclosedQuote, start, l.src[start:])
	err.Expected = `"`
	return lexeme{}, err
}

// word scans a word, recognising a leading field qualifier and the
// operator keywords.
func (l *lexer) word(start int) lexeme {
	i := start
	checkedColon := false
	for i < len(l.src) {
		r, m := l.rune(i)
		if unicode.IsSpace(r) || isLParen(r) || isRParen(r) || isQuote(r) {
			break
		}
		if isColon(r) && !checkedColon {
			checkedColon = true
			name := l.src[start:i]
			if f, ok := FieldForQualifier(name); ok {
				l.pos = i + m
				return lexeme{kind: lxQual, text: name, start: start, end: l.pos, field: f}
			}
			if looksLikeQualifier(name) {
				if r2, _ := l.rune(i + m); r2 != 0 && !unicode.IsSpace(r2) && r2 != '/' {
					l.warnings = append(l.warnings, newError(l.src, WarnUnknownField, start, name))
				}
			}
		}
		i += m
	}
	l.pos = i
	lx := lexeme{kind: lxWord, text: l.src[start:i], start: start, end: i}
	switch lx.text {
	case "OR":
		lx.kind = lxOr
	case "AND":
		lx.kind = lxAnd
	case "NOT":
		lx.kind = lxNot
	}
	return lx
}

// looksLikeQualifier reports whether s could have been meant as a field
// qualifier: 1 to 12 ASCII letters.
func looksLikeQualifier(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
