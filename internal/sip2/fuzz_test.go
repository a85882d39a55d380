package sip2

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzParse feeds Parse anything. It must not panic; what it accepts must
// format, and parse again to an equal message, in both character sets;
// formatting is stable.
//
//	go test -run '^$' -fuzz FuzzParse -parallel 1 ./internal/sip2
func FuzzParse(f *testing.F) {
	for _, s := range loadCorpus(f).messages {
		f.Add([]byte(s))
	}
	for _, c := range messageCases {
		f.Add([]byte(c.line))
	}
	f.Add([]byte("97AZFEF5"))
	f.Add([]byte("1720260314    103000ZZvendor|AOLT|AOagain|AB123|AC|XYz||"))
	f.Add(append([]byte("1720260314    103000AO"), 0xBA, 0xEC, 0x81, '|', '|', 'A', 'B', '1', '|'))
	f.Fuzz(func(t *testing.T, line []byte) {
		_ = Verify(line)
		for _, charset := range []Charset{UTF8, GB18030} {
			c := Codec{Charset: charset}
			m, err := c.Parse(line)
			if err != nil {
				if m != nil {
					t.Fatalf("%v: error %v with a message", charset, err)
				}
				continue
			}
			c.ErrorDetection = HasChecksum(line)
			out := c.Format(m)
			m2, err := c.Parse(out)
			if err != nil {
				t.Fatalf("%v: %q parses, its formatting %q does not: %v", charset, line, out, err)
			}
			if !reflect.DeepEqual(m, m2) {
				t.Fatalf("%v: parse → format → parse changed the message\n in:  %q\n out: %q\n %#v\n %#v", charset, line, out, m, m2)
			}
			if out2 := c.Format(m2); !bytes.Equal(out, out2) {
				t.Fatalf("%v: formatting not stable:\n %q\n %q", charset, out, out2)
			}
			if c.ErrorDetection {
				if err := Verify(out); err != nil {
					t.Fatalf("%v: formatted %q does not verify: %v", charset, out, err)
				}
			}
			// The canonical form is the same message.
			m.Metadata().FieldOrder = nil
			m3, err := c.Parse(c.Format(m))
			if err != nil {
				t.Fatalf("%v: canonical form of %q does not parse: %v", charset, line, err)
			}
			m3.Metadata().FieldOrder = nil
			if !reflect.DeepEqual(m, m3) {
				t.Fatalf("%v: canonical form of %q is another message\n %#v\n %#v", charset, line, m, m3)
			}
		}
	})
}
