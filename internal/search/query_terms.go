package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Token-level forms of query terms. Every term is run through the same
// segmenter, encoders and pinyin tables as the index, so a query token
// exists in the index exactly when the indexed text contains what the
// query asked for.

// altNote tells the parser about something alts noticed.
type altNote uint8

const (
	noteNone      altNote = iota
	prefixIgnored         // "*" after CJK text was dropped
	numericPrefix         // prefix_too_short concerns an all-digit prefix
	issnPrefix            // prefix_too_short concerns an issn: prefix
)

// queryTokenizer holds scratch space for tokenizing query terms.
type queryTokenizer struct {
	seg segmenter
	py  pinyinWriter
	buf []byte
}

// alts returns the alternatives of a term of field f with text text.
// A non-empty code is an error code (prefix_too_short).
func (z *queryTokenizer) alts(f Field, text string, prefix bool, lim Limits) ([]Match, altNote, ErrorCode) {
	switch f {
	case FieldISBN, FieldISSN:
		key := string(appendISBN(nil, text))
		if key == "" {
			return nil, noteNone, ""
		}
		if prefix {
			if f == FieldISSN && len(key) < minISSNPrefix {
				return nil, issnPrefix, ErrPrefixTooShort
			}
			if f == FieldISBN && len(key) < lim.MinNumericPrefix {
				return nil, numericPrefix, ErrPrefixTooShort
			}
		}
		return []Match{{Tokens: []string{f.Code() + key}, Prefix: prefix}}, noteNone, ""
	case FieldClass, FieldCallNo:
		enc := EncodeClass(text)
		if enc == "" {
			return nil, noteNone, ""
		}
		code := f.Code()
		if prefix {
			code = codeClassPrefix
			if f == FieldCallNo {
				code = codeCallNoPrefix
			}
		}
		// Prefixes are materialised in the index: an exact lookup.
		return []Match{{Tokens: []string{code + enc}}}, noteNone, ""
	case FieldPinyin:
		return z.pinyinAlts(text, prefix, lim)
	case FieldOther:
		f = FieldAny
	case FieldCorporateName:
		f = FieldName
	}
	code := f.Code()
	z.seg.segment(text)
	z.buf = z.seg.appendMain(z.buf[:0], code)
	toks := strings.Fields(string(z.buf))
	if len(toks) == 0 {
		return nil, noteNone, ""
	}
	note := noteNone
	if prefix {
		if z.seg.lastIsCJK() {
			prefix, note = false, prefixIgnored
		} else if n, ec := checkPrefix(toks[len(toks)-1][len(code):], lim); ec != "" {
			return nil, n, ec
		}
	}
	return []Match{{Tokens: toks, Prefix: prefix}}, note, ""
}

// checkPrefix applies the minimum prefix lengths to the body of the last
// token of a prefix term.
func checkPrefix(body string, lim Limits) (altNote, ErrorCode) {
	digits := true
	for i := 0; i < len(body); i++ {
		if body[i] < '0' || body[i] > '9' {
			digits = false
			break
		}
	}
	if digits {
		if len(body) < lim.MinNumericPrefix {
			return numericPrefix, ErrPrefixTooShort
		}
		return noteNone, ""
	}
	if utf8.RuneCountInString(body) < lim.MinPrefix {
		return noteNone, ErrPrefixTooShort
	}
	return noteNone, ""
}

// pinyinAlts returns the alternatives of a py: term.
//
//   - Text with CJK characters is converted to pinyin (by pronunciation):
//     one alternative with the default readings and, if different, one
//     with personal-name readings (py:曾国藩 → ceng guo fan | zeng guo fan).
//   - A single word w: the token pyw (a syllable, joined form or initials),
//     and, without "*", if w splits into two or more syllables, the
//     syllable phrase (py:tushuguan → pytushuguan | pytu pyshu pyguan).
//   - Several words (py:"zhang san"): their phrase and, without "*", their
//     joined form (pyzhangsan).
func (z *queryTokenizer) pinyinAlts(text string, prefix bool, lim Limits) ([]Match, altNote, ErrorCode) {
	z.seg.segment(text)
	if len(z.seg.items) == 0 {
		return nil, noteNone, ""
	}
	hasCJK := false
	for _, it := range z.seg.items {
		if it.kind == itemCJK {
			hasCJK = true
		}
	}
	note := noteNone
	if prefix {
		if z.seg.lastIsCJK() {
			prefix, note = false, prefixIgnored
		} else {
			last := z.seg.items[len(z.seg.items)-1]
			if n, ec := checkPrefix(string(z.seg.word(last)), lim); ec != "" {
				return nil, n, ec
			}
		}
	}
	var alts []Match
	if hasCJK {
		for _, isName := range []bool{false, true} {
			z.py.build(&z.seg, isName)
			m := Match{Prefix: prefix}
			for _, s := range z.py.syl {
				m.Tokens = append(m.Tokens, "py"+string(s))
			}
			if len(m.Tokens) > 0 && (len(alts) == 0 || !slices.Equal(alts[0].Tokens, m.Tokens)) {
				alts = append(alts, m)
			}
		}
		return alts, note, ""
	}
	var words []string
	for _, it := range z.seg.items {
		words = append(words, string(z.seg.word(it)))
	}
	whole := Match{Prefix: prefix}
	for _, w := range words {
		whole.Tokens = append(whole.Tokens, "py"+w)
	}
	alts = append(alts, whole)
	if prefix {
		return alts, note, ""
	}
	if len(words) == 1 {
		if syl := table().segmentSyllables(words[0]); len(syl) >= 2 {
			m := Match{}
			for _, s := range syl {
				m.Tokens = append(m.Tokens, "py"+s)
			}
			alts = append(alts, m)
		}
		return alts, note, ""
	}
	joined := "py"
	for _, w := range words {
		joined += w
	}
	if len(joined)-2 <= maxJoinedBytes {
		alts = append(alts, Match{Tokens: []string{joined}})
	}
	return alts, note, ""
}
