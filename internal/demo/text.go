package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// words holds the words one record has drawn, so that its title, summary
// and subjects speak of the same things.
type words struct {
	r          *rand.Rand
	sub        *subInfo
	year       int
	translated bool       // a translation: its topics are not qualified by Chinese places
	vals       [26]string // by placeholder letter
}

// get returns the record's word for placeholder k, drawing it the first
// time.
func (w *words) get(k byte) string {
	if k < 'A' || k > 'Z' {
		return ""
	}
	if v := w.vals[k-'A']; v != "" {
		return v
	}
	r := w.r
	var v string
	switch k {
	case 'T':
		v = w.sub.topics.draw(r)
	case 'U':
		if v = w.sub.topics.drawOther(r, w.get('T')); v == w.get('T') {
			v = w.get('G')
		}
	case 'G':
		v = w.general().draw(r)
	case 'H':
		v = w.general().drawOther(r, w.get('G'))
	case 'P':
		v = w.sub.places.draw(r)
	case 'E':
		v = w.sub.eras.draw(r)
	case 'L':
		v = zhVocab.literary.draw(r)
	case 'M':
		v = zhVocab.literary.drawOther(r, w.get('L'))
	case 'N':
		v = zhName(r)
	case 'A':
		v = zhVocab.animals.draw(r)
	case 'B':
		v = zhVocab.animals.drawOther(r, w.get('A'))
	case 'C':
		if w.sub.classics.words != nil {
			v = w.sub.classics.draw(r)
		} else {
			v = w.get('T')
		}
	case 'Y':
		v = strconv.Itoa(w.year - 1)
	case 'D':
		v = strconv.Itoa(3 + r.IntN(9))
	case 'V':
		v = pick(r, zhVerbs)
	case 'K':
		v = pick(r, zhAspects)
	case 'X':
		// A topic, sometimes qualified: 中国金融市场, 江南市镇.
		t := w.get('T')
		switch x := r.Float64(); {
		case x < 0.22:
			if q := zhVocab.qualifiers.draw(r); !strings.HasPrefix(t, q) && !strings.HasSuffix(q, t) {
				v = q + t
			}
		case x < 0.30 && !w.translated:
			if p := w.get('P'); !strings.HasPrefix(t, p) {
				v = p + t
			}
		}
		if v == "" {
			v = t
		}
	}
	w.vals[k-'A'] = v
	return v
}

// general is the list general words come from: histories are histories
// of something (明代经济史).
func (w *words) general() vocab {
	if w.sub.style == styleHistory {
		return zhVocab.history
	}
	return zhVocab.general
}

// fill replaces the placeholders of a pattern, and the doubled words a
// topic and a pattern can make (科学研究研究, 中国中国文学史史).
func (w *words) fill(pattern string) string {
	s := fillWith(pattern, w.get)
	for _, d := range doubled {
		if strings.Contains(s, d[0]) {
			s = strings.ReplaceAll(s, d[0], d[1])
		}
	}
	return s
}

var doubled = [][2]string{{"研究研究", "研究"}, {"史史", "史"}, {"中国中国", "中国"}, {"学学", "学"}, {"教程教程", "教程"}}

// fillWith replaces each placeholder {k} of a pattern (k one letter) by
// get(k).
func fillWith(pattern string, get func(k byte) string) string {
	if !strings.Contains(pattern, "{") {
		return pattern
	}
	var sb strings.Builder
	sb.Grow(len(pattern) + 16)
	for {
		open := strings.IndexByte(pattern, '{')
		if open < 0 || open+2 >= len(pattern) || pattern[open+2] != '}' {
			sb.WriteString(pattern)
			return sb.String()
		}
		sb.WriteString(pattern[:open])
		sb.WriteString(get(pattern[open+1]))
		pattern = pattern[open+3:]
	}
}

// zhName draws a Chinese personal name: a surname by its frequency and a
// given name of one character (a quarter) or two.
func zhName(r *rand.Rand) string {
	s := zhVocab.surnames.draw(r)
	g := zhVocab.given.draw(r)
	if chance(r, 0.75) {
		g += zhVocab.given.draw(r)
	}
	return s + g
}

// yearDist weighs the years 1980–2025, the later ones four times the
// earlier: Chinese publishing and library buying have grown steadily.
var yearDist = func() dist {
	w := make([]float64, 2025-1980+1)
	for i := range w {
		w[i] = 1 + 3*float64(i)/float64(len(w)-1)
	}
	return newDist(w)
}()

// drawYear draws a year of publication; new acquisitions are recent.
func drawYear(r *rand.Rand, processing bool) int {
	if processing {
		return 2024 + r.IntN(2)
	}
	return 1980 + yearDist.draw(r)
}

// medianPages is the usual length of a book of each style.
var medianPages = [...]float64{styleAcademic: 300, styleTextbook: 320, styleHistory: 400, styleBiography: 380,
	styleNovel: 300, styleForeign: 340, stylePoetry: 220, styleChildren: 64, styleClassic: 480, styleWorks: 560,
	styleReference: 1100, styleBibliography: 900, styleLaw: 380, styleMedical: 520, stylePopular: 220}

// pagesFor draws an extent around the usual length of a style.
func pagesFor(r *rand.Rand, st style) int {
	p := int(medianPages[st] * math.Exp(0.35*r.NormFloat64()))
	return max(24, min(p, 2600))
}

// pricePerPage is the list price of a page in yuan, by year: books cost
// about 2 yuan in 1985, 25 in 2002 and 70 in 2024 for 300 pages.
var pricePerPage = [...]struct {
	year int
	yuan float64
}{{1980, 0.005}, {1985, 0.007}, {1990, 0.017}, {1995, 0.045}, {2000, 0.07}, {2005, 0.09}, {2010, 0.12},
	{2015, 0.17}, {2020, 0.22}, {2026, 0.26}}

// cnyPrice is a Chinese list price in fen, rounded as publishers round
// (39.80, 58.00).
func cnyPrice(r *rand.Rand, year, pages int, st style) int64 {
	rate := pricePerPage[len(pricePerPage)-1].yuan
	for k := 1; k < len(pricePerPage); k++ {
		if a, b := pricePerPage[k-1], pricePerPage[k]; year < b.year {
			rate = a.yuan + (b.yuan-a.yuan)*float64(year-a.year)/float64(b.year-a.year)
			break
		}
	}
	switch st {
	case styleReference, styleWorks:
		rate *= 1.4
	case styleChildren:
		rate *= 3
	}
	yuan := float64(pages) * rate * (0.8 + 0.4*r.Float64())
	switch {
	case yuan < 1:
		return int64(50 + r.IntN(50))
	case yuan < 20:
		return int64(math.Round(yuan*10)) * 10
	default:
		fen := int64(math.Round(yuan)) * 100
		if chance(r, 0.35) {
			fen -= 20
		}
		return fen
	}
}

// formatFen writes fen as yuan with two decimals.
func formatFen(fen int64) string {
	return strconv.FormatInt(fen/100, 10) + "." + itoaPad(int(fen%100), 2)
}
