package sip2

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The corpus is shared/testdata/sip2/test_message_strings.txt beside the
// repository: the string literals of jsip2's tests (petkivim/jsip2, MIT),
// one per line, in double quotes. Besides 68 messages it holds 17 bare
// timestamps, the arguments those tests pass to setters; they are not
// messages and are checked as timestamps.
const corpusPath = "shared/testdata/sip2/test_message_strings.txt"

type corpus struct {
	messages   []string
	timestamps []string
}

func findShared(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, corpusPath)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	tb.Fatalf("SIP2 test corpus not found: looked for %s in %s and every folder above it; "+
		"the tests need the shared/ folder beside the repository (as /work/shared beside /work/main)", corpusPath, dir)
	return ""
}

var bareTimestamp = regexp.MustCompile(`^\d{8} {4}\d{6,}$`)

func loadCorpus(tb testing.TB) corpus {
	tb.Helper()
	path := findShared(tb)
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var c corpus
	for i, ln := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		s, err := strconv.Unquote(strings.TrimSpace(ln))
		if err != nil {
			tb.Fatalf("%s:%d: not a quoted string: %q", path, i+1, ln)
		}
		if bareTimestamp.MatchString(s) {
			c.timestamps = append(c.timestamps, s)
		} else {
			c.messages = append(c.messages, s)
		}
	}
	return c
}

func TestCorpusCounts(t *testing.T) {
	c := loadCorpus(t)
	withSum := 0
	for _, m := range c.messages {
		if HasChecksum([]byte(m)) {
			withSum++
		}
	}
	if len(c.messages) != 68 || len(c.timestamps) != 17 || withSum != 52 {
		t.Errorf("corpus: %d messages (%d with checksum), %d bare timestamps; want 68 (52), 17",
			len(c.messages), withSum, len(c.timestamps))
	}
}

// The bare timestamps are valid SIP2 timestamps, except the 19-character
// one that jsip2 passes to a hold message to see what it does with it.
func TestCorpusTimestamps(t *testing.T) {
	for _, s := range loadCorpus(t).timestamps {
		_, err := ParseTimestamp(s)
		if (err != nil) != (len(s) != 18) {
			t.Errorf("ParseTimestamp(%q): %v", s, err)
		}
	}
}

func TestCorpusChecksums(t *testing.T) {
	for _, s := range loadCorpus(t).messages {
		if !HasChecksum([]byte(s)) {
			continue
		}
		if err := Verify([]byte(s)); err != nil {
			t.Errorf("Verify(%q): %v", s, err)
		}
	}
}

// Every message parses; formatting it gives back the line byte for byte
// (the field order and empty fields it came with are kept), with the
// checksum recomputed when the line had one; parsing that gives an equal
// message.
func TestCorpusRoundTrip(t *testing.T) {
	for _, s := range loadCorpus(t).messages {
		m, err := Parse([]byte(s))
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		codec := Codec{ErrorDetection: HasChecksum([]byte(s))}
		out := codec.Format(m)
		if string(out) != s {
			t.Errorf("Format(Parse(x)) != x\n x: %q\n    %q", s, out)
		}
		m2, err := codec.Parse(out)
		if err != nil {
			t.Errorf("Parse(Format(Parse(%q))): %v", s, err)
			continue
		}
		if !reflect.DeepEqual(m, m2) {
			t.Errorf("parse → format → parse changed %q:\n %#v\n %#v", s, m, m2)
		}
	}
}

// Formatted without the order they came in (Meta.FieldOrder nil), messages
// come out in the specification's order with empty optional fields left
// out. The corpus lines that differ from that canonical form, and why:
var nonCanonical = map[string]string{
	// jsip2 sends the optional terminal password (AC) and patron
	// password (AD) of a patron information request empty.
	"6300020150416    064702  Y       AOinstitutionId|AApatronIdentifier|AC|AD|AY0AZE8CA":               "empty optional AC, AD",
	"6300020210814    083455          AO|AApatronIdentifier|AC|AD|AY2AZEE73":                            "empty optional AC, AD",
	"6300720210814    083455          AOinstitutionId|AApatronIdentifier|AC|ADpatronPassword|AY1AZE30F": "empty optional AC",
	// jsip2's test passes a 19-character transaction date,
	// "20130915    1854553": its last digit is read as the start of a field
	// "3B" with value "SpickupLocation", which no message has; it is kept
	// in Meta.Unknown, and written after the known fields.
	"15+20130915    1854553BSpickupLocation|BY3|AO|AApatronId|ABitemId|AY1AZE9BF": "19-character date",
}

func TestCorpusCanonical(t *testing.T) {
	differ := map[string]bool{}
	for _, s := range loadCorpus(t).messages {
		m, err := Parse([]byte(s))
		if err != nil {
			continue // reported by TestCorpusRoundTrip
		}
		m.Metadata().FieldOrder = nil
		codec := Codec{ErrorDetection: HasChecksum([]byte(s))}
		out := codec.Format(m)
		if string(out) != s {
			differ[s] = true
			if _, ok := nonCanonical[s]; !ok {
				t.Errorf("not canonical:\n in:  %s\n out: %s", s, out)
			}
		}
		// Canonical or not, it is the same message.
		m2, err := codec.Parse(out)
		if err != nil {
			t.Errorf("Parse(%q): %v", out, err)
			continue
		}
		m2.Metadata().FieldOrder = nil
		if !reflect.DeepEqual(m, m2) {
			t.Errorf("canonical form of %q is another message:\n %#v\n %#v", s, m, m2)
		}
	}
	for s, why := range nonCanonical {
		if !differ[s] {
			t.Errorf("listed as not canonical (%s), but is: %s", why, s)
		}
	}
}
