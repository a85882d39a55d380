package search

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Encodings of identifiers: classification numbers, call numbers, ISBN,
// ISSN and years.

// maxCodePieces bounds the number of prefix tokens a class or call number
// produces.
const maxCodePieces = 40

// classEscape gives the two-byte escape of ASCII punctuation inside a class
// or call number. The encoding is a prefix code: every input character maps
// to a fixed string, and 'q' (the escape letter) is itself escaped as "qq",
// so enc(p) is a prefix of enc(s) exactly when p is a prefix of s. That
// makes "all prefixes of the encoding at character boundaries" the same
// set as "the encodings of all prefixes", which is what the cp/np prefix
// tokens hold.
func classEscape(c byte) string {
	switch c {
	case 'q':
		return "qq"
	case '.':
		return "qd" // dot
	case '-':
		return "qh" // hyphen
	case '/':
		return "qs" // slash
	case ':':
		return "qc" // colon
	case '=':
		return "qe" // equals
	case '(':
		return "qo" // open
	case ')':
		return "qp" // close (parenthesis)
	case '"':
		return "qu" // quote
	case '<':
		return "ql" // less-than
	case '>':
		return "qg" // greater-than
	case '+':
		return "qa" // add
	case ',':
		return "qm" // comma
	case '[':
		return "qb" // bracket
	case ']':
		return "qk" // closing bracket
	case ';':
		return "qn"
	}
	return "qz" // any other punctuation: rare, collapsed into one escape
}

// eachClassPiece folds a class or call number and calls emit with the
// encoded form of each character: lower-case ASCII letters and digits,
// CJK characters and other letters as themselves (folded as in text:
// full-width to ASCII, diacritics removed, lower-cased), 'q' and ASCII
// punctuation as a two-letter escape. Whitespace, control characters and
// non-ASCII punctuation are dropped. It stops after maxCodePieces pieces.
func eachClassPiece(text string, emit func(piece string, r rune)) {
	n := 0
	var one func(r rune, decomposed bool)
	one = func(r rune, decomposed bool) {
		if n >= maxCodePieces {
			return
		}
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		switch {
		case r >= 'a' && r <= 'z' && r != 'q', r >= '0' && r <= '9':
			emit("", r)
		case r < utf8.RuneSelf:
			if r <= ' ' || r == 0x7f {
				return
			}
			emit(classEscape(byte(r)), 0)
		case r == 0x3007:
			emit("", '零')
		case isCJK(r) && !isCompatIdeograph(r):
			emit("", r)
		default:
			if sp := specialFold(r); sp != "" {
				for _, c := range sp {
					one(c, true)
				}
				return
			}
			if !decomposed {
				var tmp [utf8.UTFMax]byte
				if d := decompose(r, &tmp); len(d) > 0 {
					for _, c := range string(d) {
						one(c, true)
					}
					return
				}
			}
			if !unicode.IsLetter(r) {
				return
			}
			emit("", unicode.ToLower(r))
		}
		n++
	}
	for _, r := range text {
		if n >= maxCodePieces {
			return
		}
		one(r, false)
	}
}

// appendClass appends the exact class/call number encoding of text to dst.
func appendClass(dst []byte, text string) []byte {
	eachClassPiece(text, func(piece string, r rune) {
		if piece != "" {
			dst = append(dst, piece...)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	})
	return dst
}

// EncodeClass returns the token body (without field code) that a class or
// call number is indexed under: "TP311.13" → "tp311qd13", "Q94" → "qq94",
// "K825.6=76" → "k825qd6qe76". The result contains only lower-case ASCII
// letters, digits and CJK characters.
func EncodeClass(text string) string { return string(appendClass(nil, text)) }

// appendISBN appends the normalised form of an ISBN or ISSN: its ASCII
// digits and X (as lower-case x), everything else dropped, at most 32
// characters.
func appendISBN(dst []byte, text string) []byte {
	n := 0
	for _, r := range text {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		switch {
		case r >= '0' && r <= '9':
		case r == 'x' || r == 'X':
			r = 'x'
		default:
			continue
		}
		if n++; n > 32 {
			break
		}
		dst = append(dst, byte(r))
	}
	return dst
}

// Years. A year y (0..9999) is indexed as four tokens: yr plus the
// zero-padded year and its 3-, 2- and 1-digit prefixes (2019 → yr2019
// yr201 yr20 yr2). The lengths keep the levels apart. A year range is then
// an OR of at most 63 such tokens: the minimal cover of the range by
// aligned blocks of 1, 10, 100 and 1000 years (1950..2023 → yr195 yr196
// yr197 yr198 yr199 yr200 yr201 yr2020 yr2021 yr2022 yr2023;
// ..1999 → yr0 yr1).

// MinYear and MaxYear bound the years that can be indexed and searched.
const (
	MinYear = 0
	MaxYear = 9999
)

// yearDigits returns the zero-padded four-digit form of y.
func yearDigits(y int) [4]byte {
	var b [4]byte
	for i := 3; i >= 0; i-- {
		b[i] = byte('0' + y%10)
		y /= 10
	}
	return b
}

// eachYearToken calls emit with the index token bodies of year y.
func eachYearToken(y int, emit func(body []byte)) {
	b := yearDigits(y)
	for n := 4; n >= 1; n-- {
		emit(b[:n])
	}
}

// yearCover returns the token bodies (without code) covering [lo, hi],
// lo <= hi, both within MinYear..MaxYear.
func yearCover(lo, hi int) []string {
	var out []string
	for lo <= hi {
		size, digits := 1000, 1
		for size > 1 && (lo%size != 0 || lo+size-1 > hi) {
			size /= 10
			digits++
		}
		b := yearDigits(lo)
		out = append(out, string(b[:digits]))
		lo += size
	}
	return out
}

// parseYearNumber parses a year of one to four ASCII or full-width digits.
func parseYearNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	var b [4]byte
	n := 0
	for _, r := range s {
		if r >= '０' && r <= '９' {
			r -= 0xFEE0
		}
		if r < '0' || r > '9' || n == len(b) {
			return 0, false
		}
		b[n] = byte(r)
		n++
	}
	y, err := strconv.Atoi(string(b[:n]))
	return y, err == nil
}
