package callno

import (
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/catalog/clc"
)

// Key layout. Every part ends in keyEnd, which is below every byte used
// inside a part, so a shorter part files first. Class keys use '"' and up
// (see clc.FilingKey).
const (
	keyValid   = '0' // first byte of the key of a call number that parses
	keyInvalid = '1' // first byte of the key of one that does not
	keyEnd     = '!' // ends each part
	keyDigits  = '"' // ends the digits of an author number, before its mark
	keySeq     = '1' // book number is a 种次号
	keyAuthor  = '2' // book number is a 著者号
)

// SortKey returns the filing key of c (see the package comment): keys
// compare, as byte strings, in shelf order. The key is printable ASCII, but
// for a prefix in Han characters, which stays UTF-8.
func (c CallNumber) SortKey() string {
	var b strings.Builder
	b.WriteByte(keyValid)
	b.WriteString(strings.ToUpper(c.Prefix))
	b.WriteByte(keyEnd)
	ck, err := clc.FilingKey(c.Class)
	if err != nil {
		// Only a CallNumber built by hand with a bad class gets here.
		return string(keyInvalid) + c.String()
	}
	b.WriteString(ck)
	b.WriteByte(keyEnd)
	switch {
	case c.Book.Seq > 0:
		b.WriteByte(keySeq)
		writeNumber(&b, c.Book.Seq)
	case c.Book.Author != "":
		a := c.Book.Author
		i := strings.IndexAny(a, "0123456789")
		if i < 0 {
			i = len(a)
		}
		b.WriteByte(keyAuthor)
		b.WriteString(strings.ToUpper(a[:i]))
		b.WriteString(a[i:]) // digits as a decimal fraction: as they are
		b.WriteByte(keyDigits)
		b.WriteString(strings.ToUpper(c.Book.Mark))
	}
	b.WriteByte(keyEnd)
	if c.Volume > 0 {
		writeNumber(&b, c.Volume)
	}
	b.WriteByte(keyEnd)
	if c.Copy > 0 {
		writeNumber(&b, c.Copy)
	}
	return b.String()
}

// writeNumber writes n as its count of digits, then the digits, so that
// numbers compare by value.
func writeNumber(b *strings.Builder, n int) {
	d := strconv.Itoa(n)
	b.WriteByte(byte('0' + len(d)))
	b.WriteString(d)
}

// SortKey returns the filing key of the call number s. A string that does
// not parse gets a key after those of all valid call numbers, ordered by the
// string itself.
func SortKey(s string) string {
	c, err := Parse(s)
	if err != nil {
		return string(keyInvalid) + fold(s)
	}
	return c.SortKey()
}

// Compare compares call numbers a and b in shelf order, returning -1, 0 or
// +1. Call numbers that file at the same place compare equal: those with
// the same canonical form, and those whose work marks or prefixes differ
// only in letter case.
func Compare(a, b string) int {
	return strings.Compare(SortKey(a), SortKey(b))
}
