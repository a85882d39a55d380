package search

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// ErrorCode is the stable, translatable identifier of a query error or
// warning. User interfaces translate by code and fill in [Error]'s Column,
// Text, Expected and Limit; the English text of [Error.Error] is for logs.
type ErrorCode string

// Errors: the query is rejected.
const (
	ErrEmptyQuery       ErrorCode = "empty_query"        // nothing searchable in the query
	ErrQueryTooLong     ErrorCode = "query_too_long"     // more than Limits.MaxBytes bytes
	ErrInvalidUTF8      ErrorCode = "invalid_utf8"       // the query is not valid UTF-8
	ErrUnclosedQuote    ErrorCode = "unclosed_quote"     // a phrase has no closing quote
	ErrUnclosedParen    ErrorCode = "unclosed_paren"     // "(" without ")"
	ErrUnexpectedParen  ErrorCode = "unexpected_paren"   // ")" without "("
	ErrEmptyGroup       ErrorCode = "empty_group"        // "()"
	ErrMissingOperand   ErrorCode = "missing_operand"    // OR, AND, NOT or - without a term where one is needed
	ErrMissingValue     ErrorCode = "missing_value"      // "ti:" without a value
	ErrMisplacedWild    ErrorCode = "misplaced_wildcard" // "*" not at the end of a word, or alone
	ErrPrefixTooShort   ErrorCode = "prefix_too_short"   // "a*": fewer than Limit characters before "*"
	ErrPrefixNotAllowed ErrorCode = "prefix_not_allowed" // "*" on a field that has no prefix search (year:)
	ErrInvalidYear      ErrorCode = "invalid_year"       // year: value that is not a year or range
	ErrInvalidYearRange ErrorCode = "invalid_year_range" // year:2023..2019
	ErrOnlyNegative     ErrorCode = "only_negative"      // nothing positive to match: "-java", "NOT a"
	ErrNegativeInOr     ErrorCode = "negative_in_or"     // "a OR -b": a negation as an OR operand
	ErrTooManyTerms     ErrorCode = "too_many_terms"     // more than Limits.MaxTerms terms
	ErrTooManyTokens    ErrorCode = "too_many_tokens"    // more than Limits.MaxTokens index tokens
	ErrTooDeep          ErrorCode = "too_deep"           // nesting deeper than Limits.MaxDepth
)

// Warnings: the query is accepted but something was ignored.
const (
	WarnUnknownField  ErrorCode = "unknown_field"  // "foo:bar" with an unknown qualifier: searched as text
	WarnEmptyTerm     ErrorCode = "empty_term"     // a term without searchable characters was ignored
	WarnPrefixIgnored ErrorCode = "prefix_ignored" // "*" after CJK text: CJK terms already match inside words
)

// Error describes a query error or warning.
type Error struct {
	Code     ErrorCode
	Offset   int    // byte offset in the query where the problem is
	Column   int    // 1-based character (rune) column of Offset
	Text     string // the offending text, if any
	Expected string // what was expected there, if anything (`)`, `"`, "term", "value")
	Limit    int    // the limit that was exceeded, for limit codes
}

// Error returns an English description, for logs.
func (e *Error) Error() string {
	msg := messages[e.Code]
	if msg == "" {
		msg = "invalid query"
	}
	s := "search: " + string(e.Code) + " at column " + strconv.Itoa(e.Column)
	if e.Text != "" {
		s += " near " + strconv.Quote(e.Text)
	}
	s += ": " + msg
	if e.Expected != "" {
		s += " (expected " + e.Expected + ")"
	}
	if e.Limit != 0 {
		s += fmt.Sprintf(" (limit %d)", e.Limit)
	}
	return s
}

var messages = map[ErrorCode]string{
	ErrEmptyQuery:       "the query has nothing to search for",
	ErrQueryTooLong:     "the query is too long",
	ErrInvalidUTF8:      "the query is not valid UTF-8 text",
	ErrUnclosedQuote:    "a quoted phrase is not closed",
	ErrUnclosedParen:    "an opening parenthesis is not closed",
	ErrUnexpectedParen:  "a closing parenthesis has no opening parenthesis",
	ErrEmptyGroup:       "parentheses with nothing inside",
	ErrMissingOperand:   "an operator is missing a search term",
	ErrMissingValue:     "a field qualifier is missing its value",
	ErrMisplacedWild:    "'*' can only end a word",
	ErrPrefixTooShort:   "too few characters before '*'",
	ErrPrefixNotAllowed: "this field does not support '*'",
	ErrInvalidYear:      "not a year or year range (2020, 2019..2023, 2019.., ..2000)",
	ErrInvalidYearRange: "the first year of the range is after the last",
	ErrOnlyNegative:     "the query only excludes; add something to search for",
	ErrNegativeInOr:     "an excluded term cannot be an alternative of OR",
	ErrTooManyTerms:     "the query has too many search terms",
	ErrTooManyTokens:    "the query is too long to search",
	ErrTooDeep:          "parentheses or negations are nested too deeply",
	WarnUnknownField:    "unknown field qualifier; searched as ordinary text",
	WarnEmptyTerm:       "ignored a term without letters or digits",
	WarnPrefixIgnored:   "'*' after Chinese, Japanese or Korean text is not needed and was ignored",
}

// newError builds an Error for query q at byte offset off.
func newError(q string, code ErrorCode, off int, text string) *Error {
	if off < 0 {
		off = 0
	}
	if off > len(q) {
		off = len(q)
	}
	return &Error{Code: code, Offset: off, Column: utf8.RuneCountInString(q[:off]) + 1, Text: text}
}

// ErrorCodes lists every error code, for translation checks.
var ErrorCodes = []ErrorCode{ErrEmptyQuery, ErrQueryTooLong, ErrUnclosedQuote, ErrUnclosedParen, ErrUnexpectedParen, ErrEmptyGroup, ErrMissingOperand, ErrMissingValue, ErrMisplacedWild, ErrPrefixTooShort, ErrPrefixNotAllowed, ErrInvalidYear, ErrInvalidYearRange, ErrOnlyNegative, ErrNegativeInOr, ErrTooManyTerms, ErrTooManyTokens, ErrTooDeep}
