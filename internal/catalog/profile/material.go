package profile

import (
	"strings"

	"lantai.dev/lantai/internal/marc"
)

// materialOf returns the material of a record from leader/06 (type of
// record) and leader/07 (bibliographic level), read by the codes of
// MARC 21 or UNIMARC (see Material).
func materialOf(l marc.Leader, unimarc bool) Material {
	typ, level := l[6], l[7]
	switch typ {
	case 'a':
		switch level {
		case 's', 'i':
			return MaterialSerial
		case 'a', 'b':
			return MaterialArticle
		}
		return MaterialBook
	case 'b':
		if unimarc {
			return MaterialManuscript
		}
	case 't':
		if !unimarc {
			return MaterialManuscript
		}
	case 'c', 'd':
		return MaterialMusic
	case 'e', 'f':
		return MaterialMap
	case 'g':
		return MaterialVideo
	case 'i':
		return MaterialSound
	case 'j':
		return MaterialMusicRecord
	case 'k':
		return MaterialGraphic
	case 'l':
		if unimarc {
			return MaterialEResource
		}
	case 'm':
		if unimarc {
			return MaterialKit
		}
		return MaterialEResource
	case 'o':
		if !unimarc {
			return MaterialKit
		}
	case 'p':
		if !unimarc {
			return MaterialMixed
		}
	case 'r':
		return MaterialObject
	}
	return MaterialUnknown
}

// notBibliographic returns a description of the kind of record leader/06
// marks when it is not bibliographic (authority, holdings, community
// information), or "".
func notBibliographic(l marc.Leader, unimarc bool) string {
	switch l[6] {
	case 'z':
		return "an authority record"
	case 'x', 'y':
		if unimarc {
			return "an authority record"
		}
		return "a holdings record"
	case 'u', 'v':
		return "a holdings record"
	case 'q':
		if !unimarc {
			return "a community information record"
		}
	}
	return ""
}

// ancientTerms are the words of an edition statement that name a
// traditional way of producing a book: 刻本 (woodblock), 抄本/钞本/写本
// (manuscript copy), 稿本 (author's manuscript), 活字本 (movable type),
// 套印本 (multicolour print), 拓本 (rubbing), 石印本 (lithograph, from the
// 1870s), 刊本 and 印本.
var ancientTerms = []string{"刻本", "刊本", "抄本", "钞本", "鈔本", "寫本", "写本", "稿本", "活字", "套印", "拓本", "石印", "木刻", "刻印"}

// ancientEdition reports whether an edition statement describes an ancient
// book: it names a traditional production ("清乾隆十二年(1747)刻本",
// "明抄本") and is not a modern facsimile (影印, 复制, 仿真, 再造). The
// other rules of Bib.Ancient are in finishAncient.
func ancientEdition(s string) bool {
	if s == "" {
		return false
	}
	for _, w := range []string{"影印", "复制", "複製", "仿真", "再造"} {
		if strings.Contains(s, w) {
			return false
		}
	}
	for _, w := range ancientTerms {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// finishAncient sets b.Ancient by the rules of ancientEdition.
func finishAncient(b *Bib, reproduction bool) {
	if ancientEdition(b.Edition) {
		b.Ancient = true
		return
	}
	for _, c := range b.Classes {
		if c.Scheme == "sibu" {
			b.Ancient = true
			return
		}
	}
	if !reproduction && b.Year > 0 && b.Year < 1912 && (b.Material == MaterialBook || b.Material == MaterialManuscript) {
		for _, l := range b.Languages {
			if l == "chi" || l == "lzh" {
				b.Ancient = true
				return
			}
		}
	}
}
