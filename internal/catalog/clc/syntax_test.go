package clc

import (
	"errors"
	"strings"
	"testing"
)

func TestValidClassSyntax(t *testing.T) {
	valid := []string{
		"A", "TB", "I247.5", "TP311.13", "D920.4", "K825.6=76", "O13-44",
		"TP3-05", "I712.45", "H319.4:I", "B-4", "T-0", "DF0", "A221.1",
		"Q969.556.5", "B81-093.51", "R711(711)=535", "R711<326>", "R711:R83",
		"R711+R173", `K28"214"`, "H319:D312-42", "Z88:C", "O156.2+1",
		"O317+.1", "Q969.48+4.5", "TJ011.+1", "U653.922.+1", "F279.3:1",
	}
	for _, code := range valid {
		if err := ValidClassSyntax(code); err != nil {
			t.Errorf("ValidClassSyntax(%q) = %v, want nil", code, err)
		}
	}
}

func TestValidClassSyntaxErrors(t *testing.T) {
	tests := []struct {
		code string
		pos  int
		msg  string // part of the message
	}{
		{"", 1, "empty"},
		{"tp311", 1, "lower-case letter 't'"},
		{"TP311.1x", 8, "lower-case letter 'x'"},
		{"TPP311", 3, "one or two letters"},
		{"247.5", 1, "want a capital letter"},
		{"I2475", 2, `digits "2475": a dot goes after every third digit`},
		{"I24.75", 2, `digits "24"`},
		{"TP311.1313", 7, `digits "1313"`},
		{"I247.", 5, "a dot must stand between digits"},
		{"I247..5", 5, "a dot must stand between digits"},
		{"I247.5-", 8, "ends too early: want a digit"},
		{"R711(711", 9, `ends too early: want a digit or the closing ')'`},
		{"R711(711>", 9, `unexpected '>'`},
		{"R711()", 6, `unexpected ')': want a digit`},
		{"K825.6=", 8, "want a digit"},
		{"H319:", 6, "want a class number or digits"},
		{"O317+", 6, "want a class number or digits"},
		{"O317+.", 6, "want a class number or digits"},
		{"TP311 13", 6, `unexpected ' '`},
		{"ＴＰ311", 1, "full-width forms must be normalised"},
		{"I247.5/12", 7, `unexpected '/'`},
		{"[I247.5]", 1, `unexpected '['`},
		{"S727/728", 5, `unexpected '/'`},
		{"I247.5#", 7, `unexpected '#'`},
		{"I.5", 2, "a dot must stand between digits"},
	}
	for _, tt := range tests {
		err := ValidClassSyntax(tt.code)
		var se *SyntaxError
		if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
			t.Errorf("ValidClassSyntax(%q) = %v, want a *SyntaxError", tt.code, err)
			continue
		}
		if se.Pos != tt.pos || !strings.Contains(se.Msg, tt.msg) {
			t.Errorf("ValidClassSyntax(%q) = %v, want position %d and %q", tt.code, err, tt.pos, tt.msg)
		}
	}
	err := ValidClassSyntax("I2475")
	if want := `invalid class number "I2475": position 2: digits "2475": a dot goes after every third digit`; err == nil || err.Error() != want {
		t.Errorf("message = %v, want %s", err, want)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ｔｐ３１１．１３", "TP311.13"},
		{" I 247.5 ", "I247.5"},
		{"H319.4：I", "H319.4:I"},
		{"R711〈326〉", "R711<326>"},
		{"R711＜326＞", "R711<326>"},
		{"K28“214”", `K28"214"`},
		{"O13－44", "O13-44"},
		{"O13\u201344", "O13-44"},
		{"k825.6＝76", "K825.6=76"},
		{"R711（711）", "R711(711)"},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		if got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if err := ValidClassSyntax(got); err != nil {
			t.Errorf("ValidClassSyntax(Normalize(%q)): %v", tt.in, err)
		}
	}
}

