package marc

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Charset names the character encoding of the data in an ISO 2709 record.
// Records are always held in UTF-8 once read (except with CharsetRaw).
type Charset int

const (
	// CharsetAuto detects the encoding of each record: see DetectCharset.
	CharsetAuto Charset = iota
	// CharsetUTF8 is UTF-8 (MARC 21 leader/09 'a', UNIMARC 100$a/26-27 "50").
	CharsetUTF8
	// CharsetMARC8 is MARC-8 with all its graphic sets, EACC (CJK) included.
	CharsetMARC8
	// CharsetGB18030 is GB 18030, which includes GBK and GB 2312; Chinese
	// vendors use it for CNMARC.
	CharsetGB18030
	// CharsetLatin1 is ISO 8859-1.
	CharsetLatin1
	// CharsetDanMARC is the DanMARC2 character set (ISO 8859-1 with @-escapes).
	CharsetDanMARC
	// CharsetRaw performs no conversion: values keep the bytes of the record.
	CharsetRaw
)

var charsetNames = [...]string{
	CharsetAuto:    "auto",
	CharsetUTF8:    "utf-8",
	CharsetMARC8:   "marc8",
	CharsetGB18030: "gb18030",
	CharsetLatin1:  "iso-8859-1",
	CharsetDanMARC: "danmarc",
	CharsetRaw:     "raw",
}

// String returns the canonical name of c, as accepted by ParseCharset.
func (c Charset) String() string {
	if c >= 0 && int(c) < len(charsetNames) {
		return charsetNames[c]
	}
	return fmt.Sprintf("Charset(%d)", int(c))
}

// ParseCharset returns the Charset for a name, case-insensitively: auto,
// utf-8 (utf8), marc8 (marc-8, ansel), gb18030 (gbk, gb2312), iso-8859-1
// (latin1), danmarc, raw.
func ParseCharset(name string) (Charset, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "auto", "":
		return CharsetAuto, nil
	case "utf-8", "utf8":
		return CharsetUTF8, nil
	case "marc8", "marc-8", "ansel":
		return CharsetMARC8, nil
	case "gb18030", "gbk", "gb2312", "gb-18030":
		return CharsetGB18030, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return CharsetLatin1, nil
	case "danmarc", "danmarc2":
		return CharsetDanMARC, nil
	case "raw", "none", "binary":
		return CharsetRaw, nil
	}
	return CharsetAuto, fmt.Errorf("marc: unknown character set %q (want auto, utf-8, marc8, gb18030, iso-8859-1, danmarc or raw)", name)
}

// singleByte reports whether one byte of c is always one character of the
// record structure (indicator or subfield code). For UTF-8 and unknown
// encodings a character may be a multibyte UTF-8 sequence instead.
func (c Charset) singleByte() bool {
	switch c {
	case CharsetMARC8, CharsetLatin1, CharsetDanMARC, CharsetGB18030:
		return true
	}
	return false
}

// byteStats summarises a byte string for charset detection.
type byteStats struct {
	high  bool // a byte >= 0x80
	esc   bool // an ESC (MARC-8 escape sequences)
	utf8  bool // valid UTF-8
	ctrl  bool // a control byte MARC-8 leaves unmapped
	gbOK  bool // valid GB 18030
	gbHi  int  // double-byte GB characters with both bytes >= 0xA1 (GB 2312 style)
	gbLow int  // other multibyte GB characters
}

// gbScan checks that s is well-formed GB 18030 and counts its multibyte
// characters.
func gbScan(s []byte) (ok bool, hi, low int) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < 0x80:
			i++
		case c == 0x80 || c == 0xff:
			return false, hi, low
		case i+1 < len(s) && (s[i+1] >= 0x40 && s[i+1] <= 0x7e || s[i+1] >= 0x80 && s[i+1] <= 0xfe):
			if c >= 0xa1 && s[i+1] >= 0xa1 {
				hi++
			} else {
				low++
			}
			i += 2
		case i+3 < len(s) && s[i+1] >= 0x30 && s[i+1] <= 0x39 &&
			s[i+2] >= 0x81 && s[i+2] <= 0xfe && s[i+3] >= 0x30 && s[i+3] <= 0x39:
			low++
			i += 4
		default:
			return false, hi, low
		}
	}
	return true, hi, low
}

// looksGB reports whether bytes that are not UTF-8 read better as GB 18030
// than as a single-byte set: well-formed, and nearly all characters in the
// GB 2312 style (both bytes >= 0xA1), which MARC-8 diacritics followed by a
// letter never are.
func (st byteStats) looksGB() bool {
	return st.gbOK && st.gbHi > 0 && st.gbLow*10 <= st.gbHi
}

// decoder converts values of one charset to UTF-8, reusing its buffer.
type decoder struct {
	cs  Charset
	buf []byte
}

// needs reports whether s must go through the decoder at all.
func (d *decoder) needs(s string) bool {
	switch d.cs {
	case CharsetRaw:
		return false
	case CharsetMARC8:
		return needsMARC8(s)
	case CharsetDanMARC:
		for i := 0; i < len(s); i++ {
			if c := s[i]; c >= 0x80 || c == '@' || c >= 0x5e && c <= 0x60 {
				return true
			}
		}
		return false
	case CharsetUTF8:
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return !utf8.ValidString(s)
			}
		}
		return false
	default:
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return true
			}
		}
		return false
	}
}

// decode returns s converted to UTF-8 (s itself when nothing changes).
func (d *decoder) decode(s string) string {
	if !d.needs(s) {
		return s
	}
	b := d.buf[:0]
	switch d.cs {
	case CharsetMARC8:
		b = decodeMARC8(b, s)
	case CharsetDanMARC:
		b = decodeDanMARC(b, s)
	case CharsetLatin1:
		for i := 0; i < len(s); i++ {
			b = utf8.AppendRune(b, rune(s[i]))
		}
	case CharsetGB18030:
		out, err := simplifiedchinese.GB18030.NewDecoder().String(s)
		if err != nil { // cannot happen: the decoder replaces bad bytes
			out = strings.ToValidUTF8(s, "\uFFFD")
		}
		return out
	default: // UTF-8 with invalid sequences
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	d.buf = b
	return string(b)
}
