package callno

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrSyntax is wrapped by every error of Parse, ParseBookNumber and
// ParseSequence.
var ErrSyntax = errors.New("invalid call number")

// MaxNumber is the largest sequence, volume or copy number (nine digits).
const MaxNumber = 999_999_999

// Rule is the way a library gives book numbers (书次号).
type Rule int

const (
	// RuleSequence gives 种次号: 1, 2, 3 … in the order books of a class
	// are catalogued.
	RuleSequence Rule = iota + 1
	// RuleAuthor gives 著者号: a mark derived from the author's name.
	RuleAuthor
)

// String returns "sequence" or "author", the names ParseRule reads.
func (r Rule) String() string {
	switch r {
	case RuleSequence:
		return "sequence"
	case RuleAuthor:
		return "author"
	}
	return "Rule(" + strconv.Itoa(int(r)) + ")"
}

// ParseRule reads a rule name written by Rule.String.
func ParseRule(s string) (Rule, error) {
	switch s {
	case "sequence":
		return RuleSequence, nil
	case "author":
		return RuleAuthor, nil
	}
	return 0, fmt.Errorf("unknown book-number rule %q: want \"sequence\" or \"author\"", s)
}

// BookNumber is the book number (书次号) of a call number: either a
// sequence number (种次号, Seq > 0) or an author number (著者号, Author not
// empty). The zero value means none.
type BookNumber struct {
	Seq    int    // 种次号
	Author string // 著者号: capital letters and digits, "L123", "WXB"
	Mark   string // 区分号 after an author number, as written: "A", "t"
}

// Rule reports which kind of book number b is, 0 for none.
func (b BookNumber) Rule() Rule {
	switch {
	case b.Seq > 0:
		return RuleSequence
	case b.Author != "":
		return RuleAuthor
	}
	return 0
}

// IsZero reports whether there is no book number.
func (b BookNumber) IsZero() bool { return b.Seq == 0 && b.Author == "" }

// String returns the canonical form: "12", "L123", "H272t".
func (b BookNumber) String() string {
	if b.Seq > 0 {
		return strconv.Itoa(b.Seq)
	}
	return b.Author + b.Mark
}

// ParseBookNumber reads a book number on its own: a 种次号 ("12") or an
// author number — capital or small letters, then optional digits, then (only
// after digits) an optional work mark of letters ("L123", "W415", "H272t",
// "WXB").
func ParseBookNumber(s string) (BookNumber, error) {
	t := fold(s)
	b, n, err := scanBook(t)
	if err != nil {
		return BookNumber{}, fmt.Errorf("%w: book number %q: %v", ErrSyntax, s, err)
	}
	if n != len(t) {
		return BookNumber{}, fmt.Errorf("%w: book number %q: unexpected %q", ErrSyntax, s, t[n:])
	}
	return b, nil
}

// scanBook reads the book number at the start of s and returns how many
// bytes it used.
func scanBook(s string) (BookNumber, int, error) {
	if s == "" {
		return BookNumber{}, 0, errors.New("empty")
	}
	if isDigit(s[0]) {
		n := 0
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		v, err := number(s[:n], "sequence number")
		return BookNumber{Seq: v}, n, err
	}
	if !isLetter(s[0]) {
		return BookNumber{}, 0, fmt.Errorf("starts with %q: want a digit (种次号) or a letter (著者号)", s[0])
	}
	i := letters(s, 0, 1)
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	k := j
	if j > i {
		k = letters(s, j, 0)
	}
	b := BookNumber{Author: strings.ToUpper(s[:i]) + s[i:j], Mark: s[j:k]}
	return b, k, nil
}

// letters returns the end of the run of letters from i, leaving out a final
// "v" or "c" that starts a volume or copy ("v.2", "c.3") if at least min
// letters remain.
func letters(s string, i, min int) int {
	j := i
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	if j-1 >= i+min && j < len(s) && s[j] == '.' && strings.ContainsRune("vVcC", rune(s[j-1])) {
		j--
	}
	return j
}

// number converts the digits of a sequence, volume or copy number.
func number(digits, what string) (int, error) {
	d := strings.TrimLeft(digits, "0")
	if d == "" {
		return 0, fmt.Errorf("%s %q: must be at least 1", what, digits)
	}
	if len(d) > len(strconv.Itoa(MaxNumber)) {
		return 0, fmt.Errorf("%s %q: more than nine digits", what, digits)
	}
	v, err := strconv.Atoi(d)
	if err != nil {
		return 0, fmt.Errorf("%s %q: %w", what, digits, err)
	}
	return v, nil
}

// FormatSequence returns the printed form of sequence number n.
func FormatSequence(n int) (string, error) {
	if n < 1 || n > MaxNumber {
		return "", fmt.Errorf("sequence number %d out of range 1–%d", n, MaxNumber)
	}
	return strconv.Itoa(n), nil
}

// ParseSequence reads a 种次号 ("12", "0012").
func ParseSequence(s string) (int, error) {
	t := fold(s)
	if t == "" {
		return 0, fmt.Errorf("%w: empty sequence number", ErrSyntax)
	}
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) {
			return 0, fmt.Errorf("%w: sequence number %q: unexpected %q", ErrSyntax, s, t[i])
		}
	}
	v, err := number(t, "sequence number")
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	return v, nil
}

// NextSequence returns the 种次号 to give after highest, the highest in use
// in the class and collection (0 when none is).
func NextSequence(highest int) (int, error) {
	if highest < 0 || highest >= MaxNumber {
		return 0, fmt.Errorf("next sequence number after %d: out of range 0–%d", highest, MaxNumber-1)
	}
	return highest + 1, nil
}
