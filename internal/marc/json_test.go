package marc

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// TestYazJSONToISO2709 reads yaz's MARC-in-JSON answers (X.json) and writes
// ISO 2709: the bytes must equal what yaz-marcdump made of the same JSON
// (X.json.marc). marc12.json holds subfield delimiters inside a subfield
// (yaz keeps them as data); yaz writes them out raw, which makes a record
// that reads back differently, so our writer refuses it instead.
func TestYazJSONToISO2709(t *testing.T) {
	for _, c := range yazCases(t) {
		t.Run(c.name, func(t *testing.T) {
			recs := readAll(t, NewJSONReader(bytes.NewReader(readFile(t, "marc21", "yaz", c.name+".json"))))
			if len(recs) != 1 {
				t.Fatalf("read %d records", len(recs))
			}
			out, err := Marshal(recs[0])
			if c.name == "marc12" {
				if !errors.Is(err, ErrField) {
					t.Fatalf("writing marc12: got %v, want ErrField", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := firstDiff(out, readFile(t, "marc21", "yaz", c.name+".json.marc")); d != "" {
				t.Error(d)
			}
		})
	}
}

func TestJSONReaderForms(t *testing.T) {
	const rec = `{"leader":"00000nam a2200000   4500","fields":[{"001":"id"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"T"},{"b":"U"}]}}]}`
	tests := []struct {
		name string
		in   string
		n    int
	}{
		{"single object", rec, 1},
		{"array", "[" + rec + "," + rec + "]", 2},
		{"stream", rec + "\n" + rec + "\n" + rec, 3},
		{"empty array", "[]", 0},
		{"unknown keys ignored", `{"x":[1,{"y":null}],` + rec[1:], 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs := readAll(t, NewJSONReader(strings.NewReader(tc.in)))
			if len(recs) != tc.n {
				t.Fatalf("read %d records, want %d", len(recs), tc.n)
			}
			for _, r := range recs {
				want := []Subfield{{"a", "T"}, {"b", "U"}}
				if r.ControlValue("001") != "id" || !reflect.DeepEqual(r.Field("245").Subfields, want) || r.Field("245").Indicators != "10" {
					t.Errorf("record read as %v", r)
				}
			}
		})
	}
}

func TestJSONReaderIndicators(t *testing.T) {
	in := `{"leader":"00000nam0 32000000  450 ","fields":[{"245":{"subfields":[],"ind3":"x","ind1":"0"}},{"246":{"subfields":[{"a":"y"}]}}]}`
	recs := readAll(t, NewJSONReader(strings.NewReader(in)))
	if got := recs[0].Field("245").Indicators; got != "0 x" {
		t.Errorf("245 indicators %q, want %q", got, "0 x")
	}
	if got := recs[0].Field("246").Indicators; got != "   " {
		t.Errorf("246 indicators %q, want three blanks (the leader's count)", got)
	}
}

func TestJSONReaderProblems(t *testing.T) {
	good := `{"leader":"00000nam a2200000   4500","fields":[{"001":"ok"}]}`
	tests := []struct {
		name, bad, reason string
	}{
		{"field is a number", `{"leader":"00000nam a2200000   4500","fields":[{"001":5}]}`, "neither a string nor an object"},
		{"fields not an array", `{"leader":"00000nam a2200000   4500","fields":{}}`, "fields is not an array"},
		{"subfield not a string", `{"leader":"00000nam a2200000   4500","fields":[{"245":{"subfields":[{"a":[1]}]}}]}`, "is not a string"},
		{"no leader", `{"fields":[]}`, "no leader"},
		{"short leader", `{"leader":"0000","fields":[]}`, "Bad length 4 of leader data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := "[" + good + "," + tc.bad + "," + good + "]"
			rd := NewJSONReader(strings.NewReader(in))
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
			lr := NewJSONReader(strings.NewReader(in))
			lr.Lenient = true
			if recs := readAll(t, lr); len(recs) != 3 || len(recs[1].Warnings()) == 0 {
				t.Fatalf("lenient: %d records", len(recs))
			}
		})
	}
	for _, in := range []string{`{"leader": "x",`, `[{"leader":"00000nam a2200000   4500"} 5]`, `"text"`, `{"fields":[{"001":"a"}`} {
		rd := NewJSONReader(strings.NewReader(in))
		var err error
		for i := 0; i < 3 && err == nil; i++ {
			_, err = rd.Next()
		}
		if !errors.Is(err, ErrJSON) {
			t.Errorf("%q: got %v, want ErrJSON", in, err)
		}
	}
}

func TestJSONWriter(t *testing.T) {
	tests := []struct{ in, want string }{
		{`q"b\s/`, `"q\"b\\s/"`},
		{"\b\t\n\f\r\x01\x1f\x7f", `"\b\t\n\f\r\u0001\u001f` + "\x7f\""},
		{"中文 \u2028", "\"中文 \u2028\""},
		{"bad\xff", "\"bad\uFFFD\""},
	}
	for _, tc := range tests {
		if got := string(appendJSONString(nil, tc.in)); got != tc.want {
			t.Errorf("appendJSONString(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	recs := sampleRecords()
	var buf bytes.Buffer
	w := NewJSONWriter(&buf)
	w.Array = true
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var generic []any
	if err := json.Unmarshal(buf.Bytes(), &generic); err != nil || len(generic) != len(recs) {
		t.Fatalf("array output is not a JSON array of %d: %v", len(recs), err)
	}
	back := readAll(t, NewJSONReader(&buf))
	for i := range recs {
		if !reflect.DeepEqual(back[i].All(), recs[i].All()) || back[i].Leader != recs[i].Leader {
			t.Errorf("record %d differs after a round trip: %v", i+1, back[i])
		}
	}
	b, err := json.Marshal(recs[0])
	if err != nil || !json.Valid(b) || !bytes.Contains(b, []byte(`"245":{"subfields":[{"a":"车票去哪儿了 /"}`)) {
		t.Errorf("json.Marshal(record) = %s, %v", b, err)
	}
	buf.Reset()
	empty := NewJSONWriter(&buf)
	empty.Array = true
	if err := empty.Close(); err != nil || buf.String() != "[]\n" {
		t.Errorf("empty array: %q %v", buf.String(), err)
	}
}

// TestReadersIOError checks that a failing input ends MARCXML and
// MARC-in-JSON reading with the input's error, wrapped.
func TestReadersIOError(t *testing.T) {
	boom := errors.New("network gone")
	xr := NewXMLReader(&errReader{data: []byte(`<collection><record><leader>00000nam a2200000   4500</leader></record><rec`), err: boom})
	if _, err := xr.Next(); err != nil {
		t.Fatal(err)
	}
	if _, err := xr.Next(); !errors.Is(err, boom) {
		t.Errorf("MARCXML: got %v, want the input's error", err)
	}
	jr := NewJSONReader(&errReader{data: []byte(`[{"leader":"00000nam a2200000   4500","fields":[]},{"lea`), err: boom})
	if _, err := jr.Next(); err != nil {
		t.Fatal(err)
	}
	if _, err := jr.Next(); !errors.Is(err, boom) {
		t.Errorf("MARC-in-JSON: got %v, want the input's error", err)
	}
}
