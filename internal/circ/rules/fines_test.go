package rules

import (
	"errors"
	"testing"
	"time"
)

func TestOverdueFine(t *testing.T) {
	capAtPrice := undergradPolicy
	capAtPrice.CapAtPrice = true
	deduct := publicPolicy
	deduct.GraceMode = GraceDeduct
	graceHour := reservePolicy
	graceHour.GraceHours = 1
	hourByDay := Policy{Period: 4, Unit: Hours, FinePerDayFen: 100}

	tests := []struct {
		name          string
		p             Policy
		cal           *Calendar
		due, returned time.Time
		openOnly      bool
		price         int64
		want          Fine
	}{
		// University: 0.10 元 a day, capped at 10 元, no grace.
		{"returned on the due day", undergradPolicy, mainCal(), eod(2024, 10, 8), sh(2024, 10, 8, 20, 0), false, 3980,
			Fine{Unit: Days, RateFen: 10, CapFen: 1000}},
		{"returned at 23:59:59 of the due day", undergradPolicy, mainCal(), eod(2024, 10, 8), eod(2024, 10, 8), false, 0,
			Fine{Unit: Days, RateFen: 10, CapFen: 1000}},
		{"returned early", undergradPolicy, mainCal(), eod(2024, 10, 8), sh(2024, 9, 20, 9, 0), false, 0,
			Fine{Unit: Days, RateFen: 10, CapFen: 1000}},
		{"30 seconds into the next local day", undergradPolicy, mainCal(), eod(2024, 10, 8), time.Date(2024, 10, 8, 16, 0, 30, 0, time.UTC), false, 0,
			Fine{AmountFen: 10, Unit: Days, Late: 1, Counted: 1, Charged: 1, RateFen: 10, UncappedFen: 10, CapFen: 1000}},
		{"across National Day, every day", undergradPolicy, mainCal(), eod(2024, 9, 30), sh(2024, 10, 9, 10, 0), false, 0,
			Fine{AmountFen: 90, Unit: Days, Late: 9, Counted: 9, Charged: 9, RateFen: 10, UncappedFen: 90, CapFen: 1000}},
		{"across National Day, open days only", undergradPolicy, mainCal(), eod(2024, 9, 30), sh(2024, 10, 9, 10, 0), true, 0,
			Fine{AmountFen: 20, Unit: Days, Late: 9, Counted: 2, OpenDaysOnly: true, Charged: 2, RateFen: 10, UncappedFen: 20, CapFen: 1000}},
		{"into the book drop during National Day, open days only", undergradPolicy, mainCal(), eod(2024, 9, 30), sh(2024, 10, 3, 10, 0), true, 0,
			Fine{Unit: Days, Late: 3, Counted: 0, OpenDaysOnly: true, RateFen: 10, CapFen: 1000}},
		{"across the Spring Festival, open days only", undergradPolicy, mainCal(), eod(2025, 1, 27), sh(2025, 2, 5, 10, 0), true, 0,
			Fine{AmountFen: 10, Unit: Days, Late: 9, Counted: 1, OpenDaysOnly: true, Charged: 1, RateFen: 10, UncappedFen: 10, CapFen: 1000}},
		{"capped at 10 元", undergradPolicy, mainCal(), eod(2024, 3, 1), sh(2024, 10, 9, 10, 0), false, 0,
			Fine{AmountFen: 1000, Unit: Days, Late: 222, Counted: 222, Charged: 222, RateFen: 10, UncappedFen: 2220, CapFen: 1000, Capped: true}},
		{"capped at a price below the cap", capAtPrice, mainCal(), eod(2024, 3, 1), sh(2024, 10, 9, 10, 0), false, 450,
			Fine{AmountFen: 450, Unit: Days, Late: 222, Counted: 222, Charged: 222, RateFen: 10, UncappedFen: 2220, CapFen: 450, Capped: true}},
		{"a price above the cap leaves the cap", capAtPrice, mainCal(), eod(2024, 3, 1), sh(2024, 10, 9, 10, 0), false, 2000,
			Fine{AmountFen: 1000, Unit: Days, Late: 222, Counted: 222, Charged: 222, RateFen: 10, UncappedFen: 2220, CapFen: 1000, Capped: true}},
		{"an unknown price leaves the cap", capAtPrice, mainCal(), eod(2024, 3, 1), sh(2024, 10, 9, 10, 0), false, 0,
			Fine{AmountFen: 1000, Unit: Days, Late: 222, Counted: 222, Charged: 222, RateFen: 10, UncappedFen: 2220, CapFen: 1000, Capped: true}},
		{"under the price cap", capAtPrice, mainCal(), eod(2024, 10, 8), sh(2024, 10, 18, 10, 0), false, 450,
			Fine{AmountFen: 100, Unit: Days, Late: 10, Counted: 10, Charged: 10, RateFen: 10, UncappedFen: 100, CapFen: 450}},

		// Public library: 3 grace days forgiven, capped at the price only.
		{"within the grace", publicPolicy, cityCal(), eod(2024, 10, 19), sh(2024, 10, 22, 10, 0), false, 3000,
			Fine{Unit: Days, Late: 3, Counted: 3, Graced: 3, RateFen: 10, CapFen: 3000}},
		{"past the grace: every day fined", publicPolicy, cityCal(), eod(2024, 10, 19), sh(2024, 10, 23, 10, 0), false, 3000,
			Fine{AmountFen: 40, Unit: Days, Late: 4, Counted: 4, Charged: 4, RateFen: 10, UncappedFen: 40, CapFen: 3000}},
		{"open days only: the Monday closing keeps it in the grace", publicPolicy, cityCal(), eod(2024, 10, 19), sh(2024, 10, 23, 10, 0), true, 3000,
			Fine{Unit: Days, Late: 4, Counted: 3, OpenDaysOnly: true, Graced: 3, RateFen: 10, CapFen: 3000}},
		{"grace deducted", deduct, cityCal(), eod(2024, 10, 19), sh(2024, 10, 23, 10, 0), false, 3000,
			Fine{AmountFen: 10, Unit: Days, Late: 4, Counted: 4, Graced: 3, Charged: 1, RateFen: 10, UncappedFen: 10, CapFen: 3000}},
		{"grace deducted, within it", deduct, cityCal(), eod(2024, 10, 19), sh(2024, 10, 21, 10, 0), false, 3000,
			Fine{Unit: Days, Late: 2, Counted: 2, Graced: 2, RateFen: 10, CapFen: 3000}},
		{"capped at the price of a 25.80 元 book", publicPolicy, cityCal(), eod(2024, 1, 6), sh(2024, 10, 9, 10, 0), false, 2580,
			Fine{AmountFen: 2580, Unit: Days, Late: 277, Counted: 277, Charged: 277, RateFen: 10, UncappedFen: 2770, CapFen: 2580, Capped: true}},
		{"no price, no cap", publicPolicy, cityCal(), eod(2024, 1, 6), sh(2024, 10, 9, 10, 0), false, 0,
			Fine{AmountFen: 2770, Unit: Days, Late: 277, Counted: 277, Charged: 277, RateFen: 10, UncappedFen: 2770}},
		{"AV: 0.50 元 a day, 1 grace day deducted", avPolicy, cityCal(), eod(2024, 10, 15), sh(2024, 10, 20, 10, 0), false, 0,
			Fine{AmountFen: 200, Unit: Days, Late: 5, Counted: 5, Graced: 1, Charged: 4, RateFen: 50, UncappedFen: 200}},

		// Hour loans: 0.50 元 per started hour, capped at 5 元.
		{"70 minutes late: two started hours", reservePolicy, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 17, 10), false, 0,
			Fine{AmountFen: 100, Unit: Hours, Late: 2, Counted: 2, Charged: 2, RateFen: 50, UncappedFen: 100, CapFen: 500}},
		{"exactly one hour late", reservePolicy, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 17, 0), false, 0,
			Fine{AmountFen: 50, Unit: Hours, Late: 1, Counted: 1, Charged: 1, RateFen: 50, UncappedFen: 50, CapFen: 500}},
		{"one second late", reservePolicy, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 16, 0).Add(time.Second), false, 0,
			Fine{AmountFen: 50, Unit: Hours, Late: 1, Counted: 1, Charged: 1, RateFen: 50, UncappedFen: 50, CapFen: 500}},
		{"on time", reservePolicy, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 15, 0), false, 0,
			Fine{Unit: Hours, RateFen: 50, CapFen: 500}},
		{"overnight, capped; open days only does not apply", reservePolicy, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 11, 10, 0), true, 0,
			Fine{AmountFen: 500, Unit: Hours, Late: 18, Counted: 18, Charged: 18, RateFen: 50, UncappedFen: 900, CapFen: 500, Capped: true}},
		{"grace hour forgiven", graceHour, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 16, 40), false, 0,
			Fine{Unit: Hours, Late: 1, Counted: 1, Graced: 1, RateFen: 50, CapFen: 500}},
		{"past the grace hour", graceHour, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 17, 30), false, 0,
			Fine{AmountFen: 100, Unit: Hours, Late: 2, Counted: 2, Charged: 2, RateFen: 50, UncappedFen: 100, CapFen: 500}},
		{"hour loan fined by the day: same day is not late", hourByDay, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 21, 0), false, 0,
			Fine{Unit: Days, RateFen: 100}},
		{"hour loan fined by the day: next morning", hourByDay, mainCal(), sh(2024, 10, 10, 16, 0), sh(2024, 10, 11, 9, 0), false, 0,
			Fine{AmountFen: 100, Unit: Days, Late: 1, Counted: 1, Charged: 1, RateFen: 100, UncappedFen: 100}},
	}
	for _, tt := range tests {
		got, err := OverdueFine(tt.p, tt.cal, tt.due, tt.returned, cst, tt.openOnly, tt.price)
		if err != nil || got != tt.want {
			t.Errorf("%s:\n got %+v, %v\nwant %+v", tt.name, got, err, tt.want)
		}
		if got.Charged != got.Counted-got.Graced || got.UncappedFen != int64(got.Charged)*got.RateFen {
			t.Errorf("%s: inconsistent breakdown %+v", tt.name, got)
		}
	}
}

