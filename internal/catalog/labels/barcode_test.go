package labels

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// sampleBarcodes mixes Chinese and Western titles, all-digit barcodes
// (code set C), letters and digits (B and C), and labels without a title,
// library or call number.
var sampleBarcodes = []BarcodeLabel{
	{Barcode: "C0012345", Title: "红楼梦：脂砚斋重评石头记（全二册）", Library: "兰台市图书馆", CallNumber: "I242.4/C158"},
	{Barcode: "0012345678", Title: "The Mayor of Casterbridge: The Life and Death of a Man of Character", Library: "Lantai City Library", CallNumber: "I561.4/H272t"},
	{Barcode: "LT2024000123", Title: "三体", Library: "兰台市图书馆"},
	{Barcode: "31234009876543", Title: "Dream of the Red Chamber"},
	{Barcode: "b-77/x", CallNumber: "TP311/5"},
}

const dpi = 300

// Every preset prints the labels where they belong, from the skipped
// positions on, and each barcode decodes from a 300 dpi rendering back to
// its text, with quiet zones and, where the label allows, modules of at
// least 0.25 mm.
func TestBarcodesDecode(t *testing.T) {
	needFont(t)
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			sheet, err := Preset(name)
			if err != nil {
				t.Fatal(err)
			}
			skip := min(2, sheet.PerPage()-1)
			var buf bytes.Buffer
			if err := Barcodes(&buf, sheet, sampleBarcodes, Options{Skip: skip}); err != nil {
				t.Fatal(err)
			}
			pages := (skip + len(sampleBarcodes) + sheet.PerPage() - 1) / sheet.PerPage()
			checkPDF(t, buf.Bytes(), pages)
			imgs := renderPages(t, buf.Bytes(), dpi, pages)
			if imgs == nil {
				return
			}
			for pos := range skip {
				if !blank(cellImage(imgs[0], sheet, pos, dpi)) {
					t.Errorf("skipped position %d is not blank", pos)
				}
			}
			for i, l := range sampleBarcodes {
				at := skip + i
				cell := cellImage(imgs[at/sheet.PerPage()], sheet, at%sheet.PerPage(), dpi)
				d, ok := readBarcode(cell)
				if !ok {
					t.Errorf("label %d (%s): no readable barcode at page %d, position %d", i, l.Barcode, at/sheet.PerPage()+1, at%sheet.PerPage())
					continue
				}
				if d.text != l.Barcode {
					t.Errorf("label %d: decoded %q, want %q", i, d.text, l.Barcode)
				}
				mm := d.module * 25.4 / dpi
				t.Logf("label %d %q: module %.3f mm, quiet zone %.1f modules", i, d.text, mm, d.quiet)
				if mm < MinModuleWidth-0.02 || mm > MaxModuleWidth+0.02 {
					t.Errorf("label %d: module %.3f mm, want %g to %g", i, mm, MinModuleWidth, MaxModuleWidth)
				}
				modules, _ := encode(l.Barcode)
				if fits := sheet.LabelWidth / float64(len(modules)+2*QuietModules); fits >= 0.25 && mm < 0.25-0.02 {
					t.Errorf("label %d: module %.3f mm though 0.25 mm fits", i, mm)
				}
			}
			// The position after the last label is empty.
			if end := skip + len(sampleBarcodes); end%sheet.PerPage() != 0 {
				if !blank(cellImage(imgs[end/sheet.PerPage()], sheet, end%sheet.PerPage(), dpi)) {
					t.Errorf("position %d after the last label is not blank", end)
				}
			}
		})
	}
}

// The text is in the PDF as text: library names, barcodes, call numbers and
// the titles, long ones shortened with an ellipsis.
func TestBarcodesText(t *testing.T) {
	needFont(t)
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			sheet, _ := Preset(name)
			var buf bytes.Buffer
			if err := Barcodes(&buf, sheet, sampleBarcodes, Options{}); err != nil {
				t.Fatal(err)
			}
			text, ok := pdfText(t, buf.Bytes())
			if !ok {
				return
			}
			for _, want := range []string{"兰台市图书馆", "Lantai City Library", "C0012345", "0012345678", "LT2024000123", "31234009876543", "b-77/x",
				"I242.4/C158", "I561.4/H272t", "TP311/5", "三体", "红楼梦", "The Mayor", "Dream of the"} {
				if !strings.Contains(text, want) {
					t.Errorf("text has no %q:\n%s", want, text)
				}
			}
			for _, long := range []string{sampleBarcodes[0].Title, sampleBarcodes[1].Title} {
				if strings.Contains(text, long) {
					t.Errorf("long title %q printed whole", long)
				}
			}
			if !strings.Contains(text, "…") {
				t.Errorf("no ellipsis in the text:\n%s", text)
			}
		})
	}
}

