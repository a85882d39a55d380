package profile

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"lantai.dev/lantai/internal/marc"
)

// Text helpers shared by the profiles: trimming ISBD punctuation, the
// non-filing markers of UNIMARC, and joining parts.

// The non-filing markers. UNIMARC (ISO 6630) uses NSB and NSE, at 0x88 and
// 0x89 in the C1 set; MARC 21 Unicode data and several UNIMARC systems use
// U+0098 (START OF STRING) and U+009C (STRING TERMINATOR) for the same;
// some systems write "<<" and ">>".
const (
	nsb1 = '\u0088'
	nse1 = '\u0089'
	nsb2 = '\u0098'
	nse2 = '\u009C'
)

// isSpace reports white space, the ideographic space included.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	return r == '\u3000' || unicode.IsSpace(r)
}

// trimSpace trims white space (and the ideographic space) at both ends.
// It returns at once when neither end can be a space, which is the common
// case.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c <= ' ' || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 {
		return strings.TrimFunc(s, isSpace)
	}
	switch c := s[len(s)-1]; {
	case c <= ' ', c >= 0x80 && c <= 0x8A, c == 0x9F, c == 0xA0, c == 0xA8, c == 0xA9, c == 0xAF:
		// The last byte of a space or of a UTF-8 sequence that may be one
		// (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
		// U+205F, U+3000).
		return strings.TrimFunc(s, isSpace)
	}
	return s
}

// abbreviations end in a full stop that belongs to them, so trimISBD
// keeps it. Single letters (initials: "Smith, J.") are kept too.
var abbreviations = map[string]bool{
	"etc": true, "inc": true, "co": true, "corp": true, "ltd": true,
	"jr": true, "sr": true, "st": true, "dr": true, "mr": true, "mrs": true,
	"ms": true, "bros": true, "ill": true, "col": true, "ed": true,
	"eds": true, "pp": true, "vol": true, "vols": true, "no": true,
	"ca": true, "fl": true, "approx": true, "min": true, "sec": true,
	"rev": true, "enl": true, "repr": true, "al": true, "ft": true,
	"cf": true, "pt": true, "pts": true, "nr": true, "il": true, "in": true,
	// places in imprints
	"mass": true, "calif": true, "conn": true, "penn": true, "mich": true,
	"wis": true, "minn": true, "fla": true, "tex": true, "md": true, "va": true,
	"pa": true, "wash": true, "colo": true, "ariz": true, "ga": true, "mo": true,
}

// trimISBD removes white space and the ISBD punctuation that MARC 21
// subfields end with: " /", " :", " ;", " =", " +", ",", and a final full stop
// unless it ends an abbreviation, an initial or an ellipsis; also the
// Chinese "，；：。、" and the Arabic comma.
func trimISBD(s string) string {
	s = trimSpace(s)
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '/', ':', ';', '=', ',', '+', '，', '；', '：', '。', '、', '،':
			s = trimSpace(s[:len(s)-size])
			continue
		case '.':
			if keepStop(s[:len(s)-1]) {
				return s
			}
			s = trimSpace(s[:len(s)-1])
			continue
		}
		break
	}
	return s
}

// keepStop reports whether a full stop after s belongs to s: an ellipsis,
// an initial or a known abbreviation.
func keepStop(s string) bool {
	if strings.HasSuffix(s, ".") {
		return true // "..." or "a.b.."
	}
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !(unicode.IsLetter(r) || unicode.IsMark(r)) || r >= 0x2E80 {
			break
		}
		i -= size
	}
	word := s[i:]
	switch utf8.RuneCountInString(word) {
	case 0:
		return false
	case 1:
		return true
	}
	if len(word) > 6 {
		return false // longer than any abbreviation
	}
	return abbreviations[strings.ToLower(word)]
}

// trimLead removes ISBD punctuation that some records put at the start of
// a subfield ("= Parallel title", ": subtitle", "+ 1光盘").
func trimLead(s string) string {
	s = trimSpace(s)
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		switch r {
		case '/', ':', ';', '=', ',', '+', '，', '；', '：':
			s = trimSpace(s[size:])
			continue
		}
		break
	}
	return s
}

// clean trims both ends of a subfield value of white space and ISBD
// punctuation.
func clean(s string) string { return trimISBD(trimLead(s)) }

// hasNonfiling reports whether s holds a non-filing marker.
func hasNonfiling(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '<':
			if s[i+1] == '<' {
				return true
			}
		case 0xC2: // the UTF-8 lead byte of U+0080-U+00BF
			switch s[i+1] {
			case 0x88, 0x89, 0x98, 0x9C:
				return true
			}
		}
	}
	return false
}

// displayForm removes the non-filing markers of s, keeping the text
// between them: "<<The >>art" gives "The art".
func displayForm(s string) string {
	if !hasNonfiling(s) {
		return s
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case nsb1, nse1, nsb2, nse2:
			return -1
		}
		return r
	}, s)
	s = strings.ReplaceAll(s, "<<", "")
	return strings.ReplaceAll(s, ">>", "")
}