// TestOverdueFineDST counts local days in a zone with daylight saving,
// where the elapsed hours would give the wrong number.
func TestOverdueFineDST(t *testing.T) {
	ny := newYork(t)
	tests := []struct {
		name          string
		due, returned time.Time
		late          int
	}{
		{"over spring forward: 23.5 hours are two local days", time.Date(2025, 3, 8, 23, 59, 59, 0, ny), time.Date(2025, 3, 10, 0, 30, 0, 0, ny), 2},
		{"over fall back: 24.5 hours are one local day", time.Date(2025, 11, 1, 23, 59, 59, 0, ny), time.Date(2025, 11, 2, 23, 30, 0, 0, ny), 1},
	}
	for _, tt := range tests {
		got, err := OverdueFine(undergradPolicy, nil, tt.due, tt.returned, ny, false, 0)
		if err != nil || got.Late != tt.late || got.AmountFen != int64(tt.late)*10 {
			t.Errorf("%s: %+v, %v; want %d days", tt.name, got, err, tt.late)
		}
	}
}

func TestOverdueFineErrors(t *testing.T) {
	due, ret := eod(2024, 10, 8), sh(2024, 10, 10, 10, 0)
	var ve *ValidationError
	if _, err := OverdueFine(undergradPolicy, nil, due, ret, cst, false, -1); !errors.As(err, &ve) || ve.Field != "item_price_fen" {
		t.Errorf("negative price: %v", err)
	}
	if _, err := OverdueFine(undergradPolicy, nil, due, time.Time{}, cst, false, 0); !errors.As(err, &ve) || ve.Field != "returned" {
		t.Errorf("no return time: %v", err)
	}
	if _, err := OverdueFine(undergradPolicy, nil, time.Time{}, ret, cst, false, 0); !errors.As(err, &ve) || ve.Field != "due" {
		t.Errorf("no due time: %v", err)
	}
	bad := undergradPolicy
	bad.FinePerDayFen = -10
	if _, err := OverdueFine(bad, nil, due, ret, cst, false, 0); !errors.As(err, &ve) || ve.Field != "fine_per_day_fen" {
		t.Errorf("negative fine: %v", err)
	}
}
