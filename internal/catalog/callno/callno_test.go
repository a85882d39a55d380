package callno

import (
	"errors"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/catalog/clc"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want CallNumber
		str  string // canonical form
	}{
		{"I247.5/12", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}}, "I247.5/12"},
		{"TP311.13/L123", CallNumber{Class: "TP311.13", Book: BookNumber{Author: "L123"}}, "TP311.13/L123"},
		{"D920.4/3", CallNumber{Class: "D920.4", Book: BookNumber{Seq: 3}}, "D920.4/3"},
		{"K825.6=76/W415", CallNumber{Class: "K825.6=76", Book: BookNumber{Author: "W415"}}, "K825.6=76/W415"},
		{"O13-44/7", CallNumber{Class: "O13-44", Book: BookNumber{Seq: 7}}, "O13-44/7"},
		{"TP3-05/1", CallNumber{Class: "TP3-05", Book: BookNumber{Seq: 1}}, "TP3-05/1"},
		{"H319.4:I/25", CallNumber{Class: "H319.4:I", Book: BookNumber{Seq: 25}}, "H319.4:I/25"},
		{"I247.5/12:2", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}, Volume: 2}, "I247.5/12:2"},
		{"I247.5/12-2", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}, Volume: 2}, "I247.5/12:2"},
		{"I247.5/12 v.3", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}, Volume: 3}, "I247.5/12:3"},
		{"I247.5/12 V. 3", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}, Volume: 3}, "I247.5/12:3"},
		{"I247.5/12v.3", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}, Volume: 3}, "I247.5/12:3"},
		{"TP311/5(2)", CallNumber{Class: "TP311", Book: BookNumber{Seq: 5}, Copy: 2}, "TP311/5(2)"},
		{"TP311/5 c.2", CallNumber{Class: "TP311", Book: BookNumber{Seq: 5}, Copy: 2}, "TP311/5(2)"},
		{"I247.5/12:2(3)", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}, Volume: 2, Copy: 3}, "I247.5/12:2(3)"},
		{"I247.5/12 v.2 c.3", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}, Volume: 2, Copy: 3}, "I247.5/12:2(3)"},
		{"I561.4/H272t", CallNumber{Class: "I561.4", Book: BookNumber{Author: "H272", Mark: "t"}}, "I561.4/H272t"},
		{"I561.4/H272tv.2", CallNumber{Class: "I561.4", Book: BookNumber{Author: "H272", Mark: "t"}, Volume: 2}, "I561.4/H272t:2"},
		{"I561.4/H272v.2", CallNumber{Class: "I561.4", Book: BookNumber{Author: "H272"}, Volume: 2}, "I561.4/H272:2"},
		{"En/I561.4/H272t", CallNumber{Prefix: "En", Class: "I561.4", Book: BookNumber{Author: "H272", Mark: "t"}}, "En/I561.4/H272t"},
		{"参/I247.5/12", CallNumber{Prefix: "参", Class: "I247.5", Book: BookNumber{Seq: 12}}, "参/I247.5/12"},
		{"R/I247.5/12", CallNumber{Prefix: "R", Class: "I247.5", Book: BookNumber{Seq: 12}}, "R/I247.5/12"},
		{"R/12", CallNumber{Class: "R", Book: BookNumber{Seq: 12}}, "R/12"},
		{"K20-42", CallNumber{Class: "K20-42"}, "K20-42"},
		{"h360.41-42/l338:1", CallNumber{Class: "H360.41-42", Book: BookNumber{Author: "L338"}, Volume: 1}, "H360.41-42/L338:1"},
		{"K827/Z763A", CallNumber{Class: "K827", Book: BookNumber{Author: "Z763", Mark: "A"}}, "K827/Z763A"},
		{"Z228/WXB", CallNumber{Class: "Z228", Book: BookNumber{Author: "WXB"}}, "Z228/WXB"},
		{" I247.5 / 0012 ", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}}, "I247.5/12"},
		{"Ｉ２４７．５／１２：２", CallNumber{Class: "I247.5", Book: BookNumber{Seq: 12}, Volume: 2}, "I247.5/12:2"},
		{"R711〈326〉/5（2）", CallNumber{Class: "R711<326>", Book: BookNumber{Seq: 5}, Copy: 2}, "R711<326>/5(2)"},
		{"TP3111/4", CallNumber{Class: "TP3111", Book: BookNumber{Seq: 4}}, "TP3111/4"}, // old record, dots not checked
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.str {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, s, tt.str)
		}
		// The canonical form parses to the same call number.
		again, err := Parse(got.String())
		if err != nil || again != got {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", got.String(), again, err, got)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", "empty"},
		{"   ", "empty"},
		{"/12", "part 1 of 2 is empty"},
		{"I247.5/", "part 2 of 2 is empty"},
		{"I247.5//12", "part 2 of 3 is empty"},
		{"A/B1/1/2", "4 parts"},
		{"I2x/1", "class number: invalid class number"},
		{"247.5/12", "want a capital letter"},
		{"I247.5/12:0", `volume "0": must be at least 1`},
		{"I247.5/0", `sequence number "0": must be at least 1`},
		{"I247.5/12:", "want digits"},
		{"I247.5/12 x", `unexpected "x" after book number "12"`},
		{"I247.5/12A", `unexpected "A"`},
		{"I247.5/-12", `starts with '-'`},
		{"I247.5/12:2:3", `second volume ":3"`},
		{"I247.5/12(2)(3)", `second copy "(3)"`},
		{"I247.5/12(2", `missing ")"`},
		{"I247.5/1234567890", "more than nine digits"},
		{"参考 书/I247.5/1", `collection prefix "参考 书": unexpected ' '`},
		{"R-1/I247.5/1", `unexpected '-'`},
		{"ABCDEFGHIJKLMNOPQ/I247.5/1", "longer than 16"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Parse(%q) = %v, want ErrSyntax containing %q", tt.in, err, tt.msg)
		}
	}
	_, err := Parse("I2x/1")
	var se *clc.SyntaxError
	if !errors.As(err, &se) || se.Pos != 3 {
		t.Errorf("Parse(I2x/1) = %v, want a *clc.SyntaxError at position 3", err)
	}
	if want := `invalid call number "I247.5/12:0": volume "0": must be at least 1`; func() string {
		_, err := Parse("I247.5/12:0")
		return err.Error()
	}() != want {
		t.Errorf("message differs from %s", want)
	}
}