// filingForm removes the text between non-filing markers and the markers:
// "<<The >>art" gives "art".
func filingForm(s string) string {
	if !hasNonfiling(s) {
		return s
	}
	var b strings.Builder
	skip := false
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "<<") {
			skip = true
			i += 2
			continue
		}
		if strings.HasPrefix(s[i:], ">>") {
			skip = false
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case nsb1, nsb2:
			skip = true
			continue
		case nse1, nse2:
			skip = false
			continue
		}
		if !skip {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// skipRunes returns s without its first n characters (the non-filing
// characters of MARC 21 245 second indicator), or s if it is not longer
// than n.
func skipRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[i:]
		}
		n--
	}
	return s
}

// appendPart appends part to s after sep, skipping empty parts and the
// separator when s is empty.
func appendPart(s, sep, part string) string {
	switch {
	case part == "":
		return s
	case s == "":
		return part
	}
	return s + sep + part
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		out = appendPart(out, sep, p)
	}
	return out
}

// addUnique appends s to list unless it is empty or already there.
func addUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// unparen removes a pair of parentheses or brackets that encloses all of
// s: "(hardcover)" and "[videorecording]" give the text inside, "1 CD-ROM
// (4 3/4 in.)" is left alone.
func unparen(s string) string {
	s = trimSpace(s)
	for _, p := range [...][2]string{{"(", ")"}, {"[", "]"}, {"（", "）"}, {"【", "】"}, {"〔", "〕"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) && len(s) >= len(p[0])+len(p[1]) {
			inner := s[len(p[0]) : len(s)-len(p[1])]
			if !strings.ContainsAny(inner, "()[]（）【】〔〕") {
				return trimSpace(inner)
			}
		}
	}
	return s
}

// stripBrackets removes all brackets at both ends of s, paired or not:
// the parts of a meeting name recorded as "$d(第10届" "$f2004" "$e北京)".
func stripBrackets(s string) string {
	s = strings.TrimLeft(trimSpace(s), "([（【〔")
	return trimSpace(strings.TrimRight(s, ")]）】〕"))
}

// isLetterCode reports whether a subfield code is a letter (data), not a
// digit (control subfields $0-$9).
func isLetterCode(code string) bool {
	return len(code) == 1 && (code[0] >= 'a' && code[0] <= 'z' || code[0] >= 'A' && code[0] <= 'Z')
}

// dropControls removes the C0 control characters other than line feed and
// tab that some records carry inside long texts.
func dropControls(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' {
			return strings.Map(func(r rune) rune {
				if r < 0x20 && r != '\n' && r != '\t' {
					return -1
				}
				return r
			}, s)
		}
	}
	return s
}

// splitAccompanying splits an extent that holds its accompanying material
// after " + " ("96 p. + 1 sound disc"), as older records do when they
// have no separate subfield for it.
func splitAccompanying(e *extentParts) {
	if len(e.acc) > 0 {
		return
	}
	for _, p := range []*string{&e.dims, &e.ill, &e.pages} {
		if i := strings.Index(*p, " + "); i >= 0 {
			e.acc = append(e.acc, clean((*p)[i+3:]))
			*p = trimISBD((*p)[:i])
			return
		}
	}
}

// inSet reports whether a one-character subfield code is one of the codes
// in set.
func inSet(set, code string) bool {
	if len(code) != 1 {
		return false
	}
	c := code[0]
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}

// subText joins the values of the subfields of f whose codes are in codes
// with spaces, in field order: the values as recorded, ISBD punctuation
// included (marc.Field.Text, without its allocations for small fields).
func subText(f *marc.Field, codes string) string {
	first, n, count := "", 0, 0
	for i := range f.Subfields {
		if sf := &f.Subfields[i]; inSet(codes, sf.Code) {
			if count == 0 {
				first = sf.Value
			}
			n += len(sf.Value) + 1
			count++
		}
	}
	if count <= 1 {
		return first
	}
	buf := make([]byte, 0, n)
	for i := range f.Subfields {
		if sf := &f.Subfields[i]; inSet(codes, sf.Code) {
			if len(buf) > 0 {
				buf = append(buf, ' ')
			}
			buf = append(buf, sf.Value...)
		}
	}
	return string(buf)
}

// piece is a part of a joined string with the separator that goes before
// it when something precedes it.
type piece struct{ sep, s string }

// join joins the non-empty pieces, each after its separator unless it
// comes first, with one allocation.
func join(pieces ...piece) string {
	n, count, only := 0, 0, ""
	for _, p := range pieces {
		if p.s != "" {
			n += len(p.sep) + len(p.s)
			count++
			only = p.s
		}
	}
	if count <= 1 {
		return only
	}
	buf := make([]byte, 0, n)
	for _, p := range pieces {
		if p.s == "" {
			continue
		}
		if len(buf) > 0 {
			buf = append(buf, p.sep...)
		}
		buf = append(buf, p.s...)
	}
	return string(buf)
}
