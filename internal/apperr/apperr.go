// Package apperr defines the domain errors that service methods return and
// that front doors (web, API, SIP2, CLI) map to their own status codes.
//
// A domain error carries a stable Code (for programs), a translation Key and
// arguments (for people), and optionally the Field it concerns. Internal
// errors (database down, bugs) are plain wrapped errors and are never shown to
// a user: front doors log them with a request id and show a generic message.
package apperr

import (
	"errors"
	"fmt"
)

// Code is a stable, machine-readable error class.
type Code string

// The error classes that front doors understand.
const (
	NotFound         Code = "not_found"
	Conflict         Code = "conflict"
	Invalid          Code = "invalid"
	InvalidReference Code = "invalid_reference"
	Forbidden        Code = "forbidden"
	Unauthenticated  Code = "unauthenticated"
	TooManyRequests  Code = "too_many_requests"
	Internal         Code = "internal"
)

// Error is a domain error: something the person asked for cannot be done and
// the message says why.
type Error struct {
	Code  Code
	Key   string         // translation key of the message
	Args  map[string]any // template arguments of the message
	Field string         // the input field concerned, if any
	Err   error          // the underlying cause, if any
}

// Error renders the error for logs: code, key, field and arguments.
func (e *Error) Error() string {
	s := string(e.Code) + ": " + e.Key
	if e.Field != "" {
		s += " (field " + e.Field + ")"
	}
	if len(e.Args) > 0 {
		s += fmt.Sprintf(" %v", e.Args)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New makes a domain error. args are alternating name, value pairs for the
// message template.
func New(code Code, key string, args ...any) *Error {
	e := &Error{Code: code, Key: key}
	if len(args) > 0 {
		e.Args = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			name, _ := args[i].(string)
			e.Args[name] = args[i+1]
		}
	}
	return e
}

// WithField returns a copy of e that names the input field concerned.
func (e *Error) WithField(field string) *Error {
	c := *e
	c.Field = field
	return &c
}

// WithCause returns a copy of e that wraps cause.
func (e *Error) WithCause(cause error) *Error {
	c := *e
	c.Err = cause
	return &c
}

// As returns the domain error inside err, if there is one.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// CodeOf returns the code of the domain error inside err, or Internal.
func CodeOf(err error) Code {
	if e, ok := As(err); ok {
		return e.Code
	}
	return Internal
}

// Is reports whether err holds a domain error with the given code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }
