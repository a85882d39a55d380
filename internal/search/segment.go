package search

import (
	"unicode"
	"unicode/utf8"
)

// Limits applied while segmenting one value. They keep tokens and token
// streams bounded whatever the input; index and query use the same limits,
// so they agree.
const (
	maxWordBytes  = 64   // longer words are truncated (at a rune boundary)
	maxValueBytes = 8192 // longer values are truncated (at a rune boundary)
)

// itemKind says what a segment item is.
type itemKind uint8

const (
	itemWord itemKind = iota // letters and/or digits; bytes in segmenter.buf
	itemCJK                  // a run of CJK characters; runes in segmenter.runes
)

// item is one word or one CJK run of a segmented value.
type item struct {
	kind         itemKind
	digits       bool  // word of ASCII digits only
	hyphenBefore bool  // word separated from the previous word by exactly one hyphen
	start, end   int32 // word: byte span in buf; CJK run: rune span in runes
}

// segmenter splits a value into words and CJK runs after folding. It is
// reused between values so that steady-state segmentation allocates
// nothing.
type segmenter struct {
	buf   []byte  // folded word bytes
	runes []rune  // CJK run characters
	joins []int32 // indexes into runes where a run continued across whitespace
	items []item

	inWord, inRun bool
	wordStart     int
	wordDigits    bool
	wordHyphen    bool
	runStart      int
	spacePending  bool // whitespace seen inside a CJK run
	sepState      uint8
	wordFull      bool // current word reached maxWordBytes
}

// sepState values: what lies between the previous word and the next.
const (
	sepNone   = iota // nothing yet (or the previous item was not a word)
	sepHyphen        // exactly one hyphen
	sepOther         // anything else
)

// reset prepares the segmenter for a new value.
func (s *segmenter) reset() {
	s.buf = s.buf[:0]
	s.runes = s.runes[:0]
	s.joins = s.joins[:0]
	s.items = s.items[:0]
	s.inWord, s.inRun, s.spacePending, s.wordFull = false, false, false, false
	s.sepState = sepOther
}

// segment splits text into s.items.
func (s *segmenter) segment(text string) {
	s.reset()
	if len(text) > maxValueBytes {
		cut := maxValueBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			s.ascii(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			s.punct(r)
			continue
		}
		s.nonASCII(r)
	}
	s.endWord()
	s.endRun()
	s.mergeISBNs()
}

func (s *segmenter) ascii(c byte) {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		s.wordByte(c)
	case c >= 'A' && c <= 'Z':
		s.wordByte(c + 'a' - 'A')
	case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
		s.space()
	default:
		s.punct(rune(c))
	}
}

func (s *segmenter) nonASCII(r rune) {
	switch {
	case r == 0x3007: // 〇
		s.cjk('零')
		return
	case isCompatIdeograph(r):
		// Fall through to the decomposition below: 豈 (U+F900) → 豈 (U+8C48).
	case isCJK(r):
		s.cjk(r)
		return
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		s.ascii(byte(r - 0xFEE0))
		return
	case unicode.IsSpace(r):
		s.space()
		return
	}
	if sp := specialFold(r); sp != "" {
		for _, c := range sp {
			s.wordRune(c)
		}
		return
	}
	var tmp [utf8.UTFMax]byte
	if d := decompose(r, &tmp); len(d) > 0 {
		for len(d) > 0 {
			r2, n := utf8.DecodeRune(d)
			d = d[n:]
			s.decomposed(r2)
		}
		return
	}
	s.decomposed(r)
}

// decomposed handles one rune of a decomposition (or a rune without one).
func (s *segmenter) decomposed(r rune) {
	switch {
	case r < utf8.RuneSelf:
		s.ascii(byte(r))
	case r == 0x3007:
		s.cjk('零')
	case isCJK(r):
		s.cjk(r)
	case unicode.IsMark(r):
		// Combining marks are dropped: é→e. They do not end a word.
	case unicode.IsLetter(r):
		if sp := specialFold(r); sp != "" {
			for _, c := range sp {
				s.wordRune(c)
			}
			return
		}
		s.wordRune(unicode.ToLower(r))
	case unicode.IsSpace(r):
		s.space()
	default:
		s.punct(r)
	}
}

func (s *segmenter) startWord() {
	if s.inRun {
		s.endRun()
	}
	s.inWord = true
	s.wordStart = len(s.buf)
	s.wordDigits = true
	s.wordFull = false
	s.wordHyphen = s.sepState == sepHyphen
}

