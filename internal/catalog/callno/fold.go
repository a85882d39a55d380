package callno

import "strings"

// fold maps the full-width forms of ASCII, typographic quotes and angle
// brackets, dashes and the ideographic space to ASCII, and trims the ends.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		case r == '“' || r == '”':
			r = '"'
		case r == '〈':
			r = '<'
		case r == '〉':
			r = '>'
		case r >= 0x2010 && r <= 0x2015, r == 0x2212:
			r = '-'
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
