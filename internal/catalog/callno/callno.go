package callno

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"lantai.dev/lantai/internal/catalog/clc"
)

// maxPrefix is the longest collection prefix, in characters.
const maxPrefix = 16

// CallNumber is a parsed call number (索书号). See the package comment for
// the syntax.
type CallNumber struct {
	Prefix string     // collection prefix as written; "" for none
	Class  string     // CLC class number, normalised (clc.Normalize)
	Book   BookNumber // zero for a class on its own
	Volume int        // 卷册号; 0 for none
	Copy   int        // 复本号; 0 for none
}

// Parse reads a call number in the canonical syntax or one of its variants
// (see the package comment). Errors wrap ErrSyntax and say which part is
// wrong; a bad class number also wraps the *clc.SyntaxError.
func Parse(s string) (CallNumber, error) {
	t := fold(s)
	if t == "" {
		return CallNumber{}, fmt.Errorf("%w: empty", ErrSyntax)
	}
	parts := strings.Split(t, "/")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
		if parts[i] == "" {
			return CallNumber{}, fmt.Errorf("%w %q: part %d of %d is empty", ErrSyntax, s, i+1, len(parts))
		}
	}
	var c CallNumber
	switch len(parts) {
	case 1:
	case 2:
	case 3:
		c.Prefix, parts = parts[0], parts[1:]
		if err := checkPrefix(c.Prefix); err != nil {
			return CallNumber{}, fmt.Errorf("%w %q: collection prefix %q: %v", ErrSyntax, s, c.Prefix, err)
		}
	default:
		return CallNumber{}, fmt.Errorf("%w %q: %d parts separated by \"/\", want at most 3 (prefix/class/book)", ErrSyntax, s, len(parts))
	}
	c.Class = clc.Normalize(parts[0])
	if _, err := clc.FilingKey(c.Class); err != nil {
		return CallNumber{}, fmt.Errorf("%w %q: class number: %w", ErrSyntax, s, err)
	}
	if len(parts) == 2 {
		if err := c.parseBook(parts[1]); err != nil {
			return CallNumber{}, fmt.Errorf("%w %q: %v", ErrSyntax, s, err)
		}
	}
	return c, nil
}

// checkPrefix allows letters, digits and Han characters.
func checkPrefix(p string) error {
	if utf8.RuneCountInString(p) > maxPrefix {
		return fmt.Errorf("longer than %d characters", maxPrefix)
	}
	for _, r := range p {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return fmt.Errorf("unexpected %q: want letters or digits", r)
		}
	}
	return nil
}

// parseBook reads the book number and the volume and copy after it.
func (c *CallNumber) parseBook(s string) error {
	b, i, err := scanBook(s)
	if err != nil {
		return fmt.Errorf("book number %q: %v", s, err)
	}
	c.Book = b
	for i < len(s) {
		if s[i] == ' ' {
			i++
			continue
		}
		var what string
		var dst *int
		start := i
		switch {
		case s[i] == ':' || s[i] == '-':
			what, dst = "volume", &c.Volume
			i++
		case (s[i] == 'v' || s[i] == 'V') && i+1 < len(s) && s[i+1] == '.':
			what, dst = "volume", &c.Volume
			i += 2
		case s[i] == '(':
			what, dst = "copy", &c.Copy
			i++
		case (s[i] == 'c' || s[i] == 'C') && i+1 < len(s) && s[i+1] == '.':
			what, dst = "copy", &c.Copy
			i += 2
		default:
			return fmt.Errorf("unexpected %q after book number %q: want :volume or (copy)", s[i:], strings.TrimSpace(s[:start]))
		}
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == i {
			return fmt.Errorf("%s %q: want digits", what, s[start:])
		}
		v, err := number(s[i:j], what)
		if err != nil {
			return err
		}
		if s[start] == '(' {
			if j >= len(s) || s[j] != ')' {
				return fmt.Errorf("copy %q: missing \")\"", s[start:])
			}
			j++
		}
		if *dst != 0 {
			return fmt.Errorf("second %s %q", what, s[start:j])
		}
		*dst = v
		i = j
	}
	return nil
}

// String returns the canonical form, "参/I247.5/12:2(3)".
func (c CallNumber) String() string {
	var b strings.Builder
	if c.Prefix != "" {
		b.WriteString(c.Prefix)
		b.WriteByte('/')
	}
	b.WriteString(c.Class)
	if !c.Book.IsZero() {
		b.WriteByte('/')
		b.WriteString(c.Book.String())
	}
	if c.Volume > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(c.Volume))
	}
	if c.Copy > 0 {
		b.WriteByte('(')
		b.WriteString(strconv.Itoa(c.Copy))
		b.WriteByte(')')
	}
	return b.String()
}
