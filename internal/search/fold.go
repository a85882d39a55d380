package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Character folding. Everything here works rune by rune and allocates
// nothing; the segmenter calls it for every non-ASCII rune.
//
// The rules, in order:
//   - 〇 (U+3007, ideographic zero) becomes 零, so 二〇一九 and 二零一九 agree;
//   - CJK characters (Han, Hiragana, Katakana, Hangul syllables, and the
//     marks ー 々 〆 that behave like letters) are kept as they are: no
//     traditional/simplified folding, no width folding is needed for them;
//   - CJK compatibility ideographs become their unified equivalents;
//   - full-width ASCII (Ａ１！) becomes ASCII;
//   - a few letters without a Unicode decomposition are spelled out
//     (ß→ss, æ→ae, œ→oe, ø→o, đ→d, ł→l, þ→th, ı→i, ς→σ ...);
//   - anything else is NFKD-decomposed: combining marks are dropped
//     (é→e, ñ→n, ё→е), compatibility forms are expanded (ﬁ→fi, ①→1), the
//     remaining letters are lower-cased; digits other than ASCII 0-9,
//     punctuation and symbols separate words.

// isCJK reports whether r is indexed as a CJK character (unigrams and
// bigrams rather than words).
func isCJK(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs
		return true
	case r >= 0x3400 && r <= 0x4DBF: // extension A
		return true
	case r >= 0x3041 && r <= 0x3096, r >= 0x309D && r <= 0x309F: // hiragana
		return true
	case r >= 0x30A1 && r <= 0x30FA, r >= 0x30FC && r <= 0x30FF: // katakana without ・
		return true
	case r >= 0xAC00 && r <= 0xD7A3: // Hangul syllables
		return true
	case r < 0x2E80:
		return false
	}
	return unicode.IsLetter(r) && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// isCompatIdeograph reports whether r is a CJK compatibility ideograph,
// which has a canonical decomposition to a unified ideograph.
func isCompatIdeograph(r rune) bool {
	return (r >= 0xF900 && r <= 0xFAFF) || (r >= 0x2F800 && r <= 0x2FA1F)
}

// isHyphen reports whether r is one of the dashes that join ISBN groups.
func isHyphen(r rune) bool {
	switch r {
	case '-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2212:
		return true
	}
	return false
}

// specialFold spells out letters that NFKD leaves alone. It returns "" for
// letters without a special rule.
func specialFold(r rune) string {
	switch r {
	case 'ß', 'ẞ':
		return "ss"
	case 'æ', 'Æ':
		return "ae"
	case 'œ', 'Œ':
		return "oe"
	case 'ø', 'Ø':
		return "o"
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d"
	case 'ł', 'Ł':
		return "l"
	case 'þ', 'Þ':
		return "th"
	case 'ı':
		return "i"
	case 'ħ', 'Ħ':
		return "h"
	case 'ŧ', 'Ŧ':
		return "t"
	case 'ς':
		return "σ"
	}
	return ""
}

// decompose returns the NFKD (or, for compatibility ideographs, NFD)
// decomposition of r, or nil if r has none. The result points into the
// normalisation tables or into buf.
func decompose(r rune, buf *[utf8.UTFMax]byte) []byte {
	n := utf8.EncodeRune(buf[:], r)
	form := norm.NFKD
	if isCompatIdeograph(r) {
		form = norm.NFD
	}
	return form.Properties(buf[:n]).Decomposition()
}
