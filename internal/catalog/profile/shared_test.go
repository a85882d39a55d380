package profile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/marc"
)

// sharedFiles lists the MARC 21 and UNIMARC files of shared/testdata: every
// .mrc, .marc, .xml and .json file (the yaz .chr and .lst files are not
// records).
func sharedFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, dir := range []string{"marc21/evergreen", "marc21/marc4j", "marc21/yaz", "unimarc"} {
		entries, err := os.ReadDir(sharedTestdata(t, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch filepath.Ext(e.Name()) {
			case ".mrc", ".marc", ".xml", ".json":
				out = append(out, filepath.Join(dir, e.Name()))
			}
		}
	}
	return out
}

// sharedRecord is a record of a shared file with its number in the file.
type sharedRecord struct {
	file string
	n    int
	r    *marc.Record
}

// readShared reads every record the marc package can read from the shared
// files. Records the reader rejects are counted, not returned: they are the
// reader's business.
func readShared(t testing.TB) (recs []sharedRecord, unreadable int) {
	t.Helper()
	for _, file := range sharedFiles(t) {
		f, err := os.Open(sharedTestdata(t, file))
		if err != nil {
			t.Fatal(err)
		}
		rr, _, err := marc.NewAutoReader(f)
		if err != nil {
			f.Close()
			t.Fatalf("%s: %v", file, err)
		}
		for n := 1; ; n++ {
			r, err := rr.Next()
			if err == io.EOF {
				break
			}
			var pe *marc.ParseError
			if errors.As(err, &pe) {
				unreadable++
				continue
			}
			if err != nil {
				unreadable++
				break // not a per-record error: the rest of the file cannot be read
			}
			recs = append(recs, sharedRecord{file, n, r})
		}
		f.Close()
	}
	return recs, unreadable
}

