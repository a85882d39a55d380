package labels

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseSpine(t *testing.T) {
	tests := []struct {
		in   string
		want SpineLabel
	}{
		{"I247.5/12", SpineLabel{Class: "I247.5", Book: "12"}},
		{"参/I247.5/12:2(3)", SpineLabel{Collection: "参", Class: "I247.5", Book: "12", Volume: "v.2", Copy: "c.3"}},
		{"TP311.138-43/L123", SpineLabel{Class: "TP311.138-43", Book: "L123"}},
		{"i561.4 / h272t v.2", SpineLabel{Class: "I561.4", Book: "H272t", Volume: "v.2"}},
		{"TP311/5(2)", SpineLabel{Class: "TP311", Book: "5", Copy: "c.2"}},
		{"K20-42", SpineLabel{Class: "K20-42"}},
	}
	for _, tt := range tests {
		got, err := ParseSpine(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSpine(%q) = %+v, %v, want %+v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseSpine("I247.5/12/3/4"); err == nil || !strings.Contains(err.Error(), "I247.5/12/3/4") {
		t.Errorf("bad call number: err = %v", err)
	}
}

func TestSpineLines(t *testing.T) {
	l := SpineLabel{Collection: " 参 ", Class: "I247.5", Book: "12", Volume: "v.2", Copy: "c.3"}
	if got, want := l.Lines(), []string{"参", "I247.5", "12", "v.2 c.3"}; !slices.Equal(got, want) {
		t.Errorf("Lines() = %q, want %q", got, want)
	}
	l = SpineLabel{Class: "I247.5\n", Copy: "c.3"}
	if got, want := l.Lines(), []string{"I247.5", "c.3"}; !slices.Equal(got, want) {
		t.Errorf("Lines() = %q, want %q", got, want)
	}
}

// sampleSpines are call numbers of several shapes: with a collection, a
// volume and copy, a long class number, a class on its own.
var sampleSpines = []string{
	"参/I247.5/12:2(3)", "TP311.138-43/L123", "I561.4/H272t", "K20-42",
	"En/I561.4/H272t:12(3)", "O13/4", "D823/1234567", "少儿/I287.5/356",
}

// Every preset prints the lines of every call number as text, on the
// expected number of pages.
func TestSpineText(t *testing.T) {
	needFont(t)
	var labels []SpineLabel
	for _, s := range sampleSpines {
		l, err := ParseSpine(s)
		if err != nil {
			t.Fatal(err)
		}
		labels = append(labels, l)
	}
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			sheet, _ := Preset(name)
			skip := min(3, sheet.PerPage()-1)
			var buf bytes.Buffer
			if err := Spine(&buf, sheet, labels, Options{Skip: skip, Borders: true}); err != nil {
				t.Fatal(err)
			}
			checkPDF(t, buf.Bytes(), (skip+len(labels)+sheet.PerPage()-1)/sheet.PerPage())
			text, ok := pdfText(t, buf.Bytes())
			if !ok {
				return
			}
			words := strings.Fields(text)
			for _, l := range labels {
				for _, line := range l.Lines() {
					// pdftotext may join lines of neighbouring labels, never split one.
					for _, w := range strings.Fields(line) {
						if !slices.Contains(words, w) {
							t.Errorf("text has no %q (line %q):\n%s", w, line, text)
						}
					}
				}
			}
		})
	}
}

// The page count follows the label count and the skipped positions.
func TestSpinePages(t *testing.T) {
	needFont(t)
	tests := []struct {
		sheet     string
		n, skip   int
		wantPages int
	}{
		{"a4-5x13", 1, 0, 1},
		{"a4-5x13", 65, 0, 1},
		{"a4-5x13", 66, 0, 2},
		{"a4-5x13", 65, 1, 2},
		{"a4-5x13", 1, 64, 1},
		{"a4-5x13", 2, 64, 2},
		{"a4-5x13", 200, 10, 4},
		{"a4-4x10", 40, 0, 1},
		{"a4-3x8", 25, 23, 2},
		{"roll-50x30", 3, 0, 3},
	}
	for _, tt := range tests {
		sheet, _ := Preset(tt.sheet)
		labels := make([]SpineLabel, tt.n)
		for i := range labels {
			labels[i] = SpineLabel{Class: "I247.5", Book: "12"}
		}
		var buf bytes.Buffer
		if err := Spine(&buf, sheet, labels, Options{Skip: tt.skip}); err != nil {
			t.Fatalf("%s, %d labels from %d: %v", tt.sheet, tt.n, tt.skip, err)
		}
		t.Run(tt.sheet, func(t *testing.T) { checkPDF(t, buf.Bytes(), tt.wantPages) })
	}
}

