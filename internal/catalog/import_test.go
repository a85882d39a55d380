package catalog_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/marc"
)

func importFile(t *testing.T, s *catalog.Service, path string, opt catalog.ImportOptions) catalog.ImportSummary {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rr, _, err := catalog.OpenMARC(f, "auto", "auto")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Import(context.Background(), cli, rr, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func importBytes(t *testing.T, s *catalog.Service, data []byte, opt catalog.ImportOptions) catalog.ImportSummary {
	t.Helper()
	rr, _, err := catalog.OpenMARC(bytes.NewReader(data), "auto", "auto")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Import(context.Background(), cli, rr, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// TestImportRealFilesAndExportRoundTrip imports MARC-8 and MARCXML files
// written by others, exports everything, imports the export into a fresh
// catalogue, and checks that every record's MARC is byte for byte the same.
func TestImportRealFilesAndExportRoundTrip(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		opt := catalog.ImportOptions{OnDuplicate: catalog.DuplicateNew, BatchSize: 128}
		sum := importFile(t, s, testdata(t, "marc21/evergreen/jazz_1k.mrc"), opt)
		if sum.Read != 1000 || sum.Created != 1000 || sum.Failed != 0 {
			t.Fatalf("jazz_1k: %+v", sum.ImportProgress)
		}
		sum = importFile(t, s, testdata(t, "marc21/evergreen/concerto_bibs_marcxml.xml"), opt)
		if sum.Read != 264 || sum.Created != 264 {
			t.Fatalf("concerto: %+v", sum.ImportProgress)
		}
		var exported [][]byte
		n, err := s.Export(ctx, cli, time.Time{}, func(id int64, raw []byte) error {
			exported = append(exported, append([]byte(nil), raw...))
			return nil
		})
		if err != nil || n != 1264 {
			t.Fatalf("export: %d %v", n, err)
		}
		// MARC-8 became UTF-8 on the way in: leader/09 says so.
		first, _ := marc.Unmarshal(exported[0])
		if first.Leader[9] != 'a' {
			t.Fatalf("leader/09 of an imported MARC-8 record: %q", first.Leader[9])
		}
		fresh := catalog.NewService(freshDB(t, d))
		sum = importBytes(t, fresh, bytes.Join(exported, nil), opt)
		if sum.Created != 1264 {
			t.Fatalf("re-import: %+v", sum.ImportProgress)
		}
		i := 0
		fresh.Export(ctx, cli, time.Time{}, func(id int64, raw []byte) error {
			if !bytes.Equal(raw, exported[i]) {
				t.Fatalf("record %d changed on export → import → export", i+1)
			}
			i++
			return nil
		})
		// --since exports only what changed since.
		c.Advance(time.Hour)
		recs, _ := s.ListRecords(ctx, cli, catalog.RecordFilter{Limit: 1})
		m, _ := recs[0].Parse()
		s.UpdateRecord(ctx, cli, recs[0].ID, m, 0)
		n, _ = s.Export(ctx, cli, t0.Add(30*time.Minute), func(int64, []byte) error { return nil })
		if n != 1 {
			t.Fatalf("export since: %d records", n)
		}
	})
}

// freshDB opens another empty database of the same dialect.
func freshDB(t *testing.T, like *db.DB) *db.DB {
	t.Helper()
	if like.Dialect() == db.Postgres {
		return postgresDB(t)
	}
	return sqliteDB(t)
}

// withBadRecordInTheMiddle writes three records, the second with a broken
// directory, as one ISO 2709 stream.
func withBadRecordInTheMiddle(t *testing.T) []byte {
	var buf bytes.Buffer
	for i, title := range []string{"第一本书", "坏记录", "第三本书"} {
		raw, err := marc.Marshal(cnmarcBook(title, "作者"+title, "", "I247"))
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			copy(raw[24:27], "x1!")  // the first directory entry's tag becomes garbage …
			copy(raw[27:31], "9999") // … and its length points past the record
		}
		buf.Write(raw)
	}
	return buf.Bytes()
}

func TestImportReportsBadRecordsAndGoesOn(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		sum := importBytes(t, s, withBadRecordInTheMiddle(t), catalog.ImportOptions{})
		if sum.Read != 3 || sum.Created != 2 || sum.Failed != 1 || sum.Failures[0].Record != 2 {
			t.Fatalf("summary %+v failures %+v", sum.ImportProgress, sum.Failures)
		}
		// A record without a title fails by number, with its reason.
		noTitle := &marc.Record{Leader: marc.DefaultLeader}
		noTitle.Add(marc.NewControlField("001", "n1"), marc.NewDataField("020", ' ', ' ', "a", "9787536692930"))
		raw, _ := marc.Marshal(noTitle)
		good, _ := marc.Marshal(cnmarcBook("好书", "某", "", "I"))
		sum = importBytes(t, s, append(append([]byte{}, good...), raw...), catalog.ImportOptions{})
		if sum.Failed != 1 || sum.Failures[0].Record != 2 {
			t.Fatalf("no title: %+v %+v", sum.ImportProgress, sum.Failures)
		}
		if e, ok := apperr.As(sum.Failures[0].Err); !ok || e.Key != "error.record_no_title" {
			t.Fatalf("reason: %v", sum.Failures[0].Err)
		}
	})
}

