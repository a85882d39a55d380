package rules

import (
	"errors"
	"testing"
	"time"
)

func TestDueDateDayLoans(t *testing.T) {
	uni, pub := universityRows(), publicRows()
	tests := []struct {
		name   string
		policy Policy
		cal    *Calendar
		loan   time.Time
		want   time.Time
	}{
		{"undergraduate 30 days lands on National Day → 10月8日", resolve(t, uni, "undergrad", "book", "MAIN"), mainCal(),
			sh(2024, 9, 1, 10, 0), eod(2024, 10, 8)},
		{"loan at 00:30 Shanghai is 8月31日 in UTC but counts from 9月1日", resolve(t, uni, "undergrad", "book", "MAIN"), mainCal(),
			time.Date(2024, 8, 31, 16, 30, 0, 0, time.UTC), eod(2024, 10, 8)},
		{"loan at 23:30 Shanghai counts from that day", resolve(t, uni, "undergrad", "book", "MAIN"), mainCal(),
			time.Date(2024, 8, 31, 15, 30, 0, 0, time.UTC), eod(2024, 9, 30)},
		{"postgraduate 60 days", resolve(t, uni, "postgrad", "book", "MAIN"), mainCal(),
			sh(2024, 9, 1, 10, 0), eod(2024, 10, 31)},
		{"staff 90 days", resolve(t, uni, "staff", "book", "MAIN"), mainCal(),
			sh(2024, 9, 1, 10, 0), eod(2024, 11, 30)},
		{"loan on 12月31日 over the year end into the Spring Festival closure", resolve(t, uni, "undergrad", "book", "MAIN"), mainCal(),
			sh(2024, 12, 31, 9, 0), eod(2025, 2, 5)},
		{"law branch 14 days over the year end", resolve(t, uni, "undergrad", "book", "LAW"), lawCal(),
			sh(2024, 12, 31, 9, 0), eod(2025, 1, 14)},
		{"law branch due on the 调休 Saturday stays", resolve(t, uni, "undergrad", "book", "LAW"), lawCal(),
			sh(2024, 9, 28, 10, 0), eod(2024, 10, 12)},
		{"law branch due on National Day → Tuesday 10月8日", resolve(t, uni, "undergrad", "book", "LAW"), lawCal(),
			sh(2024, 9, 17, 10, 0), eod(2024, 10, 8)},
		{"law branch due on the Sunday after 调休 → Monday", resolve(t, uni, "undergrad", "book", "LAW"), lawCal(),
			sh(2024, 9, 29, 10, 0), eod(2024, 10, 14)},
		{"public: leap year 2月1日 + 30 = 3月2日", resolve(t, pub, "adult", "book", "CITY"), cityCal(),
			sh(2024, 2, 1, 10, 0), eod(2024, 3, 2)},
		{"public: due on the National Day Monday, open that day", resolve(t, pub, "adult", "book", "CITY"), cityCal(),
			sh(2024, 9, 7, 10, 0), eod(2024, 10, 7)},
		{"public: due on a Monday → Tuesday", resolve(t, pub, "adult", "book", "CITY"), cityCal(),
			sh(2024, 9, 14, 10, 0), eod(2024, 10, 15)},
		{"public: due on 除夕 → 初二", resolve(t, pub, "adult", "book", "CITY"), cityCal(),
			sh(2024, 12, 29, 10, 0), eod(2025, 1, 30)},
		{"public: child 21 days due on Monday → Tuesday", resolve(t, pub, "child", "book", "CITY"), cityCal(),
			sh(2024, 9, 23, 10, 0), eod(2024, 10, 15)},
		{"public: children's branch 28 days", resolve(t, pub, "child", "book", "KIDS"), cityCal(),
			sh(2024, 10, 1, 10, 0), eod(2024, 10, 29)},
		{"public: adult AV 7 days over the year end", resolve(t, pub, "adult", "av", "CITY"), cityCal(),
			sh(2024, 12, 31, 10, 0), eod(2025, 1, 7)},
		{"no calendar: never moved", resolve(t, uni, "undergrad", "book", "MAIN"), nil,
			sh(2024, 9, 1, 10, 0), eod(2024, 10, 1)},
	}
	for _, tt := range tests {
		got, err := DueDate(tt.policy, tt.cal, tt.loan, cst)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%s: DueDate = %v, %v; want %v (UTC)", tt.name, got.In(cst), err, tt.want.In(cst))
		}
	}
	// A nil location is Shanghai.
	if got, _ := DueDate(undergradPolicy, mainCal(), sh(2024, 9, 1, 10, 0), nil); !got.Equal(eod(2024, 10, 8)) {
		t.Errorf("nil location: %v", got)
	}
}

