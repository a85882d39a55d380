package labels

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// mmPerPt converts a font size in points to millimetres.
const mmPerPt = 25.4 / 72

// ellipsis ends a shortened text.
const ellipsis = "…"

// document is a PDF of labels being built in memory.
type document struct {
	pdf   *fpdf.Fpdf
	sheet Sheet
	opts  Options
	// ascent and descent of the font, in units of the font size (the
	// descent is negative).
	ascent, descent float64
}

// newDocument checks sheet and opts and starts a PDF with the CJK font
// loaded.
func newDocument(sheet Sheet, opts Options, title string) (*document, error) {
	if err := sheet.Validate(); err != nil {
		return nil, err
	}
	opts, err := opts.withDefaults(sheet)
	if err != nil {
		return nil, err
	}
	font, err := loadFont(opts.FontPath, opts.FontIndex)
	if err != nil {
		return nil, err
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{
		UnitStr:        "mm",
		OrientationStr: "P",
		Size:           fpdf.SizeType{Wd: sheet.PageWidth, Ht: sheet.PageHeight},
	})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCreator("Lantai", true)
	pdf.SetTitle(title, true)
	if err := addFont(pdf, font); err != nil {
		return nil, fmt.Errorf("font %s: %w", opts.FontPath, err)
	}
	pdf.SetFont(fontFamily, "", opts.MaxFontSize)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("font %s: %w", opts.FontPath, err)
	}
	desc := pdf.GetFontDesc(fontFamily, "")
	d := &document{pdf: pdf, sheet: sheet, opts: opts,
		ascent: float64(desc.Ascent) / 1000, descent: float64(desc.Descent) / 1000}
	if d.ascent <= 0 || d.ascent-d.descent <= 0 {
		return nil, fmt.Errorf("font %s: no usable ascent/descent (%d, %d)", opts.FontPath, desc.Ascent, desc.Descent)
	}
	return d, nil
}

// addFont registers the TrueType font with pdf, turning a panic of the
// font parser on a damaged file into an error.
func addFont(pdf *fpdf.Fpdf, font []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("damaged font: %v", r)
		}
	}()
	// fpdf keeps reading the bytes until Output; the copy keeps the cached
	// font safe from any change and from other documents.
	pdf.AddUTF8FontFromBytes(fontFamily, "", bytes.Clone(font))
	return pdf.Error()
}

// cell returns the top left corner of the label for item i of the list,
// starting a new page when the item is the first on it.
func (d *document) cell(i int) (x, y float64) {
	pos := d.opts.Skip + i
	per := d.sheet.PerPage()
	if pos/per >= d.pdf.PageCount() {
		d.pdf.AddPage()
		if d.opts.Borders {
			d.borders()
		}
	}
	x, y = d.sheet.Cell(pos % per)
	return x + d.opts.OffsetX, y + d.opts.OffsetY
}

// borders outlines every label position of the current page.
func (d *document) borders() {
	d.pdf.SetDrawColor(160, 160, 160)
	d.pdf.SetLineWidth(0.1)
	for pos := range d.sheet.PerPage() {
		x, y := d.sheet.Cell(pos)
		d.pdf.Rect(x+d.opts.OffsetX, y+d.opts.OffsetY, d.sheet.LabelWidth, d.sheet.LabelHeight, "D")
	}
}

// writeTo finishes the PDF and copies it to w in one piece, so that w gets
// nothing when the PDF fails.
func (d *document) writeTo(w io.Writer) error {
	var buf bytes.Buffer
	if err := d.output(&buf); err != nil {
		return fmt.Errorf("writing PDF: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing PDF: %w", err)
	}
	return nil
}

// output finishes the PDF into buf. The font is subset here, so a panic of
// fpdf on a damaged font file becomes an error.
func (d *document) output(buf *bytes.Buffer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("font %s: damaged font: %v", d.opts.FontPath, r)
		}
	}()
	return d.pdf.Output(buf)
}

// width returns the width of s in mm at size points, and makes size the
// current font size.
func (d *document) width(s string, size float64) float64 {
	d.pdf.SetFontSize(size)
	return d.pdf.GetStringWidth(s)
}

// lineHeight returns the height in mm of a line of text at size points.
func (d *document) lineHeight(size float64) float64 {
	return (d.ascent - d.descent) * size * mmPerPt
}

// fitSize returns the largest size, at most size, at which s is at most
// maxW mm wide, and whether that size is at least minSize. Widths grow in
// proportion to the size.
func (d *document) fitSize(s string, maxW, size, minSize float64) (float64, bool) {
	w := d.width(s, size)
	if w > maxW {
		size = roundDown(size * maxW / w)
	}
	return size, size >= minSize
}

// roundDown rounds a font size down to a tenth of a point.
func roundDown(size float64) float64 {
	return float64(int(size*10)) / 10
}

// truncate shortens s with an ellipsis so that it is at most maxW mm wide
// at size points; it returns "" when not even the ellipsis fits.
func (d *document) truncate(s string, maxW, size float64) string {
	if d.width(s, size) <= maxW {
		return s
	}
	runes := []rune(s)
	// The longest prefix that fits with the ellipsis, by bisection.
	lo, hi := 0, len(runes) // runes[:lo] fits, runes[:hi] does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if d.width(strings.TrimRightFunc(string(runes[:mid]), unicode.IsSpace)+ellipsis, size) <= maxW {
			lo = mid
		} else {
			hi = mid
		}
	}
	out := strings.TrimRightFunc(string(runes[:lo]), unicode.IsSpace) + ellipsis
	if d.width(out, size) > maxW {
		return ""
	}
	return out
}

// text writes s at size points in the box of height h whose top left
// corner is (x, y), vertically centred; align is 'L', 'C' or 'R' within
// the box width w.
func (d *document) text(s string, size, x, y, w, h float64, align byte) {
	if s == "" {
		return
	}
	sw := d.width(s, size) // also sets the size for Text
	switch align {
	case 'C':
		x += (w - sw) / 2
	case 'R':
		x += w - sw
	}
	baseline := y + (h-d.lineHeight(size))/2 + d.ascent*size*mmPerPt
	d.pdf.Text(x, baseline, s)
}

// clean folds runs of white space and control characters in s to one
// space and trims it, so that a field prints as one line.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError
	}), " ")
}
