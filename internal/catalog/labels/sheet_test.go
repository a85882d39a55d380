package labels

import (
	"errors"
	"strings"
	"testing"
)

func TestPresets(t *testing.T) {
	names := Presets()
	if len(names) < 4 {
		t.Fatalf("Presets() = %v", names)
	}
	for _, name := range names {
		s, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		if s.Name != name || s.Description == "" {
			t.Errorf("preset %q: name %q, description %q", name, s.Name, s.Description)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("preset %q: %v", name, err)
		}
		// The A4 layouts are centred on the page.
		right := s.PageWidth - s.MarginLeft - float64(s.Columns)*s.LabelWidth - float64(s.Columns-1)*s.GapX
		bottom := s.PageHeight - s.MarginTop - float64(s.Rows)*s.LabelHeight - float64(s.Rows-1)*s.GapY
		if d := right - s.MarginLeft; d > 0.05 || d < -0.05 {
			t.Errorf("preset %q: margins left %g, right %.2f", name, s.MarginLeft, right)
		}
		if d := bottom - s.MarginTop; d > 0.05 || d < -0.05 {
			t.Errorf("preset %q: margins top %g, bottom %.2f", name, s.MarginTop, bottom)
		}
	}
	if _, err := Preset("a4-9x99"); !errors.Is(err, ErrUnknownSheet) || !strings.Contains(err.Error(), "a4-5x13") {
		t.Errorf("unknown preset: err = %v", err)
	}
}

func TestSheetCell(t *testing.T) {
	s := presets["a4-5x13"]
	if x, y := s.Cell(0); x != 4.75 || y != 10.7 {
		t.Errorf("Cell(0) = %g, %g", x, y)
	}
	// Position 7 is the third label of the second row.
	if x, y := s.Cell(7); !near(x, 4.75+2*(38.1+2.5)) || !near(y, 10.7+21.2) {
		t.Errorf("Cell(7) = %g, %g", x, y)
	}
	if x, y := s.Cell(64); !near(x+s.LabelWidth, 210-4.75) || !near(y+s.LabelHeight, 297-10.7) {
		t.Errorf("Cell(64) = %g, %g: the last label does not end at the margins", x, y)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestSheetValidate(t *testing.T) {
	base := presets["a4-4x10"]
	tests := []struct {
		change func(*Sheet)
		want   string
	}{
		{func(s *Sheet) { s.Columns = 5 }, "5 columns of 45.7 mm"},
		{func(s *Sheet) { s.Rows = 11 }, "11 rows of 25.4 mm"},
		{func(s *Sheet) { s.MarginTop = 50 }, "after a 50 mm margin"},
		{func(s *Sheet) { s.GapX = 10 }, "with 10 mm gaps"},
		{func(s *Sheet) { s.Columns = 0 }, "0 columns"},
		{func(s *Sheet) { s.LabelHeight = 0 }, "label size 45.7 × 0 mm"},
		{func(s *Sheet) { s.PageWidth = -210 }, "page size -210 × 297 mm"},
		{func(s *Sheet) { s.GapY = -1 }, "gaps 2.6, -1 mm"},
		{func(s *Sheet) { s.MarginLeft = -1 }, "margins left -1"},
	}
	for _, tt := range tests {
		s := base
		tt.change(&s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "sheet a4-4x10") {
			t.Errorf("Validate() = %v, want an error with %q", err, tt.want)
		}
	}
}
