package marc

import (
	"unicode"
	"unicode/utf8"
)

// danmarcSpacing maps the spacing forms of diacritics to the combining
// marks DanMARC2 means by them, wherever they come from (a byte or an escape).
var danmarcSpacing = map[rune]rune{
	0x5e: 0x0302, 0x5f: 0x0332, 0x60: 0x0300, 0xa8: 0x0308, 0xaf: 0x0304,
	0xb4: 0x0301, 0xb8: 0x0327, 0x2c7: 0x030c, 0x2d8: 0x0306, 0x2da: 0x030a,
	0x2db: 0x0328, 0x2dd: 0x030b,
}

// danmarcU holds the "@U" escapes (two hex digits) whose character is not
// the ISO 8859-1 character of that code.
var danmarcU = map[byte]rune{
	0xa7: 0x02b9, 0xae: 0x02bc, 0xb0: 0x02bb, 0xb7: 0x02ba, 0xd8: 0x2014,
	0xd9: 0x2191, 0xda: 0x2193, 0xe0: 0x0309, 0xeb: 0xfe20, 0xec: 0xfe21,
	0xf7: 0x0326, 0xf8: 0x031c, 0xf9: 0x032e, 0xfa: 0xfe22, 0xfc: 0x0308,
	0xfd: 0xf0fd, 0xfe: 0xf0fe, 0xff: 0xf0ff,
}

// hexPrefix parses the leading hexadecimal digits of s (as C's sscanf
// "%4lx" does on a field of len(s) bytes) and reports whether there was one.
func hexPrefix(s string) (v rune, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return v, ok
		}
		v = v<<4 | rune(d)
		ok = true
	}
	return v, ok
}

// decodeDanMARC appends the UTF-8 form of the DanMARC2 string src to dst.
// Bytes are ISO 8859-1 except for the '@' escapes: "@@", "@*" and "@¤" stand for
// the second character, "@å" and "@Å" for ꜳ and Ꜳ, "@" and four hex digits
// for that code point, "@U" and two hex digits for a character of the
// DanMARC2 table (danmarcU, else ISO 8859-1). Spacing diacritics (^ _ ` ´ ¨
// ...) stand for combining marks (danmarcSpacing). Combining marks come before
// their base letter and are moved after it, as in MARC-8.
func decodeDanMARC(dst []byte, src string) []byte {
	var pendBuf [4]rune
	pending := pendBuf[:0]
	put := func(r rune) {
		if r == 0 {
			return
		}
		if m, ok := danmarcSpacing[r]; ok {
			r = m
		}
		if unicode.Is(unicode.Mn, r) {
			pending = append(pending, r)
			return
		}
		dst = utf8.AppendRune(dst, r)
		for _, c := range pending {
			dst = utf8.AppendRune(dst, c)
		}
		pending = pending[:0]
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c != '@' || i+1 >= len(src) {
			put(rune(c))
			i++
			continue
		}
		switch n := src[i+1]; n {
		case '@', '*', 0xa4:
			put(rune(n))
			i += 2
		case 0xe5:
			put(0xa733)
			i += 2
		case 0xc5:
			put(0xa732)
			i += 2
		case 'U':
			end := min(i+4, len(src))
			if v, ok := hexPrefix(src[i+2 : end]); ok && v != 0 {
				if r, found := danmarcU[byte(v)]; found {
					put(r)
				} else {
					put(v)
				}
			}
			i = end
		default:
			end := min(i+5, len(src))
			v, ok := hexPrefix(src[i+1 : end])
			switch {
			case !ok:
				put('@')
			case v != 0:
				put(v)
			}
			i = end
		}
	}
	for _, c := range pending {
		dst = utf8.AppendRune(dst, c)
	}
	return dst
}
