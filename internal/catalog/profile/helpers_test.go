package profile

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/marc"
)

// rec builds a record from a leader's positions 05-09 ("nam  ", "nas0 ")
// and fields in a line format: "001 value" for a control field, "245 14
// ‡aThe title /‡cby me." for a data field ('#' or ' ' for a blank
// indicator). The subfield delimiter is ‡, so that "$" can appear in data.
func rec(t testing.TB, leader string, lines ...string) *marc.Record {
	t.Helper()
	r := &marc.Record{}
	l := "00000" + leader + "2200000   4500"
	if len(leader) != 5 {
		t.Fatalf("leader positions 05-09 must be 5 characters: %q", leader)
	}
	copy(r.Leader[:], l)
	for _, line := range lines {
		tag := line[:3]
		rest := line[4:]
		if tag < "010" && tag != "000" {
			r.Add(marc.NewControlField(tag, rest))
			continue
		}
		f := marc.Field{Tag: tag, Indicators: strings.ReplaceAll(rest[:2], "#", " ")}
		parts := strings.Split(rest[2:], "‡")
		for _, p := range parts[1:] {
			if p == "" {
				t.Fatalf("empty subfield in %q", line)
			}
			code, size := p[:1], 1
			if p[0] >= 0x80 {
				t.Fatalf("subfield code must be ASCII in %q", line)
			}
			f.AddSub(code, p[size:])
		}
		r.Add(f)
	}
	return r
}

// m21 builds a MARC 21 book record and derives it.
func m21(t testing.TB, lines ...string) Bib {
	t.Helper()
	b, err := DeriveMARC21(rec(t, "nam a", lines...))
	if err != nil {
		t.Fatalf("DeriveMARC21: %v", err)
	}
	return b
}

// cn builds a CNMARC book record and derives it.
func cn(t testing.TB, lines ...string) Bib {
	t.Helper()
	r := rec(t, "nam0 ", lines...)
	r.Leader[20], r.Leader[21], r.Leader[22], r.Leader[23] = '4', '5', '0', ' '
	b, err := DeriveCNMARC(r)
	if err != nil {
		t.Fatalf("DeriveCNMARC: %v", err)
	}
	return b
}

// ruleCase is one rule test: the record's fields, what to look at and what
// it must be.
type ruleCase struct {
	name  string
	lines []string
	got   func(Bib) any
	want  any
}

// runRules derives each case with derive and compares.
func runRules(t *testing.T, derive func(testing.TB, ...string) Bib, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := derive(t, c.lines...)
			if got := c.got(b); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %#v\nwant %#v", got, c.want)
			}
		})
	}
}

// sharedTestdata returns the path of shared/testdata beside the repository
// (/work/shared/testdata for /work/main), failing the test if it is missing.
func sharedTestdata(t testing.TB, elem ...string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		cand := filepath.Join(dir, "shared", "testdata")
		if _, err := os.Stat(filepath.Join(cand, "README.md")); err == nil {
			return filepath.Join(append([]string{cand}, elem...)...)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("shared/testdata not found beside the repository")
		}
		dir = parent
	}
}

// errorOf returns the *Error in err, failing the test if there is none.
func errorOf(t testing.TB, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *profile.Error", err, err)
	}
	return e
}
