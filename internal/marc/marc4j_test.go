package marc

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"testing"
)

// TestMarc4jRobustness reads every file of marc4j's test set (bad leaders,
// bad directories, records longer than ISO 2709 allows, broken MARC-8,
// mangled CJK, unordered directories) in strict and lenient mode. Each
// record either parses or is reported with its number and the reason, and
// reading goes on to the end of the file. The outcome of each file is pinned.
func TestMarc4jRobustness(t *testing.T) {
	type outcome struct{ ok, bad int }
	want := map[string][2]outcome{ // strict, lenient
		"bad_leaders_10_11.mrc":                {{0, 1}, {1, 0}},
		"bad_oversize_field_bad_directory.mrc": {{4, 1}, {5, 0}},
		"bad_too_long_plus_2.mrc":              {{2, 1}, {3, 0}},
		"brkrtest.mrc":                         {{8, 0}, {8, 0}},
		"brkrtest_UTF8.mrc":                    {{8, 0}, {8, 0}},
		"chabon-missing-subfield-code.xml":     {{0, 1}, {1, 0}},
		"chabon.mrc":                           {{2, 0}, {2, 0}},
		"chabon.xml":                           {{2, 0}, {2, 0}},
		"chinese_mangled_multibyte.mrc":        {{4, 0}, {4, 0}},
		"cyrillic_capital_e.mrc":               {{2, 0}, {2, 0}},
		"greekmissingcharsetchange.mrc":        {{3, 0}, {3, 0}},
		"incomplete_esc_seq.mrc":               {{1, 0}, {1, 0}},
		"selectedRecs.mrc":                     {{11, 0}, {11, 0}},
		"summerland.mrc":                       {{1, 0}, {1, 0}},
		"summerland.xml":                       {{1, 0}, {1, 0}},
		"u17_utf8.mrc":                         {{1, 0}, {1, 0}},
		"unordered-directory-entries.mrc":      {{1, 0}, {1, 0}},
	}
	files, err := filepath.Glob(testdata(t, "marc21", "marc4j", "*"))
	if err != nil || len(files) != len(want) {
		t.Fatalf("found %d marc4j files, want %d (%v)", len(files), len(want), err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		for mode, lenient := range []bool{false, true} {
			rr, _, err := NewAutoReader(bytes.NewReader(readFile(t, "marc21", "marc4j", name)))
			if err != nil {
				t.Fatal(err)
			}
			switch r := rr.(type) {
			case *Reader:
				r.Lenient = lenient
			case *XMLReader:
				r.Lenient = lenient
			}
			var got outcome
			for n := 1; ; n++ {
				rec, err := rr.Next()
				if err == io.EOF {
					break
				}
				var pe *ParseError
				if errors.As(err, &pe) {
					if pe.Record != n || pe.Offset < 0 || pe.Reason == "" || pe.Err == nil {
						t.Errorf("%s record %d: incomplete error %+v", name, n, pe)
					}
					got.bad++
					continue
				}
				if err != nil {
					t.Fatalf("%s record %d: %v", name, n, err)
				}
				if rec.Len() == 0 {
					t.Errorf("%s record %d: no fields", name, n)
				}
				got.ok++
			}
			if w := want[name][mode]; got != w {
				t.Errorf("%s (lenient=%v): %d records and %d errors, want %d and %d", name, lenient, got.ok, got.bad, w.ok, w.bad)
			}
		}
	}
}

// TestMutatedRecordsNeverPanic truncates and corrupts every record of the
// test files in many ways; the reader must return records or errors, never
// panic, and always come to the end of the input.
func TestMutatedRecordsNeverPanic(t *testing.T) {
	var seeds [][]byte
	for _, path := range isoFiles(t) {
		data := readFile(t, path[len(testdata(t))+1:])
		if len(data) > 3000 {
			data = data[:3000]
		}
		seeds = append(seeds, data)
	}
	mutations := 0
	for _, seed := range seeds {
		for cut := 0; cut < len(seed); cut += 1 + len(seed)/40 {
			for _, b := range []byte{0x1d, 0x1e, 0x1f, '9', 0xff} {
				m := append([]byte(nil), seed...)
				m[cut] = b
				for _, in := range [][]byte{m, m[:cut]} {
					for _, lenient := range []bool{false, true} {
						rd := NewReader(bytes.NewReader(in))
						rd.Lenient = lenient
						for i := 0; ; i++ {
							rec, err := rd.Next()
							if err == io.EOF {
								break
							}
							if i > len(in) {
								t.Fatalf("reader does not come to an end")
							}
							if err == nil {
								if _, err := Marshal(rec); err != nil && !errors.Is(err, ErrField) && !errors.Is(err, ErrTooLong) {
									t.Fatalf("writing a mutated record: %v", err)
								}
								MarshalXML(rec)
							}
						}
						mutations++
					}
				}
			}
		}
	}
	t.Logf("%d mutated inputs read", mutations)
}
