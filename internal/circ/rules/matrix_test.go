package rules

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// steps returns the steps of ex with key.
func steps(ex Explanation, key string) []Step {
	var out []Step
	for _, s := range ex.Steps {
		if s.Key == key {
			out = append(out, s)
		}
	}
	return out
}

func TestResolvePrecedence(t *testing.T) {
	tests := []struct {
		name                       string
		rows                       []Row
		category, itemType, branch string
		want                       int64
		beats                      map[int64]string // losing row → the dimension that decided
		notForLoan                 bool
		period                     int
	}{
		{"undergraduate book: the category row beats the catch-all", universityRows(), "undergrad", "book", "MAIN",
			uUndergrad, map[int64]string{uDefault: "category"}, false, 30},
		{"postgraduate 60 days", universityRows(), "postgrad", "book", "MAIN",
			uPostgrad, map[int64]string{uDefault: "category"}, false, 60},
		{"staff 90 days", universityRows(), "staff", "book", "MAIN",
			uStaff, map[int64]string{uDefault: "category"}, false, 90},
		{"unknown category falls to the catch-all", universityRows(), "visitor", "book", "MAIN",
			uDefault, map[int64]string{}, false, 30},
		{"reference: the item type beats the category", universityRows(), "staff", "reference", "MAIN",
			uReference, map[int64]string{uStaff: "item_type", uDefault: "item_type"}, true, 0},
		{"serial not for loan for undergraduates", universityRows(), "undergrad", "serial", "MAIN",
			uSerial, map[int64]string{uUndergrad: "item_type", uDefault: "item_type"}, true, 0},
		{"staff/serial names both and beats each", universityRows(), "staff", "serial", "MAIN",
			uStaffSerial, map[int64]string{uSerial: "category", uStaff: "item_type", uDefault: "item_type"}, false, 7},
		{"course reserve is an hour loan", universityRows(), "postgrad", "reserve", "MAIN",
			uReserve, map[int64]string{uPostgrad: "item_type", uDefault: "item_type"}, false, 2},
		{"the branch beats the category", universityRows(), "undergrad", "book", "LAW",
			uLaw, map[int64]string{uUndergrad: "branch", uDefault: "branch"}, false, 14},
		{"the branch beats the item type too", universityRows(), "undergrad", "reserve", "LAW",
			uLaw, map[int64]string{uReserve: "branch", uUndergrad: "branch", uDefault: "branch"}, false, 14},
		{"reference at LAW needs and has its own row", universityRows(), "staff", "reference", "LAW",
			uLawRef, map[int64]string{uLaw: "item_type", uReference: "branch", uStaff: "branch", uDefault: "branch"}, true, 0},
		{"public: children's AV not for loan", publicRows(), "child", "av", "CITY",
			pChildAV, map[int64]string{pAV: "category", pChild: "item_type", pDefault: "item_type"}, true, 0},
		{"public: adult AV 7 days", publicRows(), "adult", "av", "CITY",
			pAV, map[int64]string{pDefault: "item_type"}, false, 7},
		{"public: children's branch", publicRows(), "child", "book", "KIDS",
			pKids, map[int64]string{pChild: "branch", pDefault: "branch"}, false, 28},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Resolve(tt.rows, tt.category, tt.itemType, tt.branch)
			if err != nil {
				t.Fatal(err)
			}
			if res.Row.ID != tt.want || res.Policy != res.Row.Policy {
				t.Fatalf("won row %d (%s), want %d", res.Row.ID, res.Row.Key(), tt.want)
			}
			if res.Policy.NotForLoan != tt.notForLoan || res.Policy.Period != tt.period {
				t.Errorf("policy %+v, want not-for-loan %v period %d", res.Policy, tt.notForLoan, tt.period)
			}
			ex := res.Explanation
			if ex.Steps[0].Key != "rules.query" || ex.Steps[0].Args["Category"] != tt.category ||
				ex.Steps[0].Args["ItemType"] != tt.itemType || ex.Steps[0].Args["Branch"] != tt.branch {
				t.Errorf("first step %+v", ex.Steps[0])
			}
			won := steps(ex, "rules.won")
			if len(won) != 1 || won[0].Args["Row"] != tt.want || won[0].Args["Key"] != res.Row.Key() || won[0].Args["Matches"] != len(tt.beats)+1 {
				t.Errorf("won steps %+v, want row %d of %d matches", won, tt.want, len(tt.beats)+1)
			}
			matched := steps(ex, "rules.matched")
			if len(matched) != len(tt.beats)+1 || matched[0].Args["Row"] != tt.want || matched[0].Args["Rank"] != 1 {
				t.Errorf("matched steps %+v", matched)
			}
			got := map[int64]string{}
			for _, s := range steps(ex, "rules.beat") {
				if s.Args["Row"] != tt.want {
					t.Errorf("beat step names row %v, want the winner %d", s.Args["Row"], tt.want)
				}
				got[s.Args["Over"].(int64)] = s.Args["Dimension"].(string)
			}
			if len(got) != len(tt.beats) {
				t.Errorf("beats %v, want %v", got, tt.beats)
			}
			for id, dim := range tt.beats {
				if got[id] != dim {
					t.Errorf("row %d lost on %q, want %q", id, got[id], dim)
				}
			}
			if nfl := steps(ex, "rules.not_for_loan"); (len(nfl) == 1) != tt.notForLoan {
				t.Errorf("not_for_loan steps %+v, want %v", nfl, tt.notForLoan)
			}
			for _, s := range ex.Steps {
				if !slices.Contains(StepKeys, s.Key) {
					t.Errorf("step key %q is not in StepKeys", s.Key)
				}
			}
		})
	}
}

