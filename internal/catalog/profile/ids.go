package profile

import (
	"errors"
	"strings"
	"unicode/utf8"

	"lantai.dev/lantai/internal/isbn"
)

// newISBN reads one ISBN subfield. An ISBN that does not parse is kept
// with Valid false, the digits found and the reason.
func newISBN(raw string, cancelled bool) ISBN {
	raw = trimISBD(raw)
	x := ISBN{Raw: raw, Cancelled: cancelled, Qualifier: parenthesised(raw)}
	if d, ok := quickISBN(raw); ok {
		x.ISBN13, x.Valid = d, true
		return x
	}
	n, err := isbn.Parse(raw)
	if err != nil {
		x.Problem = err.Error()
		var e *isbn.Error
		if errors.As(err, &e) {
			x.Digits = e.Digits
		}
		return x
	}
	x.ISBN13, x.Valid = n.ISBN13(), true
	return x
}

// parenthesised returns the text in the first pair of parentheses of s
// ("7-02-000220-X (平装)" gives "平装").
func parenthesised(s string) string {
	i := strings.IndexByte(s, '(')
	if j := strings.Index(s, "（"); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return ""
	}
	rest := s[i:]
	_, size := utf8.DecodeRuneInString(rest)
	rest = rest[size:]
	j := strings.IndexAny(rest, ")）")
	if j < 0 {
		return trimSpace(rest)
	}
	return trimSpace(rest[:j])
}

// newISSN reads one ISSN subfield.
func newISSN(raw string, cancelled bool) ISSN {
	raw = trimISBD(raw)
	x := ISSN{Raw: raw, Cancelled: cancelled}
	if n, err := isbn.ParseISSN(raw); err == nil {
		x.ISSN, x.Valid = n.String(), true
	}
	return x
}

// finishIDs sets the primary ISBN, ISSN and price of b from its lists.
func finishIDs(b *Bib) {
	for _, x := range b.ISBNs {
		if x.Valid && !x.Cancelled {
			b.ISBN = x.ISBN13
			break
		}
	}
	for _, x := range b.ISSNs {
		if x.Valid && !x.Cancelled {
			b.ISSN = x.ISSN
			break
		}
	}
}

// setPrice sets b.Price to p unless b already has a price that could be
// read; a text that could not be read is kept until one that can comes.
func setPrice(b *Bib, p Price) {
	if p.Raw == "" || b.Price.Valid {
		return
	}
	if p.Valid || b.Price.Raw == "" {
		b.Price = p
	}
}

// readPrice parses a price subfield, giving Price{} for an empty one.
func readPrice(s string) Price {
	s = trimISBD(s)
	if s == "" {
		return Price{}
	}
	p, _ := ParsePrice(s)
	return p
}

// quickISBN validates the common forms of an ISBN, digits with optional
// hyphens or single spaces between them and an optional qualifier after a
// space or parenthesis ("978-7-5366-9293-0", "7-02-000220-X (平装)",
// "9780756407117 (hc.)"), and returns its ISBN-13. Anything else, and any
// ISBN that fails, is left to isbn.Parse, which is slower but reads every
// form and says what is wrong; both give the same ISBN-13 for what
// quickISBN accepts (TestQuickISBNAgrees checks this).
func quickISBN(s string) (string, bool) {
	var d [13]byte
	n := 0
	digitAt := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
scan:
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n == 13 {
				return "", false
			}
			d[n] = c
			n++
		case (c == 'X' || c == 'x') && n == 9:
			d[n] = 'X'
			n++
			if i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '(' {
				return "", false
			}
		case c == '-' && i > 0 && digitAt(i-1) && (digitAt(i+1) || i+1 < len(s) && (s[i+1] == 'X' || s[i+1] == 'x')):
		case c == ' ' && n != 10 && n != 13 && i > 0 && digitAt(i-1) && digitAt(i+1):
			// a space between groups of digits
		case (c == ' ' || c == '(') && (n == 10 || n == 13):
			j := i
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if digitAt(j) {
				return "", false // more digits: let isbn.Parse cut the run
			}
			break scan
		default:
			return "", false
		}
	}
	switch n {
	case 13:
		if string(d[:3]) != "978" && string(d[:3]) != "979" {
			return "", false
		}
		if d[12]-'0' != check13(d[:12]) {
			return "", false
		}
		return string(d[:13]), true
	case 10:
		sum := 0
		for i := 0; i < 10; i++ {
			v := int(d[i] - '0')
			if d[i] == 'X' {
				v = 10
			}
			sum += v * (10 - i)
		}
		if sum%11 != 0 {
			return "", false
		}
		var e [13]byte
		copy(e[:], "978")
		copy(e[3:12], d[:9])
		e[12] = '0' + check13(e[:12])
		return string(e[:]), true
	}
	return "", false
}

// check13 returns the ISBN-13 check digit of 12 ASCII digits.
func check13(d []byte) byte {
	sum := 0
	for i, c := range d {
		v := int(c - '0')
		if i%2 == 1 {
			v *= 3
		}
		sum += v
	}
	return byte((10 - sum%10) % 10)
}