func TestDueDateHourLoans(t *testing.T) {
	tests := []struct {
		name string
		cal  *Calendar
		loan time.Time
		want time.Time
	}{
		{"2 hours in the afternoon", mainCal(), sh(2024, 10, 10, 14, 0), sh(2024, 10, 10, 16, 0)},
		{"due exactly at closing", mainCal(), sh(2024, 10, 10, 20, 0), sh(2024, 10, 10, 22, 0)},
		{"clamped to closing at 22:00", mainCal(), sh(2024, 10, 10, 21, 0), sh(2024, 10, 10, 22, 0)},
		{"after closing: not clamped", mainCal(), sh(2024, 10, 10, 22, 30), sh(2024, 10, 11, 0, 30)},
		{"before opening", mainCal(), sh(2024, 10, 10, 7, 0), sh(2024, 10, 10, 9, 0)},
		{"调休 Saturday closes at 17:00", lawCal(), sh(2024, 10, 12, 16, 0), sh(2024, 10, 12, 17, 0)},
		{"closed day: hours unknown, not clamped", lawCal(), sh(2024, 10, 13, 16, 0), sh(2024, 10, 13, 18, 0)},
		{"no calendar", nil, sh(2024, 10, 10, 21, 0), sh(2024, 10, 10, 23, 0)},
	}
	for _, tt := range tests {
		got, err := DueDate(reservePolicy, tt.cal, tt.loan, cst)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("%s: DueDate = %v, %v; want %v", tt.name, got.In(cst), err, tt.want.In(cst))
		}
	}
}

// TestDueDateDST proves that local days, not 24-hour steps, are counted: in
// New York the day of the spring change has 23 hours and the day of the
// autumn change 25.
func TestDueDateDST(t *testing.T) {
	ny := newYork(t)
	oneDay := Policy{Period: 1}
	twoWeeks := Policy{Period: 14}
	tests := []struct {
		name string
		p    Policy
		loan time.Time
		want time.Time
	}{
		{"23:30 EST the night before spring forward", oneDay, time.Date(2025, 3, 8, 23, 30, 0, 0, ny), time.Date(2025, 3, 10, 3, 59, 59, 0, time.UTC)},
		{"00:30 EDT on the day of fall back", oneDay, time.Date(2025, 11, 2, 0, 30, 0, 0, ny), time.Date(2025, 11, 4, 4, 59, 59, 0, time.UTC)},
		{"two weeks across spring forward", twoWeeks, time.Date(2025, 3, 1, 12, 0, 0, 0, ny), time.Date(2025, 3, 16, 3, 59, 59, 0, time.UTC)},
		{"two weeks across fall back", twoWeeks, time.Date(2025, 10, 26, 23, 0, 0, 0, ny), time.Date(2025, 11, 10, 4, 59, 59, 0, time.UTC)},
		{"hour loans count real hours across the gap", Policy{Period: 2, Unit: Hours}, time.Date(2025, 3, 9, 1, 30, 0, 0, ny), time.Date(2025, 3, 9, 8, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := DueDate(tt.p, nil, tt.loan, ny)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("%s: DueDate = %v, %v; want %v", tt.name, got.In(ny), err, tt.want.In(ny))
		}
	}
}

func TestDueDateErrors(t *testing.T) {
	if _, err := DueDate(resolve(t, universityRows(), "undergrad", "reference", "MAIN"), mainCal(), sh(2024, 10, 10, 10, 0), cst); !errors.Is(err, ErrNotForLoan) {
		t.Errorf("reference: err = %v, want ErrNotForLoan", err)
	}
	var ve *ValidationError
	if _, err := DueDate(Policy{Period: -30}, nil, sh(2024, 10, 10, 10, 0), cst); !errors.As(err, &ve) || ve.Field != "period" {
		t.Errorf("negative period: err = %v", err)
	}
	never := &Calendar{Branch: "GHOST", ClosedWeekdays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}
	if got, err := DueDate(undergradPolicy, never, sh(2024, 10, 10, 10, 0), cst); err == nil {
		t.Errorf("never-open calendar: %v, want an error", got)
	}
}

func TestRenewalDueDate(t *testing.T) {
	fromDue := undergradPolicy // 30 days from the due date
	fromNow := publicPolicy    // 30 days from the renewal
	short := Policy{Period: 14, Renewals: 1, RenewalPeriod: 7, RenewFrom: FromNow}
	reserveFromDue := reservePolicy
	reserveFromDue.RenewFrom = FromDue
	tests := []struct {
		name     string
		p        Policy
		cal      *Calendar
		due, now time.Time
		want     time.Time
	}{
		{"from the due date", fromDue, mainCal(), eod(2024, 10, 8), sh(2024, 10, 5, 10, 0), eod(2024, 11, 7)},
		{"from the due date of an overdue loan", fromDue, mainCal(), eod(2024, 9, 20), sh(2024, 10, 10, 10, 0), eod(2024, 10, 20)},
		{"from the due date into National Day → 10月8日", fromDue, mainCal(), eod(2024, 9, 1), sh(2024, 8, 30, 10, 0), eod(2024, 10, 8)},
		{"from now", fromNow, cityCal(), eod(2024, 10, 15), sh(2024, 10, 10, 15, 0), eod(2024, 11, 9)},
		{"from now onto a Monday → Tuesday", fromNow, cityCal(), eod(2024, 10, 20), sh(2024, 10, 12, 15, 0), eod(2024, 11, 12)},
		{"never shortens", short, nil, eod(2024, 10, 31), sh(2024, 10, 10, 10, 0), eod(2024, 10, 31)},
		{"hour loan from now", reservePolicy, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 15, 50), sh(2024, 10, 10, 17, 50)},
		{"hour loan clamped to closing", reservePolicy, mainCal(), sh(2024, 10, 10, 21, 30), sh(2024, 10, 10, 21, 0), sh(2024, 10, 10, 22, 0)},
		{"hour loan due at closing gains nothing", reserveFromDue, mainCal(), sh(2024, 10, 10, 22, 0), sh(2024, 10, 10, 21, 30), sh(2024, 10, 10, 22, 0)},
		{"hour loan from due", reserveFromDue, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 15, 0), sh(2024, 10, 10, 18, 0)},
	}
	for _, tt := range tests {
		got, err := RenewalDueDate(tt.p, tt.cal, tt.due, tt.now, cst)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%s: RenewalDueDate = %v, %v; want %v", tt.name, got.In(cst), err, tt.want.In(cst))
		}
	}
	ny := newYork(t)
	oneDay := Policy{Period: 1, Renewals: 1, RenewalPeriod: 1}
	due := time.Date(2025, 3, 8, 23, 59, 59, 0, ny)
	if got, err := RenewalDueDate(oneDay, nil, due, due.Add(-time.Hour), ny); err != nil || !got.Equal(time.Date(2025, 3, 9, 23, 59, 59, 0, ny)) {
		t.Errorf("DST renewal: %v, %v; want 2025-03-09 23:59:59 EDT", got.In(ny), err)
	}
	if _, err := RenewalDueDate(Policy{Period: 14}, nil, eod(2024, 10, 8), sh(2024, 10, 1, 9, 0), cst); err == nil {
		t.Error("no renewal period: want an error")
	}
	if _, err := RenewalDueDate(Policy{NotForLoan: true}, nil, eod(2024, 10, 8), sh(2024, 10, 1, 9, 0), cst); !errors.Is(err, ErrNotForLoan) {
		t.Errorf("not for loan: %v", err)
	}
}

