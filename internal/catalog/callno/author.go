package callno

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// AuthorDigits is the count of digits AuthorNumber gives after the initial.
const AuthorDigits = 3

// letterDigit maps a–z to digits in alphabetical order, three letters to a
// digit (y and z share 9), so that author numbers keep the alphabetical
// order of the names:
//
//	1 abc  2 def  3 ghi  4 jkl  5 mno  6 pqr  7 stu  8 vwx  9 yz
const letterDigit = "111222333444555666777888999"

// Readings of surnames that differ from the common reading of the
// character, which is what go-pinyin gives. Compound surnames first.
var (
	compoundSurnames = map[string]string{
		"尉迟": "yuchi", "万俟": "moqi", "单于": "chanyu", "长孙": "zhangsun",
	}
	surnames = map[rune]string{
		'曾': "zeng", '单': "shan", '解': "xie", '朴': "piao", '查': "zha",
		'乐': "yue", '仇': "qiu", '区': "ou", '覃': "qin", '翟': "zhai",
		'盖': "ge", '缪': "miao", '秘': "bi", '阚': "kan", '繁': "po",
		'员': "yun", '隗': "wei", '召': "shao", '种': "chong", '都': "du",
		'重': "chong", '洗': "xian", '乜': "nie", '薄': "bo", '蕃': "pi",
		'句': "gou", '折': "she", '长': "chang",
	}
)

// AuthorNumber derives an author number (著者号) from an author's name,
// given surname first as in a name heading ("王小波", "Hardy, Thomas").
//
// The name is spelt in pinyin without tones (Han characters by go-pinyin,
// with the surname readings of a short table for characters such as 曾 zeng,
// 单 shan, 解 xie, 尉迟 yuchi; Latin letters, full-width ones folded, as
// they are; ü as v; anything else is dropped, as is a leading bracketed nationality or dynasty such as
// "(英)" or "〔清〕"). The number is the first letter, in capitals,
// followed by one digit for each of the next AuthorDigits letters by the
// table of letterDigit (a–c 1, d–f 2, … y–z 9):
//
//	王小波  wangxiaobo   → W153
//	莫言    moyan        → M591
//	鲁迅    luxun        → L787
//	曾国藩  zengguofan   → Z253
//	易      yi           → Y3
//
// Because the digits follow the alphabet and file as a decimal fraction,
// author numbers file in the alphabetical order of the names' pinyin (names
// that share the first four letters share a number; the cataloguer adds a
// work mark or edits the number by hand).
func AuthorNumber(name string) (string, error) {
	letters := pinyinLetters(stripBracketed(fold(name)))
	if letters == "" {
		return "", fmt.Errorf("author number for %q: no letters in the name", name)
	}
	var b strings.Builder
	b.WriteByte(letters[0] - 'a' + 'A')
	for i := 1; i < len(letters) && i <= AuthorDigits; i++ {
		b.WriteByte(letterDigit[letters[i]-'a'])
	}
	return b.String(), nil
}

// stripBracketed removes leading bracketed groups: "(英)莎士比亚" → "莎士比亚".
func stripBracketed(s string) string {
	pairs := map[rune]rune{'(': ')', '（': '）', '[': ']', '〔': '〕', '【': '】', '［': '］'}
	for {
		s = strings.TrimSpace(s)
		if s == "" {
			return s
		}
		open := []rune(s)[0]
		closer, ok := pairs[open]
		if !ok {
			return s
		}
		i := strings.IndexRune(s, closer)
		if i < 0 {
			return s
		}
		s = s[i+len(string(closer)):]
	}
}

// pinyinLetters spells name in lower-case letters a–z.
func pinyinLetters(name string) string {
	var b strings.Builder
	args := pinyin.NewArgs()
	first := true
	rs := []rune(name)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			if r >= 'a' && r <= 'z' {
				b.WriteRune(r)
				first = false
			}
		case unicode.Is(unicode.Han, r):
			if first {
				first = false
				if i+1 < len(rs) {
					if py, ok := compoundSurnames[string(rs[i:i+2])]; ok {
						b.WriteString(py)
						i++
						continue
					}
				}
				if py, ok := surnames[r]; ok {
					b.WriteString(py)
					continue
				}
			}
			for _, py := range pinyin.SinglePinyin(r, args) {
				writeASCIILetters(&b, py)
			}
		}
	}
	return b.String()
}

// writeASCIILetters writes the letters a–z of s (go-pinyin's Normal style
// writes ü as v).
func writeASCIILetters(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			b.WriteByte(s[i])
		}
	}
}
