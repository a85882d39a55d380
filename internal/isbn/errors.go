package isbn

import (
	"errors"
	"fmt"
)

// The kinds of failure. An *Error wraps exactly one of them.
var (
	// ErrEmpty: the input holds no number at all.
	ErrEmpty = errors.New("no number found")
	// ErrChar: a character that is not a digit (or a final X) is part of the number.
	ErrChar = errors.New("non-digit character")
	// ErrLength: the number has the wrong count of digits.
	ErrLength = errors.New("wrong length")
	// ErrPrefix: a 13-digit number that does not start with 978 or 979.
	ErrPrefix = errors.New("not an ISBN prefix (978 or 979)")
	// ErrCheckDigit: the check digit does not match the other digits.
	ErrCheckDigit = errors.New("bad check digit")
	// ErrNo10: a 979 ISBN-13 has no ISBN-10 form.
	ErrNo10 = errors.New("979 ISBN has no ISBN-10 form")
)

// Error reports why a string is not a valid ISBN or ISSN.
type Error struct {
	Std    string // "ISBN" or "ISSN"
	Input  string // the string given
	Kind   error  // one of the Err* values
	Digits string // the digits (and X) found, without separators; may be empty
	Char   rune   // ErrChar: the offending character
	Pos    int    // ErrChar: its 1-based character position in Input
	Got    byte   // ErrCheckDigit: the check character found
	Want   byte   // ErrCheckDigit: the check character the other digits call for
}

// Error describes the failure in English, naming the input.
func (e *Error) Error() string {
	var detail string
	switch e.Kind {
	case ErrChar:
		detail = fmt.Sprintf("%v %q at position %d", e.Kind, e.Char, e.Pos)
	case ErrLength:
		want := "10 or 13"
		if e.Std == "ISSN" {
			want = "8"
		}
		detail = fmt.Sprintf("%v: %d digits, want %s", e.Kind, len(e.Digits), want)
	case ErrCheckDigit:
		detail = fmt.Sprintf("%v %c, want %c", e.Kind, e.Got, e.Want)
	default:
		detail = e.Kind.Error()
	}
	return fmt.Sprintf("%s %q: %s", e.Std, e.Input, detail)
}

// Unwrap returns the kind of failure, for errors.Is.
func (e *Error) Unwrap() error { return e.Kind }
