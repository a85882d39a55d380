package rules

import (
	"testing"
	"time"
)

// The fixtures: a university library (main library MAIN open every day, a
// law branch LAW open on weekdays) and a city public library (CITY, closed
// on Mondays; a children's branch KIDS), with the real 2024 National Day
// and 2025 Spring Festival schedules.

var cst = DefaultLocation()

// day is a Date literal.
func day(y int, m time.Month, d int) Date { return Date{y, m, d} }

// sh is a local time in Shanghai, as UTC.
func sh(y int, m time.Month, d, hour, min int) time.Time {
	return time.Date(y, m, d, hour, min, 0, 0, cst).UTC()
}

// eod is the end of a local Shanghai day, as UTC.
func eod(y int, m time.Month, d int) time.Time { return day(y, m, d).EndOfDay(cst) }

func newYork(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	return loc
}

// University library rows (大学图书馆).
const (
	uDefault     = 1  // */*/*
	uReference   = 2  // */reference/*      not for loan
	uSerial      = 3  // */serial/*         not for loan
	uUndergrad   = 4  // undergrad/*/*      30 days
	uPostgrad    = 5  // postgrad/*/*       60 days
	uStaff       = 6  // staff/*/*          90 days
	uReserve     = 7  // */reserve/*        2-hour course reserve
	uStaffSerial = 8  // staff/serial/*     staff may borrow serials
	uLaw         = 9  // */*/LAW            14 days at the law branch
	uLawRef      = 10 // */reference/LAW    not for loan at LAW either
)

// undergradPolicy is 30 days, one 30-day renewal, 0.10 元 a day capped at
// 10 元, recall leaves 7 days.
var undergradPolicy = Policy{Period: 30, Unit: Days, MaxOfType: Unlimited, Renewals: 1, RenewalPeriod: 30,
	RecallDays: 7, FinePerDayFen: 10, FineCapFen: 1000, HoldsAllowed: true}

// reservePolicy is a 2-hour course-reserve loan fined 0.50 元 an hour,
// capped at 5 元, one renewal from the moment of renewal, two at a time.
var reservePolicy = Policy{Period: 2, Unit: Hours, MaxOfType: 2, Renewals: 1, RenewalPeriod: 2, RenewFrom: FromNow,
	FinePerHourFen: 50, FineCapFen: 500}

func universityRows() []Row {
	with := func(p Policy, f func(*Policy)) Policy { f(&p); return p }
	nfl := Policy{NotForLoan: true}
	return []Row{
		{ID: uDefault, Category: Any, ItemType: Any, Branch: Any, Policy: undergradPolicy},
		{ID: uReference, Category: Any, ItemType: "reference", Branch: Any, Policy: nfl},
		{ID: uSerial, Category: Any, ItemType: "serial", Branch: Any, Policy: nfl},
		{ID: uUndergrad, Category: "undergrad", ItemType: Any, Branch: Any, Policy: undergradPolicy},
		{ID: uPostgrad, Category: "postgrad", ItemType: Any, Branch: Any, Policy: with(undergradPolicy, func(p *Policy) { p.Period, p.Renewals = 60, 2 })},
		{ID: uStaff, Category: "staff", ItemType: Any, Branch: Any, Policy: with(undergradPolicy, func(p *Policy) { p.Period, p.Renewals, p.RenewalPeriod = 90, 3, 60 })},
		{ID: uReserve, Category: Any, ItemType: "reserve", Branch: Any, Policy: reservePolicy},
		{ID: uStaffSerial, Category: "staff", ItemType: "serial", Branch: Any, Policy: with(undergradPolicy, func(p *Policy) { p.Period, p.Renewals, p.MaxOfType = 7, 0, 5 })},
		{ID: uLaw, Category: Any, ItemType: Any, Branch: "LAW", Policy: with(undergradPolicy, func(p *Policy) { p.Period, p.RenewalPeriod = 14, 14 })},
		{ID: uLawRef, Category: Any, ItemType: "reference", Branch: "LAW", Policy: nfl},
	}
}

