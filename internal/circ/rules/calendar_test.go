package rules

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestIsOpen(t *testing.T) {
	tests := []struct {
		name string
		cal  *Calendar
		d    Date
		want bool
	}{
		{"main library open on a Monday", mainCal(), day(2024, 9, 30), true},
		{"main library closed on National Day", mainCal(), day(2024, 10, 1), false},
		{"main library closed on the last day of the holiday", mainCal(), day(2024, 10, 7), false},
		{"main library open after the holiday", mainCal(), day(2024, 10, 8), true},
		{"main library closed on 除夕", mainCal(), day(2025, 1, 28), false},
		{"main library closed on 初七 (2月4日)", mainCal(), day(2025, 2, 4), false},
		{"law branch closed on a Saturday", lawCal(), day(2024, 10, 5), false},
		{"law branch closed on an ordinary Sunday", lawCal(), day(2024, 10, 13), false},
		{"law branch open on the 调休 Sunday", lawCal(), day(2024, 9, 29), true},
		{"law branch open on the 调休 Saturday", lawCal(), day(2024, 10, 12), true},
		{"law branch open on the Spring Festival 调休 Saturday", lawCal(), day(2025, 2, 8), true},
		{"city library closed on Monday", cityCal(), day(2024, 10, 14), false},
		{"city library open on a National Day Monday", cityCal(), day(2024, 10, 7), true},
		{"city library open on a National Day Tuesday", cityCal(), day(2024, 10, 1), true},
		{"city library closed on 初一", cityCal(), day(2025, 1, 29), false},
		{"city library open on 初二", cityCal(), day(2025, 1, 30), true},
		{"nil calendar is always open", nil, day(2024, 10, 1), true},
		{"zero calendar is always open", &Calendar{}, day(2024, 10, 1), true},
	}
	for _, tt := range tests {
		if got := tt.cal.IsOpen(tt.d); got != tt.want {
			t.Errorf("%s: IsOpen(%s) = %v, want %v", tt.name, tt.d, got, tt.want)
		}
	}
}

