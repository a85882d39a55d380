package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment is a piece of a highlighted text; Hit marks a matched word.
type Segment struct {
	Text string
	Hit  bool
}

// Highlight splits text into segments, marking every case-insensitive
// occurrence of any of words (longest first). It is for display only: it
// does not decide what matched.
func Highlight(text string, words []string) []Segment {
	var ws []string
	for _, w := range words {
		w = strings.TrimSpace(w)
		if w != "" {
			ws = append(ws, strings.ToLower(w))
		}
	}
	if len(ws) == 0 || text == "" {
		return []Segment{{Text: text}}
	}
	lower := strings.ToLower(text)
	if len(lower) != len(text) { // case mapping changed byte lengths: do not risk misaligned cuts
		return []Segment{{Text: text}}
	}
	var out []Segment
	plain := 0
	for i := 0; i < len(text); {
		best := 0
		for _, w := range ws {
			if len(w) > best && strings.HasPrefix(lower[i:], w) && boundary(text, i, i+len(w)) {
				best = len(w)
			}
		}
		if best == 0 {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		if plain < i {
			out = append(out, Segment{Text: text[plain:i]})
		}
		out = append(out, Segment{Text: text[i : i+best], Hit: true})
		i += best
		plain = i
	}
	if plain < len(text) {
		out = append(out, Segment{Text: text[plain:]})
	}
	return out
}

// boundary reports whether text[start:end] is not part of a longer Latin
// word (CJK text has no word boundaries).
func boundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		f, _ := utf8.DecodeRuneInString(text[start:])
		if isWordRune(r) && isWordRune(f) && !isCJK(f) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		l, _ := utf8.DecodeLastRuneInString(text[:end])
		if isWordRune(r) && isWordRune(l) && !isCJK(l) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r) }