func universityLimits() []LimitRow {
	return []LimitRow{
		{ID: 1, Category: Any, Branch: Any, Limits: Limits{MaxLoans: 10, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 5}},
		{ID: 2, Category: "postgrad", Branch: Any, Limits: Limits{MaxLoans: 20, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 10}},
		{ID: 3, Category: "staff", Branch: Any, Limits: Limits{MaxLoans: 30, MaxFeesFen: 1000, MaxOverdueItems: 2, MaxHolds: 10}},
		{ID: 4, Category: Any, Branch: "LAW", Limits: Limits{MaxLoans: 3, MaxFeesFen: 0, MaxOverdueItems: 0, MaxHolds: 1}},
	}
}

// nationalDay2024 is 国庆节 2024: closed 10月1–7日; the 调休 make-up working
// days were Sunday 9月29日 and Saturday 10月12日.
var nationalDay2024 = Exception{From: day(2024, 10, 1), To: day(2024, 10, 7), Note: "国庆节"}

// springFestival2025 is 春节 2025: closed 1月28日 (除夕) – 2月4日; make-up
// days Sunday 1月26日 and Saturday 2月8日.
var springFestival2025 = Exception{From: day(2025, 1, 28), To: day(2025, 2, 4), Note: "春节"}

func allWeek(h OpeningHours) map[time.Weekday]OpeningHours {
	m := map[time.Weekday]OpeningHours{}
	for w := time.Sunday; w <= time.Saturday; w++ {
		m[w] = h
	}
	return m
}

// mainCal is the university main library: open every day 8:00–22:00,
// closed for National Day and Spring Festival.
func mainCal() *Calendar {
	return &Calendar{Branch: "MAIN", Hours: allWeek(OpeningHours{Clock(8, 0), Clock(22, 0)}),
		Exceptions: []Exception{nationalDay2024, springFestival2025}}
}

// lawCal is the law branch: weekdays 8:30–17:30 like the university
// offices, so it opens on the 调休 weekend days (9:00–17:00).
func lawCal() *Calendar {
	wk := OpeningHours{Clock(8, 30), Clock(17, 30)}
	makeUp := &OpeningHours{Clock(9, 0), Clock(17, 0)}
	return &Calendar{Branch: "LAW", ClosedWeekdays: []time.Weekday{time.Saturday, time.Sunday},
		Hours: map[time.Weekday]OpeningHours{time.Monday: wk, time.Tuesday: wk, time.Wednesday: wk, time.Thursday: wk, time.Friday: wk},
		Exceptions: []Exception{
			{From: day(2024, 9, 29), Open: true, Hours: makeUp, Note: "调休"},
			nationalDay2024,
			{From: day(2024, 10, 12), Open: true, Hours: makeUp, Note: "调休"},
			{From: day(2025, 1, 26), Open: true, Hours: makeUp, Note: "调休"},
			springFestival2025,
			{From: day(2025, 2, 8), Open: true, Hours: makeUp, Note: "调休"},
		}}
}

// cityCal is the city public library: closed on Mondays (周一闭馆), open
// through National Day (Monday 10月7日 too), closed on 除夕 and 初一 only.
func cityCal() *Calendar {
	h := allWeek(OpeningHours{Clock(9, 0), Clock(21, 0)})
	delete(h, time.Monday)
	return &Calendar{Branch: "CITY", ClosedWeekdays: []time.Weekday{time.Monday}, Hours: h,
		Exceptions: []Exception{
			{From: day(2024, 10, 7), Open: true, Note: "国庆节照常开放"},
			{From: day(2025, 1, 28), To: day(2025, 1, 29), Note: "除夕、初一闭馆"},
		}}
}

