package search

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// Pinyin tokens (field code "py") for titles and names.
//
// For each value the py stream holds:
//   - the syllable sequence, positional, in text order: each CJK character
//     as its toneless pinyin (ü written v), each word of the value as it is
//     (so 图书馆 → tu shu guan, "C语言" → c yu yan);
//   - for each CJK run of two or more characters: its joined syllables
//     (tushuguan) and its initials, the first letter of each syllable (tsg);
//   - if the value has more than one run or word: the joined form and the
//     initials of the whole value ("C语言程序设计" → cyuyanchengxusheji,
//     cyycxsj); a word contributes itself to the joined form, and its first
//     letter (or, for a number, all its digits) to the initials.
//
// Joined forms are cut at maxJoinedBytes and initials at maxInitialBytes;
// prefix queries (py:tushuguanxue*) still find the cut forms. In a
// personal name (FieldName), whitespace between CJK characters separates
// names: each gets its own joined form and initials and its own surname
// reading.
//
// Readings come from go-pinyin's dictionary (first reading of each
// character) corrected by the override tables in pinyin_overrides.go.

const (
	maxJoinedBytes  = 96
	maxInitialBytes = 32
)

// pinyinTable is the compiled form of go-pinyin's dictionary and the
// override lists. It is built once, on first use.
type pinyinTable struct {
	syllables  [][]byte        // syllable by id; id 0 is empty
	bmp        []uint16        // syllable id of runes bmpBase..bmpEnd-1
	other      map[rune]uint16 // syllable id of other runes
	valid      map[string]bool // syllables a query may be segmented into
	words      map[string][][]byte
	surnames   map[string][][]byte
	firstLen   map[rune]int // longest word override starting with the rune
	maxSurname int          // longest surname override, in characters
	maxSyl     int          // longest valid syllable, in bytes
}

const (
	bmpBase = 0x3000
	bmpEnd  = 0xA000
)

var (
	pyOnce sync.Once
	pyTab  *pinyinTable
)

// table returns the shared pinyin table, building it on first use (a few
// milliseconds).
func table() *pinyinTable {
	pyOnce.Do(func() { pyTab = buildPinyinTable() })
	return pyTab
}

func buildPinyinTable() *pinyinTable {
	t := &pinyinTable{
		syllables: [][]byte{nil},
		bmp:       make([]uint16, bmpEnd-bmpBase),
		other:     make(map[rune]uint16),
		valid:     make(map[string]bool),
		words:     make(map[string][][]byte),
		surnames:  make(map[string][][]byte),
		firstLen:  make(map[rune]int),
	}
	ids := make(map[string]uint16)
	var sb strings.Builder
	for code, readings := range pinyin.PinyinDict {
		first, _, _ := strings.Cut(readings, ",")
		sb.Reset()
		for _, r := range first {
			if c := stripTone(r); c != 0 {
				sb.WriteByte(c)
			}
		}
		syl := sb.String()
		if syl == "" {
			continue
		}
		id, ok := ids[syl]
		if !ok {
			id = uint16(len(t.syllables))
			ids[syl] = id
			t.syllables = append(t.syllables, []byte(syl))
			if strings.ContainsAny(syl, "aeiouv") {
				t.valid[syl] = true
				t.maxSyl = max(t.maxSyl, len(syl))
			}
		}
		r := rune(code)
		if r >= bmpBase && r < bmpEnd {
			t.bmp[r-bmpBase] = id
		} else {
			t.other[r] = id
		}
	}
	for w, rd := range wordReadings {
		t.words[w] = splitReading(rd)
		first, _ := utf8.DecodeRuneInString(w)
		t.firstLen[first] = max(t.firstLen[first], utf8.RuneCountInString(w))
	}
	for w, rd := range surnameReadings {
		t.surnames[w] = splitReading(rd)
		t.maxSurname = max(t.maxSurname, utf8.RuneCountInString(w))
	}
	return t
}

