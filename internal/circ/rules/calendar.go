package rules

import (
	"fmt"
	"time"
)

// TimeOfDay is a local wall-clock time as minutes after midnight: 8:30 is
// 510, 24:00 (midnight at the end of the day) is 1440.
type TimeOfDay int

// Clock returns the TimeOfDay hour:min.
func Clock(hour, min int) TimeOfDay { return TimeOfDay(hour*60 + min) }

// String writes the time as HH:MM.
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60) }

// OpeningHours are the opening hours of one day: from Open to Close, local
// time, within the day (Open < Close ≤ 24:00).
type OpeningHours struct {
	Open  TimeOfDay `json:"open"`
	Close TimeOfDay `json:"close"`
}

func (h OpeningHours) valid() bool { return 0 <= h.Open && h.Open < h.Close && h.Close <= Clock(24, 0) }

// Exception is a run of days, From to To inclusive (To zero: From only),
// on which the regular week does not apply: a holiday or closure (Open
// false: 国庆节, 春节闭馆) or a make-up working day (Open true: a 调休
// weekend day, or a day open on a weekday the library is normally closed),
// optionally with its own opening hours.
type Exception struct {
	From  Date          `json:"from"`
	To    Date          `json:"to,omitzero"`
	Open  bool          `json:"open"`
	Hours *OpeningHours `json:"hours,omitempty"`
	Note  string        `json:"note,omitempty"`
}

func (e Exception) last() Date {
	if e.To.IsZero() {
		return e.From
	}
	return e.To
}

func (e Exception) covers(d Date) bool { return !d.Before(e.From) && !d.After(e.last()) }

// Calendar is the calendar of one branch: the regular week (ClosedWeekdays,
// e.g. closed on Mondays), optional opening hours by weekday, and dated
// exceptions. The zero Calendar is open every day with unknown hours, and
// so is a nil *Calendar wherever one is accepted.
type Calendar struct {
	Branch         string                        `json:"branch"`
	ClosedWeekdays []time.Weekday                `json:"closed_weekdays,omitempty"`
	Hours          map[time.Weekday]OpeningHours `json:"hours,omitempty"`
	Exceptions     []Exception                   `json:"exceptions,omitempty"`
}

// exception returns the exception covering d, if any.
func (c *Calendar) exception(d Date) (Exception, bool) {
	for _, e := range c.Exceptions {
		if e.covers(d) {
			return e, true
		}
	}
	return Exception{}, false
}

// IsOpen reports whether the library is open on d: an exception covering d
// decides; otherwise the regular week does.
func (c *Calendar) IsOpen(d Date) bool {
	if c == nil {
		return true
	}
	if e, ok := c.exception(d); ok {
		return e.Open
	}
	wd := d.Weekday()
	for _, w := range c.ClosedWeekdays {
		if w == wd {
			return false
		}
	}
	return true
}

// HoursOn returns the opening hours of d, and false when the library is
// closed that day or its hours are not known. An open exception's own hours
// come first, then the regular hours of its weekday.
func (c *Calendar) HoursOn(d Date) (OpeningHours, bool) {
	if c == nil || !c.IsOpen(d) {
		return OpeningHours{}, false
	}
	if e, ok := c.exception(d); ok && e.Hours != nil {
		return *e.Hours, true
	}
	h, ok := c.Hours[d.Weekday()]
	return h, ok
}

// searchDays bounds NextOpenDay: a library closed for two whole years has a
// broken calendar, not a long holiday.
const searchDays = 731

// NextOpenDay returns d when the library is open on d, otherwise the first
// open day after it. It fails when no day in the next two years is open.
func NextOpenDay(c *Calendar, d Date) (Date, error) {
	for i := 0; i <= searchDays; i++ {
		if day := d.AddDays(i); c.IsOpen(day) {
			return day, nil
		}
	}
	return Date{}, fmt.Errorf("rules: calendar of branch %q has no open day within %d days after %s", c.Branch, searchDays, d)
}

// OpenDaysBetween counts the open days after from, up to and including to:
// the half-open run (from, to]. It is 0 when to is not after from. With a
// nil calendar every day counts, so it is from.DaysUntil(to).
func OpenDaysBetween(c *Calendar, from, to Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.IsOpen(d) {
			n++
		}
	}
	return n
}

// Validate checks the calendar: weekdays, hours (Open < Close ≤ 24:00),
// exception dates (real days, From ≤ To), no hours on a closed exception,
// and no two exceptions covering the same day. The error is a
// *ValidationError naming the calendar and the exception.
func (c *Calendar) Validate() error {
	subject := fmt.Sprintf("calendar %q", c.Branch)
	bad := func(field, problem string, v any) error {
		return &ValidationError{Subject: subject, Field: field, Problem: problem, Value: v}
	}
	for _, w := range c.ClosedWeekdays {
		if w < time.Sunday || w > time.Saturday {
			return bad("closed_weekdays", "unknown", int(w))
		}
	}
	for w := range c.Hours {
		if w < time.Sunday || w > time.Saturday {
			return bad("hours", "unknown", int(w))
		}
	}
	for w := time.Sunday; w <= time.Saturday; w++ {
		if h, ok := c.Hours[w]; ok && !h.valid() {
			return bad("hours", "invalid_hours", w.String()+" "+h.Open.String()+"-"+h.Close.String())
		}
	}
	for i, e := range c.Exceptions {
		field := fmt.Sprintf("exceptions[%d]", i)
		if !e.From.Valid() || !(e.To.IsZero() || e.To.Valid()) {
			return bad(field, "invalid_date", e.From.String()+".."+e.To.String())
		}
		if e.last().Before(e.From) {
			return bad(field, "reversed", e.From.String()+".."+e.To.String())
		}
		if e.Hours != nil && (!e.Open || !e.Hours.valid()) {
			return bad(field, "invalid_hours", e.From.String())
		}
		for j, f := range c.Exceptions[:i] {
			if !e.From.After(f.last()) && !f.From.After(e.last()) {
				return bad(field, "overlap", fmt.Sprintf("exceptions[%d] %s..%s", j, f.From, f.last()))
			}
		}
	}
	return nil
}
