package demo

import (
	"math/rand/v2"
	"strings"

	"lantai.dev/lantai/internal/marc"
)

// zhSummary draws a summary of one or two sentences; older records often
// have none.
func zhSummary(r *rand.Rand, w *words, st style, year int) string {
	p := 0.85
	if year < 2000 {
		p = 0.4
	}
	sents, ok := zhSummaries[st]
	if !ok || !chance(r, p) {
		return ""
	}
	text := w.fill(pick(r, sents[0]))
	if chance(r, 0.7) {
		text += w.fill(pick(r, sents[1]))
	}
	return text
}

// zhSubjects makes the subject fields (600, 606) of a Chinese record,
// consistent with its class and title.
func zhSubjects(r *rand.Rand, w *words, s *subInfo, st style, fa *foreignAuthor, title string) []marc.Field {
	place := w.vals['P'-'A']
	if place == "" {
		place = "中国"
		if s.subclass.places != "" {
			place = w.get('P')
		}
	}
	era := w.vals['E'-'A']
	topic := w.get('T')
	var out []marc.Field
	add := func(a string, subs ...string) {
		f := marc.NewDataField("606", '0', ' ', "a", a)
		for k := 0; k+1 < len(subs); k += 2 {
			if subs[k+1] != "" {
				f.AddSub(subs[k], subs[k+1])
			}
		}
		out = append(out, f)
	}
	switch st {
	case styleBiography:
		out = append(out, marc.NewDataField("600", ' ', '0', "a", w.get('N'), "j", "传记"))
	case styleNovel, stylePoetry, styleChildren:
		add(topic, "y", "中国", "z", pick(r, []string{"当代", "当代", "现代"}))
	case styleForeign:
		country := "外国"
		if fa != nil {
			country = countries[fa.country]
		}
		add(topic, "y", country, "z", "现代")
	case styleClassic:
		c := w.get('C')
		add(c, "x", pick(r, []string{"注释", "译文", "研究"}))
	case styleWorks:
		switch s.main {
		case "A":
			add("马克思主义", "j", "文集")
		default:
			add("中国文学", "z", "现代", "j", "作品综合集")
		}
	case styleTextbook, styleMedical:
		if chance(r, 0.7) {
			add(topic, "j", "高等学校", "j", "教材")
		} else {
			add(topic, "x", "研究")
		}
	case styleReference, styleBibliography:
		form := "词典"
		switch {
		case strings.Contains(title, "百科"):
			form = "百科全书"
		case strings.Contains(title, "年鉴"):
			form = "年鉴"
		case strings.Contains(title, "手册"):
			form = "手册"
		case strings.Contains(title, "目"):
			form = "图书目录"
		}
		add(topic, "j", form)
	case stylePopular:
		add(topic, "j", "通俗读物")
	case styleLaw:
		x := "研究"
		if strings.Contains(title, "释义") {
			x = "法律解释"
		}
		add(topic, "y", "中国", "x", x)
	default:
		add(topic, "x", pick(r, []string{"研究", "研究", "", "概况"}), "y", place, "z", era)
	}
	if u := w.vals['U'-'A']; u != "" && u != topic && chance(r, 0.5) {
		add(u, "y", place)
	}
	return out
}
