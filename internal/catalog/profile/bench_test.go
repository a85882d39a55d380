package profile

import (
	"bytes"
	"io"
	"os"
	"testing"

	"lantai.dev/lantai/internal/marc"
)

// benchRecords reads every record of a shared file (or fails).
func benchRecords(b *testing.B, file string) []*marc.Record {
	b.Helper()
	f, err := os.Open(sharedTestdata(b, file))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rr, _, err := marc.NewAutoReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var out []*marc.Record
	for {
		r, err := rr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			b.Fatal(err)
		}
		r.All() // have the reader split the fields now, not in the loop
		out = append(out, r)
	}
}

// BenchmarkDerive derives records already read, one record per operation:
// the 23 CNMARC fixtures, 1,000 MARC 21 records of jazz_1k.mrc (ISO 2709,
// MARC-8) and 264 of concerto_bibs_marcxml.xml.
func BenchmarkDerive(b *testing.B) {
	_, fx := loadFixtures(b)
	var cnRecs []*marc.Record
	for _, r := range fx {
		cnRecs = append(cnRecs, r)
	}
	sets := []struct {
		name string
		recs []*marc.Record
	}{
		{"CNMARC", cnRecs},
		{"MARC21-jazz", benchRecords(b, "marc21/evergreen/jazz_1k.mrc")},
		{"MARC21-concerto", benchRecords(b, "marc21/evergreen/concerto_bibs_marcxml.xml")},
	}
	for _, s := range sets {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := Derive(s.recs[i]); err != nil {
					b.Fatal(err)
				}
				if i++; i == len(s.recs) {
					i = 0
				}
			}
		})
	}
}

// BenchmarkReadAndDerive reads jazz_1k.mrc (ISO 2709, MARC-8, converted to
// UTF-8) and derives each record: the work of the bulk importer per record
// before the database. One operation is one record.
func BenchmarkReadAndDerive(b *testing.B) {
	data, err := os.ReadFile(sharedTestdata(b, "marc21/evergreen/jazz_1k.mrc"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var rd *marc.Reader
	for b.Loop() {
		if rd == nil {
			rd = marc.NewReader(bytes.NewReader(data))
		}
		r, err := rd.Next()
		if err == io.EOF {
			rd = nil
			continue
		}
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Derive(r); err != nil {
			b.Fatal(err)
		}
	}
}
