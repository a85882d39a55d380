package isbn

import (
	"errors"
	"testing"
)

// Real ISSNs: 中国图书馆学报, 大学图书馆学报, 图书情报工作, 计算机学报, 情报学报,
// and the ISSN International Centre's examples 0317-8471 and 2434-561X.
func TestParseISSN(t *testing.T) {
	tests := []struct {
		in   string
		want string
		kind error // nil if valid
	}{
		{in: "1001-8867", want: "1001-8867"},
		{in: "10021027", want: "1002-1027"},
		{in: "ISSN 0252-3116", want: "0252-3116"},
		{in: "0254-4164 (Print)", want: "0254-4164"},
		{in: "１０００－０１３５", want: "1000-0135"},
		{in: "0317 8471", want: "0317-8471"},
		{in: "2434-561x", want: "2434-561X"},
		{in: "ISSN: 2434-561X; CN 11-2746/G2", want: "2434-561X"},
		{in: "1001-8868", kind: ErrCheckDigit},
		{in: "2434-5610", kind: ErrCheckDigit},
		{in: "1001-886", kind: ErrLength},
		{in: "1001-88677", kind: ErrLength},
		{in: "1001-88A7", kind: ErrChar},
		{in: "10X1-8867", kind: ErrChar},
		{in: "", kind: ErrEmpty},
	}
	for _, tt := range tests {
		n, err := ParseISSN(tt.in)
		if tt.kind != nil {
			if !errors.Is(err, tt.kind) {
				t.Errorf("ParseISSN(%q) = %v, %v, want kind %v", tt.in, n, err, tt.kind)
			}
			continue
		}
		if err != nil || n.String() != tt.want {
			t.Errorf("ParseISSN(%q) = %v, %v, want %s", tt.in, n, err, tt.want)
		}
		if len(n.Compact()) != 8 {
			t.Errorf("ParseISSN(%q).Compact() = %q", tt.in, n.Compact())
		}
	}
	_, err := ParseISSN("1001-8868")
	var e *Error
	if !errors.As(err, &e) || e.Got != '8' || e.Want != '7' {
		t.Errorf("ParseISSN(1001-8868) = %v, want got 8 want 7", err)
	}
	var zero ISSN
	if !zero.IsZero() || zero.String() != "" {
		t.Errorf("zero ISSN: %v %q", zero.IsZero(), zero.String())
	}
}
