package profile

import (
	"strings"
	"unicode/utf8"
)

// Years accepted as years of publication. Chinese printing goes back to
// the Song dynasty; four digits from 1000 on are read as a year.
const (
	minYear = 1000
	maxYear = 2199
)

// ParseYear returns the year of publication in a transcribed date, or 0
// if it holds none that can be resolved.
//
// The year is the first run of four digits (full-width digits count) that
// is not part of a longer number and is a year from 1000 to 2199, except
// that a run of six or eight digits (YYYYMM, YYYYMMDD) gives its first
// four:
//
//	"2019", "2019.", "c2019", "©2019", "[2019]", "[2019?]", "2019印刷",
//	"1998-", "1993-2004.", "2019年3月", "20190315"
//
// Without such digits, Chinese dates are resolved:
//
//	民国二十年, 民國20年          1911 + N (民国元年 is 1912)
//	清乾隆十二年, 光绪元年        the first year of the reign + N - 1, for the
//	                             reigns of the Ming and Qing dynasties
//	二〇一九年, 一九九八          Chinese digits, one per digit
//
// Decades and centuries ("[199-?]", "19--"), reigns without a year
// ("乾隆间"), cyclical years ("乾隆甲午") and unknown dates ("[出版年不详]",
// "[s.d.]") give 0.
func ParseYear(s string) int {
	if y := digitYear(s); y != 0 {
		return y
	}
	if !hasNonASCII(s) {
		return 0
	}
	if y := eraYear(s); y != 0 {
		return y
	}
	return chineseDigitYear(s)
}

// codedYear returns the year in a four-character coded date (008/07-10,
// 100 $a/9-12), or 0 for blanks, "uuuu", "19uu", "9999" and the like.
func codedYear(s string) int {
	if len(s) != 4 {
		return 0
	}
	y := 0
	for i := 0; i < 4; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		y = y*10 + int(c-'0')
	}
	if y < minYear || y > maxYear {
		return 0
	}
	return y
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// asciiDigit returns the value of an ASCII or full-width digit, or -1.
func asciiDigit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// digitYear finds the year in the runs of digits of s.
func digitYear(s string) int {
	run, val := 0, 0
	first4 := 0
	check := func() int {
		switch run {
		case 4:
			val4 := val
			if val4 >= minYear && val4 <= maxYear {
				return val4
			}
		case 6, 8:
			if first4 >= minYear && first4 <= maxYear {
				return first4
			}
		}
		return 0
	}
	for _, r := range s {
		d := asciiDigit(r)
		if d < 0 {
			if run > 0 {
				if y := check(); y != 0 {
					return y
				}
			}
			run, val = 0, 0
			continue
		}
		run++
		if run <= 8 {
			val = val*10 + d
		}
		if run == 4 {
			first4 = val
		}
	}
	if run > 0 {
		return check()
	}
	return 0
}

// An era is a reign period (年号) whose years count from its first year.
type era struct {
	name  string
	first int // year 元年
	max   int // the highest year number accepted
}

// eras are the reign periods of the Ming and Qing dynasties, in simplified
// and traditional characters, and the Republic (民国, counted up to the
// present for Taiwan imprints).
var eras = []era{
	{"民国", 1912, 200}, {"民國", 1912, 200},
	{"洪武", 1368, 31}, {"建文", 1399, 4}, {"永乐", 1403, 22}, {"永樂", 1403, 22},
	{"洪熙", 1425, 1}, {"宣德", 1426, 10}, {"正统", 1436, 14}, {"正統", 1436, 14},
	{"景泰", 1450, 8}, {"天顺", 1457, 8}, {"天順", 1457, 8}, {"成化", 1465, 23},
	{"弘治", 1488, 18}, {"正德", 1506, 16}, {"嘉靖", 1522, 45}, {"隆庆", 1567, 6},
	{"隆慶", 1567, 6}, {"万历", 1573, 48}, {"萬曆", 1573, 48}, {"萬歷", 1573, 48},
	{"泰昌", 1620, 1}, {"天启", 1621, 7}, {"天啓", 1621, 7}, {"天啟", 1621, 7},
	{"崇祯", 1628, 17}, {"崇禎", 1628, 17},
	{"顺治", 1644, 18}, {"順治", 1644, 18}, {"康熙", 1662, 61}, {"雍正", 1723, 13},
	{"乾隆", 1736, 60}, {"嘉庆", 1796, 25}, {"嘉慶", 1796, 25}, {"道光", 1821, 30},
	{"咸丰", 1851, 11}, {"咸豐", 1851, 11}, {"同治", 1862, 13}, {"光绪", 1875, 34},
	{"光緒", 1875, 34}, {"宣统", 1909, 3}, {"宣統", 1909, 3},
}

// eraYear resolves "<era>N年" at the first era named in s.
func eraYear(s string) int {
	best, bestAt := -1, len(s)
	for i, e := range eras {
		if at := strings.Index(s, e.name); at >= 0 && at < bestAt {
			best, bestAt = i, at
		}
	}
	if best < 0 {
		return 0
	}
	e := eras[best]
	rest := s[bestAt+len(e.name):]
	end := strings.Index(rest, "年")
	if end < 0 {
		return 0
	}
	n := yearNumber(trimSpace(rest[:end]))
	if n < 1 || n > e.max {
		return 0
	}
	return e.first + n - 1
}

// yearNumber reads the number of a year of an era: "元" (1), ASCII
// digits, or a Chinese numeral (十二, 二十, 廿五, 卅, 一百零八).
func yearNumber(s string) int {
	if s == "元" {
		return 1
	}
	if s == "" {
		return 0
	}
	n := 0
	ascii := true
	for _, r := range s {
		d := asciiDigit(r)
		if d < 0 {
			ascii = false
			break
		}
		n = n*10 + d
		if n > 1000 {
			return 0
		}
	}
	if ascii {
		return n
	}
	total, cur := 0, -1
	for _, r := range s {
		switch r {
		case '十', '拾':
			if cur < 0 {
				cur = 1
			}
			total += cur * 10
			cur = -1
		case '百', '佰':
			if cur < 0 {
				cur = 1
			}
			total += cur * 100
			cur = -1
		case '廿':
			total += 20
		case '卅':
			total += 30
		default:
			d := chineseDigit(r)
			if d < 0 {
				return 0
			}
			if d == 0 && total > 0 && cur < 0 {
				continue // 一百零八
			}
			if cur >= 0 {
				return 0 // two digits in a row: not a numeral of this kind
			}
			cur = d
		}
	}
	if cur > 0 {
		total += cur
	}
	return total
}

// chineseDigit returns the value of a Chinese digit, or -1.
func chineseDigit(r rune) int {
	switch r {
	case '〇', '零', '○', 'Ｏ':
		return 0
	case '一', '壹':
		return 1
	case '二', '两', '貳', '贰':
		return 2
	case '三', '叁', '參':
		return 3
	case '四', '肆':
		return 4
	case '五', '伍':
		return 5
	case '六', '陆', '陸':
		return 6
	case '七', '柒':
		return 7
	case '八', '捌':
		return 8
	case '九', '玖':
		return 9
	}
	return -1
}

// chineseDigitYear finds four Chinese digits in a row: 二〇一九.
func chineseDigitYear(s string) int {
	run, val := 0, 0
	for _, r := range s {
		d := chineseDigit(r)
		if d < 0 {
			if run == 4 && val >= minYear && val <= maxYear {
				return val
			}
			run, val = 0, 0
			continue
		}
		run++
		val = val*10 + d
	}
	if run == 4 && val >= minYear && val <= maxYear {
		return val
	}
	return 0
}