func TestImportDuplicatePolicies(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		var file []byte
		for _, b := range []*marc.Record{
			cnmarcBook("三体", "刘慈欣", "9787536692930", "I247.55"),
			cnmarcBook("活着", "余华", "9787506365437", "I247.57"),
		} {
			raw, _ := marc.Marshal(b)
			file = append(file, raw...)
		}
		sum := importBytes(t, s, file, catalog.ImportOptions{OnDuplicate: catalog.DuplicateSkip})
		if sum.Created != 2 {
			t.Fatalf("first import: %+v", sum.ImportProgress)
		}
		sum = importBytes(t, s, file, catalog.ImportOptions{OnDuplicate: catalog.DuplicateSkip})
		if sum.Created != 0 || sum.Skipped != 2 {
			t.Fatalf("skip: %+v", sum.ImportProgress)
		}
		sum = importBytes(t, s, file, catalog.ImportOptions{OnDuplicate: catalog.DuplicateOverlay})
		if sum.Overlaid != 2 {
			t.Fatalf("overlay: %+v", sum.ImportProgress)
		}
		recs, _ := s.ListRecords(ctx, cli, catalog.RecordFilter{})
		if len(recs) != 2 || recs[0].Version != 2 {
			t.Fatalf("after overlay: %d records, version %d", len(recs), recs[0].Version)
		}
		sum = importBytes(t, s, file, catalog.ImportOptions{OnDuplicate: catalog.DuplicateNew})
		if sum.Created != 2 {
			t.Fatalf("new: %+v", sum.ImportProgress)
		}
		// A file that repeats a record matches itself.
		fresh := catalog.NewService(freshDB(t, d))
		sum = importBytes(t, fresh, append(append([]byte{}, file...), file...), catalog.ImportOptions{})
		if sum.Created != 2 || sum.Skipped != 2 {
			t.Fatalf("repeated file: %+v", sum.ImportProgress)
		}
	})
}

func bookWith952(title string, items ...[2]string) *marc.Record {
	r := &marc.Record{Leader: marc.Leader([]byte("00000nam a2200000 a 4500"))}
	r.Add(marc.NewControlField("008", "200101s2019    ch            000 0 chi d"),
		marc.NewDataField("245", '1', '0', "a", title))
	for _, it := range items {
		r.Add(marc.NewDataField("952", ' ', ' ', "a", "main", "c", "west-stacks", "8", "wx", "y", "book",
			"o", it[1], "p", it[0], "g", "45.00"))
	}
	return r
}

func TestImportItemsFromHoldings(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		var file []byte
		for _, r := range []*marc.Record{
			bookWith952("Book one", [2]string{"B001", "TP311/1"}, [2]string{"B002", "TP311/1"}),
			bookWith952("Book two", [2]string{"B003", "TP311/2"}, [2]string{"B001", "TP311/2"}), // B001 is taken
			bookWith952("Book three", [2]string{"B004", "TP312/1"}),
		} {
			raw, _ := marc.Marshal(r)
			file = append(file, raw...)
		}
		sum := importBytes(t, s, file, catalog.ImportOptions{ItemsFrom: catalog.Holdings952})
		if sum.Created != 2 || sum.Failed != 1 || sum.Failures[0].Record != 2 || sum.Items != 3 {
			t.Fatalf("summary %+v failures %+v", sum.ImportProgress, sum.Failures)
		}
		// Record two left nothing behind: no record, and B003 is free.
		recs, _ := s.ListRecords(ctx, cli, catalog.RecordFilter{})
		for _, r := range recs {
			if r.Title == "Book two" {
				t.Fatal("half of a failed record was imported")
			}
		}
		if _, err := s.GetItemByBarcode(ctx, cli, "B003"); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("an item of the failed record was imported: %v", err)
		}
		it, err := s.GetItemByBarcode(ctx, cli, "B002")
		if err != nil || it.Location != "west-stacks" || it.Collection != "wx" || it.PriceFen != 4500 || it.Status != catalog.Available || it.CallNumber != "TP311/1" {
			t.Fatalf("imported item: %+v %v", it, err)
		}
		locs, _ := s.Codes(ctx, catalog.Locations)
		found := false
		for _, l := range locs {
			found = found || l.Code == "west-stacks"
		}
		if !found {
			t.Fatal("the file's location was not added to the code list")
		}
		// Its 种次号 is known to the sequence now.
		rec := recs[0]
		cn, _ := s.SuggestCallNumber(ctx, cli, rec.ID, "wx", "TP311")
		if cn != "TP311/2" {
			t.Fatalf("next 种次号 after imported TP311/1: %s", cn)
		}
	})
}

