package rules

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateOf(t *testing.T) {
	ny := newYork(t)
	tests := []struct {
		name string
		t    time.Time
		loc  *time.Location
		want Date
	}{
		{"Shanghai is a day ahead of UTC after 16:00 UTC", time.Date(2024, 8, 31, 16, 30, 0, 0, time.UTC), cst, day(2024, 9, 1)},
		{"Shanghai before 16:00 UTC", time.Date(2024, 8, 31, 15, 59, 59, 0, time.UTC), cst, day(2024, 8, 31)},
		{"nil location is Shanghai", time.Date(2024, 12, 31, 16, 0, 0, 0, time.UTC), nil, day(2025, 1, 1)},
		{"New York is behind UTC", time.Date(2025, 3, 10, 3, 59, 59, 0, time.UTC), ny, day(2025, 3, 9)},
	}
	for _, tt := range tests {
		if got := DateOf(tt.t, tt.loc); got != tt.want {
			t.Errorf("%s: DateOf(%v) = %s, want %s", tt.name, tt.t, got, tt.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		from Date
		n    int
		want Date
	}{
		{day(2024, 12, 31), 1, day(2025, 1, 1)},
		{day(2024, 12, 31), 30, day(2025, 1, 30)},
		{day(2024, 2, 1), 30, day(2024, 3, 2)}, // 2024 is a leap year
		{day(2025, 2, 1), 30, day(2025, 3, 3)},
		{day(2025, 3, 1), -1, day(2025, 2, 28)},
		{day(2025, 3, 8), 1, day(2025, 3, 9)}, // New York's DST change is irrelevant to civil days
	}
	for _, tt := range tests {
		got := tt.from.AddDays(tt.n)
		if got != tt.want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
		if d := tt.from.DaysUntil(got); d != tt.n {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.from, got, d, tt.n)
		}
	}
	a, b := day(2024, 10, 1), day(2024, 10, 8)
	if !a.Before(b) || a.After(b) || b.Before(a) || !b.After(a) || a.Compare(a) != 0 || a.Compare(b) != -1 || b.Compare(a) != 1 {
		t.Errorf("ordering of %s and %s is wrong", a, b)
	}
}

func TestDateValidParseString(t *testing.T) {
	valid := []Date{day(2024, 2, 29), day(2025, 12, 31), day(1, 1, 1)}
	invalid := []Date{{}, day(2025, 2, 29), day(2025, 13, 1), day(2025, 4, 31), day(2025, 1, 0)}
	for _, d := range valid {
		if !d.Valid() {
			t.Errorf("%v should be valid", d)
		}
	}
	for _, d := range invalid {
		if d.Valid() {
			t.Errorf("%v should be invalid", d)
		}
	}
	got, err := ParseDate("2024-10-01")
	if err != nil || got != day(2024, 10, 1) || got.String() != "2024-10-01" {
		t.Errorf("ParseDate(2024-10-01) = %v, %v", got, err)
	}
	for _, bad := range []string{"", "2024-10-1", "2025-02-29", "10/01/2024"} {
		if d, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", bad, d)
		}
	}
	if s := (Date{}).String(); s != "" || !(Date{}).IsZero() {
		t.Errorf("zero Date: String %q, IsZero %v", s, (Date{}).IsZero())
	}
}

func TestEndOfDayAndDefaultLocation(t *testing.T) {
	if got, want := day(2024, 10, 8).EndOfDay(nil), time.Date(2024, 10, 8, 15, 59, 59, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("EndOfDay in Shanghai = %v, want %v in UTC", got, want)
	}
	ny := newYork(t)
	// New York's days around the changes end at 23:59:59 local, EST or EDT.
	if got, want := day(2025, 3, 9).EndOfDay(ny), time.Date(2025, 3, 10, 3, 59, 59, 0, time.UTC); !got.Equal(want) {
		t.Errorf("EndOfDay(2025-03-09, New York) = %v, want %v", got, want)
	}
	if got, want := day(2025, 11, 2).EndOfDay(ny), time.Date(2025, 11, 3, 4, 59, 59, 0, time.UTC); !got.Equal(want) {
		t.Errorf("EndOfDay(2025-11-02, New York) = %v, want %v", got, want)
	}
	for _, when := range []time.Time{time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC)} {
		if _, off := when.In(DefaultLocation()).Zone(); off != 8*3600 {
			t.Errorf("DefaultLocation offset at %v = %d, want +8h", when, off)
		}
	}
}

func TestDateJSON(t *testing.T) {
	ex := Exception{From: day(2024, 10, 1), To: day(2024, 10, 7), Note: "国庆节"}
	b, err := json.Marshal(ex)
	if err != nil || string(b) != `{"from":"2024-10-01","to":"2024-10-07","open":false,"note":"国庆节"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back Exception
	if err := json.Unmarshal(b, &back); err != nil || back.From != ex.From || back.To != ex.To {
		t.Errorf("Unmarshal = %+v, %v", back, err)
	}
	if b, _ := json.Marshal(Exception{From: day(2024, 10, 12), Open: true}); string(b) != `{"from":"2024-10-12","open":true}` {
		t.Errorf("one-day exception: %s", b)
	}
	var zero Date
	if err := json.Unmarshal([]byte(`""`), &zero); err != nil || !zero.IsZero() {
		t.Errorf(`Unmarshal("") = %v, %v`, zero, err)
	}
	if err := json.Unmarshal([]byte(`"2025-02-29"`), &zero); err == nil {
		t.Error("2025-02-29 unmarshalled")
	}
}
