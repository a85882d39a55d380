package marc

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"testing"
)

// isoSeeds returns records of the ISO 2709 test files, one by one, and a
// few small files whole.
func isoSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, pat := range []string{"marc21/evergreen/*.mrc", "marc21/evergreen/*.marc", "unimarc/*.mrc", "marc21/marc4j/*.mrc", "marc21/yaz/marc*.marc"} {
		files, err := filepath.Glob(testdata(t, filepath.FromSlash(pat)))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			data := readFile(t, pat[:len(pat)-len(filepath.Base(pat))]+filepath.Base(path))
			if len(data) < 20000 {
				seeds = append(seeds, data)
			}
			for n := 0; n < 8 && len(data) > 0; n++ {
				i := bytes.IndexByte(data, recordTerminator)
				if i < 0 {
					seeds = append(seeds, data)
					break
				}
				seeds = append(seeds, data[:i+1])
				data = data[i+1:]
			}
		}
	}
	return seeds
}

// checkRecord exercises a record read from fuzzed input: every accessor and
// writer must work, and what the writers make must read back.
func checkRecord(t *testing.T, rec *Record) {
	_ = rec.Warnings()
	for _, f := range rec.All() {
		_ = f.Ind1() + f.Ind2()
		_ = f.Sub('a')
		_ = f.String()
	}
	_ = DetectFormat(rec)
	_ = DetectCharset(rec)

	js, _ := rec.MarshalJSON()
	if !json.Valid(js) {
		t.Fatalf("invalid MARC-in-JSON: %q", js)
	}
	jr := NewJSONReader(bytes.NewReader(js))
	jr.Lenient = true
	if _, err := jr.Next(); err != nil {
		t.Fatalf("reading back our MARC-in-JSON: %v\n%s", err, js)
	}

	x1 := MarshalXML(rec)
	xr := NewXMLReader(bytes.NewReader(x1))
	xr.Lenient = true
	back, err := xr.Next()
	if err != nil {
		t.Fatalf("reading back our MARCXML: %v\n%s", err, x1)
	}
	// Writing MARCXML may lose what XML cannot hold (control characters,
	// invalid UTF-8) once; after that it must be stable.
	if x2 := MarshalXML(back); !bytes.Equal(x1, x2) {
		t.Fatalf("MARCXML not stable: %s", firstDiff(x2, x1))
	}
}

// FuzzReadISO2709 feeds arbitrary bytes to the ISO 2709 reader in strict and
// lenient mode, with and without charset conversion. Nothing may panic, the
// reader must come to the end, every record must survive the writers, and a
// record written by our writer must read back to the same bytes.
func FuzzReadISO2709(f *testing.F) {
	for _, s := range isoSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lenient := range []bool{false, true} {
			for _, cs := range []Charset{CharsetAuto, CharsetRaw} {
				rd := NewReader(bytes.NewReader(data))
				rd.Lenient, rd.Charset = lenient, cs
				for n := 0; ; n++ {
					if n > len(data) {
						t.Fatal("the reader does not come to an end")
					}
					rec, err := rd.Next()
					if err == io.EOF {
						break
					}
					var pe *ParseError
					if errors.As(err, &pe) {
						if pe.Record != n+1 || pe.Reason == "" {
							t.Fatalf("bad error %+v for record %d", pe, n+1)
						}
						continue
					}
					if err != nil {
						t.Fatal(err)
					}
					checkRecord(t, rec)
					if cs != CharsetRaw {
						continue
					}
					b1, err := Marshal(rec)
					if err != nil {
						continue // a value our writer refuses (a separator in data...)
					}
					rd2 := NewReader(bytes.NewReader(b1))
					rd2.Charset = CharsetRaw
					again, err := rd2.Next()
					if err != nil {
						t.Fatalf("our own record does not read back: %v\n%q", err, b1)
					}
					b2, err := Marshal(again)
					if err != nil || !bytes.Equal(b1, b2) {
						t.Fatalf("round trip changed the record (%v): %s", err, firstDiff(b2, b1))
					}
				}
			}
		}
	})
}

// FuzzReadMARCXML feeds arbitrary bytes to the MARCXML reader. Nothing may
// panic, the reader must come to the end, and every record must survive the
// writers.
func FuzzReadMARCXML(f *testing.F) {
	for _, pat := range []string{"marc21/yaz/*.xml", "marc21/marc4j/*.xml"} {
		files, err := filepath.Glob(testdata(f, filepath.FromSlash(pat)))
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range files {
			f.Add(readFile(f, pat[:len(pat)-len(filepath.Base(pat))]+filepath.Base(path)))
		}
	}
	f.Add([]byte(`<record><leader>00000nam a2200000   4500</leader><datafield tag="245" ind1="1"><subfield code="a">x</subfield></datafield></record>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lenient := range []bool{false, true} {
			rd := NewXMLReader(bytes.NewReader(data))
			rd.Lenient = lenient
			for n := 0; ; n++ {
				if n > len(data) {
					t.Fatal("the reader does not come to an end")
				}
				rec, err := rd.Next()
				if err == io.EOF {
					break
				}
				var pe *ParseError
				if errors.As(err, &pe) {
					if errors.Is(err, ErrXML) {
						break // final: XML syntax
					}
					continue
				}
				if err != nil {
					break // I/O errors of the charset reader are final
				}
				checkRecord(t, rec)
				if b, err := Marshal(rec); err == nil {
					if _, err := Unmarshal(b); err != nil {
						t.Fatalf("ISO 2709 written from MARCXML does not read back: %v\n%q", err, b)
					}
				}
			}
		}
	})
}
