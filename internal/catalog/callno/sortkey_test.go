package callno

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// shelf is a list of call numbers in shelf order. Each must file strictly
// after the one before it.
var shelf = []string{
	// class only, then its call numbers; - before digits
	"B", "B-4/1", "B-49/2", "B0/1", "B0-0/1", "B1/1",
	"F-1/1", "F0/1",
	"H319-43/2", "H319:A312/1", "H319:TB312/1", "H319:X256-42/1",
	"H319.4/1", "H319.4:I/1", "H319.4:I234/1",
	"I247/5", "I247.5/2", "I247.5/12", "I247.5/12(2)", "I247.5/12:1", "I247.5/12:2",
	"I247.5/12:2(3)", "I247.5/12:10", "I247.5/120", "I247.5/999",
	"I247.5/A001", "I247.5/A001A", "I247.5/A0011", "I247.5/A002", "I247.5/B010", "I247.5/Z256",
	"I247.57/3", "I248/1",
	"J333/G251", "J333(512)/G251",
	"K20-42", "K20-42/15",
	"K825.6/L", "K825.6/L4", "K825.6/W4", "K825.6/W415", "K825.6/W42", "K825.6/WA1",
	"K835.617/W365", "K835.617=43/S894",
	"O13-43/S623", "O13-43/S623(2)", "O13-43/S623-2(1)", "O13-43/S623-2(2)",
	"R711/1", "R711-62/1", "R711(711)/1", "R711(711)=535/1", "R711=6/1", "R711<326>/1",
	"R711:R83/1", "R711+R173/1", "R711.1/1",
	"T-0/1", "T1/1", "TB1/1", "TP3/1", "TP3-05/1", "TP30/1", "TP311/5", "TP311.1/1", "TP311.13/2", "TP312/1",
	"Z88:C/1", "Z89:B/1",
	// collections after the main sequence, each in class order
	"En/I561.4/H272t", "En/I561.4/H272tv.2", "En/I712.45/1",
	"R/A1/1", "R/I247.5/12",
	"参/I247.5/12",
	// strings that are not call numbers last
	"247.5/12", "I247.5/12 x",
}

func TestShelfOrder(t *testing.T) {
	if len(shelf) < 30 {
		t.Fatalf("only %d cases", len(shelf))
	}
	for i := 1; i < len(shelf); i++ {
		a, b := SortKey(shelf[i-1]), SortKey(shelf[i])
		if a >= b {
			t.Errorf("%q (%q) does not file before %q (%q)", shelf[i-1], a, shelf[i], b)
		}
		if Compare(shelf[i-1], shelf[i]) != -1 || Compare(shelf[i], shelf[i-1]) != 1 {
			t.Errorf("Compare(%q, %q) is not -1 both ways round", shelf[i-1], shelf[i])
		}
	}
}

func TestSortShuffled(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 20; round++ {
		list := slices.Clone(shelf)
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		slices.SortFunc(list, Compare)
		if !slices.Equal(list, shelf) {
			t.Fatalf("round %d: sorted shuffled list\n%s\nwant\n%s", round, strings.Join(list, " "), strings.Join(shelf, " "))
		}
	}
}

// The example the brief requires, and equal keys for equal call numbers.
func TestSortKeyEquivalents(t *testing.T) {
	if !(SortKey("I247.5/12") < SortKey("I247.5/120") && SortKey("I247.5/120") < SortKey("I247.57/3")) {
		t.Error("I247.5/12 < I247.5/120 < I247.57/3 does not hold")
	}
	same := [][]string{
		{"I247.5/12:2", "I247.5/12-2", "I247.5/12 v.2", "Ｉ２４７．５／１２：２", "i247.5/012:02"},
		{"TP311/5(2)", "TP311/5 c.2", "TP311/5（２）"},
		{"I561.4/H272t", "I561.4/h272T"},
		{"En/I561.4/H272t", "EN/I561.4/H272t"},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if SortKey(s) != SortKey(group[0]) || Compare(s, group[0]) != 0 {
				t.Errorf("SortKey(%q) = %q, want that of %q = %q", s, SortKey(s), group[0], SortKey(group[0]))
			}
		}
	}
}

func TestSortKeyBytes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"I247.5/12", "0!I2475!1212!!"},
		{"I247.5/12:2(3)", "0!I2475!1212!12!13"},
		{"K825.6=76/W415", "0!K8256&76!2W415\"!!"},
		{"I561.4/H272t", "0!I5614!2H272\"T!!"},
		{"K20-42", "0!K20#42!!!"},
		{"En/I561.4/1", "0EN!I5614!111!!"},
		{"not/a/call/number", "1not/a/call/number"},
	}
	for _, tt := range tests {
		if got := SortKey(tt.in); got != tt.want {
			t.Errorf("SortKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// A CallNumber built by hand with a bad class files with the invalid ones.
	if k := (CallNumber{Class: "i2x"}).SortKey(); k[0] != keyInvalid {
		t.Errorf("SortKey of a bad class = %q", k)
	}
}