func TestResolveExplainsMatchesInOrder(t *testing.T) {
	res, err := Resolve(universityRows(), "staff", "reference", "LAW")
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	var exact []string
	for _, s := range steps(res.Explanation, "rules.matched") {
		order = append(order, s.Args["Row"].(int64))
		exact = append(exact, s.Args["Exact"].(string))
	}
	wantOrder := []int64{uLawRef, uLaw, uReference, uStaff, uDefault}
	wantExact := []string{"branch,item_type", "branch", "item_type", "category", ""}
	if !slices.Equal(order, wantOrder) || !slices.Equal(exact, wantExact) {
		t.Errorf("matched %v %q, want %v %q", order, exact, wantOrder, wantExact)
	}
}

func TestResolveIgnoresRowOrder(t *testing.T) {
	rows := universityRows()
	queries := [][3]string{{"staff", "serial", "MAIN"}, {"undergrad", "reference", "LAW"}, {"postgrad", "book", "LAW"}, {"visitor", "dvd", "MAIN"}}
	for _, q := range queries {
		first, err := Resolve(rows, q[0], q[1], q[2])
		if err != nil {
			t.Fatal(err)
		}
		for shift := 1; shift < len(rows); shift++ {
			perm := append(slices.Clone(rows[shift:]), rows[:shift]...)
			if shift%2 == 0 {
				slices.Reverse(perm)
			}
			res, err := Resolve(perm, q[0], q[1], q[2])
			if err != nil || res.Row.ID != first.Row.ID {
				t.Errorf("%v with rows rotated by %d: row %d, %v; in order: row %d", q, shift, res.Row.ID, err, first.Row.ID)
			}
		}
	}
}

func TestResolveErrors(t *testing.T) {
	t.Run("no match", func(t *testing.T) {
		rows := universityRows()[1:] // without the catch-all
		res, err := Resolve(rows, "visitor", "book", "MAIN")
		if !errors.Is(err, ErrNoRule) || !strings.Contains(err.Error(), "MAIN/book/visitor") {
			t.Fatalf("err = %v, want ErrNoRule naming the query", err)
		}
		if len(steps(res.Explanation, "rules.no_match")) != 1 {
			t.Errorf("explanation %+v lacks rules.no_match", res.Explanation)
		}
	})
	t.Run("duplicate pattern among the matches", func(t *testing.T) {
		rows := append(universityRows(), Row{ID: 99, Category: "undergrad", ItemType: Any, Branch: Any, Policy: undergradPolicy})
		_, err := Resolve(rows, "undergrad", "book", "MAIN")
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Problem != "duplicate" || !strings.Contains(err.Error(), "rule row 99") || !strings.Contains(err.Error(), "rule row 4") {
			t.Fatalf("err = %v, want a duplicate naming rows 4 and 99", err)
		}
		// A query the duplicates do not decide still resolves.
		if res, err := Resolve(rows, "staff", "book", "MAIN"); err != nil || res.Row.ID != uStaff {
			t.Errorf("staff/book: %v, %v", res.Row.ID, err)
		}
	})
	t.Run("invalid winning row", func(t *testing.T) {
		bad := undergradPolicy
		bad.Period = -30
		rows := append(universityRows(), Row{ID: 42, Category: "undergrad", ItemType: "book", Branch: Any, Policy: bad})
		_, err := Resolve(rows, "undergrad", "book", "MAIN")
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "period" || ve.Problem != "negative" || !strings.Contains(err.Error(), "rule row 42 (undergrad/book/*)") {
			t.Fatalf("err = %v, want a negative period naming row 42", err)
		}
		// The bad row does not decide for postgraduates, who still resolve.
		if p := resolve(t, rows, "postgrad", "book", "MAIN"); p.Period != 60 {
			t.Errorf("postgrad period %d", p.Period)
		}
	})
	for _, q := range [][3]string{{"", "book", "MAIN"}, {"undergrad", Any, "MAIN"}, {"undergrad", "book", ""}} {
		if _, err := Resolve(universityRows(), q[0], q[1], q[2]); err == nil {
			t.Errorf("Resolve%q succeeded, want an error", q)
		}
	}
}

