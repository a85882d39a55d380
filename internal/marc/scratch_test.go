package marc

import (
	"bytes"
	"testing"
)

func TestScratchXMLtoISO(t *testing.T) {
	for _, c := range yazCases(t) {
		for _, kind := range []string{"xml", "json"} {
			in := readFile(t, "marc21", "yaz", c.name+"."+kind)
			var rr RecordReader
			if kind == "xml" {
				rr = NewXMLReader(bytes.NewReader(in))
			} else {
				rr = NewJSONReader(bytes.NewReader(in))
			}
			recs := readAll(t, rr)
			var out bytes.Buffer
			w := NewWriter(&out)
			for _, r := range recs {
				if err := w.Write(r); err != nil {
					t.Errorf("%s.%s: %v", c.name, kind, err)
				}
			}
			want := readFile(t, "marc21", "yaz", c.name+"."+kind+".marc")
			if d := firstDiff(out.Bytes(), want); d != "" {
				t.Errorf("%s.%s.marc: %s", c.name, kind, d)
			}
		}
	}
}