// splitReading splits a space-separated override reading into syllables.
func splitReading(reading string) [][]byte {
	var syl [][]byte
	for _, f := range strings.Fields(reading) {
		syl = append(syl, []byte(f))
	}
	return syl
}

// stripTone maps a letter of a toned pinyin reading to its toneless ASCII
// letter (ü and its toned forms to v). It returns 0 for anything else.
func stripTone(r rune) byte {
	if r >= 'a' && r <= 'z' {
		return byte(r)
	}
	switch r {
	case 'ā', 'á', 'ǎ', 'à':
		return 'a'
	case 'ē', 'é', 'ě', 'è', 'ê', 'ế', 'ề':
		return 'e'
	case 'ī', 'í', 'ǐ', 'ì':
		return 'i'
	case 'ō', 'ó', 'ǒ', 'ò':
		return 'o'
	case 'ū', 'ú', 'ǔ', 'ù':
		return 'u'
	case 'ü', 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return 'v'
	case 'ń', 'ň', 'ǹ':
		return 'n'
	case 'ḿ':
		return 'm'
	}
	return 0
}

// reading returns the default toneless reading of r, or nil.
func (t *pinyinTable) reading(r rune) []byte {
	if r >= bmpBase && r < bmpEnd {
		return t.syllables[t.bmp[r-bmpBase]]
	}
	if id, ok := t.other[r]; ok {
		return t.syllables[id]
	}
	return nil
}

// appendRun appends the syllables of a CJK run to dst, applying the
// override tables; if name is set, a personal name starts the run.
func (t *pinyinTable) appendRun(dst [][]byte, run []rune, name bool) [][]byte {
	var key [64]byte
	for i := 0; i < len(run); {
		bestLen := 0
		var best [][]byte
		if name && i == 0 {
			for l := min(t.maxSurname, len(run)); l >= 1; l-- {
				if syl, ok := t.surnames[string(runeKey(key[:0], run[i:i+l]))]; ok {
					best, bestLen = syl, l
					break
				}
			}
		}
		if fl := t.firstLen[run[i]]; fl > bestLen {
			for l := min(fl, len(run)-i); l >= 2 && l > bestLen; l-- {
				if syl, ok := t.words[string(runeKey(key[:0], run[i:i+l]))]; ok {
					best, bestLen = syl, l
					break
				}
			}
		}
		if bestLen > 0 {
			dst = append(dst, best...)
			i += bestLen
			continue
		}
		if s := t.reading(run[i]); s != nil {
			dst = append(dst, s)
		}
		i++
	}
	return dst
}

