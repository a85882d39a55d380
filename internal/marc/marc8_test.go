package marc

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// codeTable is the Library of Congress code tables file, read independently
// of the generator.
type codeTable struct {
	Sets []struct {
		ISOCode string `xml:"ISOcode,attr"`
		Codes   []struct {
			MARC      string `xml:"marc"`
			UCS       string `xml:"ucs"`
			Combining string `xml:"isCombining"`
		} `xml:"code"`
		Grouped []struct {
			MARC string `xml:"marc"`
			UCS  string `xml:"ucs"`
		} `xml:"grouping>code"`
	} `xml:"codeTable>characterSet"`
}

// designate returns the escape sequence that makes the set with the given
// final byte current for bytes below 0x80 (G0).
func designate(final byte) string {
	switch final {
	case 'g', 'b', 'p':
		return "\x1b" + string(final)
	case '1':
		return "\x1b$1"
	}
	return "\x1b(" + string(final)
}

// TestMARC8AllCodes decodes every character of every set of the code tables
// and checks its Unicode value, in G0 and (for single-byte sets) G1, with
// combining marks placed after a base letter.
func TestMARC8AllCodes(t *testing.T) {
	var ct codeTable
	if err := xml.Unmarshal(readFile(t, "charsets", "marc8-codetables.xml"), &ct); err != nil {
		t.Fatal(err)
	}
	if len(ct.Sets) != 12 {
		t.Fatalf("found %d character sets, want 12", len(ct.Sets))
	}
	checked := 0
	for _, set := range ct.Sets {
		final, err := strconv.ParseUint(set.ISOCode, 16, 8)
		if err != nil {
			t.Fatalf("ISOcode %q: %v", set.ISOCode, err)
		}
		codes := set.Codes
		for _, g := range set.Grouped {
			codes = append(codes, struct {
				MARC      string `xml:"marc"`
				UCS       string `xml:"ucs"`
				Combining string `xml:"isCombining"`
			}{g.MARC, g.UCS, ""})
		}
		for _, c := range codes {
			code, err := strconv.ParseUint(strings.TrimSpace(c.MARC), 16, 32)
			if err != nil {
				t.Fatalf("set %s: code %q: %v", set.ISOCode, c.MARC, err)
			}
			if code == 0x1b || code == 0x20 {
				continue // ESC starts escapes; space is a space in every set
			}
			want := ""
			if u := strings.TrimSpace(c.UCS); u != "" {
				v, err := strconv.ParseUint(u, 16, 32)
				if err != nil {
					t.Fatalf("set %s: ucs %q: %v", set.ISOCode, c.UCS, err)
				}
				want = string(rune(v))
			}
			var in []byte
			switch {
			case final == 0x31:
				in = []byte{byte(code >> 16), byte(code >> 8), byte(code)}
			default:
				in = []byte{byte(code)}
			}
			// src uses the set as G0 (where needed, through an escape
			// sequence), srcG1 as G1; a base letter follows a combining mark.
			back := "\x1b(B"
			if final == 'g' || final == 'b' || final == 'p' {
				back = "\x1bs"
			}
			var src, srcG1 string
			switch final {
			case 0x42:
				src = string(in)
			case 0x45:
				src = string(in)
				srcG1 = "\x1b(!E" + string([]byte{in[0] & 0x7f}) + back
			default:
				src = designate(byte(final)) + string(in) + back
				if final != 0x31 && final != 'g' && final != 'b' && final != 'p' {
					srcG1 = "\x1b)" + string(rune(final)) + string([]byte{in[0] | 0x80})
				}
			}
			wantOut := want
			if c.Combining == "true" {
				src += "o"
				if srcG1 != "" {
					srcG1 += "o"
				}
				wantOut = "o" + want
			}
			if got := string(decodeMARC8(nil, src)); got != wantOut {
				t.Errorf("set %s code %s: decoded %q (%+q), want %+q", set.ISOCode, c.MARC, src, got, wantOut)
			}
			if srcG1 != "" {
				if got := string(decodeMARC8(nil, srcG1)); got != wantOut {
					t.Errorf("set %s code %s as G1: decoded %q (%+q), want %+q", set.ISOCode, c.MARC, srcG1, got, wantOut)
				}
			}
			checked++
		}
	}
	if checked < 16000 {
		t.Errorf("checked only %d codes", checked)
	}
}

// TestMARC8Decode covers the rules of MARC-8 decoding one by one.
func TestMARC8Decode(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "Hello, world", "Hello, world"},
		{"combining before base", "Caf\xe2e", "Cafe\u0301"},
		{"two combining marks keep their order", "\xe2\xe3a", "a\u0301\u0302"},
		{"combining mark at the end", "ab\xe2", "ab\u0301"},
		{"combining mark before a space", "\xe8 x", " \u0308x"},
		{"ANSEL spacing characters", "\xa1\xa5\xc3", "ŁÆ©"},
		{"double diacritic halves", "\xebt\xecs", "t\u0361s"},
		{"Cyrillic as G0 and back", "\x1b(NAB\x1b(B ab", "аб ab"},
		{"Cyrillic as G1", "\x1b)N\xc1\xc2x", "абx"},
		{"Hebrew", "\x1b(2`ab\x1b(B", "אבג"},
		{"greek symbols technique 1", "\x1bgab\x1bs c", "αβ c"},
		{"subscript and superscript", "H\x1bb2\x1bsO x\x1bp2\x1bs", "H₂O x²"},
		{"EACC", "\x1b$1!0!!0\"\x1b(B.", "一丁."},
		{"EACC with a space", "\x1b$1!0! !0!\x1b(B", "一 一"},
		{"unmapped EACC code skips one byte", "\x1b$1~~~!0!\x1b(B", "一"},
		{"incomplete escape at the end", "ab\x1b(", "ab"},
		{"lone escape", "ab\x1b", "ab"},
		{"unknown set", "a\x1b(Zbc\x1b(Bd", "ad"},
		{"unmapped control bytes dropped", "a\x01b\x7fc", "abc"},
		{"separators kept", "a\x1fb", "a\x1fb"},
		{"default state on every call", "\xe9", "\u030c"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(decodeMARC8(nil, tc.in)); got != tc.want {
				t.Errorf("decodeMARC8(%q) = %+q, want %+q", tc.in, got, tc.want)
			}
		})
	}
}

// TestNeedsMARC8 checks the fast path that skips the decoder.
func TestNeedsMARC8(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"plain text 123", false},
		{"sub\x1ffield", false},
		{"caf\xe2e", true},
		{"\x1b(N", true},
		{"tab\t", true},
		{"del\x7f", true},
	} {
		if got := needsMARC8(tc.in); got != tc.want {
			t.Errorf("needsMARC8(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if !tc.want && string(decodeMARC8(nil, tc.in)) != tc.in {
			t.Errorf("%q does not decode to itself", tc.in)
		}
	}
}

// TestMARC8TablesUpToDate regenerates the tables with go generate's command
// and checks that the committed file is what the generator makes.
func TestMARC8TablesUpToDate(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to run the generator: %v", err)
	}
	out := filepath.Join(t.TempDir(), "marc8_tables.go")
	cmd := exec.Command(goBin, "run", "gen_marc8.go", "-in", testdata(t, "charsets", "marc8-codetables.xml"), "-out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen_marc8.go: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("marc8_tables.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Errorf("marc8_tables.go is not what gen_marc8.go generates: run go generate ./internal/marc")
	}
}
