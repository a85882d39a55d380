package marc

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestLazyMatchesEager checks, for every record of the ISO 2709 test files,
// that the fields the Reader parses on first use (and converts) are what an
// eager parse of the same bytes gives, warnings included, and that
// converting a raw record afterwards (ConvertToUTF8) agrees with the
// Reader's own conversion.
func TestLazyMatchesEager(t *testing.T) {
	lazy := 0
	for _, path := range isoFiles(t) {
		data := readFile(t, strings.TrimPrefix(path, testdata(t)+string(filepath.Separator)))
		for _, lenient := range []bool{false, true} {
			rd := NewReader(bytes.NewReader(data))
			rd.Lenient = lenient
			raw := NewReader(bytes.NewReader(data))
			raw.Lenient, raw.Charset = lenient, CharsetRaw
			for {
				start := rd.Offset()
				rec, err := rd.Next()
				rawRec, rawErr := raw.Next()
				if err == io.EOF {
					break
				}
				var pe *ParseError
				if errors.As(err, &pe) {
					if rawErr == nil {
						t.Fatalf("%s offset %d: converted read failed (%v), raw read did not", path, start, err)
					}
					continue
				}
				if err != nil || rawErr != nil {
					t.Fatalf("%s offset %d: %v / %v", path, start, err, rawErr)
				}
				if rec.lazy != nil {
					lazy++
				}
				s := strings.TrimLeft(string(data[start:rd.Offset()]), "\r\n \x00\x1a")
				eager, _, perr := parseISO2709(s, parseConfig{lenient: lenient, utf8Chars: true})
				if perr != nil {
					t.Fatalf("%s offset %d: eager parse failed: %v", path, start, perr)
				}
				if !reflect.DeepEqual(rawRec.All(), eager.All()) || !reflect.DeepEqual(rawRec.Warnings(), eager.Warnings()) {
					t.Fatalf("%s offset %d: lazy and eager parses differ", path, start)
				}
				if err := rawRec.ConvertToUTF8(CharsetAuto); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(rawRec.All(), rec.All()) || rawRec.Leader != rec.Leader {
					t.Fatalf("%s offset %d: ConvertToUTF8 and the Reader disagree", path, start)
				}
			}
		}
	}
	if lazy < 3000 {
		t.Errorf("only %d records were parsed lazily", lazy)
	}
}
