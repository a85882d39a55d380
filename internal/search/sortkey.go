package search

import (
	"strconv"
	"strings"
	"unicode"
)

func itoa(n int) string { return strconv.Itoa(n) }

// PinyinSortKey returns a key that sorts titles the way Chinese catalogues
// list them: Chinese characters by their pinyin (with the same word and
// surname readings as the index: 重庆 chongqing, 银行 yinhang), other
// letters and digits folded to lower case, each syllable or word followed by
// a space, punctuation dropped. Compare keys byte by byte.
func PinyinSortKey(text string) string {
	t := table()
	var sb strings.Builder
	var run []rune
	var syl [][]byte
	flush := func() {
		if len(run) == 0 {
			return
		}
		syl = t.appendRun(syl[:0], run, false)
		for _, s := range syl {
			sb.Write(s)
			sb.WriteByte(' ')
		}
		run = run[:0]
	}
	inWord := false
	for _, r := range text {
		switch {
		case isCJK(r):
			if inWord {
				sb.WriteByte(' ')
				inWord = false
			}
			run = append(run, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flush()
			if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
				r -= 0xFEE0
			}
			sb.WriteRune(unicode.ToLower(r))
			inWord = true
		default:
			flush()
			if inWord {
				sb.WriteByte(' ')
				inWord = false
			}
		}
	}
	flush()
	return strings.TrimRight(sb.String(), " ")
}
