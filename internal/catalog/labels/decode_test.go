package labels

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// A Code 128 reader for the tests, written from the symbology's table and
// independent of the encoder used by the package: it reads one row of
// pixels the way a scanner does.

// code128Widths holds the bar and space widths, in modules, of the 107
// Code 128 symbols (ISO/IEC 15417 table 1), by value: bar, space, bar,
// space, bar, space (and a final bar for the stop symbol, 106).
var code128Widths = [107]string{
	"212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
	"221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
	"221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
	"212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
	"231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
	"231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
	"314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
	"112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
	"111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
	"214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
	"114131", "311141", "411131", "211412", "211214", "211232", "2331112",
}

// Special symbol values.
const (
	c128Shift  = 98
	c128CodeC  = 99
	c128CodeB  = 100 // FNC4 in set B
	c128CodeA  = 101 // FNC4 in set A
	c128FNC1   = 102
	c128StartA = 103
	c128StartB = 104
	c128StartC = 105
	c128Stop   = 106
)

var code128ByWidths = func() map[string]int {
	m := make(map[string]int, len(code128Widths))
	for v, w := range code128Widths {
		m[w[:6]] = v
	}
	return m
}()

// decoded is a barcode read from a row of pixels.
type decoded struct {
	text   string
	module float64 // average module width, pixels
	quiet  float64 // the narrower quiet zone, in modules
}

// decodeRow reads the first Code 128 barcode in a row of pixels (true for
// dark) that has a start symbol, a valid check symbol, a stop symbol and
// quiet zones of at least minQuiet modules on both sides.
func decodeRow(row []bool, minQuiet float64) (decoded, error) {
	// Runs of equal pixels; runs[0] is light (maybe empty).
	var runs []int
	dark, n := false, 0
	for _, p := range row {
		if p != dark {
			runs = append(runs, n)
			dark, n = p, 0
		}
		n++
	}
	runs = append(runs, n)
	var firstErr error
	for j := 1; j+6 < len(runs); j += 2 { // odd runs are dark
		d, err := decodeAt(runs, j, minQuiet)
		if err == nil {
			return d, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = errors.New("no bars")
	}
	return decoded{}, firstErr
}

// symbolAt normalises the six elements runs[j:j+6] to modules and looks
// the symbol up; it returns the value and the module width in pixels.
func symbolAt(runs []int, j int) (int, float64, bool) {
	if j+6 > len(runs) {
		return 0, 0, false
	}
	total := 0
	for _, w := range runs[j : j+6] {
		total += w
	}
	module := float64(total) / 11
	var key [6]byte
	for k, w := range runs[j : j+6] {
		m := int(math.Round(float64(w) / module))
		if m < 1 || m > 4 {
			return 0, 0, false
		}
		key[k] = byte('0' + m)
	}
	v, ok := code128ByWidths[string(key[:])]
	return v, module, ok
}

// decodeAt reads a barcode whose start symbol begins at dark run j.
func decodeAt(runs []int, j int, minQuiet float64) (decoded, error) {
	start, module, ok := symbolAt(runs, j)
	if !ok || start < c128StartA || start > c128StartC {
		return decoded{}, errors.New("no start symbol")
	}
	if q := float64(runs[j-1]) / module; q < minQuiet {
		return decoded{}, fmt.Errorf("quiet zone before the start is %.1f modules", q)
	}
	values := []int{start}
	modules := []float64{module}
	for k := j + 6; ; k += 6 {
		v, m, ok := symbolAt(runs, k)
		if !ok {
			return decoded{}, fmt.Errorf("symbol %d: unreadable", len(values))
		}
		if v == c128Stop {
			// The stop symbol's seventh element, a 2-module bar, then the quiet zone.
			if k+7 >= len(runs) || math.Round(float64(runs[k+6])/m) != 2 {
				return decoded{}, errors.New("stop symbol without its final bar")
			}
			total := 0.0
			for _, mm := range modules {
				total += mm
			}
			module = total / float64(len(modules))
			quiet := min(float64(runs[j-1]), float64(runs[k+7])) / module
			if quiet < minQuiet {
				return decoded{}, fmt.Errorf("quiet zone after the stop is %.1f modules", float64(runs[k+7])/module)
			}
			text, err := code128Text(values)
			return decoded{text: text, module: module, quiet: quiet}, err
		}
		values = append(values, v)
		modules = append(modules, m)
	}
}

// code128Text checks the check symbol (the last value) and reads the data
// symbols by their code sets.
func code128Text(values []int) (string, error) {
	if len(values) < 2 {
		return "", errors.New("no check symbol")
	}
	data, check := values[:len(values)-1], values[len(values)-1]
	sum := data[0]
	for i, v := range data[1:] {
		sum += (i + 1) * v
	}
	if sum%103 != check {
		return "", fmt.Errorf("check symbol %d, want %d", check, sum%103)
	}
	set := map[int]byte{c128StartA: 'A', c128StartB: 'B', c128StartC: 'C'}[data[0]]
	var b strings.Builder
	shift := false
	for _, v := range data[1:] {
		cur := set
		if shift {
			cur = map[byte]byte{'A': 'B', 'B': 'A'}[set]
			shift = false
		}
		switch {
		case cur == 'C' && v < 100:
			fmt.Fprintf(&b, "%02d", v)
		case cur != 'C' && v < 64:
			b.WriteByte(byte(v + 32))
		case cur == 'A' && v < 96:
			b.WriteByte(byte(v - 64)) // control characters
		case cur == 'B' && v < 96:
			b.WriteByte(byte(v + 32))
		case v == c128Shift && cur != 'C':
			shift = true
		case v == c128CodeC && cur != 'C':
			set = 'C'
		case v == c128CodeB && cur != 'B':
			set = 'B'
		case v == c128CodeA && cur != 'A':
			set = 'A'
		default:
			return "", fmt.Errorf("value %d in code set %c is not supported by this reader", v, cur)
		}
	}
	return b.String(), nil
}
