package marc

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestDetectFormatFiles checks DetectFormat on every record of the MARC 21
// and UNIMARC test files.
func TestDetectFormatFiles(t *testing.T) {
	tests := []struct {
		glob string
		want Format
		xml  bool
	}{
		{"marc21/evergreen/*.mrc", FormatMARC21, false},
		{"marc21/evergreen/*.marc", FormatMARC21, false},
		{"marc21/evergreen/*.xml", FormatMARC21, true},
		{"unimarc/*.mrc", FormatUNIMARC, false},
	}
	for _, tc := range tests {
		files, err := filepath.Glob(testdata(t, filepath.FromSlash(tc.glob)))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", tc.glob, err)
		}
		for _, path := range files {
			data := readFile(t, tc.glob[:len(tc.glob)-len(filepath.Base(tc.glob))]+filepath.Base(path))
			var rr RecordReader
			if tc.xml {
				rr = NewXMLReader(bytes.NewReader(data))
			} else {
				rr = NewReader(bytes.NewReader(data))
				rr.(*Reader).Lenient = true
			}
			recs := readAll(t, rr)
			if len(recs) == 0 {
				t.Fatalf("%s: no records", path)
			}
			for i, r := range recs {
				if got := DetectFormat(r); got != tc.want {
					t.Errorf("%s record %d: %s, want %s", filepath.Base(path), i+1, got, tc.want)
				}
			}
		}
	}
}

func TestDetectFormatCases(t *testing.T) {
	id := func(s string) string { return s }
	tests := []struct {
		name string
		rec  *Record
		want Format
	}{
		{"CNMARC by hand", cnmarc(t, id, unimarc100UTF8), FormatCNMARC},
		{"empty record", &Record{Leader: Leader([]byte("00000nam  22000000  450 "))}, FormatUnknown},
		{"MARC 21 from 008 and 245", rawRecord(t, "00000nam  2200000   450 ", NewControlField("008", "x"), NewDataField("245", '1', '0', "a", "T")), FormatMARC21},
		{"UNIMARC from 100 and 200", rawRecord(t, "00000nam  2200000   4500", NewDataField("100", ' ', ' ', "a", unimarc100GBK[:22]+"fre"+unimarc100GBK[25:]), NewDataField("200", '1', ' ', "a", "T")), FormatUNIMARC},
		{"MARC 21 100 is a name, not processing data", rawRecord(t, "00000nam a2200000   4500", NewDataField("100", '1', ' ', "a", "Doe, Jane")), FormatMARC21},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectFormat(tc.rec); got != tc.want {
				t.Errorf("DetectFormat = %s, want %s", got, tc.want)
			}
		})
	}
	for f, s := range map[Format]string{FormatMARC21: "MARC 21", FormatUNIMARC: "UNIMARC", FormatCNMARC: "CNMARC", FormatUnknown: "unknown"} {
		if f.String() != s {
			t.Errorf("%d.String() = %q, want %q", int(f), f.String(), s)
		}
	}
}
