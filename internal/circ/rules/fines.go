package rules

import (
	"fmt"
	"time"
)

// Fine is an overdue fine with its breakdown, for the receipt. Units are
// days (or hours, for hour loans fined per hour).
type Fine struct {
	AmountFen int64 `json:"amount_fen"`
	Unit      Unit  `json:"unit"`
	// Late is how late the return was: local calendar days after the due
	// day, or started hours after the due time.
	Late int `json:"late"`
	// Counted is the part of Late the fine counts: the open days only
	// when OpenDaysOnly, otherwise Late.
	Counted      int  `json:"counted"`
	OpenDaysOnly bool `json:"open_days_only"`
	// Graced is the part of Counted forgiven by the grace period; Charged
	// = Counted − Graced is what was fined, at RateFen each.
	Graced  int   `json:"graced"`
	Charged int   `json:"charged"`
	RateFen int64 `json:"rate_fen"`
	// UncappedFen is Charged × RateFen; CapFen is the cap that applied
	// (0: none) and Capped whether it cut the fine.
	UncappedFen int64 `json:"uncapped_fen"`
	CapFen      int64 `json:"cap_fen"`
	Capped      bool  `json:"capped"`
}

// OverdueFine returns the fine for a loan under policy p that fell due at
// due and was returned at returned.
//
// Day fines (day loans, and hour loans without FinePerHourFen) count local
// calendar days in loc: a return on the due day is not late, the next day
// is one day late. With openDaysOnly only the days the library is open
// count — the open days after the due day up to and including the day of
// return (OpenDaysBetween). Grace days are counted in the same days.
//
// Hour fines (hour loans with FinePerHourFen) count every started hour
// after the due time on the clock, closed hours included; openDaysOnly does
// not apply, and GraceHours are the grace.
//
// Grace (GraceMode): with GraceForgive, a return counted at most the grace
// costs nothing and a later one is fined for every counted unit; with
// GraceDeduct, the grace units are never fined. The fine is then capped at
// p.FineCapFen (0: no cap) and, when p.CapAtPrice and itemPriceFen > 0, at
// the item's price; the lower cap wins. An item without a known price
// (itemPriceFen 0) is capped by FineCapFen alone.
func OverdueFine(p Policy, cal *Calendar, due, returned time.Time, loc *time.Location, openDaysOnly bool, itemPriceFen int64) (Fine, error) {
	if err := p.Validate(); err != nil {
		return Fine{}, fmt.Errorf("overdue fine: %w", err)
	}
	if itemPriceFen < 0 {
		return Fine{}, &ValidationError{Field: "item_price_fen", Problem: "negative", Value: itemPriceFen}
	}
	if due.IsZero() {
		return Fine{}, &ValidationError{Field: "due", Problem: "zero"}
	}
	if returned.IsZero() {
		return Fine{}, &ValidationError{Field: "returned", Problem: "zero"}
	}
	var f Fine
	var grace int
	if p.IsHourLoan() && p.FinePerHourFen > 0 {
		f.Unit, f.RateFen, grace = Hours, p.FinePerHourFen, p.GraceHours
		if late := returned.Sub(due); late > 0 {
			f.Late = int((late + time.Hour - 1) / time.Hour)
		}
		f.Counted = f.Late
	} else {
		f.Unit, f.RateFen, grace = Days, p.FinePerDayFen, p.GraceDays
		dueDay, retDay := DateOf(due, loc), DateOf(returned, loc)
		f.Late = max(dueDay.DaysUntil(retDay), 0)
		f.Counted = f.Late
		if openDaysOnly {
			f.OpenDaysOnly = true
			f.Counted = OpenDaysBetween(cal, dueDay, retDay)
		}
	}
	switch {
	case p.graceMode() == GraceDeduct:
		f.Graced = min(grace, f.Counted)
	case f.Counted <= grace:
		f.Graced = f.Counted
	}
	f.Charged = f.Counted - f.Graced
	f.UncappedFen = int64(f.Charged) * f.RateFen
	f.CapFen = p.FineCapFen
	if p.CapAtPrice && itemPriceFen > 0 && (f.CapFen == 0 || itemPriceFen < f.CapFen) {
		f.CapFen = itemPriceFen
	}
	f.AmountFen = f.UncappedFen
	if f.CapFen > 0 && f.AmountFen > f.CapFen {
		f.AmountFen, f.Capped = f.CapFen, true
	}
	return f, nil
}
