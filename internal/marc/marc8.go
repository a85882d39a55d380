package marc

import (
	"sort"
	"unicode/utf8"
)

//go:generate go run gen_marc8.go -in ../../../shared/testdata/charsets/marc8-codetables.xml -out marc8_tables.go

// marc8Set is one single-byte MARC-8 graphic character set. chars is indexed
// by the byte with its high bit cleared, so the same table serves the set
// whether it is designated as G0 (0x21-0x7E) or G1 (0xA1-0xFE); 0 means the
// byte has no mapping. comb is a bitmap of the combining characters.
type marc8Set struct {
	final byte
	comb  [4]uint32
	chars [128]rune
}

// lookup returns the character for byte b and whether it is a combining
// (non-spacing) character; r is 0 when b is not mapped.
func (s *marc8Set) lookup(b byte) (r rune, comb bool) {
	i := b & 0x7f
	return s.chars[i], s.comb[i/32]&(1<<(i%32)) != 0
}

// Final bytes of the escape sequences that designate MARC-8 sets.
const (
	marc8ASCII = 'B' // Basic Latin
	marc8ANSEL = 'E' // Extended Latin
	marc8EACC  = '1' // Chinese, Japanese, Korean (three bytes per character)
)

// marc8ByFinal maps the final byte of a designation to its single-byte set.
var marc8ByFinal = func() (m [128]*marc8Set) {
	for i := range marc8Singles {
		m[marc8Singles[i].final] = &marc8Singles[i]
	}
	m['s'] = m[marc8ASCII] // ESC s: back to ASCII (technique 1)
	return m
}()

// eaccLookup returns the Unicode character of the EACC code key (three bytes,
// each with the high bit cleared), or 0.
func eaccLookup(key uint32) rune {
	i := sort.Search(len(eaccKeys), func(i int) bool { return eaccKeys[i] >= key })
	if i < len(eaccKeys) && eaccKeys[i] == key {
		return eaccVals[i]
	}
	return 0
}

// needsMARC8 reports whether s contains anything that MARC-8 decoding would
// change: an escape, a byte outside ASCII, or a control character that the
// Basic Latin set does not map (all but 0x1D-0x1F). Other ASCII text decodes
// to itself, which lets the reader skip the decoder for most data.
func needsMARC8(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || c < 0x1d {
			return true
		}
	}
	return false
}

// decodeMARC8 appends the UTF-8 form of the MARC-8 string src to dst.
//
// Every call starts in the default state (G0 = ASCII, G1 = ANSEL), as each
// field and subfield does in MARC 21. Escape sequences designate G0 or G1
// (ESC ( F, ESC , F, ESC ) F, ESC - F, optionally with $ for the multibyte
// EACC set and ! before ANSEL's final) or switch G0 directly (ESC g, ESC b,
// ESC p, ESC s). Bytes below 0x80 are taken from G0 and the others from G1;
// the space 0x20 is a space in every set. MARC-8 writes combining marks
// before the base character and Unicode after it, so marks are held until the
// next base character (or the end of the string) and then written after it.
// Bytes that have no mapping are dropped (marks held before them are written
// unattached), as are incomplete escape sequences; an unmapped EACC code drops
// only its first byte, so decoding resynchronises on the next byte as yaz does.
func decodeMARC8(dst []byte, src string) []byte {
	g0, g1 := byte(marc8ASCII), byte(marc8ANSEL)
	var pending []rune
	var pendBuf [8]rune
	pending = pendBuf[:0]
	flush := func() {
		for _, c := range pending {
			dst = utf8.AppendRune(dst, c)
		}
		pending = pending[:0]
	}
	emit := func(r rune) {
		dst = utf8.AppendRune(dst, r)
		flush()
	}
	n := len(src)
	for i := 0; i < n; {
		b := src[i]
		if b == 0x1b {
			j := i + 1
			if j < n && src[j] == '$' {
				j++
			}
			target := &g0
			if j < n {
				switch src[j] {
				case '(', ',':
					j++
				case ')', '-':
					target = &g1
					j++
				}
			}
			if j < n && src[j] == '!' {
				j++
			}
			if j >= n {
				break // incomplete escape sequence at the end: ignore it
			}
			*target = src[j]
			i = j + 1
			continue
		}
		if b == ' ' {
			emit(' ')
			i++
			continue
		}
		mode := g0
		if b >= 0x80 {
			mode = g1
		}
		if mode == marc8EACC {
			if i+3 <= n {
				key := uint32(b&0x7f)<<16 | uint32(src[i+1]&0x7f)<<8 | uint32(src[i+2]&0x7f)
				if r := eaccLookup(key); r != 0 {
					emit(r)
					i += 3
					continue
				}
			}
			flush()
			i++
			continue
		}
		set := marc8ByFinal[mode&0x7f]
		if set == nil {
			flush() // a set we do not know: nothing sensible to output
			i++
			continue
		}
		r, comb := set.lookup(b)
		i++
		switch {
		case r == 0:
			flush() // unmapped byte: dropped; held marks go out unattached
		case comb:
			pending = append(pending, r)
		default:
			emit(r)
		}
	}
	flush()
	return dst
}
