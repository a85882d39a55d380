// Package rules holds the pure rules of circulation: the loan-policy matrix,
// the library calendar, due dates, renewals, recalls, overdue fines and the
// checks that decide whether a reader may borrow or renew an item.
//
// Everything here is a plain function of its arguments: no database, no
// clock, no I/O. The circulation service loads rule rows, calendars and the
// reader's and item's state from the database, takes "now" from its clock,
// and calls these functions, so the desk, the OPAC, the API and a SIP2
// self-check machine all obey exactly the same rules.
//
// Conventions: money is an integer number of fen (分); instants are
// time.Time and returned in UTC; calendar days are Dates in the library's
// time zone (a *time.Location; nil means DefaultLocation, Asia/Shanghai).
// Messages for people are never English sentences: explanations and
// refusals are stable keys with arguments for the translation files.
package rules

import (
	"fmt"
	"strings"
)

// Unit is the unit of a loan period: days or hours.
type Unit string

// The loan-period units. The zero Unit means Days.
const (
	Days  Unit = "days"
	Hours Unit = "hours"
)

// RenewFrom says where a renewal period starts counting.
type RenewFrom string

// Where a renewal starts. The zero RenewFrom means FromDue.
const (
	// FromDue adds the renewal period to the current due date: renewing
	// early costs the reader nothing.
	FromDue RenewFrom = "due"
	// FromNow adds the renewal period to the moment of renewal (but a
	// renewal never shortens a loan).
	FromNow RenewFrom = "now"
)

// GraceMode says what happens to grace days when a return is later than the
// grace allows.
type GraceMode string

// The grace modes. The zero GraceMode means GraceForgive.
const (
	// GraceForgive: a return within the grace days costs nothing; a later
	// return is fined for every counted day, the grace days included.
	GraceForgive GraceMode = "forgive"
	// GraceDeduct: the grace days are never fined; a later return is fined
	// for the counted days minus the grace days.
	GraceDeduct GraceMode = "deduct"
)

// Unlimited, as a limit (Policy.MaxOfType, Limits.MaxLoans, MaxFeesFen,
// MaxOverdueItems, MaxHolds), means no limit. A limit of 0 means none at all
// is allowed, so a forgotten limit refuses rather than lends.
const Unlimited = -1

// Sanity bounds that catch typing errors in the rules editor.
const (
	maxPeriodDays  = 3660 // ten years
	maxPeriodHours = 720  // thirty days
)

// Policy is what a reader of a category gets for an item of a type at a
// branch: one cell of the loan-rule matrix. A row holds a whole policy;
// there is no field-by-field inheritance between rows, so the policy shown
// on the staff screen is exactly the winning row.
type Policy struct {
	// NotForLoan: items under this policy are for use in the library only
	// (reference, serials by default). The other fields are then unused by
	// DueDate and CanBorrow; a loan by exception is the service's business.
	NotForLoan bool `json:"not_for_loan"`

	// Period is the loan period, in Unit. Unit Hours is for short loans:
	// course reserves, 2-hour loans.
	Period int  `json:"period"`
	Unit   Unit `json:"unit"`

	// MaxOfType is how many items of this item type the reader may have on
	// loan at once (Unlimited: only Limits.MaxLoans applies). The total over
	// all types is in Limits, which depend on the reader category and
	// branch only.
	MaxOfType int `json:"max_of_type"`

	// Renewals is how many times a loan may be renewed; RenewalPeriod (in
	// Unit, required when Renewals > 0) is what each renewal adds, counted
	// from the current due date or from the moment of renewal (RenewFrom).
	Renewals      int       `json:"renewals"`
	RenewalPeriod int       `json:"renewal_period"`
	RenewFrom     RenewFrom `json:"renew_from"`
	// OverdueBlocksRenewal: a loan that is already overdue cannot be
	// renewed.
	OverdueBlocksRenewal bool `json:"overdue_blocks_renewal"`

	// RecallDays is the minimum loan time left after a recall (催还): the
	// loan becomes due at the end of the day RecallDays days after the
	// recall (0: the day of the recall), moved to the next open day, unless
	// it was due earlier anyway.
	RecallDays int `json:"recall_days"`

	// FinePerDayFen is the overdue fine per day, in fen. FinePerHourFen is
	// the fine per started hour, for hour loans only; an hour loan has one
	// or the other (with FinePerDayFen it is fined per local day, like a day
	// loan).
	FinePerDayFen  int64 `json:"fine_per_day_fen"`
	FinePerHourFen int64 `json:"fine_per_hour_fen"`
	// GraceDays (day fines) and GraceHours (hour fines) are forgiven or
	// deducted as GraceMode says.
	GraceDays  int       `json:"grace_days"`
	GraceHours int       `json:"grace_hours"`
	GraceMode  GraceMode `json:"grace_mode"`
	// FineCapFen caps the fine of one loan (0: no cap). CapAtPrice caps it
	// at the item's price too, when the price is known; with both the lower
	// cap applies.
	FineCapFen int64 `json:"fine_cap_fen"`
	CapAtPrice bool  `json:"cap_at_price"`

	// HoldsAllowed: readers of this category may place holds (预约) on
	// items of this type at this branch.
	HoldsAllowed bool `json:"holds_allowed"`
}

// unit returns the policy's unit with the zero value read as Days.
func (p Policy) unit() Unit {
	if p.Unit == "" {
		return Days
	}
	return p.Unit
}

// IsHourLoan reports whether the loan period is counted in hours.
func (p Policy) IsHourLoan() bool { return p.unit() == Hours }

