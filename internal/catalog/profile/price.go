package profile

import (
	"strings"
	"unicode/utf8"
)

// ParsePrice reads a price as catalogues record it (MARC 21 020 $c, CNMARC
// 010 $d and 011 $d) and reports whether it found one. The Price always
// holds the trimmed text in Raw.
//
// The amount is the first number that is not a count ("2册", "3 v."), with
// "," as thousands separator ("1,200.00") or as decimal comma ("14,50");
// it is kept in hundredths of the currency unit, further decimals
// dropped. The currency is named before the number by an ISO 4217 code
// or a sign, or after it by a code or a Chinese word:
//
//	CNY39.80, RMB 39.8, ￥39.80, ¥39.80, 人民币39.80, 39.80元   CNY
//	3元5角, 5角                                               CNY (350, 50)
//	USD29.95, US$29.95, $29.95, 29.95美元                      USD
//	HKD98, HK$98, 98港元, 98港币                               HKD
//	TWD380, NTD380, NT$380, 380新台币, 380台币                  TWD
//	JPY1200, 1200日元, 1200円                                  JPY
//	EUR, €; GBP, £, 英镑; KRW, ₩, 韩元; ... any three capitals
//	[50000] lei                                               RON
//
// Labels ("定价:"), brackets and qualifiers ("(全2册)", "/册") are
// ignored. A text without a number ("赠阅", "非卖品") gives false; a number
// without a currency gives Currency "".
func ParsePrice(s string) (Price, bool) {
	p := Price{Raw: trimSpace(s)}
	t := foldWidth(p.Raw)
	for i := 0; i < len(t); {
		if t[i] < '0' || t[i] > '9' {
			i++
			continue
		}
		amount, end := readAmount(t, i)
		rest := t[end:]
		if isCount(rest) {
			i = end
			continue
		}
		cur, fen := currencyAfter(rest)
		switch {
		case fen == 10:
			amount /= 10 // 5角
		case fen == 1:
			amount /= 100 // 5分
		case fen > 1:
			amount += int64(fen) // 3元5角: 5角 is 50 fen
		}
		// A sign or code before the number wins over the generic 元
		// after it: 新台币380元 is TWD.
		if pre := currencyBefore(t[:i]); pre != "" && (cur == "" || cur == "CNY") {
			cur = pre
		}
		p.Amount, p.Currency, p.Valid = amount, cur, true
		return p, true
	}
	return p, false
}

// foldWidth maps full-width ASCII forms and the ideographic space to ASCII,
// and the full-width yen sign to ¥.
func foldWidth(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		case r == 0xFFE5:
			return '¥'
		case r == 0xFFE1:
			return '£'
		}
		return r
	}, s)
}

// readAmount reads the number at t[i:] and returns it in hundredths and
// the index after it.
func readAmount(t string, i int) (int64, int) {
	var units int64
	j := i
	for j < len(t) {
		c := t[j]
		switch {
		case c >= '0' && c <= '9':
			if units < 1e12 {
				units = units*10 + int64(c-'0')
			}
			j++
			continue
		case c == ',' && digitsAt(t, j+1) == 3 && digitsAt(t, j+4) == 0:
			j++ // thousands separator
			continue
		}
		break
	}
	var cents int64
	if j < len(t) && (t[j] == '.' || t[j] == ',') && digitsAt(t, j+1) > 0 {
		n := digitsAt(t, j+1)
		if n >= 1 {
			cents = int64(t[j+1]-'0') * 10
		}
		if n >= 2 {
			cents += int64(t[j+2] - '0')
		}
		j += 1 + n
	}
	return units*100 + cents, j
}

// digitsAt returns how many ASCII digits start at t[i:].
func digitsAt(t string, i int) int {
	n := 0
	for i+n < len(t) && t[i+n] >= '0' && t[i+n] <= '9' {
		n++
	}
	return n
}

// countWords follow a number that counts volumes or pieces, not money.
var countWords = []string{"册", "冊", "本", "卷", "张", "張", "片", "盘", "套", "页", "頁", "期", "辑", "函", "v.", "vol", "pt"}

