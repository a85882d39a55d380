package rules

import (
	"errors"
	"fmt"
	"time"
)

// ErrNotForLoan is returned when a due date is asked of a policy that does
// not lend. A loan by exception (with a permission and a reason) gets its
// due date from the person who grants it.
var ErrNotForLoan = errors.New("rules: not for loan")

// ErrHourLoanRecall is returned by RecallDueDate for an hour loan: a loan
// of a few hours is not recalled.
var ErrHourLoanRecall = errors.New("rules: hour loans are not recalled")

// DueDate returns when a loan made at loanTime under policy p falls due, in
// UTC.
//
// Day loans are due at the end of the library day (23:59:59 local time in
// loc) of the local day p.Period days after the local day of the loan —
// counted on the calendar, closed days included — moved forward to the
// next open day when the library is closed on that day.
//
// Hour loans are due p.Period hours after the loan, but when the opening
// hours of the loan's local day are known and the loan is made before
// closing time, never after that closing time (a 2-hour loan made 30
// minutes before closing is due at closing). A loan made after closing or
// on a day whose hours are unknown is not clamped.
//
// cal may be nil (always open); loc nil means DefaultLocation.
func DueDate(p Policy, cal *Calendar, loanTime time.Time, loc *time.Location) (time.Time, error) {
	if err := check(p); err != nil {
		return time.Time{}, err
	}
	if p.IsHourLoan() {
		return clampToClosing(cal, loanTime, loanTime.Add(time.Duration(p.Period)*time.Hour), loc), nil
	}
	return dayDue(cal, DateOf(loanTime, loc).AddDays(p.Period), loc)
}

// RenewalDueDate returns the due date of a loan renewed at now under
// policy p, in UTC. The renewal period p.RenewalPeriod counts from the
// current due date (RenewFrom FromDue, the default) or from now (FromNow),
// exactly as DueDate counts the loan period from the loan: a day loan is
// due at the end of a local day moved to the next open day, an hour loan is
// clamped to the closing time of the day of the renewal. A renewal never
// shortens a loan: when the result is earlier than currentDue, currentDue
// is returned, and the caller may then treat the renewal as gaining
// nothing. Whether the loan may be renewed at all is CanRenew's question.
func RenewalDueDate(p Policy, cal *Calendar, currentDue, now time.Time, loc *time.Location) (time.Time, error) {
	if err := check(p); err != nil {
		return time.Time{}, err
	}
	if p.RenewalPeriod == 0 {
		return time.Time{}, &ValidationError{Field: "renewal_period", Problem: "zero", Value: 0}
	}
	from := currentDue
	if p.renewFrom() == FromNow {
		from = now
	}
	var due time.Time
	if p.IsHourLoan() {
		due = clampToClosing(cal, now, from.Add(time.Duration(p.RenewalPeriod)*time.Hour), loc)
	} else {
		var err error
		if due, err = dayDue(cal, DateOf(from, loc).AddDays(p.RenewalPeriod), loc); err != nil {
			return time.Time{}, err
		}
	}
	if due.Before(currentDue) {
		return currentDue.UTC(), nil
	}
	return due, nil
}

// RecallDueDate returns the due date of a day loan recalled (催还) at
// recalledAt, in UTC: the end of the local day p.RecallDays days after the
// recall, moved to the next open day — or currentDue when that is earlier,
// as a recall never extends a loan. Hour loans are not recalled
// (ErrHourLoanRecall).
func RecallDueDate(p Policy, cal *Calendar, currentDue, recalledAt time.Time, loc *time.Location) (time.Time, error) {
	if err := check(p); err != nil {
		return time.Time{}, err
	}
	if p.IsHourLoan() {
		return time.Time{}, ErrHourLoanRecall
	}
	due, err := dayDue(cal, DateOf(recalledAt, loc).AddDays(p.RecallDays), loc)
	if err != nil {
		return time.Time{}, err
	}
	if currentDue.Before(due) {
		return currentDue.UTC(), nil
	}
	return due, nil
}

// check validates p and refuses a policy that does not lend.
func check(p Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.NotForLoan {
		return ErrNotForLoan
	}
	return nil
}

// dayDue is the end of the first open day on or after d.
func dayDue(cal *Calendar, d Date, loc *time.Location) (time.Time, error) {
	open, err := NextOpenDay(cal, d)
	if err != nil {
		return time.Time{}, fmt.Errorf("due date: %w", err)
	}
	return open.EndOfDay(loc), nil
}

// clampToClosing returns due, or the closing time of start's local day when
// that day's hours are known, start is before closing and due is after it.
func clampToClosing(cal *Calendar, start, due time.Time, loc *time.Location) time.Time {
	d := DateOf(start, loc)
	if h, ok := cal.HoursOn(d); ok {
		closing := d.At(loc, 0, int(h.Close), 0)
		if start.Before(closing) && due.After(closing) {
			return closing
		}
	}
	return due.UTC()
}