func (p Policy) renewFrom() RenewFrom {
	if p.RenewFrom == "" {
		return FromDue
	}
	return p.RenewFrom
}

func (p Policy) graceMode() GraceMode {
	if p.GraceMode == "" {
		return GraceForgive
	}
	return p.GraceMode
}

// Validate checks that the policy makes sense and says which field does
// not. The error is a *ValidationError.
func (p Policy) Validate() error {
	bad := func(field, problem string, value any) error {
		return &ValidationError{Field: field, Problem: problem, Value: value}
	}
	u := p.unit()
	if u != Days && u != Hours {
		return bad("unit", "unknown", p.Unit)
	}
	checks := []struct {
		field string
		v     int64
		min   int64
	}{
		{"period", int64(p.Period), 0},
		{"max_of_type", int64(p.MaxOfType), Unlimited},
		{"renewals", int64(p.Renewals), 0},
		{"renewal_period", int64(p.RenewalPeriod), 0},
		{"recall_days", int64(p.RecallDays), 0},
		{"fine_per_day_fen", p.FinePerDayFen, 0},
		{"fine_per_hour_fen", p.FinePerHourFen, 0},
		{"grace_days", int64(p.GraceDays), 0},
		{"grace_hours", int64(p.GraceHours), 0},
		{"fine_cap_fen", p.FineCapFen, 0},
	}
	for _, c := range checks {
		if c.v < c.min {
			return bad(c.field, "negative", c.v)
		}
	}
	if rf := p.renewFrom(); rf != FromDue && rf != FromNow {
		return bad("renew_from", "unknown", p.RenewFrom)
	}
	if gm := p.graceMode(); gm != GraceForgive && gm != GraceDeduct {
		return bad("grace_mode", "unknown", p.GraceMode)
	}
	if p.NotForLoan {
		return nil
	}
	limit := maxPeriodDays
	if u == Hours {
		limit = maxPeriodHours
	}
	if p.Period == 0 {
		return bad("period", "zero", p.Period)
	}
	if p.Period > limit || p.RenewalPeriod > limit {
		field, v := "period", p.Period
		if p.RenewalPeriod > limit {
			field, v = "renewal_period", p.RenewalPeriod
		}
		return bad(field, "too_long", v)
	}
	if p.Renewals > 0 && p.RenewalPeriod == 0 {
		return bad("renewal_period", "zero", p.RenewalPeriod)
	}
	if u == Days && p.FinePerHourFen > 0 {
		return bad("fine_per_hour_fen", "day_loan", p.FinePerHourFen)
	}
	if u == Days && p.GraceHours > 0 {
		return bad("grace_hours", "day_loan", p.GraceHours)
	}
	if u == Hours && p.FinePerHourFen > 0 && p.FinePerDayFen > 0 {
		return bad("fine_per_hour_fen", "both_fines", p.FinePerHourFen)
	}
	return nil
}

// Limits are what a reader of a category may have at a branch in total,
// whatever the item types: they come from their own rows (LimitRow,
// ResolveLimits), because a total cannot depend on the type of the item at
// hand. Every limit is a count that may not be exceeded; Unlimited means no
// limit and 0 means none.
type Limits struct {
	// MaxLoans is the most items on loan at once, all types together.
	MaxLoans int `json:"max_loans"`
	// MaxFeesFen: a reader who owes more than this many fen may not borrow
	// or renew (0: any debt blocks).
	MaxFeesFen int64 `json:"max_fees_fen"`
	// MaxOverdueItems: a reader with more overdue items than this may not
	// borrow (0: any overdue item blocks).
	MaxOverdueItems int `json:"max_overdue_items"`
	// MaxHolds is the most holds at once (for the holds module).
	MaxHolds int `json:"max_holds"`
	// DepositCoversLoans: the total price of the items on loan, the new
	// one included, may not exceed the reader's deposit (押金) — the rule
	// of deposit-based public library cards.
	DepositCoversLoans bool `json:"deposit_covers_loans"`
}

// Validate checks the limits and says which field is wrong. The error is a
// *ValidationError.
func (l Limits) Validate() error {
	for _, c := range []struct {
		field string
		v     int64
	}{
		{"max_loans", int64(l.MaxLoans)},
		{"max_fees_fen", l.MaxFeesFen},
		{"max_overdue_items", int64(l.MaxOverdueItems)},
		{"max_holds", int64(l.MaxHolds)},
	} {
		if c.v < Unlimited {
			return &ValidationError{Field: c.field, Problem: "negative", Value: c.v}
		}
	}
	return nil
}

// exceeds reports whether count is over limit (Unlimited never is).
func exceeds(count, limit int64) bool { return limit != Unlimited && count > limit }

// ValidationError says what is wrong with rule data: which row or calendar
// (Subject, e.g. `rule row 12 (undergrad/book/*)`), which field, and a
// stable Problem code (negative, zero, too_long, unknown, day_loan,
// both_fines, duplicate, invalid_date, overlap, …) with the offending
// Value. The rules editor maps it to a translated message.
type ValidationError struct {
	Subject string
	Field   string
	Problem string
	Value   any
}

// Error renders the error for logs.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("rules: ")
	if e.Subject != "" {
		b.WriteString(e.Subject + ": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Problem)
	if e.Value != nil {
		fmt.Fprintf(&b, " (%v)", e.Value)
	}
	return b.String()
}

// about returns err with its subject set, when it is a *ValidationError
// without one.
func about(err error, subject string) error {
	if ve, ok := err.(*ValidationError); ok && ve.Subject == "" {
		c := *ve
		c.Subject = subject
		return &c
	}
	return err
}
