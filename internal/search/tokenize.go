package search

import (
	"strings"
	"unicode/utf8"
)

// Text tokens.
//
// A value is folded and split into words and CJK runs (see segment.go):
//   - a word is a maximal run of letters and ASCII digits, lower-cased, with
//     diacritics removed; letters and digits stay together (mp3, tp311);
//     punctuation separates words ("e-mail" → e, mail);
//   - a CJK run is a maximal run of CJK characters; whitespace between two
//     CJK characters does not end the run (Chinese is written without
//     spaces, so "中国 历史" and "中国历史" index alike) unless one of them is
//     Hangul (Korean spaces separate words); punctuation always ends it.
//
// The main sequence of a value lists, in text order, every word, every
// overlapping bigram of each CJK run of two or more characters, and each
// single-character run. Query words and phrases are matched against the
// main sequence as phrases, so 图书馆 (图书 书馆) finds 图书馆学 (图书 书馆 馆学),
// and C语言 (c 语言) finds "C语言程序设计".
//
// After the main sequence, the index also lists every character of every
// run of two or more characters (the unigram segment), so that a
// one-character query such as 书 finds 图书馆. Queries never use the
// unigram segment except for one-character words.

// appendMain appends every token of the main sequence of the segmented
// value to dst, each as code+token followed by a space.
func (s *segmenter) appendMain(dst []byte, code string) []byte {
	for _, it := range s.items {
		if it.kind == itemWord {
			dst = append(dst, code...)
			dst = append(dst, s.word(it)...)
			dst = append(dst, ' ')
			continue
		}
		run := s.run(it)
		if len(run) == 1 {
			dst = append(dst, code...)
			dst = utf8.AppendRune(dst, run[0])
			dst = append(dst, ' ')
			continue
		}
		for i := 0; i+1 < len(run); i++ {
			dst = append(dst, code...)
			dst = utf8.AppendRune(dst, run[i])
			dst = utf8.AppendRune(dst, run[i+1])
			dst = append(dst, ' ')
		}
	}
	return dst
}

// appendUnigrams appends every character of every CJK run of two or more
// characters to dst, each as code+character followed by a space.
func (s *segmenter) appendUnigrams(dst []byte, code string) []byte {
	for _, it := range s.items {
		if it.kind != itemCJK || it.end-it.start < 2 {
			continue
		}
		for _, r := range s.run(it) {
			dst = append(dst, code...)
			dst = utf8.AppendRune(dst, r)
			dst = append(dst, ' ')
		}
	}
	return dst
}

// hasUnigrams reports whether the segmented value has a unigram segment.
func (s *segmenter) hasUnigrams() bool {
	for _, it := range s.items {
		if it.kind == itemCJK && it.end-it.start >= 2 {
			return true
		}
	}
	return false
}

// lastIsCJK reports whether the last item of the segmented value is a CJK
// run.
func (s *segmenter) lastIsCJK() bool {
	return len(s.items) > 0 && s.items[len(s.items)-1].kind == itemCJK
}

// Tokens returns the index tokens that a value of field f produces, each
// with the field's two-letter code, in index order, without [GapToken]s.
// It returns exactly what [Doc.Add] writes for f's own stream, so tests and
// tools can see what a value is findable by:
//
//	Tokens(FieldTitle, "图书馆学")  → ti图书 ti书馆 ti馆学 ti图 ti书 ti馆 ti学
//	Tokens(FieldClass, "TP311.13") → cltp311qd13 cpt cptp cptp3 … cptp311qd13
//	Tokens(FieldPinyin, "图书馆")   → pytu pyshu pyguan pytushuguan pytsg
//
// FieldAny and FieldOther give the keyword stream (kw…); FieldYear expects
// a year ("2019") and gives its yr tokens.
func Tokens(f Field, text string) []string {
	var d Doc
	d.addOwn(f, text)
	return splitTokens(d.buf, "")
}

// splitTokens splits a space-separated token buffer, dropping gap tokens
// and, if code is not empty, tokens without that code prefix.
func splitTokens(buf []byte, code string) []string {
	var out []string
	for _, t := range strings.Fields(string(buf)) {
		if t == GapToken || code != "" && !strings.HasPrefix(t, code) {
			continue
		}
		out = append(out, t)
	}
	return out
}