func TestRecallDueDate(t *testing.T) {
	sameDay := undergradPolicy
	sameDay.RecallDays = 0
	tests := []struct {
		name          string
		p             Policy
		due, recalled time.Time
		want          time.Time
	}{
		{"shortened to 7 days", undergradPolicy, eod(2024, 11, 30), sh(2024, 10, 10, 14, 0), eod(2024, 10, 17)},
		{"never extended", undergradPolicy, eod(2024, 10, 12), sh(2024, 10, 10, 14, 0), eod(2024, 10, 12)},
		{"7 days land on National Day → 10月8日", undergradPolicy, eod(2024, 11, 30), sh(2024, 9, 26, 9, 0), eod(2024, 10, 8)},
		{"recall at 00:30 local counts from that local day", undergradPolicy, eod(2024, 11, 30), time.Date(2024, 10, 9, 16, 30, 0, 0, time.UTC), eod(2024, 10, 17)},
		{"0 days: due the same day", sameDay, eod(2024, 11, 30), sh(2024, 10, 10, 14, 0), eod(2024, 10, 10)},
	}
	for _, tt := range tests {
		got, err := RecallDueDate(tt.p, mainCal(), tt.due, tt.recalled, cst)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("%s: RecallDueDate = %v, %v; want %v", tt.name, got.In(cst), err, tt.want.In(cst))
		}
	}
	if _, err := RecallDueDate(reservePolicy, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 15, 0), cst); !errors.Is(err, ErrHourLoanRecall) {
		t.Errorf("hour loan: %v", err)
	}
	if _, err := RecallDueDate(Policy{NotForLoan: true}, mainCal(), eod(2024, 11, 30), sh(2024, 10, 10, 15, 0), cst); !errors.Is(err, ErrNotForLoan) {
		t.Errorf("not for loan: %v", err)
	}
}
