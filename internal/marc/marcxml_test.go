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

// TestYazMARCXMLToISO2709 reads yaz's MARCXML answers (X.xml, and the
// libxml2-written xml2X.xml: a single <record>, comments, character
// references) and writes ISO 2709: the bytes must equal what yaz-marcdump
// made of the same XML (X.xml.marc), with no normalisation.
func TestYazMARCXMLToISO2709(t *testing.T) {
	for _, c := range yazCases(t) {
		for _, prefix := range []string{"", "xml2"} {
			name := prefix + c.name + ".xml"
			t.Run(name, func(t *testing.T) {
				recs := readAll(t, NewXMLReader(bytes.NewReader(readFile(t, "marc21", "yaz", name))))
				var out bytes.Buffer
				w := NewWriter(&out)
				for _, r := range recs {
					if err := w.Write(r); err != nil {
						t.Fatal(err)
					}
				}
				if d := firstDiff(out.Bytes(), readFile(t, "marc21", "yaz", name+".marc")); d != "" {
					t.Error(d)
				}
			})
		}
	}
}

func TestXMLReaderForms(t *testing.T) {
	const rec = `<leader>00000nam a2200000   4500</leader><controlfield tag="001">id</controlfield>` +
		`<datafield tag="245" ind1="1" ind2="0"><subfield code="a">T</subfield></datafield>`
	tests := []struct {
		name string
		in   string
		n    int
	}{
		{"collection", `<collection xmlns="http://www.loc.gov/MARC21/slim"><record>` + rec + `</record><record>` + rec + `</record></collection>`, 2},
		{"single record", `<?xml version="1.0"?><record xmlns="http://www.loc.gov/MARC21/slim">` + rec + `</record>`, 1},
		{"prefixed", `<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim"><marc:record>` +
			strings.NewReplacer("<leader", "<marc:leader", "</leader", "</marc:leader", "<controlfield", "<marc:controlfield",
				"</controlfield", "</marc:controlfield", "<datafield", "<marc:datafield", "</datafield", "</marc:datafield",
				"<subfield", "<marc:subfield", "</subfield", "</marc:subfield").Replace(rec) + `</marc:record></marc:collection>`, 1},
		{"no namespace, records without a collection", `<record>` + rec + `</record>` + "\n" + `<record>` + rec + `</record>`, 2},
		{"MarcXchange", `<collection xmlns="info:lc/xmlns/marcxchange-v1"><record format="MARC21">` + rec + `</record></collection>`, 1},
		{"Latin-1 document", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><record>" + rec + "</record>", 1},
		{"empty collection", `<collection/>`, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs := readAll(t, NewXMLReader(strings.NewReader(tc.in)))
			if len(recs) != tc.n {
				t.Fatalf("read %d records, want %d", len(recs), tc.n)
			}
			for _, r := range recs {
				if r.ControlValue("001") != "id" || r.SubValue("245", 'a') != "T" || r.Field("245").Indicators != "10" {
					t.Errorf("record read as %v", r)
				}
			}
		})
	}
}

func TestXMLReaderContent(t *testing.T) {
	in := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<record><leader>00000nam a22      i 4500</leader>" +
		"<controlfield tag=\"008\">  spaces kept \n</controlfield>" +
		"<datafield tag=\"245\" ind1=\"1\"><subfield code=\"a\">A &amp; B <![CDATA[<c>]]> &#x4E2D; caf\xe9</subfield></datafield>" +
		"<datafield tag=\"880\" ind1=\"0\" ind2=\"0\" ind3=\"1\"><subfield code=\"\xe5\">x</subfield></datafield></record>"
	recs := readAll(t, NewXMLReader(strings.NewReader(in)))
	r := recs[0]
	if got := r.ControlValue("008"); got != "  spaces kept \n" {
		t.Errorf("008 = %q", got)
	}
	if got := r.SubValue("245", 'a'); got != "A & B <c> 中 café" {
		t.Errorf("245$a = %q", got)
	}
	if got := r.Field("245").Indicators; got != "1 " {
		t.Errorf("missing ind2 gave %q, want a blank", got)
	}
	if f := r.Field("880"); f.Indicators != "001" || f.Sub('å') != "x" {
		t.Errorf("880 = %+v", f)
	}
	want := []Warning{{Pos: -1, Message: "Base address at offsets 12..16 should hold a number. Assuming 0"}}
	if !reflect.DeepEqual(r.Warnings(), want) {
		t.Errorf("warnings %+v, want %+v", r.Warnings(), want)
	}
}

