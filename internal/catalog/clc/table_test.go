package clc

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

const realTable = "/work/shared/testdata/clc/clc_flat.tsv"

func readReal(t *testing.T) ([]Class, []Note) {
	t.Helper()
	f, err := os.Open(realTable)
	if err != nil {
		t.Fatalf("open the real CLC table: %v", err)
	}
	defer f.Close()
	classes, notes, err := ReadAll(f)
	if err != nil {
		t.Fatalf("ReadAll(%s): %v", realTable, err)
	}
	return classes, notes
}

func TestReadAllRealFile(t *testing.T) {
	classes, notes := readReal(t)
	// 45,835 rows, less 42 repeated rows and 8 moved ones.
	if len(classes) != 45785 {
		t.Errorf("got %d classes, want 45785", len(classes))
	}
	var repeats, moves int
	for _, n := range notes {
		switch {
		case strings.Contains(n.Msg, "skipped"):
			repeats++
		case strings.Contains(n.Msg, "moves"):
			moves++
		}
	}
	if repeats != 42 || moves != 8 || len(notes) != 50 {
		t.Errorf("notes: %d repeats, %d moves, %d in all; want 42, 8, 50", repeats, moves, len(notes))
	}

	pos := make(map[string]int)
	byCode := make(map[string]Class)
	status := make(map[Status]int)
	var ranges, level1 int
	for i, c := range classes {
		if _, dup := pos[c.Code]; dup {
			t.Errorf("code %q twice", c.Code)
		}
		pos[c.Code] = i
		byCode[c.Code] = c
		status[c.Status]++
		if c.Range {
			ranges++
		}
		if c.Level == 1 {
			level1++
		}
		if c.Parent != "" {
			p, ok := byCode[c.Parent]
			if !ok {
				t.Errorf("%q (line %d) comes before its parent %q", c.Code, c.Line, c.Parent)
			} else if p.Level != c.Level-1 {
				t.Errorf("%q level %d under %q level %d", c.Code, c.Level, p.Code, p.Level)
			}
		}
	}
	if level1 != 22 || ranges != 151 || status[Alternative] != 1110 || status[Discontinued] != 260 {
		t.Errorf("level 1: %d, ranges: %d, alternative: %d, discontinued: %d; want 22, 151, 1110, 260",
			level1, ranges, status[Alternative], status[Discontinued])
	}
	for code, parent := range map[string]string{
		"Q914.87": "Q914.86", "Q914.88": "Q914.86", "S727.1": "S727", "S727.9": "S727",
		"S727.13": "S727.1", "[S727.15]": "S727.1", "TP311.1": "TP311", "TP": "T", "DF": "D",
	} {
		if got := byCode[code].Parent; got != parent {
			t.Errorf("parent of %q = %q, want %q", code, got, parent)
		}
	}
	if c := byCode["S727.1"]; c.Line != 23424 || c.Replaces != 23377 {
		t.Errorf("S727.1: line %d replaces %d, want 23424 replaces 23377", c.Line, c.Replaces)
	}
	order := []string{"Q914.85", "Q914.86", "Q914.87", "Q914.88", "Q914.9"}
	for i := 1; i < len(order); i++ {
		if pos[order[i]] != pos[order[i-1]]+1 {
			t.Errorf("%q is not right after %q", order[i], order[i-1])
		}
	}
	if !(pos["S727/728"] < pos["S727"] && pos["S727"] < pos["S727.1"] && pos["S727.1"] < pos["S727.13"]) {
		t.Error("S727/728, S727, S727.1, S727.13 out of order")
	}
	if c := byCode["[D664.1/.7]"]; c.Status != Alternative || !c.Range || c.Bare() != "D664.1/.7" {
		t.Errorf("[D664.1/.7] = %+v", c)
	}
	if c := byCode["{B916}"]; c.Status != Discontinued || c.Bare() != "B916" || c.Status.String() != "discontinued" {
		t.Errorf("{B916} = %+v", c)
	}
	if c := byCode["I"]; c.Caption != "文学" || c.Level != 1 {
		t.Errorf("I = %+v", c)
	}
}