// Public library rows (市图书馆). Cards are deposit-based: adults leave
// 100 元 and may borrow up to its value; children borrow without deposit.
const (
	pDefault = 21 // */*/*       30 days, 3 grace days forgiven, cap at price
	pChild   = 22 // child/*/*   21 days
	pAV      = 23 // */av/*      7 days, 0.50 元 a day, 1 grace day deducted
	pChildAV = 24 // child/av/*  not for loan
	pSerial  = 25 // */serial/*  not for loan
	pKids    = 26 // */*/KIDS    28 days at the children's branch
)

var publicPolicy = Policy{Period: 30, MaxOfType: Unlimited, Renewals: 1, RenewalPeriod: 30, RenewFrom: FromNow,
	RecallDays: 7, FinePerDayFen: 10, GraceDays: 3, GraceMode: GraceForgive, CapAtPrice: true, HoldsAllowed: true}

var avPolicy = Policy{Period: 7, MaxOfType: 2, FinePerDayFen: 50, GraceDays: 1, GraceMode: GraceDeduct}

func publicRows() []Row {
	child := publicPolicy
	child.Period, child.MaxOfType = 21, 3
	kids := publicPolicy
	kids.Period = 28
	return []Row{
		{ID: pDefault, Category: Any, ItemType: Any, Branch: Any, Policy: publicPolicy},
		{ID: pChild, Category: "child", ItemType: Any, Branch: Any, Policy: child},
		{ID: pAV, Category: Any, ItemType: "av", Branch: Any, Policy: avPolicy},
		{ID: pChildAV, Category: "child", ItemType: "av", Branch: Any, Policy: Policy{NotForLoan: true}},
		{ID: pSerial, Category: Any, ItemType: "serial", Branch: Any, Policy: Policy{NotForLoan: true}},
		{ID: pKids, Category: Any, ItemType: Any, Branch: "KIDS", Policy: kids},
	}
}

// publicLimits: adults 5 items within their deposit, any debt or overdue
// item blocks; children 3 items, no deposit.
func publicLimits() []LimitRow {
	return []LimitRow{
		{ID: 31, Category: "adult", Branch: Any, Limits: Limits{MaxLoans: 5, MaxFeesFen: 0, MaxOverdueItems: 0, MaxHolds: 3, DepositCoversLoans: true}},
		{ID: 32, Category: "child", Branch: Any, Limits: Limits{MaxLoans: 3, MaxFeesFen: 0, MaxOverdueItems: 0, MaxHolds: 2}},
	}
}

// resolve is Resolve that fails the test on error.
func resolve(t *testing.T, rows []Row, category, itemType, branch string) Policy {
	t.Helper()
	res, err := Resolve(rows, category, itemType, branch)
	if err != nil {
		t.Fatalf("Resolve(%s/%s/%s): %v", category, itemType, branch, err)
	}
	return res.Policy
}

// TestFixtures keeps the fixtures honest: the holiday dates fall on the
// weekdays the schedules say, and every row and calendar is valid.
func TestFixtures(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want time.Weekday
	}{
		{day(2024, 9, 29), time.Sunday}, {day(2024, 10, 1), time.Tuesday}, {day(2024, 10, 7), time.Monday},
		{day(2024, 10, 12), time.Saturday}, {day(2025, 1, 26), time.Sunday}, {day(2025, 1, 28), time.Tuesday},
		{day(2025, 2, 8), time.Saturday},
	} {
		if got := c.d.Weekday(); got != c.want {
			t.Errorf("%s is a %v, fixture says %v", c.d, got, c.want)
		}
	}
	if err := ValidateRows(universityRows()); err != nil {
		t.Error(err)
	}
	if err := ValidateRows(publicRows()); err != nil {
		t.Error(err)
	}
	if err := ValidateLimitRows(universityLimits()); err != nil {
		t.Error(err)
	}
	if err := ValidateLimitRows(publicLimits()); err != nil {
		t.Error(err)
	}
	for _, c := range []*Calendar{mainCal(), lawCal(), cityCal()} {
		if err := c.Validate(); err != nil {
			t.Error(err)
		}
	}
}
