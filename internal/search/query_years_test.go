package search

import "testing"

func TestSplitYears(t *testing.T) {
	for _, c := range []struct {
		q        string
		rest     string // "" = every record
		from, to int
		ok       bool
	}{
		{"year:2019..2023", "", 2019, 2023, true},
		{"历史 year:2010..2020", "历史", 2010, 2020, true},
		{"year:2000..2020 year:2010..2030 java", "java", 2010, 2020, true},
		{"year:2000..2020 -java", "year:2000..2020 -java", 0, 0, false},
		{"year:2000..2001 OR java", "year:2000..2001 OR java", 0, 0, false},
		{"java -history", "java -history", 0, 0, false},
		{"a b year:1990", "a b", 1990, 1990, true},
	} {
		q, err := Parse(c.q)
		if err != nil {
			t.Fatalf("%q: %v", c.q, err)
		}
		rest, from, to, ok := q.SplitYears()
		var want *Query
		if c.rest != "" {
			if want, err = Parse(c.rest); err != nil {
				t.Fatal(err)
			}
		}
		got, exp := "<every record>", "<every record>"
		if rest != nil {
			got = rest.String()
		}
		if want != nil {
			exp = want.String()
		}
		if ok != c.ok || got != exp || (ok && (from != c.from || to != c.to)) {
			t.Errorf("%q: rest %s %d..%d %v, want %s %d..%d %v", c.q, got, from, to, ok, exp, c.from, c.to, c.ok)
		}
	}
}