func TestHoursOn(t *testing.T) {
	tests := []struct {
		name   string
		cal    *Calendar
		d      Date
		want   OpeningHours
		wantOK bool
	}{
		{"weekday hours", lawCal(), day(2024, 10, 8), OpeningHours{Clock(8, 30), Clock(17, 30)}, true},
		{"调休 day has its own hours", lawCal(), day(2024, 10, 12), OpeningHours{Clock(9, 0), Clock(17, 0)}, true},
		{"closed day has none", lawCal(), day(2024, 10, 13), OpeningHours{}, false},
		{"holiday has none", mainCal(), day(2024, 10, 3), OpeningHours{}, false},
		{"open exception without hours takes the weekday's: none on Mondays", cityCal(), day(2024, 10, 7), OpeningHours{}, false},
		{"city Tuesday", cityCal(), day(2024, 10, 8), OpeningHours{Clock(9, 0), Clock(21, 0)}, true},
		{"unknown hours", &Calendar{}, day(2024, 10, 8), OpeningHours{}, false},
		{"nil calendar", nil, day(2024, 10, 8), OpeningHours{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.cal.HoursOn(tt.d)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: HoursOn(%s) = %v, %v; want %v, %v", tt.name, tt.d, got, ok, tt.want, tt.wantOK)
		}
	}
	if s := Clock(8, 30).String(); s != "08:30" {
		t.Errorf("Clock(8,30) = %s", s)
	}
}

func TestNextOpenDay(t *testing.T) {
	tests := []struct {
		name string
		cal  *Calendar
		d    Date
		want Date
	}{
		{"open day is itself", mainCal(), day(2024, 9, 30), day(2024, 9, 30)},
		{"National Day moves to 10月8日", mainCal(), day(2024, 10, 1), day(2024, 10, 8)},
		{"the last holiday moves to the next day", mainCal(), day(2024, 10, 7), day(2024, 10, 8)},
		{"Spring Festival moves to 2月5日", mainCal(), day(2025, 1, 30), day(2025, 2, 5)},
		{"law branch Saturday to Monday", lawCal(), day(2024, 10, 19), day(2024, 10, 21)},
		{"law branch holiday to the Tuesday after", lawCal(), day(2024, 10, 3), day(2024, 10, 8)},
		{"law branch 调休 Saturday is open", lawCal(), day(2024, 10, 12), day(2024, 10, 12)},
		{"law branch Sunday after 调休 moves to Monday", lawCal(), day(2024, 10, 13), day(2024, 10, 14)},
		{"city Monday to Tuesday", cityCal(), day(2024, 10, 14), day(2024, 10, 15)},
		{"city 除夕 to 初二", cityCal(), day(2025, 1, 28), day(2025, 1, 30)},
		{"across the year end", &Calendar{Exceptions: []Exception{{From: day(2024, 12, 31), To: day(2025, 1, 1)}}}, day(2024, 12, 31), day(2025, 1, 2)},
		{"nil calendar", nil, day(2024, 10, 1), day(2024, 10, 1)},
	}
	for _, tt := range tests {
		got, err := NextOpenDay(tt.cal, tt.d)
		if err != nil || got != tt.want {
			t.Errorf("%s: NextOpenDay(%s) = %s, %v; want %s", tt.name, tt.d, got, err, tt.want)
		}
	}
	// A summer closure of two months is a long holiday, not an error.
	summer := &Calendar{Exceptions: []Exception{{From: day(2025, 7, 1), To: day(2025, 8, 31), Note: "暑假闭馆"}}}
	if got, err := NextOpenDay(summer, day(2025, 7, 10)); err != nil || got != day(2025, 9, 1) {
		t.Errorf("summer closure: %s, %v", got, err)
	}
	never := &Calendar{Branch: "GHOST", ClosedWeekdays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}
	if got, err := NextOpenDay(never, day(2025, 1, 1)); err == nil || !strings.Contains(err.Error(), `"GHOST"`) {
		t.Errorf("never open: %s, %v; want an error naming the branch", got, err)
	}
}

func TestOpenDaysBetween(t *testing.T) {
	tests := []struct {
		name     string
		cal      *Calendar
		from, to Date
		want     int
	}{
		{"same day", mainCal(), day(2024, 10, 8), day(2024, 10, 8), 0},
		{"next day", mainCal(), day(2024, 10, 8), day(2024, 10, 9), 1},
		{"backwards", mainCal(), day(2024, 10, 9), day(2024, 10, 8), 0},
		{"across National Day: only 10月8–9日", mainCal(), day(2024, 9, 30), day(2024, 10, 9), 2},
		{"within the holiday", mainCal(), day(2024, 10, 1), day(2024, 10, 7), 0},
		{"from an open day into the holiday: from is not counted", mainCal(), day(2024, 9, 30), day(2024, 10, 3), 0},
		{"from the holiday to an open day: to is counted", mainCal(), day(2024, 10, 5), day(2024, 10, 8), 1},
		{"law branch week with the 调休 Saturday", lawCal(), day(2024, 10, 6), day(2024, 10, 13), 5},
		{"law branch ordinary week", lawCal(), day(2024, 10, 13), day(2024, 10, 20), 5},
		{"city fortnight loses two Mondays", cityCal(), day(2024, 10, 13), day(2024, 10, 27), 12},
		{"city National Day fortnight loses one Monday", cityCal(), day(2024, 9, 29), day(2024, 10, 13), 13},
		{"year end", &Calendar{}, day(2024, 12, 25), day(2025, 1, 5), 11},
		{"nil calendar counts every day", nil, day(2024, 2, 1), day(2024, 3, 1), 29},
	}
	for _, tt := range tests {
		if got := OpenDaysBetween(tt.cal, tt.from, tt.to); got != tt.want {
			t.Errorf("%s: OpenDaysBetween(%s, %s) = %d, want %d", tt.name, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestCalendarValidate(t *testing.T) {
	bad := []struct {
		name, field, problem string
		cal                  Calendar
	}{
		{"weekday 7", "closed_weekdays", "unknown", Calendar{ClosedWeekdays: []time.Weekday{7}}},
		{"hours reversed", "hours", "invalid_hours", Calendar{Hours: map[time.Weekday]OpeningHours{time.Friday: {Clock(22, 0), Clock(8, 0)}}}},
		{"hours past midnight", "hours", "invalid_hours", Calendar{Hours: map[time.Weekday]OpeningHours{time.Friday: {Clock(8, 0), Clock(25, 0)}}}},
		{"hours for weekday 9", "hours", "unknown", Calendar{Hours: map[time.Weekday]OpeningHours{9: {Clock(8, 0), Clock(9, 0)}}}},
		{"February 30", "exceptions[0]", "invalid_date", Calendar{Exceptions: []Exception{{From: day(2025, 2, 30)}}}},
		{"reversed range", "exceptions[0]", "reversed", Calendar{Exceptions: []Exception{{From: day(2024, 10, 7), To: day(2024, 10, 1)}}}},
		{"hours on a closed day", "exceptions[0]", "invalid_hours", Calendar{Exceptions: []Exception{{From: day(2024, 10, 1), Hours: &OpeningHours{Clock(9, 0), Clock(12, 0)}}}}},
		{"overlap", "exceptions[1]", "overlap", Calendar{Exceptions: []Exception{nationalDay2024, {From: day(2024, 10, 7), Open: true}}}},
	}
	for _, b := range bad {
		b.cal.Branch = "MAIN"
		err := b.cal.Validate()
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != b.field || ve.Problem != b.problem || ve.Subject != `calendar "MAIN"` {
			t.Errorf("%s: %v, want %s %s", b.name, err, b.field, b.problem)
		}
	}
	adjacent := Calendar{Exceptions: []Exception{nationalDay2024, {From: day(2024, 10, 8), Open: true}}}
	if err := adjacent.Validate(); err != nil {
		t.Errorf("adjacent exceptions: %v", err)
	}
}
