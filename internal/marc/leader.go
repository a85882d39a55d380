package marc

import "fmt"

// Leader is the 24-byte record label that starts every MARC record.
type Leader [24]byte

// DefaultLeader is the leader given to records built from nothing: a new
// MARC 21 bibliographic record of a monograph (language material) in UTF-8.
var DefaultLeader = Leader([]byte("00000nam a2200000   4500"))

// ParseLeader returns the leader held in s, which must be 24 bytes long.
func ParseLeader(s string) (Leader, error) {
	var l Leader
	if len(s) != len(l) {
		return l, fmt.Errorf("marc: leader %q has %d bytes, want 24", s, len(s))
	}
	copy(l[:], s)
	return l, nil
}

// String returns the leader as a 24-byte string.
func (l Leader) String() string { return string(l[:]) }

// RecordLength returns the record length of positions 00-04, or -1 if they
// are not digits.
func (l *Leader) RecordLength() int { return digits(l[0:5]) }

// BaseAddress returns the base address of data of positions 12-16, or -1 if
// they are not digits.
func (l *Leader) BaseAddress() int { return digits(l[12:17]) }

// Status returns the record status (position 05), e.g. 'n' for new.
func (l *Leader) Status() byte { return l[5] }

// Type returns the type of record (position 06), e.g. 'a' for language
// material.
func (l *Leader) Type() byte { return l[6] }

// BibLevel returns the bibliographic level (position 07), e.g. 'm' for a
// monograph and 's' for a serial.
func (l *Leader) BibLevel() byte { return l[7] }

// CodingScheme returns the MARC 21 character coding scheme (position 09):
// 'a' for UCS/Unicode, ' ' for MARC-8.
func (l *Leader) CodingScheme() byte { return l[9] }

// IndicatorCount returns the number of indicators (position 10), or 2 if
// it is not a digit.
func (l *Leader) IndicatorCount() int {
	if c := l[10]; c >= '0' && c <= '9' {
		return int(c - '0')
	}
	return 2
}

// SubfieldCodeLength returns the length of a subfield identifier including
// the delimiter (position 11), or 2 if it is not a digit.
func (l *Leader) SubfieldCodeLength() int {
	if c := l[11]; c >= '0' && c <= '9' {
		return int(c - '0')
	}
	return 2
}

// digits returns the decimal value of b, or -1 if b holds a non-digit.
func digits(b []byte) int {
	n := 0
	for _, c := range b {
		d := c - '0'
		if d > 9 {
			return -1
		}
		n = n*10 + int(d)
	}
	return n
}

// layout is what the leader says about the structure of an ISO 2709 record.
type layout struct {
	indicators int // number of indicators (1-9)
	codeLen    int // subfield identifier length, delimiter included (1-9)
	base       int // base address of data, -1 if not a number
	lenLen     int // digits of the field length in a directory entry
	startLen   int // digits of the starting position in a directory entry
}

// nonASCIIFill is the value yaz-marcdump gives to a leader position that
// holds a byte outside ASCII (positions not checked as numbers).
var nonASCIIFill = map[int]byte{5: 'a', 6: 'a', 7: 'a', 8: '#', 9: '#', 17: '#', 18: '#', 19: '#', 23: '0'}

// leaderProblem is a problem of a leader in the words of yaz-marcdump.
// Harmless problems concern positions that do not matter to the structure.
type leaderProblem struct {
	msg      string
	harmless bool
}

// checkLeader validates the leader the way yaz-marcdump does and repairs it in
// place: non-ASCII bytes and non-numeric structure positions get the values
// yaz assumes. It returns the layout and the problems found, in leader order.
func checkLeader(l *Leader) (layout, []leaderProblem) {
	var probs []leaderProblem
	lay := layout{indicators: 2, codeLen: 2, base: -1, lenLen: 4, startLen: 5}
	nonASCII := func(from, to int) {
		for i := from; i <= to; i++ {
			if l[i] >= 0x80 {
				fill := nonASCIIFill[i]
				probs = append(probs, leaderProblem{fmt.Sprintf("Leader character at offset %d is non-ASCII. Setting value to '%c'", i, fill), true})
				l[i] = fill
			}
		}
	}
	digit := func(i int, lo, hi byte, assume int, msg string) int {
		if c := l[i]; c >= lo && c <= hi {
			return int(c - '0')
		}
		probs = append(probs, leaderProblem{msg, i == 22})
		l[i] = byte('0' + assume)
		return assume
	}
	nonASCII(5, 9)
	lay.indicators = digit(10, '1', '9', 2, "Indicator length at offset 10 should hold a number 1-9. Assuming 2")
	lay.codeLen = digit(11, '1', '9', 2, "Identifier length at offset 11 should  hold a number 1-9. Assuming 2")
	if lay.base = digits(l[12:17]); lay.base < 0 {
		probs = append(probs, leaderProblem{"Base address at offsets 12..16 should hold a number. Assuming 0", false})
	}
	nonASCII(17, 19)
	lay.lenLen = digit(20, '3', '9', 4, "Length data entry at offset 20 should hold a number 3-9. Assuming 4")
	lay.startLen = digit(21, '4', '9', 5, "Length starting at offset 21 should hold a number 4-9. Assuming 5")
	digit(22, '0', '9', 0, "Length implementation at offset 22 should hold a number. Assuming 0")
	nonASCII(23, 23)
	return lay, probs
}