func TestResolveLimits(t *testing.T) {
	tests := []struct {
		category, branch string
		want             int64
		maxLoans         int
		beats            map[int64]string
	}{
		{"undergrad", "MAIN", 1, 10, map[int64]string{}},
		{"postgrad", "MAIN", 2, 20, map[int64]string{1: "category"}},
		{"staff", "MAIN", 3, 30, map[int64]string{1: "category"}},
		{"staff", "LAW", 4, 3, map[int64]string{3: "branch", 1: "branch"}},
	}
	for _, tt := range tests {
		res, err := ResolveLimits(universityLimits(), tt.category, tt.branch)
		if err != nil {
			t.Fatal(err)
		}
		if res.Row.ID != tt.want || res.Limits.MaxLoans != tt.maxLoans {
			t.Errorf("%s/%s: row %d max %d, want row %d max %d", tt.category, tt.branch, res.Row.ID, res.Limits.MaxLoans, tt.want, tt.maxLoans)
		}
		got := map[int64]string{}
		for _, s := range steps(res.Explanation, "limits.beat") {
			got[s.Args["Over"].(int64)] = s.Args["Dimension"].(string)
		}
		if len(got) != len(tt.beats) {
			t.Errorf("%s/%s: beats %v, want %v", tt.category, tt.branch, got, tt.beats)
		}
		for id, dim := range tt.beats {
			if got[id] != dim {
				t.Errorf("%s/%s: row %d lost on %q, want %q", tt.category, tt.branch, id, got[id], dim)
			}
		}
		for _, s := range res.Explanation.Steps {
			if !slices.Contains(StepKeys, s.Key) {
				t.Errorf("step key %q is not in StepKeys", s.Key)
			}
		}
	}
	if _, err := ResolveLimits(publicLimits(), "visitor", "CITY"); !errors.Is(err, ErrNoRule) {
		t.Errorf("visitor: err = %v, want ErrNoRule", err)
	}
	bad := append(publicLimits(), LimitRow{ID: 77, Category: "child", Branch: "KIDS", Limits: Limits{MaxLoans: -5}})
	if _, err := ResolveLimits(bad, "child", "KIDS"); err == nil || !strings.Contains(err.Error(), "limit row 77 (child/KIDS)") || !strings.Contains(err.Error(), "max_loans") {
		t.Errorf("err = %v, want max_loans naming limit row 77", err)
	}
}

func TestValidateRows(t *testing.T) {
	neg := undergradPolicy
	neg.FinePerDayFen = -10
	rows := append(universityRows(),
		Row{ID: 50, Category: "", ItemType: "book", Branch: Any, Policy: undergradPolicy},
		Row{ID: 51, Category: "staff", ItemType: "dvd", Branch: "MAIN LIB", Policy: undergradPolicy},
		Row{ID: 52, Category: "postgrad", ItemType: "book", Branch: Any, Policy: neg},
		Row{ID: 53, Category: "staff", ItemType: Any, Branch: Any, Policy: undergradPolicy},
	)
	err := ValidateRows(rows)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"rule row 50 (/book/*): category: empty",
		"rule row 51 (staff/dvd/MAIN LIB): branch: not_a_code",
		"rule row 52 (postgrad/book/*): fine_per_day_fen: negative (-10)",
		"rule row 53 (staff/*/*): duplicate (rule row 6 (staff/*/*))",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "\n") + 1; n != 4 {
		t.Errorf("%d problems reported, want 4:\n%s", n, msg)
	}
	if err := ValidateLimitRows(append(publicLimits(), LimitRow{ID: 9, Category: "adult", Branch: Any})); err == nil || !strings.Contains(err.Error(), "limit row 9 (adult/*): duplicate") {
		t.Errorf("ValidateLimitRows: %v", err)
	}
}

