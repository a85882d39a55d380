package labels

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/boombuler/barcode/code128"
)

// Barcode geometry, in mm.
const (
	// QuietModules is the blank margin on each side of the bars, in
	// modules (Code 128 asks for at least 10).
	QuietModules = 10
	// MaxModuleWidth is the widest module chosen when the label is wide.
	MaxModuleWidth = 0.4
	// MinModuleWidth is the narrowest module printed: below it common
	// scanners fail, so a barcode that needs narrower ones is an error.
	MinModuleWidth = 0.19
	// MinBarHeight is the shortest bar height printed.
	MinBarHeight = 5.0
	// maxBarcodeLen is the longest barcode the encoder takes, in characters.
	maxBarcodeLen = 80
)

// BarcodeLabel is the content of a barcode label (条码标签). Barcode is
// required; the other fields print when they are not empty.
type BarcodeLabel struct {
	Barcode    string // item barcode, printable ASCII, as Code 128 and as text below it
	Title      string // short title, bottom line, shortened with "…" to fit
	Library    string // library name, top line
	CallNumber string // call number, bottom right
}

// Barcodes writes a PDF of barcode labels on sheet to w, one label a
// position from position opts.Skip of the first page on. A label has the
// library's name on top, the Code 128 barcode with its text below, and the
// title (left) and call number (right) at the bottom. The bars are as wide
// as the label allows with QuietModules blank modules on each side, between
// MinModuleWidth and MaxModuleWidth mm a module, and as high as the text
// leaves room for. Nothing is written to w when an error is returned: a
// *LabelError names the label that cannot be printed.
func Barcodes(w io.Writer, sheet Sheet, labels []BarcodeLabel, opts Options) error {
	if len(labels) == 0 {
		return errors.New("barcode labels: no labels to print")
	}
	// The barcodes are checked before the font is loaded: bad data is the
	// likelier mistake.
	bars := make([][]bool, len(labels))
	for i, l := range labels {
		m, err := encode(l.Barcode)
		if err != nil {
			return fmt.Errorf("barcode labels: %w", &LabelError{Index: i, Err: err})
		}
		bars[i] = m
	}
	d, err := newDocument(sheet, opts, "条码标签 barcode labels")
	if err != nil {
		return fmt.Errorf("barcode labels: %w", err)
	}
	layout, err := d.barcodeLayout()
	if err != nil {
		return fmt.Errorf("barcode labels: %w", err)
	}
	for i, l := range labels {
		if err := d.barcodeLabel(i, l, bars[i], layout); err != nil {
			return fmt.Errorf("barcode labels: %w", &LabelError{Index: i, Err: err})
		}
	}
	if err := d.writeTo(w); err != nil {
		return fmt.Errorf("barcode labels: %w", err)
	}
	return nil
}

// encode checks barcode and returns its Code 128 modules, true for a bar,
// from the start character to the stop character.
func encode(barcode string) ([]bool, error) {
	if barcode == "" {
		return nil, errors.New("empty barcode")
	}
	if strings.TrimSpace(barcode) != barcode {
		return nil, fmt.Errorf("barcode %q has spaces at the start or end", barcode)
	}
	if n := utf8.RuneCountInString(barcode); n > maxBarcodeLen {
		return nil, fmt.Errorf("barcode %q has %d characters, Code 128 labels take at most %d", barcode, n, maxBarcodeLen)
	}
	pos := 0
	for _, r := range barcode {
		pos++
		// The encoder also takes ASCII control characters, and reads ñ…ô
		// as FNC1–FNC4: neither belongs in an item barcode.
		switch {
		case r > 0x7f:
			return nil, fmt.Errorf("barcode %q: character %q (U+%04X) at position %d cannot be encoded in Code 128, which has only ASCII", barcode, r, r, pos)
		case r < 0x20 || r == 0x7f:
			return nil, fmt.Errorf("barcode %q: control character %q (U+%04X) at position %d: item barcodes are printable ASCII", barcode, r, r, pos)
		}
	}
	code, err := code128.Encode(barcode)
	if err != nil {
		return nil, fmt.Errorf("barcode %q: %w", barcode, err)
	}
	b := code.Bounds()
	modules := make([]bool, b.Dx())
	for x := range modules {
		r, _, _, _ := code.At(b.Min.X+x, b.Min.Y).RGBA()
		modules[x] = r < 0x8000
	}
	return modules, nil
}

