package marc

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The benchmarks read a file built once per test binary in a temporary
// folder: jazz_1k.mrc (1,000 MARC 21 records in MARC-8, 939 KB) repeated 100
// times, 100,000 records and 94 MB; and the same records converted to UTF-8
// by this package (leader/09 'a'), also repeated 100 times.
//
//	go test -run '^$' -bench . -cpu 1 ./internal/marc
var (
	bigOnce  sync.Once
	bigMARC8 []byte
	bigUTF8  []byte
	bigErr   error
)

const bigRecords = 100 * 1000

func bigFiles(b *testing.B) (marc8, utf8 []byte) {
	b.Helper()
	src := readFile(b, "marc21", "evergreen", "jazz_1k.mrc")
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "marc-bench")
		if err != nil {
			bigErr = err
			return
		}
		defer os.RemoveAll(dir)
		var conv bytes.Buffer
		w := NewWriter(&conv)
		rd := NewReader(bytes.NewReader(src))
		for {
			rec, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				bigErr = err
				return
			}
			if err := w.Write(rec); err != nil {
				bigErr = err
				return
			}
		}
		for name, one := range map[string][]byte{"jazz_100k.mrc": src, "jazz_100k_utf8.mrc": conv.Bytes()} {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, bytes.Repeat(one, 100), 0o600); err != nil {
				bigErr = err
				return
			}
			data, err := os.ReadFile(path)
			if err != nil {
				bigErr = err
				return
			}
			if name == "jazz_100k.mrc" {
				bigMARC8 = data
			} else {
				bigUTF8 = data
			}
		}
	})
	if bigErr != nil {
		b.Fatalf("building the benchmark files: %v", bigErr)
	}
	return bigMARC8, bigUTF8
}

// benchRead reads all records of data; with fields it also makes every
// record's fields ready (parsed and converted), as code that uses them does.
func benchRead(b *testing.B, data []byte, cs Charset, fields bool) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rd := NewReader(bytes.NewReader(data))
		rd.Charset = cs
		n := 0
		for {
			rec, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if fields && rec.Len() == 0 {
				b.Fatal("record without fields")
			}
			n++
		}
		if n != bigRecords {
			b.Fatalf("read %d records, want %d", n, bigRecords)
		}
	}
	b.ReportMetric(float64(bigRecords)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkReadISO2709 measures Next alone on the MARC-8 file without
// character conversion: framing, leader and directory checks; fields are
// parsed on first use.
func BenchmarkReadISO2709(b *testing.B) {
	m8, _ := bigFiles(b)
	benchRead(b, m8, CharsetRaw, false)
}

// BenchmarkReadISO2709Fields also parses every field and subfield.
func BenchmarkReadISO2709Fields(b *testing.B) {
	m8, _ := bigFiles(b)
	benchRead(b, m8, CharsetRaw, true)
}

// BenchmarkReadISO2709UTF8 reads the UTF-8 file with charset detection and
// parses every field (nothing to convert).
func BenchmarkReadISO2709UTF8(b *testing.B) {
	_, u8 := bigFiles(b)
	benchRead(b, u8, CharsetAuto, true)
}

// BenchmarkReadISO2709MARC8 reads the MARC-8 file with charset detection,
// parses every field and converts the records that need it to UTF-8.
func BenchmarkReadISO2709MARC8(b *testing.B) {
	m8, _ := bigFiles(b)
	benchRead(b, m8, CharsetAuto, true)
}

// BenchmarkDecodeMARC8 converts MARC-8 text with diacritics, Cyrillic and
// CJK to UTF-8.
func BenchmarkDecodeMARC8(b *testing.B) {
	src := "Caf\xe2e Cr\xe8eme br\xe3ul\xe2ee \x1b(NAB\x1b(B \x1b$1!0!!0\"\x1b(B plain ASCII text of some length"
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var buf []byte
	for i := 0; i < b.N; i++ {
		buf = decodeMARC8(buf[:0], src)
	}
}

// BenchmarkWriteISO2709 writes the records of jazz_1k.mrc.
func BenchmarkWriteISO2709(b *testing.B) {
	recs := readAll(b, NewReader(bytes.NewReader(readFile(b, "marc21", "evergreen", "jazz_1k.mrc"))))
	b.ReportAllocs()
	b.ResetTimer()
	var buf []byte
	for i := 0; i < b.N; i++ {
		var err error
		if buf, err = AppendISO2709(buf[:0], recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteMARCXML writes the records of jazz_1k.mrc as MARCXML.
func BenchmarkWriteMARCXML(b *testing.B) {
	recs := readAll(b, NewReader(bytes.NewReader(readFile(b, "marc21", "evergreen", "jazz_1k.mrc"))))
	w := NewXMLWriter(io.Discard)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := w.Write(recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadMARCXML reads concerto_bibs_marcxml.xml (264 records).
func BenchmarkReadMARCXML(b *testing.B) {
	data := readFile(b, "marc21", "evergreen", "concerto_bibs_marcxml.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if n := len(readAll(b, NewXMLReader(bytes.NewReader(data)))); n != 264 {
			b.Fatalf("read %d records", n)
		}
	}
}

// benchPipe reads the MARC-8 file and writes every record, like
// yaz-marcdump does (compare with `yaz-marcdump -o marc FILE` and
// `yaz-marcdump -f MARC-8 -t UTF-8 -o marcxml FILE` on the same file).
func benchPipe(b *testing.B, cs Charset, write func(w io.Writer) func(*Record) error) {
	m8, _ := bigFiles(b)
	b.SetBytes(int64(len(m8)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rd := NewReader(bytes.NewReader(m8))
		rd.Charset = cs
		put := write(io.Discard)
		n := 0
		for {
			rec, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if err := put(rec); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != bigRecords {
			b.Fatalf("copied %d records", n)
		}
	}
	b.ReportMetric(float64(bigRecords)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkCopyISO2709 reads and writes ISO 2709 without conversion.
func BenchmarkCopyISO2709(b *testing.B) {
	benchPipe(b, CharsetRaw, func(w io.Writer) func(*Record) error { return NewWriter(w).Write })
}

// BenchmarkMARC8ToMARCXML converts the MARC-8 file to MARCXML in UTF-8.
func BenchmarkMARC8ToMARCXML(b *testing.B) {
	benchPipe(b, CharsetAuto, func(w io.Writer) func(*Record) error { return NewXMLWriter(w).Write })
}
