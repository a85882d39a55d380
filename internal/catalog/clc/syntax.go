package clc

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrSyntax is wrapped by every class-number syntax error (a *SyntaxError).
var ErrSyntax = errors.New("invalid class number")

// SyntaxError reports where and why a class number is malformed.
type SyntaxError struct {
	Code string // the class number checked
	Pos  int    // 1-based character position of the problem; len+1 for "ended too early"
	Msg  string // what is wrong, in English
}

// Error describes the problem, naming the class number and position.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%v %q: position %d: %s", ErrSyntax, e.Code, e.Pos, e.Msg)
}

// Unwrap returns ErrSyntax.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }

// Filing-key bytes of the auxiliary symbols, in filing order. They lie below
// the digits and letters, and above keyClose; nothing in a key is below '"',
// so callers composing keys may end a class key with '!' or lower.
const (
	keyClose  = '"'  // closing ")", ">" or '"'
	keyDash   = '#'  // -  总论复分
	keyParen  = '$'  // (  地区
	keyQuote  = '%'  // "  民族
	keyEquals = '&'  // =  时代
	keyAngle  = '\'' // < 通用时间、地点、人员
	keyColon  = '('  // :  组配
	keyPlus   = ')'  // +  联合
)

// Normalize prepares a typed class number for checking and storing: it maps
// full-width forms to ASCII (“ ” and ＂ to '"', 〈 〉 to < >), removes
// white space and upper-cases letters. It does not check anything.
func Normalize(code string) string {
	var b strings.Builder
	for _, r := range code {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '“' || r == '”':
			r = '"'
		case r == '〈':
			r = '<'
		case r == '〉':
			r = '>'
		case r >= 0x2010 && r <= 0x2015, r == 0x2212:
			r = '-'
		}
		if unicode.IsSpace(r) {
			continue
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ValidClassSyntax checks the syntax of a class number a cataloguer assigns
// (see the package comment), including the dot after every third digit. It
// does not check that the class exists in a table. The code must already be
// normalised (see Normalize); the error is a *SyntaxError.
func ValidClassSyntax(code string) error {
	s := scanner{s: code, strict: true}
	return s.class()
}

// FilingKey returns the filing key of a class number: byte strings compare
// in shelf order (see the package comment). The key holds only the bytes
// '"' (0x22) to 'Z'. FilingKey accepts the syntax of ValidClassSyntax except
// that it does not check where the dots are (they do not count in filing),
// so it also takes class numbers from old records such as "TP3111".
func FilingKey(code string) (string, error) {
	var b strings.Builder
	s := scanner{s: code, key: &b}
	if err := s.class(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// MainClass returns the main class letter of a class number: "T" for
// "TP311.13", "D" for "DF0", "I" for "[I247.5]". It returns "" when the
// code (after Normalize and any leading "[" or "{" of a table code) does not
// start with a letter A–Z. The caption of the main class is the caption of
// the level-1 class of that code in the loaded table.
func MainClass(code string) string {
	n := strings.TrimLeft(Normalize(code), "[{")
	if n != "" && n[0] >= 'A' && n[0] <= 'Z' {
		return n[:1]
	}
	return ""
}

// scanner checks a class number and, if key is set, writes its filing key.
type scanner struct {
	s      string
	i      int
	strict bool // dots after every third digit
	key    *strings.Builder
}

func (s *scanner) errorf(format string, args ...any) error {
	return &SyntaxError{Code: s.s, Pos: utf8.RuneCountInString(s.s[:s.i]) + 1, Msg: fmt.Sprintf(format, args...)}
}

func (s *scanner) emit(b byte) {
	if s.key != nil {
		s.key.WriteByte(b)
	}
}

func (s *scanner) peek() byte {
	if s.i < len(s.s) {
		return s.s[s.i]
	}
	return 0
}

// class scans a whole class number.
func (s *scanner) class() error {
	if s.s == "" {
		return s.errorf("empty class number")
	}
	if !isUpper(s.peek()) {
		return s.unexpected("a capital letter")
	}
	if err := s.letters(); err != nil {
		return err
	}
	if isDigit(s.peek()) {
		if err := s.number(s.strict); err != nil {
			return err
		}
	}
	for s.i < len(s.s) {
		c := s.s[s.i]
		var err error
		switch c {
		case '-':
			s.emit(keyDash)
			s.i++
			err = s.number(s.strict)
		case '(':
			err = s.enclosed(keyParen, ')')
		case '"':
			err = s.enclosed(keyQuote, '"')
		case '<':
			err = s.enclosed(keyAngle, '>')
		case '=':
			s.emit(keyEquals)
			s.i++
			err = s.number(s.strict)
		case ':':
			s.emit(keyColon)
			s.i++
			err = s.combined(false)
		case '+':
			s.emit(keyPlus)
			s.i++
			err = s.combined(true)
		case '.':
			// Tolerated table form "TJ011.+1": a dot straight before "+".
			if s.i+1 < len(s.s) && s.s[s.i+1] == '+' && s.i > 0 && isDigit(s.s[s.i-1]) {
				s.i++
				continue
			}
			return s.errorf("a dot must stand between digits")
		default:
			return s.unexpected("an auxiliary symbol - ( \" = < : + or the end")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// letters scans the one or two capital letters of a class.
func (s *scanner) letters() error {
	start := s.i
	for isUpper(s.peek()) {
		s.emit(s.s[s.i])
		s.i++
	}
	if s.i-start > 2 {
		s.i = start + 2
		return s.errorf("a class has one or two letters")
	}
	return nil
}

// enclosed scans "(N)", "\"N\"" or "<N>".
func (s *scanner) enclosed(key byte, closer byte) error {
	s.emit(key)
	s.i++
	if err := s.number(s.strict); err != nil {
		return err
	}
	if s.peek() != closer {
		return s.unexpected(fmt.Sprintf("a digit or the closing %q", closer))
	}
	s.emit(keyClose)
	s.i++
	return nil
}

// combined scans what follows ":" or "+": a class number (letters, then an
// optional number), or a number alone. After "+" a number may start with a
// dot and its dots are free ("O317+.1", "Q969.48+4.5").
func (s *scanner) combined(plus bool) error {
	switch c := s.peek(); {
	case isUpper(c):
		if err := s.letters(); err != nil {
			return err
		}
		if isDigit(s.peek()) {
			return s.number(s.strict)
		}
		return nil
	case plus && c == '.' && s.i+1 < len(s.s) && isDigit(s.s[s.i+1]):
		s.i++
		return s.number(false)
	case isDigit(c):
		return s.number(s.strict && !plus)
	}
	return s.unexpected("a class number or digits")
}

// number scans digits with single dots between them. With strict, the
// groups between dots have three digits, the last one to three.
func (s *scanner) number(strict bool) error {
	if !isDigit(s.peek()) {
		return s.unexpected("a digit")
	}
	for {
		start := s.i
		for isDigit(s.peek()) {
			s.emit(s.s[s.i])
			s.i++
		}
		n := s.i - start
		more := s.peek() == '.' && s.i+1 < len(s.s) && isDigit(s.s[s.i+1])
		if strict && (n > 3 || (more && n != 3)) {
			s.i = start
			return s.errorf("digits %q: a dot goes after every third digit", s.s[start:start+n])
		}
		if !more {
			return nil
		}
		s.i++ // the dot does not file
	}
}

// unexpected reports the character at the current position, or the end.
func (s *scanner) unexpected(want string) error {
	if s.i >= len(s.s) {
		return s.errorf("ends too early: want %s", want)
	}
	r, _ := utf8.DecodeRuneInString(s.s[s.i:])
	if r >= 'a' && r <= 'z' {
		return s.errorf("lower-case letter %q: class numbers use capital letters", r)
	}
	if r >= utf8.RuneSelf {
		return s.errorf("character %q: want %s (full-width forms must be normalised)", r, want)
	}
	return s.errorf("unexpected %q: want %s", r, want)
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