// isCount reports whether rest (the text after a number) starts with a
// word that counts pieces.
func isCount(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	for _, w := range countWords {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// suffixCurrencies are the currency words written after the amount, longest
// first where one ends another.
var suffixCurrencies = []struct{ word, code string }{
	{"新台币", "TWD"}, {"新台幣", "TWD"}, {"台币", "TWD"}, {"台幣", "TWD"},
	{"新加坡元", "SGD"}, {"人民币", "CNY"}, {"人民幣", "CNY"},
	{"日元", "JPY"}, {"日圆", "JPY"}, {"美元", "USD"}, {"美金", "USD"},
	{"港元", "HKD"}, {"港币", "HKD"}, {"港幣", "HKD"}, {"澳门元", "MOP"},
	{"澳元", "AUD"}, {"加元", "CAD"}, {"欧元", "EUR"}, {"歐元", "EUR"},
	{"英镑", "GBP"}, {"英鎊", "GBP"}, {"韩元", "KRW"}, {"韓元", "KRW"},
	{"卢布", "RUB"}, {"瑞士法郎", "CHF"},
	{"元", "CNY"}, {"圆", "CNY"}, {"圓", "CNY"}, {"円", "JPY"},
	{"lei", "RON"}, {"रुपियाँ", "NPR"},
}

// currencyAfter reads a currency written after the amount. fen is 10
// for "角" and 1 for "分" (the amount was in those units), or the fen of
// a "N角" that follows "元" (3元5角).
func currencyAfter(rest string) (code string, fen int) {
	r := strings.TrimLeft(rest, " ])）】")
	switch {
	case strings.HasPrefix(r, "角"):
		return "CNY", 10
	case strings.HasPrefix(r, "分"):
		return "CNY", 1
	}
	for _, c := range suffixCurrencies {
		if strings.HasPrefix(r, c.word) {
			if c.code == "CNY" {
				r = r[len(c.word):]
				if n := digitsAt(r, 0); n == 1 && strings.HasPrefix(r[1:], "角") {
					fen = int(r[0]-'0') * 10
					r = r[1+len("角"):]
					if m := digitsAt(r, 0); m == 1 && strings.HasPrefix(r[1:], "分") {
						fen += int(r[0] - '0')
					}
				}
			}
			return c.code, fen
		}
	}
	if len(r) >= 3 && isUpperCode(r[:3]) && (len(r) == 3 || !isASCIILetter(r[3])) {
		return currencyCode(r[:3]), 0
	}
	return "", 0
}

// prefixCurrencies are the signs and words written before the amount,
// checked at the end of the text before it, longest first.
var prefixCurrencies = []struct{ sign, code string }{
	{"US$", "USD"}, {"HK$", "HKD"}, {"NT$", "TWD"}, {"S$", "SGD"},
	{"A$", "AUD"}, {"C$", "CAD"}, {"MOP$", "MOP"},
	{"人民币", "CNY"}, {"人民幣", "CNY"}, {"港币", "HKD"}, {"港幣", "HKD"},
	{"新台币", "TWD"}, {"新台幣", "TWD"}, {"美元", "USD"}, {"日元", "JPY"},
	{"¥", "CNY"}, {"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"₩", "KRW"},
	{"Rs.", "INR"}, {"Rs", "INR"}, {"रु.", "NPR"}, {"रु", "NPR"},
}

// currencyBefore reads a currency written before the amount.
func currencyBefore(pre string) string {
	pre = strings.TrimRight(pre, " :[(（【")
	for _, c := range prefixCurrencies {
		if strings.HasSuffix(pre, c.sign) {
			return c.code
		}
	}
	if n := len(pre); n >= 3 && isUpperCode(pre[n-3:]) && (n == 3 || !isASCIILetter(pre[n-4])) {
		return currencyCode(pre[n-3:])
	}
	return ""
}

func isUpperCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// currencyCode maps the codes in use that are not ISO 4217 to ISO 4217.
func currencyCode(c string) string {
	switch c {
	case "RMB":
		return "CNY"
	case "NTD", "NTS":
		return "TWD"
	}
	return c
}
