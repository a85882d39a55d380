package marc

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var (
	bigOnce sync.Once
	bigPath string
	bigN    int
)

// bigFile builds, once per test binary, a file of jazz_1k.mrc (1,000 MARC 21
// records in MARC-8, 939 KB) repeated 100 times: 100,000 records, 94 MB.
func bigFile(b *testing.B) (string, int) {
	b.Helper()
	src := readFile(b, "marc21", "evergreen", "jazz_1k.mrc")
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "marc-bench")
		if err != nil {
			b.Fatal(err)
		}
		bigPath = filepath.Join(dir, "jazz_100k.mrc")
		f, err := os.Create(bigPath)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < 100; i++ {
			if _, err := f.Write(src); err != nil {
				b.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		bigN = 100 * 1000
	})
	return bigPath, bigN
}

func benchRead(b *testing.B, cs Charset) {
	path, n := bigFile(b)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rd := NewReader(bytes.NewReader(data))
		rd.Charset = cs
		count := 0
		for {
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		if count != n {
			b.Fatalf("read %d records, want %d", count, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkReadISO2709Raw(b *testing.B)  { benchRead(b, CharsetRaw) }
func BenchmarkReadISO2709Auto(b *testing.B) { benchRead(b, CharsetAuto) }
