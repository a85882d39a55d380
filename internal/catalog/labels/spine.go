package labels

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"lantai.dev/lantai/internal/catalog/callno"
)

// SpineLabel is the text of a spine label (书标): a call number split over
// lines. Empty fields print no line; Class is required.
type SpineLabel struct {
	Collection string // top line: collection or location (馆藏/语种前缀), e.g. "参"
	Class      string // class number (分类号), e.g. "I247.5"
	Book       string // book number (书次号: 种次号 or 著者号), e.g. "12" or "L123"
	Volume     string // volume (卷册号), e.g. "v.2"; shares the last line with Copy
	Copy       string // copy (复本号), e.g. "c.3"
}

// Lines returns the lines the label prints, top to bottom: Collection,
// Class, Book, and Volume and Copy together, leaving out empty ones.
func (l SpineLabel) Lines() []string {
	var lines []string
	for _, s := range []string{clean(l.Collection), clean(l.Class), clean(l.Book), joinNonEmpty(clean(l.Volume), clean(l.Copy))} {
		if s != "" {
			lines = append(lines, s)
		}
	}
	return lines
}

// joinNonEmpty joins the non-empty strings of a and b with a space.
func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// SpineFromCallNumber splits a parsed call number into the lines of a spine
// label. The volume and copy print as "v.2" and "c.3", forms callno.Parse
// reads back and that are clear on a line of their own (a bare ":2" or
// "(3)" is not: libraries read "(n)" as a volume or a copy).
func SpineFromCallNumber(c callno.CallNumber) SpineLabel {
	l := SpineLabel{Collection: c.Prefix, Class: c.Class}
	if !c.Book.IsZero() {
		l.Book = c.Book.String()
	}
	if c.Volume > 0 {
		l.Volume = "v." + strconv.Itoa(c.Volume)
	}
	if c.Copy > 0 {
		l.Copy = "c." + strconv.Itoa(c.Copy)
	}
	return l
}

// ParseSpine parses a call-number string with callno.Parse and splits it
// into a spine label: "参/I247.5/12:2(3)" prints 参, I247.5, 12 and v.2 c.3.
func ParseSpine(s string) (SpineLabel, error) {
	c, err := callno.Parse(s)
	if err != nil {
		return SpineLabel{}, fmt.Errorf("spine label: %w", err)
	}
	return SpineFromCallNumber(c), nil
}

// Spine writes a PDF of spine labels on sheet to w, one label a position
// from position opts.Skip of the first page on. Each line is centred; the
// lines share a font size as large as the label height allows (up to
// opts.MaxFontSize), and a line too wide for the label shrinks on its own.
// Nothing is written to w when an error is returned: a *LabelError names
// the label that cannot be printed.
func Spine(w io.Writer, sheet Sheet, labels []SpineLabel, opts Options) error {
	if len(labels) == 0 {
		return errors.New("spine labels: no labels to print")
	}
	d, err := newDocument(sheet, opts, "书标 spine labels")
	if err != nil {
		return fmt.Errorf("spine labels: %w", err)
	}
	for i, l := range labels {
		if err := d.spine(i, l); err != nil {
			return fmt.Errorf("spine labels: %w", &LabelError{Index: i, Err: err})
		}
	}
	if err := d.writeTo(w); err != nil {
		return fmt.Errorf("spine labels: %w", err)
	}
	return nil
}

// spine draws label l as item i.
func (d *document) spine(i int, l SpineLabel) error {
	if clean(l.Class) == "" {
		return errors.New("no class number")
	}
	lines := l.Lines()
	pad := d.opts.Padding
	innerW := d.sheet.LabelWidth - 2*pad
	innerH := d.sheet.LabelHeight - 2*pad

	// One size for all lines, from the height; then each line narrower.
	base := min(d.opts.MaxFontSize, roundDown(innerH/float64(len(lines))/d.lineHeight(1)))
	if base < d.opts.MinFontSize {
		return fmt.Errorf("%d lines need %.1f mm at %g pt, the label has %.1f mm inside the padding",
			len(lines), float64(len(lines))*d.lineHeight(d.opts.MinFontSize), d.opts.MinFontSize, innerH)
	}
	sizes := make([]float64, len(lines))
	for k, s := range lines {
		size, ok := d.fitSize(s, innerW, base, d.opts.MinFontSize)
		if !ok {
			return fmt.Errorf("line %q is %.1f mm wide at %g pt, the label has %.1f mm inside the padding",
				s, d.width(s, d.opts.MinFontSize), d.opts.MinFontSize, innerW)
		}
		sizes[k] = size
	}

	x, y := d.cell(i)
	slot := d.lineHeight(base)
	top := y + pad + (innerH-slot*float64(len(lines)))/2
	for k, s := range lines {
		d.text(s, sizes[k], x+pad, top+float64(k)*slot, innerW, slot, 'C')
	}
	return nil
}
