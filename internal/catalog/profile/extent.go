package profile

import (
	"strings"
	"unicode/utf8"
)

// discWords name a disc in accompanying material, in lower case.
var discWords = []string{"光盘", "光碟", "磁盘", "软盘", "cd", "dvd", "vcd", "disc", "disk", "blu-ray"}

// countDiscs counts the discs in accompanying material statements ("1光盘",
// "2张光盘", "光盘1张", "1 CD-ROM", "2 computer discs", "1光盘 + 1册").
// Each statement is split at "+", ";", "，" and ","; a part that names a
// disc counts as the first number in it (ASCII or Chinese: "两张光盘"),
// or 1 without a number.
func countDiscs(acc []string) int {
	n := 0
	for _, a := range acc {
		for _, part := range strings.FieldsFunc(a, func(r rune) bool {
			return r == '+' || r == ';' || r == '；' || r == '，' || r == ',' || r == '、'
		}) {
			low := strings.ToLower(part)
			disc := false
			for _, w := range discWords {
				if strings.Contains(low, w) {
					disc = true
					break
				}
			}
			if disc {
				n += firstCount(part)
			}
		}
	}
	return n
}

// firstCount returns the first number in s, ASCII digits or a Chinese
// numeral from 一 to 十 (两 = 2), or 1 if there is none.
func firstCount(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if d := asciiDigit(r); d >= 0 {
			n := 0
			for _, c := range s[i:] {
				d := asciiDigit(c)
				if d < 0 || n > 1000 {
					break
				}
				n = n*10 + d
			}
			if n > 0 {
				return n
			}
		}
		switch r {
		case '十':
			return 10
		case '两':
			return 2
		}
		if d := chineseDigit(r); d > 0 {
			return d
		}
		i += size
	}
	return 1
}
