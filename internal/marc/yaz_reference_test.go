package marc

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// yazCase is one reference answer of yaz's test suite: X.marc in the
// charset named by X.chr, converted by yaz-marcdump to MARCXML (X.xml) and
// MARC-in-JSON (X.json).
type yazCase struct {
	name    string
	charset Charset
	marc    []byte
}

func yazCases(t *testing.T) []yazCase {
	t.Helper()
	files, err := filepath.Glob(testdata(t, "marc21", "yaz", "marc*.chr"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no yaz reference files found: %v", err)
	}
	var out []yazCase
	for _, chr := range files {
		name := strings.TrimSuffix(filepath.Base(chr), ".chr")
		b, err := os.ReadFile(chr)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := ParseCharset(string(b))
		if err != nil {
			t.Fatalf("%s: %v", chr, err)
		}
		out = append(out, yazCase{name: name, charset: cs, marc: readFile(t, "marc21", "yaz", name+".marc")})
	}
	if len(out) != 13 {
		t.Fatalf("found %d yaz reference cases, want 13", len(out))
	}
	return out
}

// readYaz reads a reference ISO 2709 file the way yaz-marcdump -f CHARSET
// does: leniently, in the given charset.
func readYaz(t *testing.T, c yazCase) []*Record {
	t.Helper()
	rd := NewReader(bytes.NewReader(c.marc))
	rd.Charset = c.charset
	rd.Lenient = true
	return readAll(t, rd)
}

// TestYazReferenceMARCXML checks that the MARCXML we make of each reference
// record equals yaz's X.xml byte for byte, comments for the problems of
// non-MARC 21 records (and the ind3 of DanMARC) included. No normalisation
// is applied.
func TestYazReferenceMARCXML(t *testing.T) {
	for _, c := range yazCases(t) {
		t.Run(c.name, func(t *testing.T) {
			recs := readYaz(t, c)
			var out bytes.Buffer
			xw := NewXMLWriter(&out)
			xw.Comments = true
			for _, r := range recs {
				if err := xw.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := xw.Close(); err != nil {
				t.Fatal(err)
			}
			want := readFile(t, "marc21", "yaz", c.name+".xml")
			if d := firstDiff(out.Bytes(), want); d != "" {
				t.Errorf("%s.xml differs from yaz's: %s", c.name, d)
			}
		})
	}
}

// TestYazReferenceJSON checks our MARC-in-JSON of each reference record
// against yaz's X.json. The one normalisation: yaz's JSON writer keeps the
// input's leader/09 while its MARCXML writer sets 'a'; our reader sets 'a' on
// every MARC 21 record it converts to UTF-8, so leader/09 of yaz's JSON is
// taken as 'a' before the byte-for-byte comparison.
func TestYazReferenceJSON(t *testing.T) {
	for _, c := range yazCases(t) {
		t.Run(c.name, func(t *testing.T) {
			recs := readYaz(t, c)
			if len(recs) != 1 {
				t.Fatalf("got %d records, want 1", len(recs))
			}
			var out bytes.Buffer
			if err := NewJSONWriter(&out).Write(recs[0]); err != nil {
				t.Fatal(err)
			}
			want := readFile(t, "marc21", "yaz", c.name+".json")
			const at = len("{\n  \"leader\": \"") + 9
			if len(want) <= at {
				t.Fatalf("%s.json is too short", c.name)
			}
			want[at] = 'a'
			if d := firstDiff(out.Bytes(), want); d != "" {
				t.Errorf("%s.json differs from yaz's: %s", c.name, d)
			}
		})
	}
}

// firstDiff describes the first difference of got and want, or "".
func firstDiff(got, want []byte) string {
	if bytes.Equal(got, want) {
		return ""
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	line := bytes.Count(want[:i], []byte("\n")) + 1
	ctx := func(b []byte) string {
		from := max(0, i-80)
		return fmt.Sprintf("%q", b[from:min(len(b), i+80)])
	}
	return fmt.Sprintf("first difference at byte %d (line %d); got (%d bytes) %s; want (%d bytes) %s",
		i, line, len(got), ctx(got), len(want), ctx(want))
}
