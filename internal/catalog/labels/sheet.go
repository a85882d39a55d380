package labels

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// tolerance absorbs rounding in sheet arithmetic, in mm.
const tolerance = 0.01

// Sheet is a label-stock definition: a page of Columns × Rows labels of the
// same size, laid out row by row from the top left corner. All lengths are
// in millimetres. A continuous roll printer is a sheet of one label whose
// page is the label.
type Sheet struct {
	Name        string  // short identifier, as in Presets; used in errors
	Description string  // what the stock is, for a picker
	PageWidth   float64 // page width
	PageHeight  float64 // page height
	MarginLeft  float64 // from the left page edge to the first column
	MarginTop   float64 // from the top page edge to the first row
	Columns     int     // labels across
	Rows        int     // labels down
	LabelWidth  float64 // width of one label
	LabelHeight float64 // height of one label
	GapX        float64 // horizontal gap between two columns
	GapY        float64 // vertical gap between two rows
}

// PerPage returns the number of labels on one page.
func (s Sheet) PerPage() int { return s.Columns * s.Rows }

// Cell returns the top left corner, in mm from the top left corner of the
// page, of the label at position pos on a page (0 ≤ pos < PerPage()),
// counting row by row.
func (s Sheet) Cell(pos int) (x, y float64) {
	col, row := pos%s.Columns, pos/s.Columns
	return s.MarginLeft + float64(col)*(s.LabelWidth+s.GapX),
		s.MarginTop + float64(row)*(s.LabelHeight+s.GapY)
}

// Validate checks that the sheet's numbers are positive and that its labels
// fit on the page.
func (s Sheet) Validate() error {
	name := s.Name
	if name == "" {
		name = "(unnamed)"
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("sheet %s: "+format, append([]any{name}, args...)...)
	}
	switch {
	case !(s.PageWidth > 0 && s.PageHeight > 0):
		return fail("page size %g × %g mm: want positive sizes", s.PageWidth, s.PageHeight)
	case !(s.LabelWidth > 0 && s.LabelHeight > 0):
		return fail("label size %g × %g mm: want positive sizes", s.LabelWidth, s.LabelHeight)
	case s.Columns < 1 || s.Rows < 1:
		return fail("%d columns × %d rows: want at least one of each", s.Columns, s.Rows)
	case !(s.MarginLeft >= 0 && s.MarginTop >= 0):
		return fail("margins left %g, top %g mm: want zero or more", s.MarginLeft, s.MarginTop)
	case !(s.GapX >= 0 && s.GapY >= 0):
		return fail("gaps %g, %g mm: want zero or more", s.GapX, s.GapY)
	}
	if need := s.MarginLeft + float64(s.Columns)*s.LabelWidth + float64(s.Columns-1)*s.GapX; need > s.PageWidth+tolerance {
		return fail("%d columns of %g mm with %g mm gaps after a %g mm margin need %.2f mm, the page is %g mm wide",
			s.Columns, s.LabelWidth, s.GapX, s.MarginLeft, need, s.PageWidth)
	}
	if need := s.MarginTop + float64(s.Rows)*s.LabelHeight + float64(s.Rows-1)*s.GapY; need > s.PageHeight+tolerance {
		return fail("%d rows of %g mm with %g mm gaps after a %g mm margin need %.2f mm, the page is %g mm high",
			s.Rows, s.LabelHeight, s.GapY, s.MarginTop, need, s.PageHeight)
	}
	return nil
}

// presets are the built-in label stocks; see Presets.
var presets = map[string]Sheet{
	"a4-5x13": {
		Name:        "a4-5x13",
		Description: "A4, 5 × 13 = 65 labels of 38.1 × 21.2 mm (the common 65-up stock): spine labels",
		PageWidth:   210, PageHeight: 297,
		MarginLeft: 4.75, MarginTop: 10.7,
		Columns: 5, Rows: 13,
		LabelWidth: 38.1, LabelHeight: 21.2,
		GapX: 2.5, GapY: 0,
	},
	"a4-4x10": {
		Name:        "a4-4x10",
		Description: "A4, 4 × 10 = 40 labels of 45.7 × 25.4 mm (the common 40-up stock): spine or barcode labels",
		PageWidth:   210, PageHeight: 297,
		MarginLeft: 9.7, MarginTop: 21.5,
		Columns: 4, Rows: 10,
		LabelWidth: 45.7, LabelHeight: 25.4,
		GapX: 2.6, GapY: 0,
	},
	"a4-3x8": {
		Name:        "a4-3x8",
		Description: "A4, 3 × 8 = 24 labels of 63.5 × 33.9 mm (the common 24-up stock): barcode labels",
		PageWidth:   210, PageHeight: 297,
		MarginLeft: 7.25, MarginTop: 12.9,
		Columns: 3, Rows: 8,
		LabelWidth: 63.5, LabelHeight: 33.9,
		GapX: 2.5, GapY: 0,
	},
	"roll-50x30": {
		Name:        "roll-50x30",
		Description: "continuous roll of 50 × 30 mm labels, one label a page (thermal label printers): barcode or spine labels",
		PageWidth:   50, PageHeight: 30,
		Columns: 1, Rows: 1,
		LabelWidth: 50, LabelHeight: 30,
	},
}

// Presets returns the names of the built-in sheets, sorted:
//
//	a4-3x8      A4, 3 × 8 labels of 63.5 × 33.9 mm, margins 7.25 left,
//	            12.9 top, 2.5 mm between columns: barcode labels
//	a4-4x10     A4, 4 × 10 labels of 45.7 × 25.4 mm, margins 9.7 left,
//	            21.5 top, 2.6 mm between columns: spine or barcode labels
//	a4-5x13     A4, 5 × 13 labels of 38.1 × 21.2 mm, margins 4.75 left,
//	            10.7 top, 2.5 mm between columns: spine labels
//	roll-50x30  a roll printer's 50 × 30 mm label, one a page
//
// The A4 layouts are those of the widely sold 24-, 40- and 65-up stocks
// (rows touch, columns have gaps); other stock is described with a Sheet
// literal.
func Presets() []string {
	return slices.Sorted(maps.Keys(presets))
}

// ErrUnknownSheet is wrapped by Preset's error for a name it does not know.
var ErrUnknownSheet = errors.New("unknown label sheet")

// Preset returns the built-in sheet called name (see Presets).
func Preset(name string) (Sheet, error) {
	s, ok := presets[name]
	if !ok {
		return Sheet{}, fmt.Errorf("%w %q: want one of %v", ErrUnknownSheet, name, Presets())
	}
	return s, nil
}
