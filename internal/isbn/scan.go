package isbn

import "strings"

// fold maps the full-width forms of ASCII (digits, Ｘ, －, ：…), the
// ideographic space and the Unicode dashes to their ASCII equivalents. It
// maps one rune to one rune, so positions are kept.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	case r >= 0x2010 && r <= 0x2015, r == 0x2212:
		return '-'
	}
	return r
}

// number is the digits of a standard number found in a string, with the
// 1-based character position of each digit in the input.
type number struct {
	digits string
	pos    []int
}

// scan finds the number at the start of s (after an optional label such as
// "ISBN" or "ISSN") and returns its digit groups. It implements the rules in
// the package comment. std names the standard in errors.
func scan(s, std string) ([]number, *Error) {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = fold(r)
	}
	fail := func(kind error, i int) *Error {
		e := &Error{Std: std, Input: s, Kind: kind}
		if i < len(rs) {
			e.Char, e.Pos = rs[i], i+1
		}
		return e
	}
	i := skipLabel(rs, std)
	if i >= len(rs) {
		return nil, fail(ErrEmpty, i)
	}
	if !isDigit(rs[i]) {
		return nil, fail(ErrChar, i)
	}
	var groups []number
	for i < len(rs) && isDigit(rs[i]) {
		var g number
		var b strings.Builder
		for i < len(rs) && isDigit(rs[i]) {
			b.WriteRune(rs[i])
			g.pos = append(g.pos, i+1)
			i++
		}
		if i < len(rs) && (rs[i] == 'X' || rs[i] == 'x') {
			b.WriteByte('X')
			g.pos = append(g.pos, i+1)
			i++
			if i < len(rs) && isAlnum(rs[i]) {
				// The X was not the final check character.
				return nil, fail(ErrChar, i-1)
			}
		}
		if i < len(rs) && isAlnum(rs[i]) {
			return nil, fail(ErrChar, i)
		}
		g.digits = b.String()
		groups = append(groups, g)
		if strings.HasSuffix(g.digits, "X") {
			break // X ends the number
		}
		j := i
		for j < len(rs) && (rs[j] == ' ' || rs[j] == '-') {
			j++
		}
		if j == i || j >= len(rs) {
			break
		}
		if (rs[j] == 'X' || rs[j] == 'x') && (j+1 == len(rs) || !isAlnum(rs[j+1])) {
			// A separated check character: "7-02-000220-X".
			groups = append(groups, number{digits: "X", pos: []int{j + 1}})
			break
		}
		if !isDigit(rs[j]) {
			break
		}
		i = j
	}
	return groups, nil
}

// skipLabel returns the index after leading space and an optional label
// ("ISBN", "ISBN-13:", "ISSN :" …) in rs.
func skipLabel(rs []rune, std string) int {
	i := skipSpace(rs, 0)
	if len(rs)-i >= len(std) && strings.EqualFold(string(rs[i:i+len(std)]), std) {
		i += len(std)
		// "ISBN-13:", "ISBN10:" name the form; skip them only before a colon.
		j := i
		if j < len(rs) && rs[j] == '-' {
			j++
		}
		if j+2 <= len(rs) && (string(rs[j:j+2]) == "10" || string(rs[j:j+2]) == "13") {
			if k := skipSpace(rs, j+2); k < len(rs) && rs[k] == ':' {
				i = k
			}
		}
		i = skipSpace(rs, i)
		if i < len(rs) && rs[i] == ':' {
			i = skipSpace(rs, i+1)
		}
	}
	return i
}

func skipSpace(rs []rune, i int) int {
	for i < len(rs) && (rs[i] == ' ' || rs[i] == '\t') {
		i++
	}
	return i
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isAlnum reports an ASCII letter or digit: one glued to a number makes the
// number invalid, where any other character (punctuation, CJK) ends it.
func isAlnum(r rune) bool {
	return isDigit(r) || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z')
}

// prefix joins the leading groups whose digits add up to exactly n, or
// reports false.
func prefix(groups []number, n int) (number, bool) {
	var out number
	for _, g := range groups {
		out.digits += g.digits
		out.pos = append(out.pos, g.pos...)
		if len(out.digits) == n {
			return out, true
		}
		if len(out.digits) > n {
			break
		}
	}
	return number{}, false
}

// all joins every group.
func all(groups []number) string {
	var b strings.Builder
	for _, g := range groups {
		b.WriteString(g.digits)
	}
	return b.String()
}
