package sip2

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Charset is the character set of the bytes on a connection. The protocol
// itself is ASCII; names, titles and screen messages are not.
type Charset uint8

// Character sets.
const (
	// UTF8 is the default.
	UTF8 Charset = iota
	// GB18030 is for older Chinese kiosks, which send and expect GBK
	// (of which GB18030 is a superset).
	GB18030
)

// String returns "UTF-8" or "GB18030".
func (c Charset) String() string {
	if c == GB18030 {
		return "GB18030"
	}
	return "UTF-8"
}

// ParseCharset returns the Charset named name, "UTF-8" or "GB18030" (case
// and a dash or underscore do not matter).
func ParseCharset(name string) (Charset, error) {
	n := strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(name)))
	switch n {
	case "utf8", "":
		return UTF8, nil
	case "gb18030":
		return GB18030, nil
	}
	return UTF8, fmt.Errorf("sip2: unknown character set %q (want UTF-8 or GB18030)", name)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// decode returns b as UTF-8 text. For UTF-8, bad is the offset of the first
// invalid byte, or -1. GB18030 decoding replaces what it cannot decode with
// U+FFFD and never fails.
//
// Decoding comes before the message is split into fields: in GB18030 the
// second byte of a character may be "|" (0x7C).
func (c Charset) decode(b []byte) (text string, bad int) {
	if isASCII(b) {
		return string(b), -1
	}
	if c == GB18030 {
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil { // not returned by the GB18030 decoder; be safe
			return string(b), 0
		}
		return string(out), -1
	}
	if bad := validUTF8(b); bad >= 0 {
		return "", bad
	}
	return string(b), -1
}

// encode returns the UTF-8 text b in the character set. Invalid UTF-8 is
// sent as U+FFFD's encoding.
func (c Charset) encode(b []byte) []byte {
	if c != GB18030 || isASCII(b) {
		return b
	}
	out, err := encoding.ReplaceUnsupported(simplifiedchinese.GB18030.NewEncoder()).Bytes(b)
	if err != nil {
		return b
	}
	return out
}
