package profile

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizeKey returns the form of a title or name compared by duplicate
// checks:
//
//  1. Unicode NFKC, which also maps full-width forms to half-width
//     ("ＡＢＣ１２３" → "ABC123") and compatibility characters to their
//     plain form ("①" → "1", "ﬁ" → "fi");
//  2. lower case;
//  3. only letters, digits and combining marks kept: punctuation, symbols
//     and all white space are removed ("三体. 第二部, 黑暗森林" →
//     "三体第二部黑暗森林", "The C++ Book" → "thecbook").
//
// Simplified and traditional characters are not folded into each other.
func NormalizeKey(s string) string {
	return string(appendKey(make([]byte, 0, len(s)), s))
}

// appendKey appends the NormalizeKey form of s to dst.
func appendKey(dst []byte, s string) []byte {
	if needsNFKC(s) {
		s = norm.NFKC.String(s)
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case r >= 'A' && r <= 'Z':
				dst = append(dst, byte(r)+'a'-'A')
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				dst = append(dst, byte(r))
			}
		case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs: letters without case
			dst = utf8.AppendRune(dst, r)
		case unicode.IsLetter(r), unicode.IsMark(r), unicode.IsNumber(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// DupKey returns the duplicate-check key of a title proper (with its part
// number and name), an author and a year: the NormalizeKey forms of title
// and author and the year, joined by "|"; a year of 0 is left empty:
// "三体第二部黑暗森林|刘慈欣|2008". The acquisitions module builds the
// same key from an order to check it against the catalogue.
func DupKey(title, author string, year int) string {
	return dupKey(title, "", author, year)
}

// dupKey is DupKey of a title given in two parts (title proper, part).
func dupKey(title, part, author string, year int) string {
	buf := make([]byte, 0, len(title)+len(part)+len(author)+6)
	buf = appendKey(buf, title)
	buf = appendKey(buf, part)
	buf = append(buf, '|')
	buf = appendKey(buf, author)
	buf = append(buf, '|')
	if year > 0 {
		buf = strconv.AppendInt(buf, int64(year), 10)
	}
	return string(buf)
}

// sortForm returns the sort form of a title: NFKC, lower case,
// punctuation and symbols replaced by one space, no space at the ends.
func sortForm(s string) string {
	if needsNFKC(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		keep := false
		switch {
		case r < utf8.RuneSelf:
			keep = r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		case r >= 0x4E00 && r <= 0x9FFF:
			keep = true
		default:
			keep = unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
		}
		if !keep {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		switch {
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r >= 0x4E00 && r <= 0x9FFF:
			b.WriteRune(r)
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// needsNFKC reports whether s may change under NFKC: it holds a rune other
// than ASCII and the CJK unified ideographs, which NFKC leaves alone.
// The full-width forms and the CJK punctuation are not in that set, so
// they are normalised.
func needsNFKC(s string) bool {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
		case r >= 0x4E00 && r <= 0x9FFF:
		default:
			return true
		}
	}
	return false
}
