package marc

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by ParseError, for errors.Is.
var (
	// ErrLeader reports a leader that cannot be used.
	ErrLeader = errors.New("bad leader")
	// ErrLength reports a record whose length does not match its leader, or
	// that the input ends inside.
	ErrLength = errors.New("bad record length")
	// ErrDirectory reports a bad directory entry or directory terminator.
	ErrDirectory = errors.New("bad directory")
	// ErrField reports a field whose content breaks the ISO 2709 structure
	// (indicators, subfield delimiters, field terminator).
	ErrField = errors.New("bad field")
	// ErrXML reports MARCXML that is not well formed or not MARCXML.
	ErrXML = errors.New("bad MARCXML")
	// ErrJSON reports MARC-in-JSON that is not well formed.
	ErrJSON = errors.New("bad MARC-in-JSON")
	// ErrTooLong reports a record or field too long for ISO 2709.
	ErrTooLong = errors.New("too long for ISO 2709")
)

// ParseError describes a record that could not be read. Readers return it
// for one bad record and can then go on with the next one.
type ParseError struct {
	// Record is the 1-based number of the record in its input.
	Record int
	// Offset is the byte offset in the input where the record starts
	// (ISO 2709), or the input offset of the problem (MARCXML, JSON).
	Offset int64
	// Reason says what is wrong.
	Reason string
	// Err is the sentinel error of the kind of problem (ErrLeader, ...).
	Err error
}

// Error returns "marc: record N at byte offset O: reason".
func (e *ParseError) Error() string {
	return fmt.Sprintf("marc: record %d at byte offset %d: %s", e.Record, e.Offset, e.Reason)
}

// Unwrap returns the sentinel error of the problem.
func (e *ParseError) Unwrap() error { return e.Err }

// problem is an error found while parsing one record, before the reader knows
// its number and offset.
type problem struct {
	kind   error
	reason string
}

// Error returns the reason.
func (p *problem) Error() string { return p.reason }

// Unwrap returns the kind of problem.
func (p *problem) Unwrap() error { return p.kind }

func newProblem(kind error, format string, args ...any) *problem {
	return &problem{kind: kind, reason: fmt.Sprintf(format, args...)}
}