// runeKey appends the UTF-8 form of rs to dst.
func runeKey(dst []byte, rs []rune) []byte {
	for _, r := range rs {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// segmentSyllables splits s (lower-case ASCII letters) into valid pinyin
// syllables, preferring longer syllables first (xian → xian, not xi an;
// fangan → fang an). It returns nil if s cannot be split.
func (t *pinyinTable) segmentSyllables(s string) []string {
	if s == "" || len(s) > 64 {
		return nil
	}
	// best[i] is the syllable length chosen at i, or -1 if s[i:] cannot be
	// split; computed right to left so the greedy choice can be checked.
	best := make([]int, len(s)+1)
	for i := len(s) - 1; i >= 0; i-- {
		best[i] = -1
		for l := min(t.maxSyl, len(s)-i); l >= 1; l-- {
			if t.valid[s[i:i+l]] && (i+l == len(s) || best[i+l] > 0) {
				best[i] = l
				break
			}
		}
	}
	if best[0] <= 0 {
		return nil
	}
	var out []string
	for i := 0; i < len(s); i += best[i] {
		out = append(out, s[i:i+best[i]])
	}
	return out
}

// pinyinWriter produces the py stream of a segmented value. It keeps its
// scratch space between values.
type pinyinWriter struct {
	syl     [][]byte // syllable sequence of the value (words included)
	units   []pyUnit // runs (or, in names, whitespace-separated names) and words
	forms   [][]byte // joined forms and initials, deduplicated
	formBuf []byte
}

// pyUnit is a span of syl that forms one run or one word.
type pyUnit struct {
	start, end int
	word       bool
	digits     bool
}

// build fills w.syl, w.units and w.forms from the segmented value.
func (w *pinyinWriter) build(s *segmenter, isName bool) {
	t := table()
	w.syl = w.syl[:0]
	w.units = w.units[:0]
	w.forms = w.forms[:0]
	w.formBuf = w.formBuf[:0]
	for _, it := range s.items {
		if it.kind == itemWord {
			start := len(w.syl)
			w.syl = append(w.syl, s.word(it))
			w.units = append(w.units, pyUnit{start: start, end: len(w.syl), word: true, digits: it.digits})
			continue
		}
		run := s.run(it)
		if !isName {
			start := len(w.syl)
			w.syl = t.appendRun(w.syl, run, false)
			if len(w.syl) > start {
				w.units = append(w.units, pyUnit{start: start, end: len(w.syl)})
			}
			continue
		}
		// Personal names: split the run at whitespace joins.
		from := 0
		for _, j := range s.joins {
			if j <= it.start || j >= it.end {
				continue
			}
			w.nameUnit(t, run[from:j-it.start])
			from = int(j - it.start)
		}
		w.nameUnit(t, run[from:])
	}
	for _, u := range w.units {
		if !u.word && u.end-u.start >= 2 {
			w.addForms(u.start, u.end)
		}
	}
	if len(w.units) >= 2 {
		w.addForms(0, len(w.syl))
	}
}

func (w *pinyinWriter) nameUnit(t *pinyinTable, run []rune) {
	start := len(w.syl)
	w.syl = t.appendRun(w.syl, run, true)
	if len(w.syl) > start {
		w.units = append(w.units, pyUnit{start: start, end: len(w.syl)})
	}
}

// addForms adds the joined form and the initials of syl[from:to]; word
// units contribute as described at the top of this file.
func (w *pinyinWriter) addForms(from, to int) {
	joinedStart := len(w.formBuf)
	for _, s := range w.syl[from:to] {
		if len(w.formBuf)-joinedStart+len(s) > maxJoinedBytes {
			break
		}
		w.formBuf = append(w.formBuf, s...)
	}
	joined := w.formBuf[joinedStart:]
	initStart := len(w.formBuf)
	for _, u := range w.units {
		if u.end <= from || u.start >= to {
			continue
		}
		for k := max(u.start, from); k < min(u.end, to); k++ {
			s := w.syl[k]
			_, n := utf8.DecodeRune(s)
			part := s[:n]
			if u.word && u.digits {
				part = s
			}
			if len(w.formBuf)-initStart+len(part) > maxInitialBytes {
				break
			}
			w.formBuf = append(w.formBuf, part...)
		}
	}
	initials := w.formBuf[initStart:]
	w.addForm(joined)
	if len(initials) > 1 {
		w.addForm(initials)
	}
}

func (w *pinyinWriter) addForm(f []byte) {
	if len(f) == 0 {
		return
	}
	for _, g := range w.forms {
		if string(g) == string(f) {
			return
		}
	}
	w.forms = append(w.forms, f)
}

// PinyinTokens returns the pinyin tokens of text without field code: the
// syllable sequence (in order, repeats kept) followed by the joined forms
// and initials, as described above. isName selects personal-name
// readings (surname overrides at the start of each name).
//
//	PinyinTokens("图书馆", false) → tu shu guan tushuguan tsg
//	PinyinTokens("曾国藩", true)  → zeng guo fan zengguofan zgf
func PinyinTokens(text string, isName bool) []string {
	var s segmenter
	var w pinyinWriter
	s.segment(text)
	w.build(&s, isName)
	out := make([]string, 0, len(w.syl)+len(w.forms))
	for _, x := range w.syl {
		out = append(out, string(x))
	}
	for _, f := range w.forms {
		out = append(out, string(f))
	}
	return out
}
