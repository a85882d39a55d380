package policy

import (
	"database/sql"
	"fmt"
	"slices"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// calendarOf reads the calendar of branch, or returns a NotFound error.
func calendarOf(tx *db.Tx, branch string) (rules.Calendar, error) {
	cals, err := readCalendars(tx, branch)
	if err != nil {
		return rules.Calendar{}, err
	}
	c, ok := cals[branch]
	if !ok {
		return rules.Calendar{}, apperr.New(apperr.NotFound, "error.circ_calendar_not_found", "Branch", branch)
	}
	return *c, nil
}

// readCalendars reads the calendar of branch, or every calendar when
// branch is "", by branch code.
func readCalendars(tx *db.Tx, branch string) (map[string]*rules.Calendar, error) {
	where, args := "", []any(nil)
	if branch != "" {
		where, args = " WHERE branch = $1", []any{branch}
	}
	out := map[string]*rules.Calendar{}
	rows, err := tx.Query(`SELECT branch FROM circ_calendars`+where, args...)
	if _, err := db.Collect(rows, err, func(r *sql.Rows) (string, error) {
		var b string
		err := r.Scan(&b)
		out[b] = &rules.Calendar{Branch: b}
		return b, err
	}); err != nil {
		return nil, fmt.Errorf("read calendars: %w", err)
	}

	rows, err = tx.Query(`SELECT branch, weekday, closed, open_min, close_min FROM circ_calendar_weekdays`+where+` ORDER BY branch, weekday`, args...)
	if _, err := db.Collect(rows, err, func(r *sql.Rows) (bool, error) {
		var b string
		var w int
		var closed bool
		var open, close sql.NullInt64
		if err := r.Scan(&b, &w, &closed, &open, &close); err != nil {
			return false, err
		}
		c, ok := out[b]
		if !ok {
			return false, fmt.Errorf("weekday row of branch %q without a calendar", b)
		}
		if closed {
			c.ClosedWeekdays = append(c.ClosedWeekdays, time.Weekday(w))
		}
		if open.Valid && close.Valid {
			if c.Hours == nil {
				c.Hours = map[time.Weekday]rules.OpeningHours{}
			}
			c.Hours[time.Weekday(w)] = rules.OpeningHours{Open: rules.TimeOfDay(open.Int64), Close: rules.TimeOfDay(close.Int64)}
		}
		return true, nil
	}); err != nil {
		return nil, fmt.Errorf("read calendar weekdays: %w", err)
	}

	rows, err = tx.Query(`SELECT branch, from_date, to_date, open, open_min, close_min, note FROM circ_calendar_exceptions`+where+` ORDER BY branch, from_date, id`, args...)
	if _, err := db.Collect(rows, err, func(r *sql.Rows) (bool, error) {
		var b, from, to string
		var e rules.Exception
		var open, close sql.NullInt64
		if err := r.Scan(&b, &from, &to, &e.Open, &open, &close, &e.Note); err != nil {
			return false, err
		}
		c, ok := out[b]
		if !ok {
			return false, fmt.Errorf("exception of branch %q without a calendar", b)
		}
		var err error
		if e.From, err = rules.ParseDate(from); err != nil {
			return false, fmt.Errorf("calendar %q: %w", b, err)
		}
		if to != from {
			if e.To, err = rules.ParseDate(to); err != nil {
				return false, fmt.Errorf("calendar %q: %w", b, err)
			}
		}
		if open.Valid && close.Valid {
			e.Hours = &rules.OpeningHours{Open: rules.TimeOfDay(open.Int64), Close: rules.TimeOfDay(close.Int64)}
		}
		c.Exceptions = append(c.Exceptions, e)
		return true, nil
	}); err != nil {
		return nil, fmt.Errorf("read calendar exceptions: %w", err)
	}
	for _, c := range out { // in date order whatever the database's collation
		slices.SortFunc(c.Exceptions, func(x, y rules.Exception) int { return x.From.Compare(y.From) })
	}
	return out, nil
}

// deleteCalendar removes the calendar of branch and its rows.
func deleteCalendar(tx *db.Tx, branch string) error {
	for _, table := range []string{"circ_calendar_exceptions", "circ_calendar_weekdays", "circ_calendars"} {
		if _, err := tx.Exec(`DELETE FROM `+table+` WHERE branch = $1`, branch); err != nil {
			return fmt.Errorf("delete calendar %q from %s: %w", branch, table, err)
		}
	}
	return nil
}

// insertCalendar writes a canonical calendar.
func insertCalendar(tx *db.Tx, c rules.Calendar) error {
	if _, err := tx.Exec(`INSERT INTO circ_calendars (branch) VALUES ($1)`, c.Branch); err != nil {
		return fmt.Errorf("insert calendar %q: %w", c.Branch, err)
	}
	closed := map[time.Weekday]bool{}
	for _, w := range c.ClosedWeekdays {
		closed[w] = true
	}
	for w := time.Sunday; w <= time.Saturday; w++ {
		h, ok := c.Hours[w]
		if !ok && !closed[w] {
			continue
		}
		var open, close any
		if ok {
			open, close = int64(h.Open), int64(h.Close)
		}
		if _, err := tx.Exec(`INSERT INTO circ_calendar_weekdays (branch, weekday, closed, open_min, close_min) VALUES ($1, $2, $3, $4, $5)`,
			c.Branch, int(w), closed[w], open, close); err != nil {
			return fmt.Errorf("insert calendar %q weekday %v: %w", c.Branch, w, err)
		}
	}
	for _, e := range c.Exceptions {
		var open, close any
		if e.Hours != nil {
			open, close = int64(e.Hours.Open), int64(e.Hours.Close)
		}
		last := e.To
		if last.IsZero() {
			last = e.From
		}
		if _, err := tx.Exec(`INSERT INTO circ_calendar_exceptions (branch, from_date, to_date, open, open_min, close_min, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.Branch, e.From.String(), last.String(), e.Open, open, close, e.Note); err != nil {
			return fmt.Errorf("insert calendar %q exception %s: %w", c.Branch, e.From, err)
		}
	}
	return nil
}