func TestOpenMARCRejectsBadOptions(t *testing.T) {
	for _, c := range [][2]string{{"usmarc", "auto"}, {"auto", "ebcdic"}} {
		if _, _, err := catalog.OpenMARC(strings.NewReader(""), c[0], c[1]); err == nil {
			t.Errorf("%v accepted", c)
		}
	}
}

func TestImportJob(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		data := withBadRecordInTheMiddle(t)
		finished := make(chan struct{})
		job, err := s.StartImportJob(ctx, cli, "upload.mrc", int64(len(data)), catalog.ImportJobOptions{},
			func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }, func() { close(finished) })
		if err != nil || job.Status != "running" {
			t.Fatalf("start: %+v %v", job, err)
		}
		<-finished
		job, err = s.GetImportJob(ctx, cli, job.ID)
		if err != nil || job.Status != "done" || job.Progress.Created != 2 || job.Progress.Failed != 1 ||
			len(job.Failures) != 1 || job.Failures[0].Record != 2 || job.Failures[0].Text+job.Failures[0].Key == "" || job.Percent() != 100 {
			t.Fatalf("job: %+v %v", job, err)
		}
		if _, err := s.StartImportJob(ctx, cli, "x", 0, catalog.ImportJobOptions{OnDuplicate: "merge"}, nil, nil); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad option: %v", err)
		}
		// A job whose server stopped is marked interrupted once quiet.
		stuck, _ := s.StartImportJob(ctx, cli, "stuck.mrc", 10, catalog.ImportJobOptions{},
			func() (io.ReadCloser, error) { return nil, io.ErrUnexpectedEOF }, nil)
		_ = stuck
		time.Sleep(50 * time.Millisecond)
		jobs, _ := s.ImportJobs(ctx, cli, 10)
		if len(jobs) != 2 || jobs[0].Status != "failed" {
			t.Fatalf("jobs: %+v", jobs)
		}
	})
}

// TestImportGBKFile imports the hand-written CNMARC fixtures written out in
// GB 18030 — as many Chinese vendors deliver them — and checks that the
// stored records are the UTF-8 originals.
func TestImportGBKFile(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		paths, _ := filepath.Glob("profile/testdata/cnmarc/*.xml")
		if len(paths) < 20 {
			t.Fatalf("%d fixtures", len(paths))
		}
		enc := simplifiedchinese.GB18030.NewEncoder()
		var gbk []byte
		var titles []string
		for _, p := range paths {
			f, _ := os.Open(p)
			rr := marc.NewXMLReader(f)
			m, err := rr.Next()
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			titles = append(titles, m.SubValue("200", 'a'))
			// Re-encode every value in GB 18030 and blank the character-set
			// positions of 100$a, as vendors' files often have them.
			g := m.Clone()
			fields := g.All()
			for i := range fields {
				f := &fields[i]
				if f.Control {
					f.Value, _ = enc.String(f.Value)
					continue
				}
				for j := range f.Subfields {
					v := f.Subfields[j].Value
					if f.Tag == "100" && len(v) >= 30 {
						v = v[:26] + "    " + v[30:]
					}
					f.Subfields[j].Value, _ = enc.String(v)
				}
			}
			raw, err := marc.Marshal(g)
			if err != nil {
				t.Fatal(err)
			}
			gbk = append(gbk, raw...)
		}
		if utf8.Valid(gbk) {
			t.Fatal("the GB 18030 file is valid UTF-8: the test would prove nothing")
		}
		sum := importBytes(t, s, gbk, catalog.ImportOptions{OnDuplicate: catalog.DuplicateNew})
		if sum.Created != len(paths) || sum.Failed != 0 {
			t.Fatalf("import: %+v %+v", sum.ImportProgress, sum.Failures)
		}
		recs, _ := s.ListRecords(ctx, cli, catalog.RecordFilter{Limit: 100})
		for i, r := range recs {
			m, _ := r.Parse()
			if got := m.SubValue("200", 'a'); got != titles[i] {
				t.Errorf("record %d: title %q, want %q", i+1, got, titles[i])
			}
		}
	})
}