func TestPolicyValidate(t *testing.T) {
	ok := []Policy{
		undergradPolicy, reservePolicy, publicPolicy, avPolicy,
		{NotForLoan: true},
		{Period: 14},                         // zero Unit is days; no renewals needed
		{Period: 3660, MaxOfType: Unlimited}, // ten years
		{Period: 4, Unit: Hours, FinePerDayFen: 100},
	}
	for _, p := range ok {
		if err := p.Validate(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
	bad := []struct {
		field, problem string
		mutate         func(*Policy)
	}{
		{"unit", "unknown", func(p *Policy) { p.Unit = "weeks" }},
		{"period", "negative", func(p *Policy) { p.Period = -1 }},
		{"period", "zero", func(p *Policy) { p.Period = 0 }},
		{"period", "too_long", func(p *Policy) { p.Period = 3661 }},
		{"max_of_type", "negative", func(p *Policy) { p.MaxOfType = -2 }},
		{"renewals", "negative", func(p *Policy) { p.Renewals = -1 }},
		{"renewal_period", "zero", func(p *Policy) { p.RenewalPeriod = 0 }},
		{"renewal_period", "too_long", func(p *Policy) { p.RenewalPeriod = 5000 }},
		{"renew_from", "unknown", func(p *Policy) { p.RenewFrom = "later" }},
		{"grace_mode", "unknown", func(p *Policy) { p.GraceMode = "half" }},
		{"grace_days", "negative", func(p *Policy) { p.GraceDays = -3 }},
		{"fine_cap_fen", "negative", func(p *Policy) { p.FineCapFen = -1 }},
		{"recall_days", "negative", func(p *Policy) { p.RecallDays = -7 }},
		{"fine_per_hour_fen", "day_loan", func(p *Policy) { p.FinePerHourFen = 50 }},
		{"grace_hours", "day_loan", func(p *Policy) { p.GraceHours = 1 }},
	}
	for _, b := range bad {
		p := undergradPolicy
		b.mutate(&p)
		err := p.Validate()
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != b.field || ve.Problem != b.problem {
			t.Errorf("%s %s: got %v", b.field, b.problem, err)
		}
	}
	hour := reservePolicy
	hour.FinePerDayFen = 100
	if err := hour.Validate(); err == nil || !strings.Contains(err.Error(), "both_fines") {
		t.Errorf("hour loan with both fines: %v", err)
	}
	hour = reservePolicy
	hour.Period = 721
	if err := hour.Validate(); err == nil || !strings.Contains(err.Error(), "too_long") {
		t.Errorf("721-hour loan: %v", err)
	}
	// A not-for-loan row is still checked for negative numbers.
	if err := (Policy{NotForLoan: true, FineCapFen: -1}).Validate(); err == nil {
		t.Error("not-for-loan with a negative cap passed")
	}
	if err := (Limits{MaxLoans: Unlimited, MaxFeesFen: Unlimited, MaxOverdueItems: Unlimited, MaxHolds: Unlimited}).Validate(); err != nil {
		t.Errorf("unlimited limits: %v", err)
	}
}

func TestDefaultRows(t *testing.T) {
	rows, limits := DefaultRows(), DefaultLimits()
	if err := ValidateRows(rows); err != nil {
		t.Fatal(err)
	}
	if err := ValidateLimitRows(limits); err != nil {
		t.Fatal(err)
	}
	for _, it := range []string{"reference", "serial"} {
		if p := resolve(t, rows, "undergrad", it, "MAIN"); !p.NotForLoan {
			t.Errorf("%s lends by default", it)
		}
	}
	if p := resolve(t, rows, "undergrad", "book", "MAIN"); p.NotForLoan || p.Period != 30 || p.FinePerDayFen != 10 {
		t.Errorf("book by default: %+v", p)
	}
	if res, err := ResolveLimits(limits, "staff", "MAIN"); err != nil || res.Limits.MaxLoans != 10 {
		t.Errorf("default limits: %+v, %v", res.Limits, err)
	}
}
