package demo

import (
	"bytes"
	"errors"
	"io"
	"sort"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/catalog/clc"
	"lantai.dev/lantai/internal/catalog/profile"
	"lantai.dev/lantai/internal/isbn"
	"lantai.dev/lantai/internal/marc"
)

func marshal(t *testing.T, r *marc.Record) []byte {
	t.Helper()
	b, err := marc.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDeterministic checks that a seed always gives the same records, in
// whatever order they are asked for, and another seed others.
func TestDeterministic(t *testing.T) {
	const n = 300
	a, b, c := New(7), New(7), New(8)
	want := make([][]byte, n)
	rr := a.Reader(n)
	for i := range n {
		rec, err := rr.Next()
		if err != nil {
			t.Fatal(err)
		}
		want[i] = marshal(t, rec)
	}
	if _, err := rr.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("after %d records: %v, want io.EOF", n, err)
	}
	same := 0
	for i := n - 1; i >= 0; i-- { // backwards: random access gives the same records
		if got := marshal(t, b.Record(i)); !bytes.Equal(got, want[i]) {
			t.Fatalf("record %d differs between two generators of seed 7:\n%s\n%s", i, got, want[i])
		}
		if bytes.Equal(marshal(t, c.Record(i)), want[i]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d records of seed 8 equal those of seed 7", same)
	}
}

// sample derives the first n records of a generator.
type sampled struct {
	rec   *marc.Record
	bib   profile.Bib
	kind  Kind
	items []Item
}

func sample(t *testing.T, seed int64, n int) []sampled {
	t.Helper()
	g := New(seed)
	out := make([]sampled, n)
	for i := range n {
		rec := g.Record(i)
		b, err := profile.Derive(rec)
		if err != nil {
			t.Fatalf("record %d does not derive: %v\n%s", i, err, rec)
		}
		out[i] = sampled{rec, b, g.Kind(i), g.Items(i)}
	}
	return out
}

// TestRecordsAreValid derives 10,000 records: each has a title, a valid
// and unique ISBN, a class of valid syntax in the main class it was drawn
// from, a publisher and a year, and 1–5 items whose barcodes are unique
// and whose call numbers are the record's own.
func TestRecordsAreValid(t *testing.T) {
	const n = 10000
	recs := sample(t, 1, n)
	g := New(1)
	isbns := map[string]int{}
	barcodes := map[string]bool{}
	calls := map[string]int{} // collection + class/book → record
	for i, s := range recs {
		b := s.bib
		if b.Title == "" || b.Publisher == "" || b.Year < 1980 || b.Year > 2025 || b.FirstAuthor == "" {
			t.Fatalf("record %d: title %q publisher %q year %d author %q\n%s", i, b.Title, b.Publisher, b.Year, b.FirstAuthor, s.rec)
		}
		if _, err := isbn.Parse(b.ISBN); err != nil || b.ISBN == "" {
			t.Fatalf("record %d: ISBN %q: %v", i, b.ISBN, err)
		}
		if j, dup := isbns[b.ISBN]; dup {
			t.Fatalf("records %d and %d share ISBN %s", j, i, b.ISBN)
		}
		isbns[b.ISBN] = i
		p := g.plan(i)
		sub := allSubs[p.sub]
		if b.CLC != sub.code || clc.MainClass(b.CLC) != sub.main {
			t.Fatalf("record %d: class %q, drawn %s in %s", i, b.CLC, sub.code, sub.main)
		}
		if err := clc.ValidClassSyntax(b.CLC); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		wantFormat := marc.FormatCNMARC
		if s.kind.Western {
			wantFormat = marc.FormatMARC21
		}
		if b.Format != wantFormat {
			t.Fatalf("record %d: format %v, western %v", i, b.Format, s.kind.Western)
		}
		if !s.kind.Western && (!b.Price.Valid || b.Price.Currency != "CNY" || b.Price.Amount <= 0) {
			t.Fatalf("record %d: price %+v", i, b.Price)
		}
		holdings := s.rec.Fields("905")
		if len(holdings) < 1 || len(holdings) > 5 || len(holdings) != len(s.items) {
			t.Fatalf("record %d: %d holdings fields, %d items", i, len(holdings), len(s.items))
		}
		for k, h := range holdings {
			bc := h.Sub('b')
			if barcodes[bc] {
				t.Fatalf("barcode %s repeated (record %d)", bc, i)
			}
			barcodes[bc] = true
			if bc != s.items[k].Barcode || h.Sub('c') != s.items[k].Location || h.Sub('d') != b.CLC {
				t.Fatalf("record %d: 905 %v, planned %+v", i, h, s.items[k])
			}
			key := h.Sub('d') + "/" + h.Sub('e') // unique across collections too
			if j, seen := calls[key]; seen && j != i {
				t.Fatalf("call number %s of record %d already given to record %d", key, i, j)
			}
			calls[key] = i
		}
	}
}

// TestDistributions checks that 10,000 records look like a library's: the
// commonest title word is a common word and in 1–20 % of titles, nearly
// every main class is there, about a fifth are Western, most have one or
// two copies, few items are missing or in repair.
func TestDistributions(t *testing.T) {
	const n = 10000
	recs := sample(t, 3, n)
	// Every Chinese word the titles are built from.
	var vocabulary []string
	vocabulary = append(vocabulary, zhVocab.general.words...)
	vocabulary = append(vocabulary, zhVocab.literary.words...)
	vocabulary = append(vocabulary, zhVocab.places.words...)
	vocabulary = append(vocabulary, "研究", "概论", "教程", "导论", "史")
	for _, s := range allSubs {
		vocabulary = append(vocabulary, s.topics.words...)
	}
	counts := map[string]int{}
	classes := map[string]int{}
	western, processing, items := 0, 0, 0
	copies := make([]int, 6)
	statuses := map[string]int{}
	chinese := 0
	for _, s := range recs {
		classes[clc.MainClass(s.bib.CLC)]++
		copies[len(s.items)]++
		items += len(s.items)
		for _, it := range s.items {
			statuses[string(it.Status)]++
		}
		if s.kind.Western {
			western++
			continue
		}
		if s.kind.Processing {
			processing++
		}
		chinese++
		title := s.bib.Title + " " + s.bib.OtherTitle
		seen := map[string]bool{}
		for _, w := range vocabulary {
			if !seen[w] && strings.Contains(title, w) {
				seen[w] = true
				counts[w]++
			}
		}
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(a, b int) bool {
		return counts[words[a]] > counts[words[b]] || counts[words[a]] == counts[words[b]] && words[a] < words[b]
	})
	top := words[0]
	share := float64(counts[top]) / float64(chinese)
	t.Logf("commonest title words: %s", func() string {
		var sb strings.Builder
		for _, w := range words[:15] {
			sb.WriteString(w + " " + percent(counts[w], chinese) + "  ")
		}
		return sb.String()
	}())
	common := map[string]bool{"中国": true, "历史": true, "研究": true, "发展": true, "文化": true, "理论": true,
		"技术": true, "管理": true, "教育": true, "经济": true}
	if !common[top] || share <= 0.01 || share >= 0.20 {
		t.Errorf("commonest title word %q in %.1f%% of titles; want one of the common words, in 1–20%%", top, 100*share)
	}
	// The long tail: many words, most of them rare.
	rare := 0
	for _, w := range words {
		if counts[w] < chinese/1000 {
			rare++
		}
	}
	if len(words) < 500 || rare < len(words)/3 {
		t.Errorf("%d distinct title words, %d rare: the vocabulary is too flat", len(words), rare)
	}
	if len(classes) < 20 {
		t.Errorf("records in %d main classes, want at least 20: %v", len(classes), classes)
	}
	for _, big := range []string{"I", "K", "D", "F", "G", "T", "O", "R"} {
		if classes[big] < classes["A"] || classes[big] < classes["Z"] {
			t.Errorf("class %s has %d records, fewer than A (%d) or Z (%d)", big, classes[big], classes["A"], classes["Z"])
		}
	}
	if w := float64(western) / n; w < 0.17 || w > 0.23 {
		t.Errorf("%.1f%% Western records, want about 20%%", 100*w)
	}
	if copies[0] > 0 || copies[1]+copies[2] < n*7/10 {
		t.Errorf("copies per record %v: want 1–5, mostly 1 or 2", copies[1:])
	}
	if processing == 0 || statuses["missing"] == 0 || statuses["in_repair"] == 0 || statuses["available"] < items*9/10 {
		t.Errorf("statuses %v (%d items): want mostly available, some missing, in repair and in processing", statuses, items)
	}
	t.Logf("%d records (%d Western), %d items %v; classes %v", n, western, items, statuses, classes)
}

func percent(k, n int) string {
	return strings.TrimRight(strings.TrimRight(strconvF(100*float64(k)/float64(n)), "0"), ".") + "%"
}

func strconvF(f float64) string {
	s := []byte{}
	whole := int(f)
	s = append(s, []byte(itoaPad(whole, 1))...)
	s = append(s, '.')
	s = append(s, []byte(itoaPad(int((f-float64(whole))*10), 1))...)
	return string(s)
}

// TestISBN checks the check digits against the isbn package.
func TestISBN(t *testing.T) {
	for _, c := range []struct {
		prefix string
		n      int
		want   string
	}{{"7-111", 54493, "978-7-111-54493-7"}, {"7-02", 5034, "978-7-02-005034-5"}} {
		h, plain := isbn13(c.prefix, c.n)
		if h != c.want {
			t.Errorf("isbn13(%s, %d) = %s, want %s", c.prefix, c.n, h, c.want)
		}
		if n, err := isbn.Parse(plain); err != nil || n.ISBN13() != plain {
			t.Errorf("%s: %v", plain, err)
		}
	}
}

// TestTables checks the hand-written lists: class numbers of valid syntax,
// ISBN prefixes of the right length, no empty topic lists.
func TestTables(t *testing.T) {
	for _, s := range allSubs {
		if err := clc.ValidClassSyntax(s.code); err != nil || clc.MainClass(s.code) != s.main {
			t.Errorf("class %s: %v (main %s)", s.code, err, clc.MainClass(s.code))
		}
		if len(s.topics.words) == 0 {
			t.Errorf("class %s has no topics", s.code)
		}
		if s.style == styleClassic && s.classics.words == nil {
			t.Errorf("class %s edits classics but names none", s.code)
		}
	}
	for _, pubs := range [][]publisher{zhPublishers, enPublishers} {
		for _, p := range pubs {
			for _, pre := range p.prefixes {
				if d := titleDigits(pre); d < 3 || d > 6 {
					t.Errorf("%s: prefix %s leaves %d digits", p.name, pre, d)
				}
			}
		}
	}
	for k, pubs := range [][]publisher{zhPublishers, enPublishers} {
		total := 0
		for _, p := range pubs {
			for _, pre := range p.prefixes {
				total += capacity(pre)
			}
		}
		// Chinese records are 80 %, Western 20 %: leave room for chance.
		if need := int(float64(MaxRecords) * []float64{0.85, 0.25}[k]); total < need {
			t.Errorf("ISBN prefixes number %d titles, MaxRecords needs %d", total, need)
		}
	}
	if len(mainClasses) != 22 {
		t.Errorf("%d main classes, the CLC has 22", len(mainClasses))
	}
}

// BenchmarkRecord measures the generator alone (records/s).
func BenchmarkRecord(b *testing.B) {
	g := New(1)
	g.Prepare(b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Record(i)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// TestConcurrent generates from several goroutines at once, out of order:
// the records are those of a generator used alone.
func TestConcurrent(t *testing.T) {
	const n, workers = 400, 4
	alone := New(9)
	want := make([][]byte, n)
	for i := range n {
		want[i] = marshal(t, alone.Record(i))
	}
	shared := New(9)
	errs := make(chan string, workers)
	for w := range workers {
		go func() {
			for k := range n {
				i := (n - 1 - k + w*97) % n
				got, err := marc.Marshal(shared.Record(i))
				if err != nil || !bytes.Equal(got, want[i]) {
					errs <- "record " + itoaPad(i, 1) + " differs"
					return
				}
			}
			errs <- ""
		}()
	}
	for range workers {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