// Bad labels are errors that name the label and the problem, and leave
// the writer empty.
func TestBarcodesErrors(t *testing.T) {
	needFont(t)
	a4 := presets["a4-3x8"]
	small := presets["a4-5x13"]
	good := BarcodeLabel{Barcode: "C001"}
	tests := []struct {
		name   string
		sheet  Sheet
		labels []BarcodeLabel
		opts   Options
		index  int // -1: not a label error
		want   []string
	}{
		{"empty", a4, []BarcodeLabel{good, good, {Barcode: "", Title: "无条码"}}, Options{}, 2, []string{"label 2", "empty barcode"}},
		{"non-ASCII", a4, []BarcodeLabel{good, {Barcode: "AB€1"}}, Options{}, 1, []string{"label 1", `"AB€1"`, "'€'", "position 3", "Code 128"}},
		{"Chinese", a4, []BarcodeLabel{{Barcode: "馆藏001"}}, Options{}, 0, []string{"label 0", "'馆'", "position 1"}},
		{"FNC1 rune", a4, []BarcodeLabel{{Barcode: "Añ1"}}, Options{}, 0, []string{"'ñ'", "position 2"}},
		{"control", a4, []BarcodeLabel{{Barcode: "A\t1"}}, Options{}, 0, []string{`'\t'`, "position 2"}},
		{"spaces", a4, []BarcodeLabel{{Barcode: " C001"}}, Options{}, 0, []string{"spaces at the start or end"}},
		{"too many characters", a4, []BarcodeLabel{{Barcode: strings.Repeat("A", 81)}}, Options{}, 0, []string{"81 characters", "at most 80"}},
		{"too wide", small, []BarcodeLabel{good, {Barcode: "ABCDEFGHIJKLMNOP"}}, Options{}, 1, []string{"label 1", `"ABCDEFGHIJKLMNOP"`, "38.1 mm wide"}},
		{"module too wide", small, []BarcodeLabel{{Barcode: "0012345678"}}, Options{ModuleWidth: 0.5}, 0, []string{"module width of 0.5 mm"}},
		{"no labels", a4, nil, Options{}, -1, []string{"no labels"}},
		{"skip", a4, []BarcodeLabel{good}, Options{Skip: 24}, -1, []string{"skip 24", "0 to 23"}},
		{"labels too low", Sheet{Name: "tiny", PageWidth: 50, PageHeight: 12, Columns: 1, Rows: 1, LabelWidth: 50, LabelHeight: 12}, []BarcodeLabel{good}, Options{}, -1, []string{"sheet tiny", "12 mm high", "at least 5 mm"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Barcodes(&buf, tt.sheet, tt.labels, tt.opts)
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

// A fixed module width is used as given when it fits.
func TestBarcodesModuleWidth(t *testing.T) {
	needFont(t)
	sheet := presets["a4-3x8"]
	var buf bytes.Buffer
	if err := Barcodes(&buf, sheet, sampleBarcodes[:1], Options{ModuleWidth: 0.254}); err != nil {
		t.Fatal(err)
	}
	imgs := renderPages(t, buf.Bytes(), dpi, 1)
	if imgs == nil {
		return
	}
	d, ok := readBarcode(cellImage(imgs[0], sheet, 0, dpi))
	if !ok || d.text != sampleBarcodes[0].Barcode {
		t.Fatalf("decoded %q, %v", d.text, ok)
	}
	if mm := d.module * 25.4 / dpi; mm < 0.24 || mm > 0.27 {
		t.Errorf("module %.3f mm, want 0.254", mm)
	}
}

// A failing writer's error is returned.
func TestBarcodesWriteError(t *testing.T) {
	needFont(t)
	err := Barcodes(failWriter{}, presets["roll-50x30"], sampleBarcodes[:1], Options{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the writer's error", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

// Documents can be made at the same time (the font cache is shared).
func TestConcurrent(t *testing.T) {
	needFont(t)
	errs := make(chan error, 4)
	for i := range cap(errs) {
		go func() {
			var buf bytes.Buffer
			if i%2 == 0 {
				errs <- Barcodes(&buf, presets["a4-3x8"], sampleBarcodes, Options{})
			} else {
				errs <- Spine(&buf, presets["a4-5x13"], []SpineLabel{{Class: "I247.5", Book: "12"}}, Options{})
			}
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// OffsetX and OffsetY move the print by that many millimetres.
func TestBarcodesOffset(t *testing.T) {
	needFont(t)
	sheet := presets["a4-3x8"]
	firstBar := func(opts Options) (x, y int, ok bool) {
		var buf bytes.Buffer
		if err := Barcodes(&buf, sheet, sampleBarcodes[:1], opts); err != nil {
			t.Fatal(err)
		}
		imgs := renderPages(t, buf.Bytes(), dpi, 1)
		if imgs == nil {
			return 0, 0, false
		}
		// The first dark pixel, row by row, of the first label's area.
		cell := cellImage(imgs[0], sheet, 0, dpi)
		b := cell.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if cell.GrayAt(x, y).Y < 128 {
					return x, y, true
				}
			}
		}
		t.Fatal("nothing printed")
		return 0, 0, false
	}
	x0, y0, ok := firstBar(Options{})
	if !ok {
		return
	}
	x1, y1, _ := firstBar(Options{OffsetX: 2, OffsetY: 1.5})
	if dx, dy := x1-x0, y1-y0; abs(dx-px(2, dpi)) > 1 || abs(dy-px(1.5, dpi)) > 1 {
		t.Errorf("moved by %d, %d px, want %d, %d", dx, dy, px(2, dpi), px(1.5, dpi))
	}
}

func abs(n int) int { return max(n, -n) }
