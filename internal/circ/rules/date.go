package rules

import (
	"fmt"
	"time"
)

// Date is a civil calendar day in the library's time zone, with no time of
// day and no zone. Local-day arithmetic (due dates, days overdue, card
// expiry) is done on Dates, so a daylight-saving change never makes a day 23
// or 25 hours long. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the local calendar day of t in loc (DefaultLocation when
// loc is nil).
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(orDefault(loc)).Date()
	return Date{y, m, d}
}

// ParseDate reads a date written YYYY-MM-DD, as stored in the database.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("rules: date %q is not YYYY-MM-DD: %w", s, err)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// String writes the date as YYYY-MM-DD (the zero Date as "").
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes the date as YYYY-MM-DD, so that it reads the same in
// JSON and in the database.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written YYYY-MM-DD; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real calendar day (not 2025-02-30).
func (d Date) Valid() bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.utc().Day() == d.Day
}

// utc is d at noon UTC: a zone without daylight saving, so adding 24 hours
// is always exactly one day.
func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	y, m, dd := d.utc().AddDate(0, 0, n).Date()
	return Date{y, m, dd}
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// Compare returns -1, 0 or +1 as d is before, the same day as, or after e.
func (d Date) Compare(e Date) int { return d.utc().Compare(e.utc()) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// DaysUntil returns the number of calendar days from d to e: 0 for the same
// day, 1 for the next day, negative when e is before d.
func (d Date) DaysUntil(e Date) int {
	return int(e.utc().Sub(d.utc()) / (24 * time.Hour))
}

// At returns the instant at the given local time of day on d in loc
// (DefaultLocation when nil), in UTC.
func (d Date) At(loc *time.Location, hour, min, sec int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, min, sec, 0, orDefault(loc)).UTC()
}

// EndOfDay returns 23:59:59 local time on d in loc (DefaultLocation when
// nil), in UTC: the moment a day loan falls due.
func (d Date) EndOfDay(loc *time.Location) time.Time { return d.At(loc, 23, 59, 59) }

// DefaultLocation is the library time zone when none is configured:
// Asia/Shanghai from the system's zone database, or, when that database is
// missing, a fixed UTC+8 zone — the same thing for every date since 1992,
// as China has kept no daylight saving since then.
func DefaultLocation() *time.Location { return defaultLoc }

var defaultLoc = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}()

func orDefault(loc *time.Location) *time.Location {
	if loc == nil {
		return defaultLoc
	}
	return loc
}
