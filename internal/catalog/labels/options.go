package labels

import "fmt"

// Defaults for the zero fields of Options.
const (
	DefaultMinFontSize = 6  // points
	DefaultMaxFontSize = 14 // points
	DefaultPadding     = 1  // mm
)

// Options control how labels are printed. The zero value prints from the
// first label of a fresh sheet with the default font and sizes.
type Options struct {
	// Skip is the number of label positions to leave empty at the start of
	// the first sheet, counted row by row from the top left, so that a
	// partly used sheet can be fed again. It must be less than the labels
	// on a sheet.
	Skip int

	// FontPath is a TrueType font (.ttf) or TrueType Collection (.ttc)
	// with Chinese glyphs; "" means DefaultFontPath. FontIndex chooses the
	// face of a collection (0, the first, by default).
	FontPath  string
	FontIndex int

	// MinFontSize and MaxFontSize bound the text size in points (0 means
	// DefaultMinFontSize, DefaultMaxFontSize). Call-number lines are set
	// as large as the label allows up to MaxFontSize and shrink to fit the
	// width; a line that does not fit even at MinFontSize is an error.
	MinFontSize, MaxFontSize float64

	// Padding is the blank border inside each label, in mm (0 means
	// DefaultPadding; use a tiny value such as 0.01 for none).
	Padding float64

	// OffsetX and OffsetY move everything printed by this many mm (right
	// and down; negative for left and up), to correct a printer that does
	// not feed the sheet where it should.
	OffsetX, OffsetY float64

	// ModuleWidth fixes the width of a barcode's narrowest bar, in mm;
	// 0 chooses the widest that fits, up to MaxModuleWidth. A whole number
	// of printer dots prints most exactly: 0.25 is 2 dots of a 203 dpi
	// thermal printer, 0.254 is 3 dots at 300 dpi.
	ModuleWidth float64

	// Borders draws the outline of every label position, for test prints
	// on plain paper held against the stock.
	Borders bool
}

// withDefaults fills in the zero fields and checks the rest against sheet.
func (o Options) withDefaults(sheet Sheet) (Options, error) {
	if o.FontPath == "" {
		o.FontPath = DefaultFontPath
	}
	if o.MinFontSize == 0 {
		o.MinFontSize = DefaultMinFontSize
	}
	if o.MaxFontSize == 0 {
		o.MaxFontSize = DefaultMaxFontSize
	}
	if o.Padding == 0 {
		o.Padding = DefaultPadding
	}
	switch {
	case o.Skip < 0 || o.Skip >= sheet.PerPage():
		return o, fmt.Errorf("options: skip %d: want 0 to %d for sheet %s of %d labels", o.Skip, sheet.PerPage()-1, sheet.Name, sheet.PerPage())
	case !(o.MinFontSize > 0) || o.MaxFontSize < o.MinFontSize:
		return o, fmt.Errorf("options: font sizes %g to %g pt: want 0 < min ≤ max", o.MinFontSize, o.MaxFontSize)
	case !(o.Padding > 0) || 2*o.Padding >= min(sheet.LabelWidth, sheet.LabelHeight):
		return o, fmt.Errorf("options: padding %g mm: want more than 0 and less than half of the %g × %g mm label", o.Padding, sheet.LabelWidth, sheet.LabelHeight)
	case o.ModuleWidth < 0:
		return o, fmt.Errorf("options: module width %g mm: want 0 (automatic) or more", o.ModuleWidth)
	case o.FontIndex < 0:
		return o, fmt.Errorf("options: font index %d: want 0 or more", o.FontIndex)
	}
	return o, nil
}

// LabelError reports a label that cannot be printed. Index is its position
// in the slice passed to Spine or Barcodes.
type LabelError struct {
	Index int
	Err   error
}

// Error returns "label N: problem".
func (e *LabelError) Error() string { return fmt.Sprintf("label %d: %v", e.Index, e.Err) }

// Unwrap returns the problem.
func (e *LabelError) Unwrap() error { return e.Err }
