package web

import "strings"

// daxie writes an amount of fen in the capital numerals 大写 that Chinese
// receipts carry beside the figures, so that the amount cannot be altered:
// 1250 → 壹拾贰元伍角整, 100005 → 壹仟元零伍分, 0 → 零元整. A negative
// amount is written with 负.
func daxie(fen int64) string {
	if fen < 0 {
		return "负" + daxie(-fen)
	}
	const digits = "零壹贰叁肆伍陆柒捌玖"
	digit := func(d int64) string { return string([]rune(digits)[d]) }
	yuan, jiao, cent := fen/100, fen/10%10, fen%10
	var b strings.Builder
	if yuan > 0 {
		b.WriteString(yuanDaxie(yuan, digit))
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && cent == 0:
		if yuan == 0 {
			return "零元整"
		}
		b.WriteString("整")
	case jiao == 0:
		if yuan > 0 {
			b.WriteString("零")
		}
		b.WriteString(digit(cent) + "分")
	default:
		b.WriteString(digit(jiao) + "角")
		if cent > 0 {
			b.WriteString(digit(cent) + "分")
		} else {
			b.WriteString("整")
		}
	}
	return b.String()
}

// yuanDaxie writes a whole number of yuan (above 0) in groups of four
// digits: 万, 亿.
func yuanDaxie(n int64, digit func(int64) string) string {
	units := []string{"", "拾", "佰", "仟"}
	groups := []string{"", "万", "亿", "万亿"}
	var parts []int64
	for n > 0 {
		parts = append(parts, n%10000)
		n /= 10000
	}
	var b strings.Builder
	zero := false // a zero is owed before the next digit written
	for g := len(parts) - 1; g >= 0; g-- {
		p := parts[g]
		if p == 0 {
			zero = b.Len() > 0
			continue
		}
		for i := 3; i >= 0; i-- {
			d := p / pow10(i) % 10
			if d == 0 {
				zero = b.Len() > 0
				continue
			}
			if zero {
				b.WriteString("零")
				zero = false
			}
			b.WriteString(digit(d) + units[i])
		}
		b.WriteString(groups[g])
	}
	return b.String()
}

func pow10(i int) int64 {
	n := int64(1)
	for ; i > 0; i-- {
		n *= 10
	}
	return n
}
