package labels

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"testing"
)

var fillRect = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f`)

// The bars drawn in the PDF, read back from its (uncompressed) content as
// vector rectangles and laid on a line at 0.01 mm a pixel, decode to the
// barcode with quiet zones of QuietModules inside the label. This needs no
// poppler-utils.
func TestBarcodeVectors(t *testing.T) {
	needFont(t)
	const pxPerMM = 100
	for _, name := range Presets() {
		sheet := presets[name]
		for i, l := range sampleBarcodes {
			d, err := newDocument(sheet, Options{}, "")
			if err != nil {
				t.Fatal(err)
			}
			d.pdf.SetCompression(false)
			lay, err := d.barcodeLayout()
			if err != nil {
				t.Fatal(err)
			}
			modules, err := encode(l.Barcode)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.barcodeLabel(0, l, modules, lay); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := d.output(&buf); err != nil {
				t.Fatal(err)
			}

			row := make([]bool, int(sheet.LabelWidth*pxPerMM))
			left, _ := sheet.Cell(0)
			rects := fillRect.FindAllSubmatch(buf.Bytes(), -1)
			for _, m := range rects {
				x, _ := strconv.ParseFloat(string(m[1]), 64)
				w, _ := strconv.ParseFloat(string(m[3]), 64)
				h, _ := strconv.ParseFloat(string(m[4]), 64)
				if got := -h / 72 * 25.4; math.Abs(got-lay.barH) > 0.01 {
					t.Errorf("%s label %d: bar %.2f mm high, want %.2f", name, i, got, lay.barH)
				}
				from := int(math.Round((x/72*25.4 - left) * pxPerMM))
				to := int(math.Round(((x+w)/72*25.4 - left) * pxPerMM))
				for p := max(from, 0); p < min(to, len(row)); p++ {
					row[p] = true
				}
			}
			got, err := decodeRow(row, QuietModules-0.1)
			if err != nil || got.text != l.Barcode {
				t.Errorf("%s label %d: decoded %q, %v, want %q", name, i, got.text, err, l.Barcode)
				continue
			}
			if mm := got.module / pxPerMM; mm < 0.25-0.005 && sheet.LabelWidth/float64(len(modules)+2*QuietModules) >= 0.25 {
				t.Errorf("%s label %d: module %.3f mm though 0.25 mm fits", name, i, mm)
			}
		}
	}
}
