package policy

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// Calendars lists the stored calendars, by branch code. The calendar of
// branch "*" applies to every branch without its own; a branch with
// neither is open every day.
func (s *Service) Calendars(ctx context.Context, a auth.Actor) ([]rules.Calendar, error) {
	var cals map[string]*rules.Calendar
	err := s.read(ctx, a, func(tx *db.Tx) (err error) { cals, err = readCalendars(tx, ""); return err })
	if err != nil {
		return nil, fmt.Errorf("list calendars: %w", err)
	}
	out := make([]rules.Calendar, 0, len(cals))
	for _, c := range cals {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(x, y rules.Calendar) int { return strings.Compare(x.Branch, y.Branch) })
	return out, nil
}

// Calendar returns the calendar stored for branch (a code or "*"), or a
// NotFound error when the branch has none of its own.
func (s *Service) Calendar(ctx context.Context, a auth.Actor, branch string) (rules.Calendar, error) {
	branch = strings.TrimSpace(branch)
	var c rules.Calendar
	err := s.read(ctx, a, func(tx *db.Tx) (err error) { c, err = calendarOf(tx, branch); return err })
	if err != nil {
		return rules.Calendar{}, fmt.Errorf("calendar of %q: %w", branch, err)
	}
	return c, nil
}

// SetCalendar stores the calendar of c.Branch (a branch code, or "*" for
// every branch without its own), replacing the one stored (circ.rules). The
// calendar is checked with rules.Calendar.Validate, and stored in a
// canonical form, which is returned: closed weekdays sorted once each,
// exceptions sorted by date, a one-day exception with To zero.
func (s *Service) SetCalendar(ctx context.Context, a auth.Actor, c rules.Calendar) (rules.Calendar, error) {
	if err := a.Require(auth.PermCircRules); err != nil {
		return rules.Calendar{}, err
	}
	c.Branch = strings.TrimSpace(c.Branch)
	if c.Branch == "" {
		return rules.Calendar{}, invalid(&rules.ValidationError{Field: "branch", Problem: "empty"}, "")
	}
	if err := c.Validate(); err != nil {
		return rules.Calendar{}, invalid(err, c.Branch)
	}
	c = canonicalCalendar(c)
	err := s.write(ctx, a, func(tx *db.Tx) error {
		if err := checkBranch(tx, c.Branch); err != nil {
			return err
		}
		var before any
		old, err := calendarOf(tx, c.Branch)
		switch {
		case err == nil:
			before = old
		case !apperr.Is(err, apperr.NotFound):
			return err
		}
		if err := deleteCalendar(tx, c.Branch); err != nil {
			return err
		}
		if err := insertCalendar(tx, c); err != nil {
			return err
		}
		return auth.Audit(tx, a, "circ_calendar.set", "circ_calendar", c.Branch, before, c)
	})
	if err != nil {
		return rules.Calendar{}, fmt.Errorf("set calendar of %q: %w", c.Branch, err)
	}
	return c, nil
}

// DeleteCalendar removes the calendar of branch (circ.rules): the branch
// then follows the calendar of "*", or is open every day.
func (s *Service) DeleteCalendar(ctx context.Context, a auth.Actor, branch string) error {
	branch = strings.TrimSpace(branch)
	err := s.write(ctx, a, func(tx *db.Tx) error {
		before, err := calendarOf(tx, branch)
		if err != nil {
			return err
		}
		if err := deleteCalendar(tx, branch); err != nil {
			return err
		}
		return auth.Audit(tx, a, "circ_calendar.delete", "circ_calendar", branch, before, nil)
	})
	if err != nil {
		return fmt.Errorf("delete calendar of %q: %w", branch, err)
	}
	return nil
}

// canonicalCalendar is c with closed weekdays sorted once each, empty
// lists and maps nil, exceptions sorted by their first day and a one-day
// exception's To zero. c must be valid.
func canonicalCalendar(c rules.Calendar) rules.Calendar {
	var closed []time.Weekday
	for _, w := range c.ClosedWeekdays {
		if !slices.Contains(closed, w) {
			closed = append(closed, w)
		}
	}
	slices.Sort(closed)
	c.ClosedWeekdays = closed
	if len(c.Hours) == 0 {
		c.Hours = nil
	} else {
		c.Hours = maps.Clone(c.Hours)
	}
	var exs []rules.Exception
	for _, e := range c.Exceptions {
		if e.To == e.From {
			e.To = rules.Date{}
		}
		if e.Hours != nil {
			h := *e.Hours
			e.Hours = &h
		}
		e.Note = strings.TrimSpace(e.Note)
		exs = append(exs, e)
	}
	slices.SortFunc(exs, func(x, y rules.Exception) int { return x.From.Compare(y.From) })
	c.Exceptions = exs
	return c
}