func TestXMLReaderProblems(t *testing.T) {
	const leader = `<leader>00000nam a2200000   4500</leader>`
	good := `<record>` + leader + `<controlfield tag="001">ok</controlfield></record>`
	tests := []struct {
		name   string
		bad    string
		reason string
	}{
		{"subfield without code", `<record>` + leader + `<datafield tag="245" ind1="1" ind2="0"><subfield>x</subfield></datafield></record>`, "subfield without code"},
		{"datafield without tag", `<record>` + leader + `<datafield ind1="1" ind2="0"><subfield code="a">x</subfield></datafield></record>`, "datafield without tag"},
		{"controlfield without tag", `<record>` + leader + `<controlfield>x</controlfield></record>`, "controlfield without tag"},
		{"indicator of two characters", `<record>` + leader + `<datafield tag="245" ind1="10" ind2="0"/></record>`, "not one character"},
		{"short leader", `<record><leader>00000nam</leader></record>`, "Bad length 8 of leader data"},
		{"no leader", `<record><controlfield tag="001">x</controlfield></record>`, "no leader"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := `<collection>` + good + tc.bad + good + `</collection>`
			rd := NewXMLReader(strings.NewReader(in))
			if _, err := rd.Next(); err != nil {
				t.Fatal(err)
			}
			_, err := rd.Next()
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Record != 2 || !strings.Contains(pe.Reason, tc.reason) {
				t.Fatalf("got %v, want a ParseError for record 2 about %q", err, tc.reason)
			}
			if r, err := rd.Next(); err != nil || r.ControlValue("001") != "ok" {
				t.Fatalf("record 3: %v %v", r, err)
			}
			if _, err := rd.Next(); err != io.EOF {
				t.Fatalf("got %v, want EOF", err)
			}
			lr := NewXMLReader(strings.NewReader(in))
			lr.Lenient = true
			recs := readAll(t, lr)
			if len(recs) != 3 || len(recs[1].Warnings()) == 0 {
				t.Fatalf("lenient: %d records, warnings %v", len(recs), recs[1].Warnings())
			}
		})
	}
}

func TestXMLReaderSyntaxError(t *testing.T) {
	in := `<collection><record><leader>00000nam a2200000   4500</leader></record><record><leader>x</lead></collection>`
	rd := NewXMLReader(strings.NewReader(in))
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		_, err := rd.Next()
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrXML) || pe.Record != 2 {
			t.Fatalf("got %v, want a final ErrXML for record 2", err)
		}
	}
}

// TestXMLRoundTrip writes the Evergreen MARCXML records and reads them back.
func TestXMLRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(testdata(t, "marc21", "evergreen", "*.xml"))
	for _, path := range files {
		recs := readAll(t, NewXMLReader(bytes.NewReader(readFile(t, "marc21", "evergreen", filepath.Base(path)))))
		var buf bytes.Buffer
		w := NewXMLWriter(&buf)
		for _, r := range recs {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		back := readAll(t, NewXMLReader(&buf))
		if len(back) != len(recs) {
			t.Fatalf("%s: %d records back, want %d", path, len(back), len(recs))
		}
		for i := range recs {
			if !reflect.DeepEqual(back[i].All(), recs[i].All()) || back[i].Leader != recs[i].Leader {
				t.Fatalf("%s record %d differs after a round trip", path, i+1)
			}
		}
	}
}

func TestXMLWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewXMLWriter(&buf)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n</collection>\n"; got != want {
		t.Errorf("empty collection %q, want %q", got, want)
	}
	if err := w.Write(&Record{}); err == nil {
		t.Error("Write after Close succeeded")
	}
	tests := []struct{ in, want string }{
		{`a<b>&"c'`, "a&lt;b&gt;&amp;&quot;c&apos;"},
		{"tab\tlf\ncr\r", "tab\tlf\ncr&#13;"},
		{"ctrl\x01\x1f\x1e.", "ctrl."},
		{"bad\xff utf8 \xe4\xb8", "bad\uFFFD utf8 \uFFFD\uFFFD"},
		{"中文 \x7f", "中文 \x7f"},
	}
	for _, tc := range tests {
		if got := string(appendXMLText(nil, tc.in)); got != tc.want {
			t.Errorf("appendXMLText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	r := &Record{Leader: DefaultLeader, warnings: []Warning{{Pos: -1, Message: "leader"}, {Pos: 1, Message: "after 001"}, {Pos: 1, Message: "quiet", Silent: true}}}
	r.Add(NewControlField("001", "x"))
	got := string(MarshalXML(r))
	want := "<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n<record>\n  <leader>00000nam a2200000   4500</leader>\n  <controlfield tag=\"001\">x</controlfield>\n</record>\n</collection>\n"
	if got != want {
		t.Errorf("MarshalXML = %q, want %q", got, want)
	}
	buf.Reset()
	cw := NewXMLWriter(&buf)
	cw.Comments = true
	if err := cw.Write(r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<record>\n<!-- leader -->\n  <leader>") || !strings.Contains(buf.String(), "</controlfield>\n<!-- after 001 -->\n</record>") || strings.Contains(buf.String(), "quiet") {
		t.Errorf("comments misplaced: %q", buf.String())
	}
}
