package labels

import (
	"fmt"
	"strings"
	"testing"
)

// The test reader agrees with the encoder: every module sequence that
// encode gives reads back, at whole and fractional pixel scales. The digit
// pairs 00–99 (code set C), the printable characters (set B) and the
// switches between B and C check every row of the reader's table that
// printable ASCII needs (not FNC1–FNC4, Shift, Code A and Start A).
func TestDecoderReadsEncoder(t *testing.T) {
	inputs := []string{"0", "12", "C0012345", "0012345678", "LT2024000123", "abc-XYZ/09", "A1B2C3", "1234567890123", "a !~{}", "x"}
	for v := range 100 {
		inputs = append(inputs, fmt.Sprintf("%02d", v))
	}
	for c := byte(0x21); c < 0x7f; c++ {
		inputs = append(inputs, string(c))
	}
	for _, s := range inputs {
		modules, err := encode(s)
		if err != nil {
			t.Fatalf("encode(%q): %v", s, err)
		}
		for _, scale := range []float64{1, 3, 3.7} {
			row := scaledRow(modules, scale, 12)
			d, err := decodeRow(row, 10)
			if err != nil || d.text != s {
				t.Errorf("decode(encode(%q)) at %g px a module = %q, %v", s, scale, d.text, err)
			}
		}
	}
}

// The reader rejects a wrong check symbol and a missing quiet zone.
func TestDecoderRejects(t *testing.T) {
	modules, err := encode("C0012345")
	if err != nil {
		t.Fatal(err)
	}
	// Swap the first data symbol for another one: the check symbol no
	// longer matches.
	bad := append([]bool(nil), modules...)
	copy(bad[11:22], widthsToModules(code128Widths[17]))
	if _, err := decodeRow(scaledRow(bad, 3, 12), 10); err == nil || !strings.Contains(err.Error(), "check symbol") {
		t.Errorf("wrong check symbol: err = %v", err)
	}
	if _, err := decodeRow(scaledRow(modules, 3, 5), 10); err == nil || !strings.Contains(err.Error(), "quiet zone") {
		t.Errorf("5-module quiet zone: err = %v", err)
	}
}

// scaledRow draws modules with quiet modules of space on each side at
// scale pixels a module, rounding edges to whole pixels as a renderer does.
func scaledRow(modules []bool, scale float64, quiet int) []bool {
	n := len(modules) + 2*quiet
	row := make([]bool, int(float64(n)*scale+0.5))
	for x := range row {
		m := int((float64(x)+0.5)/scale) - quiet
		row[x] = m >= 0 && m < len(modules) && modules[m]
	}
	return row
}

// widthsToModules expands a width string such as "212222" to modules.
func widthsToModules(w string) []bool {
	var out []bool
	for i, c := range w {
		for range int(c - '0') {
			out = append(out, i%2 == 0)
		}
	}
	return out
}