// TestSharedRecords derives every record of the shared MARC 21 and UNIMARC
// files. Each must derive with a title, or fail with an *Error that names
// the field, and only for a reason the record really has: it is an authority
// or holdings record, it has no title proper, or it has nothing to tell
// its format by.
func TestSharedRecords(t *testing.T) {
	recs, unreadable := readShared(t)
	var ok, notBib, noTitle, unknown int
	for _, s := range recs {
		where := fmt.Sprintf("%s record %d", s.file, s.n)
		b, err := Derive(s.r)
		if err == nil {
			ok++
			if b.Title == "" || b.DisplayTitle == "" || b.SortTitle == "" && NormalizeKey(b.Title) != "" {
				t.Errorf("%s: derived without title: %q / %q / %q", where, b.Title, b.DisplayTitle, b.SortTitle)
			}
			if b.Format != marc.FormatMARC21 && b.Format != marc.FormatUNIMARC && b.Format != marc.FormatCNMARC {
				t.Errorf("%s: format %v", where, b.Format)
			}
			if !strings.HasPrefix(b.DupKey, NormalizeKey(b.SortTitle)+"|") {
				t.Errorf("%s: dup key %q does not start with the sort title %q", where, b.DupKey, b.SortTitle)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: error %v is not a *profile.Error", where, err)
			continue
		}
		if e.Tag == "" || !strings.Contains(err.Error(), "field "+e.Tag) {
			t.Errorf("%s: error %q does not name the field", where, err)
		}
		switch {
		case errors.Is(err, ErrNotBibliographic):
			notBib++
			if l := s.r.Leader[6]; !strings.ContainsRune("zxyuvq", rune(l)) {
				t.Errorf("%s: %v, but leader/06 is %q", where, err, l)
			}
		case errors.Is(err, ErrNoTitle):
			noTitle++
			if s.r.SubValue("245", 'a') != "" || s.r.SubValue("200", 'a') != "" {
				t.Errorf("%s: %v, but the record has a title", where, err)
			}
		case errors.Is(err, ErrUnknownFormat):
			unknown++
			if s.r.Field("245") != nil || s.r.Field("200") != nil || s.r.ControlValue("008") != "" {
				t.Errorf("%s: %v, but the record has 245, 200 or 008", where, err)
			}
		default:
			t.Errorf("%s: unexpected error %v", where, err)
		}
	}
	t.Logf("%d records: %d derived, %d not bibliographic, %d without title, %d of unknown format; %d unreadable",
		len(recs), ok, notBib, noTitle, unknown, unreadable)
	// The files hold 1,066 authority and 7 holdings records, and about
	// 2,500 bibliographic ones that the marc package reads.
	if notBib != 1066+7 {
		t.Errorf("%d records not bibliographic, want 1073", notBib)
	}
	if ok < 2490 {
		t.Errorf("only %d records derived", ok)
	}
}

// TestSharedRecordValues checks values derived from a few real records.
func TestSharedRecordValues(t *testing.T) {
	get := func(file string, n int) Bib {
		t.Helper()
		f, err := os.Open(sharedTestdata(t, file))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rr, _, err := marc.NewAutoReader(f)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; ; i++ {
			r, err := rr.Next()
			if err != nil {
				t.Fatalf("%s record %d: %v", file, i, err)
			}
			if i == n {
				b, err := Derive(r)
				if err != nil {
					t.Fatalf("%s record %d: %v", file, n, err)
				}
				return b
			}
		}
	}

	b := get("marc21/yaz/marc12.marc", 1) // a Chinese picture book with 880 fields
	check(t, "title", []string{b.Title, b.TitleRomanized, b.DisplayTitle}, []string{"车票去哪儿了", "Che piao qu na er le", "车票去哪儿了 / 刘旭恭著绘"})
	check(t, "names", []any{b.FirstAuthor, b.Names[0].Romanized, b.Names[0].Role, b.Names[0].Relator}, []any{"刘旭恭", "Liu, Xugong", "aut", "author; illustrator"})
	check(t, "publication", []any{b.PubPlace, b.Publisher, b.Year, b.Edition}, []any{"[武汉]", "长江少年儿童出版社", 2020, "第1版"})
	check(t, "ISBNs", []any{b.ISBN, len(b.ISBNs), b.ISBNs[1].ISBN13, b.ISBNs[1].Qualifier}, []any{"9787572101014", 2, "9787572101014", "hardcover"})
	check(t, "series", b.Series, []Series{{Title: "海豚绘本花园", Number: "585", Tag: "490"}})
	check(t, "flags", []any{b.Juvenile, b.Material, b.Languages}, []any{true, MaterialBook, []string{"chi"}})
	check(t, "dup key", b.DupKey, "车票去哪儿了|刘旭恭|2020")

	b = get("marc21/evergreen/jazz_1k.mrc", 1)
	check(t, "jazz", []any{b.Title, b.FirstAuthor, b.Year, b.Material, b.Extent, len(b.Names)},
		[]any{"Friendly fire", "Lovano, Joe", 1999, MaterialMusicRecord, "1 sound disc : digital, stereo", 5})

	b = get("marc21/evergreen/concerto_bibs_marcxml.xml", 1) // an e-reader lent as an object
	check(t, "concerto", []any{b.Title, b.Material, b.Year, b.Accompanying, b.Subjects[0].Heading},
		[]any{"Kobo Aura ONE ereader", MaterialObject, 2015, "power cord", "Electronic book readers"})

	b = get("unimarc/short.bnr.1993.mrc", 2)
	check(t, "UNIMARC", []any{b.Format, b.Title, b.SortTitle, b.ISBN, b.FirstAuthor, b.Year, b.Languages},
		[]any{marc.FormatUNIMARC, "The sweetest fig", "sweetest fig", "9780395673461", "Van Allsburg, Chris", 1993, []string{"eng"}})

	b = get("unimarc/short.bnr.1993.mrc", 1)
	check(t, "UNIMARC price in lei", []any{b.Price.Amount, b.Price.Currency, b.ISBN}, []any{int64(5000000), "RON", "9789751907875"})

	b = get("unimarc/serial.bnr.1993.mrc", 2)
	// The file's text is UTF-8 encoded twice ("BucureÅti"); the names are
	// compared as the file has them.
	check(t, "UNIMARC serial", []any{b.Material, b.ISSN, b.Frequency, b.Year, b.FirstAuthor, b.Names[2].Kind, b.Names[2].Main},
		[]any{MaterialSerial, "1221-7573", "Bilunar", 1993, b.Names[2].Name, Corporate, true})
	if !strings.HasPrefix(b.FirstAuthor, "Bucure") || !strings.Contains(b.FirstAuthor, ". Direc") {
		t.Errorf("UNIMARC corporate name %q", b.FirstAuthor)
	}
}