// MainClass agrees with the table: it is the code of the level-1 ancestor.
func TestMainClassRealFile(t *testing.T) {
	classes, _ := readReal(t)
	byCode := make(map[string]Class, len(classes))
	for _, c := range classes {
		byCode[c.Code] = c
	}
	for _, c := range classes {
		root := c
		for root.Parent != "" {
			root = byCode[root.Parent]
		}
		if got := MainClass(c.Code); got != root.Code {
			t.Errorf("MainClass(%q) = %q, want %q", c.Code, got, root.Code)
		}
	}
}

// The schedule lists siblings in filing order, so FilingKey must rise along
// each run of siblings, except at 13 places where the schedule itself
// departs from the filing rule (a "+" class listed after its "0" or ".x"
// neighbours, and Q949.747.3 listed before Q949.747.2).
func TestFilingKeyRealFile(t *testing.T) {
	classes, _ := readReal(t)
	exceptions := map[string]bool{
		"{P285+.5}": true, "{Q343+.4}": true, "Q949.747.2": true, "R339.3+5": true,
		"TJ43+1": true, "TJ45+1": true, "TJ51+1": true, "TJ53+1": true, "TJ61+1": true,
		"TJ63+1": true, "TJ65+1": true, "{TK474+.9}": true, "TU196+.3": true,
	}
	last := make(map[string]string) // parent → key of the previous sibling
	pairs, found := 0, 0
	for _, c := range classes {
		if c.Range {
			continue
		}
		k, err := FilingKey(c.Bare())
		if err != nil {
			t.Fatalf("FilingKey(%q): %v", c.Bare(), err)
		}
		if prev, ok := last[c.Parent]; ok {
			pairs++
			if k <= prev {
				if exceptions[c.Code] {
					found++
				} else {
					t.Errorf("%q (line %d) files before its preceding sibling", c.Code, c.Line)
				}
			}
		}
		last[c.Parent] = k
	}
	if found != len(exceptions) || pairs < 36000 {
		t.Errorf("%d sibling pairs, %d known exceptions met; want ≥ 36000 and %d", pairs, found, len(exceptions))
	}
}

func TestReaderStreaming(t *testing.T) {
	f, err := os.Open(realTable)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f)
	var n, replaces int
	for {
		c, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if c.Replaces != 0 {
			replaces++
		}
	}
	if n != 45793 || replaces != 8 {
		t.Errorf("Next returned %d rows, %d replacing; want 45793, 8", n, replaces)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after the end = %v, want io.EOF", err)
	}
}

func TestReaderErrors(t *testing.T) {
	const head = Header + "\n"
	const base = head + "A\t马克思主义\t1\t\nA1\t著作\t2\tA\n"
	tests := []struct {
		name  string
		input string
		line  int
		kind  error
		msg   string
	}{
		{"empty input", "", 1, ErrHeader, "empty input"},
		{"bad header", "code\tname\tlevel\tparent\n", 1, ErrHeader, `got "code\tname\tlevel\tparent"`},
		{"three fields", base + "A2\t列宁著作\t2\n", 4, ErrFields, "got 3, want 4"},
		{"empty caption", base + "A2\t \t2\tA\n", 4, ErrCaption, "empty caption"},
		{"level zero", base + "A2\t列宁著作\t0\tA\n", 4, ErrLevel, `"0" is not a positive integer`},
		{"level sign", base + "A2\t列宁著作\t+2\tA\n", 4, ErrLevel, "positive integer"},
		{"level text", base + "A2\t列宁著作\ttwo\tA\n", 4, ErrLevel, "positive integer"},
		{"level leading zero", base + "A2\t列宁著作\t02\tA\n", 4, ErrLevel, "positive integer"},
		{"level 1 with parent", base + "B\t哲学\t1\tA\n", 4, ErrParent, "level-1 class has no parent"},
		{"no parent", base + "A2\t列宁著作\t2\t\n", 4, ErrParent, "missing for a level-2 class"},
		{"parent later", base + "A21\t选集\t3\tA2\nA2\t列宁著作\t2\tA\n", 4, ErrParent, `"A2" is not defined on an earlier line`},
		{"level skips", base + "A11\t选集\t4\tA1\n", 4, ErrLevel, `level 4 under parent "A1" of level 2 (line 3)`},
		{"duplicate", base + "A1\t列宁著作\t2\tA\n", 4, ErrDuplicate, `already defined on line 3 as "著作", level 2`},
		{"own parent", base + "A2\t列宁著作\t2\tA2\n", 4, ErrParent, "not defined on an earlier line"},
		{"bad code", base + "a2\t列宁著作\t2\tA\n", 4, ErrSyntax, "lower-case letter"},
		{"bad dots", base + "A2111\t列宁著作\t2\tA\n", 4, ErrSyntax, "a dot goes after every third digit"},
		{"bad span", base + "A2/x\t列宁著作\t2\tA\n", 4, ErrSyntax, `end of span "x"`},
		{"unclosed bracket", base + "[A2\t列宁著作\t2\tA\n", 4, ErrSyntax, `unexpected '['`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadAll(strings.NewReader(tt.input))
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("ReadAll = %v, want a *LineError", err)
			}
			if le.Line != tt.line || !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("ReadAll = %v; want line %d, kind %v, containing %q", err, tt.line, tt.kind, tt.msg)
			}
		})
	}
	_, _, err := ReadAll(strings.NewReader(base + "A2\t列宁著作\t0\tA\n"))
	if want := `clc table: line 4: code "A2": bad level: "0" is not a positive integer`; err == nil || err.Error() != want {
		t.Errorf("message = %v, want %s", err, want)
	}
}

