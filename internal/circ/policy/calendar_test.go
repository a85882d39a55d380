package policy_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

func date(y int, m time.Month, d int) rules.Date { return rules.Date{Year: y, Month: m, Day: d} }

// lawCalendar is a branch open on weekdays 8:30–17:30, closed for 国庆节
// 2024, open on the 调休 Sunday 9月29日 with shorter hours — given in an
// untidy order, as a form might send it.
func lawCalendar() rules.Calendar {
	wk := rules.OpeningHours{Open: rules.Clock(8, 30), Close: rules.Clock(17, 30)}
	return rules.Calendar{
		Branch:         "LAW",
		ClosedWeekdays: []time.Weekday{time.Sunday, time.Saturday, time.Sunday},
		Hours:          map[time.Weekday]rules.OpeningHours{time.Monday: wk, time.Tuesday: wk, time.Wednesday: wk, time.Thursday: wk, time.Friday: wk},
		Exceptions: []rules.Exception{
			{From: date(2024, 10, 1), To: date(2024, 10, 7), Note: " 国庆节 "},
			{From: date(2024, 9, 29), To: date(2024, 9, 29), Open: true, Hours: &rules.OpeningHours{Open: rules.Clock(9, 0), Close: rules.Clock(17, 0)}, Note: "调休"},
			{From: date(2024, 10, 12), Open: true, Note: "调休"},
		},
	}
}

func TestCalendarRoundTrip(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		_, err := s.Calendar(ctx, desk, "LAW")
		wantErr(t, err, apperr.NotFound, "error.circ_calendar_not_found", "")

		saved, err := s.SetCalendar(ctx, admin, lawCalendar())
		if err != nil {
			t.Fatal(err)
		}
		// Stored canonical: weekdays sorted once each, exceptions by
		// date, a one-day exception without To, notes trimmed.
		want := lawCalendar()
		want.ClosedWeekdays = []time.Weekday{time.Sunday, time.Saturday}
		want.Exceptions = []rules.Exception{
			{From: date(2024, 9, 29), Open: true, Hours: &rules.OpeningHours{Open: rules.Clock(9, 0), Close: rules.Clock(17, 0)}, Note: "调休"},
			{From: date(2024, 10, 1), To: date(2024, 10, 7), Note: "国庆节"},
			{From: date(2024, 10, 12), Open: true, Note: "调休"},
		}
		if !reflect.DeepEqual(saved, want) {
			t.Fatalf("saved\n%+v\nwant\n%+v", saved, want)
		}
		got, err := s.Calendar(ctx, desk, "LAW")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
		}
		// The calendar behaves as the rules say: closed on National Day,
		// open on the 调休 Sunday with its own hours, closed on a Saturday.
		if got.IsOpen(date(2024, 10, 3)) || !got.IsOpen(date(2024, 9, 29)) || got.IsOpen(date(2024, 10, 5)) || !got.IsOpen(date(2024, 10, 12)) {
			t.Error("calendar read back opens on the wrong days")
		}
		if h, ok := got.HoursOn(date(2024, 9, 29)); !ok || h.Close != rules.Clock(17, 0) {
			t.Errorf("hours on the 调休 day: %v %v", h, ok)
		}

		// Replacing the calendar replaces all of it; a default calendar
		// for every branch ("*") is listed after its own.
		if _, err := s.SetCalendar(ctx, admin, rules.Calendar{Branch: "LAW", ClosedWeekdays: []time.Weekday{time.Monday}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetCalendar(ctx, admin, rules.Calendar{Branch: "*", Exceptions: []rules.Exception{{From: date(2025, 1, 28), To: date(2025, 2, 4), Note: "春节"}}}); err != nil {
			t.Fatal(err)
		}
		all, err := s.Calendars(ctx, desk)
		if err != nil || len(all) != 2 || all[0].Branch != "*" || all[1].Branch != "LAW" {
			t.Fatalf("calendars %+v, %v", all, err)
		}
		if law := all[1]; !reflect.DeepEqual(law, rules.Calendar{Branch: "LAW", ClosedWeekdays: []time.Weekday{time.Monday}}) {
			t.Errorf("replaced calendar %+v", law)
		}

		if err := s.DeleteCalendar(ctx, admin, "LAW"); err != nil {
			t.Fatal(err)
		}
		_, err = s.Calendar(ctx, desk, "LAW")
		wantErr(t, err, apperr.NotFound, "error.circ_calendar_not_found", "")
		wantErr(t, s.DeleteCalendar(ctx, admin, "LAW"), apperr.NotFound, "error.circ_calendar_not_found", "")

		es := audits(t, d, "circ_calendar")
		if len(es) != 4 || es[0].Action != "circ_calendar.delete" || es[3].Action != "circ_calendar.set" || es[3].EntityID != "LAW" {
			t.Fatalf("audit entries %+v", es)
		}
		var sum struct{ Before, After *rules.Calendar }
		if err := json.Unmarshal([]byte(es[2].Summary), &sum); err != nil || sum.Before == nil || len(sum.Before.Exceptions) != 3 || sum.After == nil {
			t.Errorf("replacement summary %s (%v)", es[2].Summary, err)
		}
	})
}