// A line too wide for the label shrinks; the lines stay centred on it.
func TestSpineShrinks(t *testing.T) {
	needFont(t)
	d, err := newDocument(presets["a4-5x13"], Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	innerW := d.sheet.LabelWidth - 2*d.opts.Padding
	size, ok := d.fitSize("TP311.138-43/L123", innerW, d.opts.MaxFontSize, d.opts.MinFontSize)
	if !ok || size >= d.opts.MaxFontSize {
		t.Fatalf("fitSize = %g, %v: want a smaller size", size, ok)
	}
	if w := d.width("TP311.138-43/L123", size); w > innerW {
		t.Errorf("at %g pt the line is %.2f mm, label %.2f mm", size, w, innerW)
	}
	if got := d.truncate("红楼梦：脂砚斋重评石头记", 20, 10); !strings.HasSuffix(got, "…") || d.width(got, 10) > 20 || len([]rune(got)) < 3 {
		t.Errorf("truncate = %q (%.1f mm)", got, d.width(got, 10))
	}
	if got := d.truncate("三体", 20, 10); got != "三体" {
		t.Errorf("truncate(三体) = %q", got)
	}
	if got := d.truncate("三体", 0.5, 10); got != "" {
		t.Errorf("truncate to 0.5 mm = %q, want empty", got)
	}
}

func TestSpineErrors(t *testing.T) {
	needFont(t)
	sheet := presets["a4-5x13"]
	good := SpineLabel{Class: "I247.5", Book: "12"}
	tests := []struct {
		name   string
		sheet  Sheet
		labels []SpineLabel
		opts   Options
		index  int
		want   []string
	}{
		{"no class", sheet, []SpineLabel{good, {Book: "12"}}, Options{}, 1, []string{"label 1", "no class number"}},
		{"too wide", sheet, []SpineLabel{good, good, {Class: "TP311.138-43+TP311.138-43+TP311.138-43"}}, Options{}, 2,
			[]string{"label 2", `"TP311.138-43+TP311.138-43+TP311.138-43"`, "mm wide at 6 pt"}},
		{"too many lines", sheet, []SpineLabel{{Collection: "参", Class: "I247.5", Book: "12", Volume: "v.2"}}, Options{MinFontSize: 12}, 0,
			[]string{"label 0", "4 lines", "at 12 pt"}},
		{"no labels", sheet, nil, Options{}, -1, []string{"no labels"}},
		{"skip", sheet, []SpineLabel{good}, Options{Skip: 65}, -1, []string{"skip 65", "0 to 64"}},
		{"negative skip", sheet, []SpineLabel{good}, Options{Skip: -1}, -1, []string{"skip -1"}},
		{"font sizes", sheet, []SpineLabel{good}, Options{MinFontSize: 10, MaxFontSize: 8}, -1, []string{"font sizes 10 to 8"}},
		{"padding", sheet, []SpineLabel{good}, Options{Padding: 11}, -1, []string{"padding 11 mm"}},
		{"columns", Sheet{Name: "bad", PageWidth: 210, PageHeight: 297, Columns: 6, Rows: 13, LabelWidth: 38.1, LabelHeight: 21.2, GapX: 2.5}, []SpineLabel{good}, Options{}, -1,
			[]string{"sheet bad", "6 columns", "241.10 mm", "210 mm wide"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Spine(&buf, tt.sheet, tt.labels, tt.opts)
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			var le *LabelError
			if got := errors.As(err, &le); got != (tt.index >= 0) || got && le.Index != tt.index {
				t.Errorf("error %q: LabelError %v, want index %d", err, le, tt.index)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}