// barcodeLayout is the vertical layout shared by the labels of a sheet.
type barcodeLayout struct {
	size     float64 // text size, points
	line     float64 // text line height, mm
	barTop   float64 // from the top of the label
	barH     float64 // bar height
	textTop  float64 // barcode text line, from the top of the label
	titleTop float64 // title and call number line, from the top
}

// barcodeLayout finds a text size that leaves the bars at least
// MinBarHeight: about 0.3 pt a mm of label height, within the options'
// limits and at most 10 pt. The library and title lines keep their place
// on every label, empty or not, so the bars line up across a sheet.
func (d *document) barcodeLayout() (barcodeLayout, error) {
	pad := d.opts.Padding
	innerH := d.sheet.LabelHeight - 2*pad
	gap := 0.5 // between the bars and the text around them
	size := roundDown(max(d.opts.MinFontSize, min(d.opts.MaxFontSize, 10, 0.3*innerH)))
	for ; ; size -= 0.5 {
		size = max(size, d.opts.MinFontSize)
		line := d.lineHeight(size)
		barH := innerH - 3*line - 2*gap
		if barH >= MinBarHeight {
			return barcodeLayout{
				size: size, line: line,
				barTop:   pad + line + gap,
				barH:     barH,
				textTop:  pad + line + gap + barH,
				titleTop: pad + 2*line + 2*gap + barH,
			}, nil
		}
		if size <= d.opts.MinFontSize {
			return barcodeLayout{}, fmt.Errorf("sheet %s: labels %g mm high leave %.1f mm for the bars at %g pt, want at least %g mm",
				d.sheet.Name, d.sheet.LabelHeight, barH, size, MinBarHeight)
		}
	}
}

// barcodeLabel draws label l with the given modules as item i.
func (d *document) barcodeLabel(i int, l BarcodeLabel, modules []bool, lay barcodeLayout) error {
	pad := d.opts.Padding
	labelW := d.sheet.LabelWidth
	innerW := labelW - 2*pad
	n := float64(len(modules))
	fits := min(labelW/(n+2*QuietModules), innerW/n) // widest module that fits
	module := min(MaxModuleWidth, fits)
	if d.opts.ModuleWidth > 0 {
		module = d.opts.ModuleWidth
	}
	if module < MinModuleWidth || module > fits+1e-9 {
		return fmt.Errorf("barcode %q needs %.1f mm at a module width of %g mm (%d modules and %d-module quiet zones), the label is %g mm wide",
			l.Barcode, max(module, MinModuleWidth)*(n+2*QuietModules), max(module, MinModuleWidth), len(modules), QuietModules, labelW)
	}

	x, y := d.cell(i)
	if lib := clean(l.Library); lib != "" {
		d.text(d.truncate(lib, innerW, lay.size), lay.size, x+pad, y+pad, innerW, lay.line, 'C')
	}

	// The bars, one rectangle per run of dark modules.
	barX := x + (labelW-n*module)/2
	d.pdf.SetFillColor(0, 0, 0)
	for k := 0; k < len(modules); {
		if !modules[k] {
			k++
			continue
		}
		run := k
		for run < len(modules) && modules[run] {
			run++
		}
		d.pdf.Rect(barX+float64(k)*module, y+lay.barTop, float64(run-k)*module, lay.barH, "F")
		k = run
	}

	size, _ := d.fitSize(l.Barcode, innerW, lay.size, 0)
	d.text(l.Barcode, size, x+pad, y+lay.textTop, innerW, lay.line, 'C')

	title, call := clean(l.Title), clean(l.CallNumber)
	titleW := innerW
	if call != "" {
		call = d.truncate(call, innerW/2, lay.size)
		d.text(call, lay.size, x+pad, y+lay.titleTop, innerW, lay.line, 'R')
		titleW = innerW - d.width(call, lay.size) - 1.5
	}
	if title != "" && titleW > 0 {
		align := byte('C')
		if call != "" {
			align = 'L'
		}
		d.text(d.truncate(title, titleW, lay.size), lay.size, x+pad, y+lay.titleTop, titleW, lay.line, align)
	}
	return nil
}