func TestReaderFormats(t *testing.T) {
	// BOM, CRLF, blank lines, spans of each form, brackets and a moved class.
	input := "\ufeff" + Header + "\r\n" +
		"S\t农业科学\t1\t\r\n" +
		"\r\n" +
		"S7\t林业\t2\tS\r\n" +
		"S72\t造林\t3\tS7\r\n" +
		"S727/728\t各林种造林\t4\tS72\r\n" +
		"S727.1\t用材林\t5\tS727/728\r\n" +
		"S727\t各林种造林\t4\tS72\r\n" +
		"S727.1\t用材林\t5\tS727\r\n" +
		"S727.1\t用材林\t5\tS727\r\n" +
		"[S727.15]\t竹林\t6\tS727.1\r\n" +
		"{S727.16}\t竹林\t6\tS727.1\r\n" +
		"S729.1/.7\t各地\t4\tS72\r\n" +
		"S72-01/-09\t各种\t4\tS72\r\n" +
		"S72+1/S72+9\t各类\t4\tS72\r\n"
	r := NewReader(strings.NewReader(input))
	var got []string
	for {
		c, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.Code)
	}
	want := "S S7 S72 S727/728 S727.1 S727 S727.1 [S727.15] {S727.16} S729.1/.7 S72-01/-09 S72+1/S72+9"
	if strings.Join(got, " ") != want {
		t.Errorf("codes = %s\nwant    %s", strings.Join(got, " "), want)
	}
	if len(r.Notes()) != 2 || r.Notes()[1].String() != `line 10: code "S727.1": repeats line 9; skipped` {
		t.Errorf("notes = %v", r.Notes())
	}

	classes, _, err := ReadAll(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, c := range classes {
		got = append(got, c.Code)
	}
	want = "S S7 S72 S727/728 S727 S727.1 [S727.15] {S727.16} S729.1/.7 S72-01/-09 S72+1/S72+9"
	if strings.Join(got, " ") != want {
		t.Errorf("ReadAll codes = %s\nwant            %s", strings.Join(got, " "), want)
	}
}

// After a row error the Reader goes on with the next line.
func TestReaderContinues(t *testing.T) {
	input := Header + "\nA\t甲\t1\t\nA1\t乙\tx\tA\nA2\t丙\t2\tA\n"
	r := NewReader(strings.NewReader(input))
	var codes []string
	var errs int
	for {
		c, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs++
			continue
		}
		codes = append(codes, c.Code)
	}
	if errs != 1 || strings.Join(codes, " ") != "A A2" {
		t.Errorf("errors %d, codes %v; want 1 error and A A2", errs, codes)
	}
}
