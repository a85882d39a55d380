package marc

import (
	"bytes"
	"errors"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want Serialization
	}{
		{"00714cam a2200205 a 4500", ISO2709},
		{"\xef\xbb\xbf  <?xml version=\"1.0\"?><collection/>", MARCXML},
		{"\n<record>", MARCXML},
		{" {\"leader\":", MARCJSON},
		{"[", MARCJSON},
		{"", ISO2709},
	}
	for _, tc := range tests {
		if got := Sniff([]byte(tc.in)); got != tc.want {
			t.Errorf("Sniff(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestNewAutoReader reads the same record from each serialization.
func TestNewAutoReader(t *testing.T) {
	rec := sampleRecords()[0]
	iso, err := Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := rec.MarshalJSON()
	for _, in := range []struct {
		data []byte
		want Serialization
	}{{iso, ISO2709}, {MarshalXML(rec), MARCXML}, {js, MARCJSON}} {
		rr, s, err := NewAutoReader(bytes.NewReader(in.data))
		if err != nil || s != in.want {
			t.Fatalf("NewAutoReader: %s, %v; want %s", s, err, in.want)
		}
		recs := readAll(t, rr)
		if len(recs) != 1 || recs[0].SubValue("245", 'a') != "车票去哪儿了 /" {
			t.Errorf("%s: read %v", s, recs)
		}
	}
}

func TestUnmarshal(t *testing.T) {
	if _, err := Unmarshal(nil); !errors.Is(err, ErrLength) {
		t.Errorf("Unmarshal(nil): %v, want ErrLength", err)
	}
	b, err := Marshal(sampleRecords()[0])
	if err != nil {
		t.Fatal(err)
	}
	rec, err := Unmarshal(b)
	if err != nil || rec.ControlValue("001") != "ocm12345" {
		t.Fatalf("Unmarshal: %v %v", rec, err)
	}
	var pe *ParseError
	if _, err := Unmarshal(b[:40]); !errors.As(err, &pe) || pe.Record != 1 {
		t.Errorf("truncated record: %v", err)
	}
}