func TestMainClass(t *testing.T) {
	tests := []struct{ in, want string }{
		{"TP311.13", "T"}, {"T", "T"}, {"DF0", "D"}, {"I247.5", "I"},
		{"[I247.5]", "I"}, {"{B916}", "B"}, {"tp3", "T"}, {"ＺＡ", "Z"},
		{"", ""}, {"247", ""}, {"-05", ""}, {"参", ""},
	}
	for _, tt := range tests {
		if got := MainClass(tt.in); got != tt.want {
			t.Errorf("MainClass(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Each list is in filing order; every key must be greater than the one
// before. Sources: the CLC 5th edition manual's example (R711…), the test
// cases of the dp2 library system (DigitalPlatform/dp2, TestAccessNoUtility)
// and the decimal rule.
func TestFilingKeyOrder(t *testing.T) {
	lists := [][]string{
		{"R711", "R711-62", "R711(711)", "R711(711)=535", "R711=6", "R711<326>", "R711:R83", "R711+R173", "R711.1"},
		{"I247", "I247.5", "I247.57", "I248"},
		{"TP3", "TP3-05", "TP3-43", "TP3-61", "TP30", "TP301", "TP301.1", "TP311", "TP32"},
		{"B", "B-4", "B-43", "B-49", "B-53", "B-61", "B0", "B0-0", "B0-53", "B1", "B3"},
		{"F-1", "F-43", "F0"},
		{"B021", "B022", "B022.2", "C532", "C54", "D035.37", "D035.4", "TM101", "TM90"},
		{"T", "T-0", "T1", "TB", "TB1", "TP", "TP1", "U"},
		{"Z88:C", "Z88:F", "Z89:B", "Z89:H", "Z89:K", "Z89:T"},
		{"H319-43", "H319:A312", "H319:D312-42", "H319:T311", "H319:TB312", "H319:TP311", "H319:X256", "H319:X256-42", "H319:Z256"},
		{"H319.4", "H319.4-43", "H319.4:I", "H319.4:I234", "H319.4:I247.5"},
		{"R711(71)", "R711(711)", "R711(711)=535", "R711(712)"},
		{`K28"214"`, "K28=6", "K28<326>"},
		{"K825.6", "K825.6=7", "K825.6=76", "K825.6=8", "K825.61"},
		{"O317", "O317+.1", "O317+.2", "O317.1"},
		{"Q969.48+3.9", "Q969.48+4", "Q969.48+4.1", "Q969.48+4.5"},
		{"DF0", "DF1", "E"},
	}
	for _, list := range lists {
		prev := ""
		for i, code := range list {
			k, err := FilingKey(code)
			if err != nil {
				t.Fatalf("FilingKey(%q): %v", code, err)
			}
			if i > 0 && k <= prev {
				t.Errorf("FilingKey(%q) = %q does not file after %q (%q)", code, k, list[i-1], prev)
			}
			prev = k
		}
	}
}

func TestFilingKeyBytes(t *testing.T) {
	// Dots do not file, and FilingKey does not check where they are.
	for _, pair := range [][2]string{{"TP311.1", "TP3111"}, {"I247.5", "I2475"}} {
		a, err1 := FilingKey(pair[0])
		b, err2 := FilingKey(pair[1])
		if err1 != nil || err2 != nil || a != b {
			t.Errorf("FilingKey(%q) = %q, %v; FilingKey(%q) = %q, %v; want equal", pair[0], a, err1, pair[1], b, err2)
		}
	}
	k, err := FilingKey(`R711(711)"1"=535<3>:R83+R173-05`)
	if err != nil {
		t.Fatal(err)
	}
	if want := `R711$711"%1"&535'3"(R83)R173#05`; k != want {
		t.Errorf("key = %q, want %q", k, want)
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '"' || k[i] > 'Z' {
			t.Errorf("key byte %q out of range", k[i])
		}
	}
	if _, err := FilingKey("tp311"); !errors.Is(err, ErrSyntax) {
		t.Errorf("FilingKey(tp311) = %v, want ErrSyntax", err)
	}
}
