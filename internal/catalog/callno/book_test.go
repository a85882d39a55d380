package callno

import (
	"errors"
	"testing"
)

func TestRule(t *testing.T) {
	for _, r := range []Rule{RuleSequence, RuleAuthor} {
		got, err := ParseRule(r.String())
		if err != nil || got != r {
			t.Errorf("ParseRule(%q) = %v, %v, want %v", r.String(), got, err, r)
		}
	}
	if _, err := ParseRule("cutter"); err == nil {
		t.Error("ParseRule(cutter) succeeded")
	}
	if s := Rule(7).String(); s != "Rule(7)" {
		t.Errorf("Rule(7).String() = %q", s)
	}
}

func TestParseBookNumber(t *testing.T) {
	tests := []struct {
		in   string
		want BookNumber
		rule Rule
		str  string
	}{
		{"12", BookNumber{Seq: 12}, RuleSequence, "12"},
		{"0012", BookNumber{Seq: 12}, RuleSequence, "12"},
		{"１２", BookNumber{Seq: 12}, RuleSequence, "12"},
		{"L123", BookNumber{Author: "L123"}, RuleAuthor, "L123"},
		{"w415", BookNumber{Author: "W415"}, RuleAuthor, "W415"},
		{"H272t", BookNumber{Author: "H272", Mark: "t"}, RuleAuthor, "H272t"},
		{"Z763AA", BookNumber{Author: "Z763", Mark: "AA"}, RuleAuthor, "Z763AA"},
		{"WXB", BookNumber{Author: "WXB"}, RuleAuthor, "WXB"},
		{" N2338 ", BookNumber{Author: "N2338"}, RuleAuthor, "N2338"},
	}
	for _, tt := range tests {
		got, err := ParseBookNumber(tt.in)
		if err != nil || got != tt.want || got.Rule() != tt.rule || got.String() != tt.str {
			t.Errorf("ParseBookNumber(%q) = %+v (%v, %q), %v; want %+v (%v, %q)", tt.in, got, got.Rule(), got.String(), err, tt.want, tt.rule, tt.str)
		}
	}
	for _, bad := range []string{"", "0", "12A", "-3", "L12-3", "王12", "1234567890"} {
		if b, err := ParseBookNumber(bad); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseBookNumber(%q) = %+v, %v; want ErrSyntax", bad, b, err)
		}
	}
	var zero BookNumber
	if !zero.IsZero() || zero.Rule() != 0 || zero.String() != "" {
		t.Errorf("zero BookNumber: %v %v %q", zero.IsZero(), zero.Rule(), zero.String())
	}
}

func TestSequence(t *testing.T) {
	tests := []struct{ highest, next int }{{0, 1}, {1, 2}, {11, 12}, {119, 120}, {MaxNumber - 1, MaxNumber}}
	for _, tt := range tests {
		got, err := NextSequence(tt.highest)
		if err != nil || got != tt.next {
			t.Errorf("NextSequence(%d) = %d, %v, want %d", tt.highest, got, err, tt.next)
		}
		s, err := FormatSequence(got)
		if err != nil {
			t.Errorf("FormatSequence(%d): %v", got, err)
		}
		back, err := ParseSequence(s)
		if err != nil || back != got {
			t.Errorf("ParseSequence(%q) = %d, %v, want %d", s, back, err, got)
		}
	}
	for _, h := range []int{-1, MaxNumber} {
		if _, err := NextSequence(h); err == nil {
			t.Errorf("NextSequence(%d) succeeded", h)
		}
	}
	for _, n := range []int{0, -5, MaxNumber + 1} {
		if _, err := FormatSequence(n); err == nil {
			t.Errorf("FormatSequence(%d) succeeded", n)
		}
	}
	if s, _ := FormatSequence(120); s != "120" {
		t.Errorf("FormatSequence(120) = %q", s)
	}
	for _, bad := range []string{"", "0", "00", "12a", "L1", "1 2", "1234567890"} {
		if _, err := ParseSequence(bad); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseSequence(%q) = %v, want ErrSyntax", bad, err)
		}
	}
	if n, err := ParseSequence(" ０１２ "); err != nil || n != 12 {
		t.Errorf("ParseSequence(full-width 012) = %d, %v", n, err)
	}
}
