// Package clock is the one source of "now" for every service in Lantai.
// Production code uses System; tests use a Settable clock so that due dates,
// session expiry and audit times are exact and repeatable.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current time in UTC.
type Clock interface {
	Now() time.Time
}

// System is the real wall clock.
type System struct{}

// Now returns the current time in UTC, truncated to microseconds so that it
// survives a round trip through PostgreSQL unchanged.
func (System) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Settable is a clock that tests move by hand. It is safe for concurrent use.
type Settable struct {
	mu  sync.Mutex
	now time.Time
}

// NewSettable returns a clock standing at t.
func NewSettable(t time.Time) *Settable { return &Settable{now: t.UTC().Truncate(time.Microsecond)} }

// Now returns the time the clock stands at.
func (s *Settable) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

// Set moves the clock to t.
func (s *Settable) Set(t time.Time) {
	s.mu.Lock()
	s.now = t.UTC().Truncate(time.Microsecond)
	s.mu.Unlock()
}

// Advance moves the clock forward by d.
func (s *Settable) Advance(d time.Duration) {
	s.mu.Lock()
	s.now = s.now.Add(d)
	s.mu.Unlock()
}