func (s *segmenter) wordByte(c byte) {
	if !s.inWord {
		s.startWord()
	}
	if s.wordFull {
		return
	}
	if len(s.buf)-s.wordStart >= maxWordBytes {
		s.wordFull = true
		return
	}
	if c < '0' || c > '9' {
		s.wordDigits = false
	}
	s.buf = append(s.buf, c)
}

func (s *segmenter) wordRune(r rune) {
	if r < utf8.RuneSelf {
		s.wordByte(byte(r))
		return
	}
	if !s.inWord {
		s.startWord()
	}
	if s.wordFull {
		return
	}
	if len(s.buf)-s.wordStart+utf8.RuneLen(r) > maxWordBytes {
		s.wordFull = true
		return
	}
	s.wordDigits = false
	s.buf = utf8.AppendRune(s.buf, r)
}

func (s *segmenter) endWord() {
	if !s.inWord {
		return
	}
	s.inWord = false
	s.items = append(s.items, item{
		kind:         itemWord,
		digits:       s.wordDigits,
		hyphenBefore: s.wordHyphen,
		start:        int32(s.wordStart),
		end:          int32(len(s.buf)),
	})
	s.sepState = sepNone
}

func (s *segmenter) cjk(r rune) {
	if s.inWord {
		s.endWord()
	}
	s.sepState = sepOther
	if s.inRun && s.spacePending && (isHangul(r) || isHangul(s.runes[len(s.runes)-1])) {
		// Korean separates words with spaces: do not join across them.
		s.endRun()
	}
	if !s.inRun {
		s.inRun = true
		s.runStart = len(s.runes)
	} else if s.spacePending {
		s.joins = append(s.joins, int32(len(s.runes)))
	}
	s.spacePending = false
	s.runes = append(s.runes, r)
}

func (s *segmenter) endRun() {
	if !s.inRun {
		return
	}
	s.inRun = false
	s.spacePending = false
	s.items = append(s.items, item{kind: itemCJK, start: int32(s.runStart), end: int32(len(s.runes))})
}

// isHangul reports whether r is a Hangul syllable.
func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// space handles whitespace: it ends a word, and inside a CJK run it is
// remembered: the run goes on if the next character is CJK too.
func (s *segmenter) space() {
	s.endWord()
	if s.inRun {
		s.spacePending = true
	}
	s.sepState = sepOther
}

func (s *segmenter) punct(r rune) {
	s.endWord()
	s.endRun()
	if isHyphen(r) && s.sepState == sepNone {
		s.sepState = sepHyphen
	} else {
		s.sepState = sepOther
	}
}

// word returns the bytes of a word item.
func (s *segmenter) word(it item) []byte { return s.buf[it.start:it.end] }

// run returns the characters of a CJK item.
func (s *segmenter) run(it item) []rune { return s.runes[it.start:it.end] }

// mergeISBNs joins hyphenated ISBNs written in running text
// ("978-7-111-12345-6", "7-111-12345-X") into one digit token, the form the
// ISBN field and the keyword stream hold. A chain qualifies if it has at
// least three groups joined by single hyphens, all digits except a final
// "x", and 10 or 13 characters in all. Other hyphenated numbers
// ("1949-2019") stay separate words.
func (s *segmenter) mergeISBNs() {
	items := s.items
	out := items[:0]
	for i := 0; i < len(items); {
		j := i
		if items[i].kind == itemWord && items[i].digits {
			n := int(items[i].end - items[i].start)
			for j+1 < len(items) && items[j+1].kind == itemWord && items[j+1].hyphenBefore &&
				(items[j+1].digits || string(s.word(items[j+1])) == "x") {
				j++
				n += int(items[j].end - items[j].start)
				if !items[j].digits {
					break
				}
			}
			lastX := !items[j].digits
			if j-i+1 >= 3 && (n == 13 && !lastX || n == 10) {
				start := int32(len(s.buf))
				for k := i; k <= j; k++ {
					s.buf = append(s.buf, s.word(items[k])...)
				}
				out = append(out, item{kind: itemWord, digits: !lastX, hyphenBefore: items[i].hyphenBefore,
					start: start, end: int32(len(s.buf))})
				i = j + 1
				continue
			}
			j = i
		}
		out = append(out, items[i])
		i++
	}
	s.items = out
}