func TestCalendarValidation(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		with := func(f func(*rules.Calendar)) rules.Calendar { c := lawCalendar(); f(&c); return c }
		tests := []struct {
			name       string
			cal        rules.Calendar
			code       apperr.Code
			key, field string
		}{
			{"overlapping holidays", with(func(c *rules.Calendar) {
				c.Exceptions = append(c.Exceptions, rules.Exception{From: date(2024, 10, 7), To: date(2024, 10, 8)})
			}), apperr.Invalid, "error.circ_policy_overlap", "exceptions[3]"},
			{"30 February", with(func(c *rules.Calendar) { c.Exceptions[0].From = date(2025, 2, 30) }), apperr.Invalid, "error.circ_policy_invalid_date", "exceptions[0]"},
			{"ends before it begins", with(func(c *rules.Calendar) { c.Exceptions[0].To = date(2024, 9, 1) }), apperr.Invalid, "error.circ_policy_reversed", "exceptions[0]"},
			{"hours on a holiday", with(func(c *rules.Calendar) {
				c.Exceptions[0].Hours = &rules.OpeningHours{Open: rules.Clock(9, 0), Close: rules.Clock(12, 0)}
			}), apperr.Invalid, "error.circ_policy_invalid_hours", "exceptions[0]"},
			{"closing before opening", with(func(c *rules.Calendar) {
				c.Hours[time.Monday] = rules.OpeningHours{Open: rules.Clock(18, 0), Close: rules.Clock(8, 0)}
			}), apperr.Invalid, "error.circ_policy_invalid_hours", "hours"},
			{"weekday 9", with(func(c *rules.Calendar) { c.ClosedWeekdays = []time.Weekday{9} }), apperr.Invalid, "error.circ_policy_unknown", "closed_weekdays"},
			{"no branch", with(func(c *rules.Calendar) { c.Branch = " " }), apperr.Invalid, "error.circ_policy_empty", "branch"},
			{"unknown branch", with(func(c *rules.Calendar) { c.Branch = "MOON" }), apperr.InvalidReference, "error.branch_unknown", "branch"},
		}
		for _, tt := range tests {
			_, err := s.SetCalendar(ctx, admin, tt.cal)
			e := wantErr(t, err, tt.code, tt.key, tt.field)
			if tt.code == apperr.Invalid && tt.field != "branch" && e.Args["Subject"] != "LAW" {
				t.Errorf("%s: subject %v", tt.name, e.Args["Subject"])
			}
		}
		if cals, err := s.Calendars(ctx, admin); err != nil || len(cals) != 0 {
			t.Errorf("calendars after failures: %+v, %v", cals, err)
		}
	})
}

func TestSettings(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		st, err := s.Settings(ctx, desk)
		if err != nil || st != (policy.Settings{TimeZone: "Asia/Shanghai", FinesOpenDaysOnly: false, HoldPickupDays: 7}) {
			t.Fatalf("default settings %+v, %v", st, err)
		}
		want := policy.Settings{TimeZone: "Asia/Urumqi", FinesOpenDaysOnly: true, HoldPickupDays: 3}
		if got, err := s.SetSettings(ctx, admin, policy.Settings{TimeZone: " Asia/Urumqi ", FinesOpenDaysOnly: true, HoldPickupDays: 3}); err != nil || got != want {
			t.Fatalf("set: %+v, %v", got, err)
		}
		if got, err := s.Settings(ctx, desk); err != nil || got != want {
			t.Fatalf("read back %+v, %v", got, err)
		}
		for _, bad := range []struct {
			st         policy.Settings
			key, field string
		}{
			{policy.Settings{TimeZone: "Mars/Olympus", HoldPickupDays: 3}, "error.circ_time_zone", "time_zone"},
			{policy.Settings{TimeZone: "Local", HoldPickupDays: 3}, "error.circ_time_zone", "time_zone"},
			{policy.Settings{TimeZone: "", HoldPickupDays: 3}, "error.circ_time_zone", "time_zone"},
			{policy.Settings{TimeZone: "Asia/Shanghai", HoldPickupDays: 0}, "error.circ_hold_pickup_days", "hold_pickup_days"},
			{policy.Settings{TimeZone: "Asia/Shanghai", HoldPickupDays: policy.MaxHoldPickupDays + 1}, "error.circ_hold_pickup_days", "hold_pickup_days"},
		} {
			_, err := s.SetSettings(ctx, admin, bad.st)
			wantErr(t, err, apperr.Invalid, bad.key, bad.field)
		}
		es := audits(t, d, "circ_settings")
		if len(es) != 1 || es[0].Action != "circ_settings.update" {
			t.Fatalf("audit entries %+v", es)
		}
	})
}
