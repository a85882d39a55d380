package demo

import (
	"math/rand/v2"
	"strings"
)

// person is one 70X/71X entry of a record.
type person struct {
	tag     string // 701, 702, 711
	name    string
	country string // (美) for foreign authors
	orig    string // the original name, "Smith, John"
	role    string // 著, 主编, 译 …
}

// zhResponsibility makes the statements of responsibility (200 $f, $g) and
// the name entries of a Chinese record.
func zhResponsibility(r *rand.Rand, w *words, s *subInfo, st style, fa *foreignAuthor, title string) (string, string, []person) {
	if fa != nil {
		var rendered []string
		var people []person
		for range 1 + boolInt(chance(r, 0.2)) {
			gi, fi := r.IntN(len(fa.given)), r.IntN(len(fa.family))
			display := fa.given[gi] + "·" + fa.family[fi]
			name, orig := fa.family[fi], fa.familyL[fi]+", "+fa.givenL[gi]
			if fa.familyFirst { // 村上春树: one name, family name first
				display = fa.family[fi] + fa.given[gi]
				name = display
			}
			rendered = append(rendered, display)
			people = append(people, person{tag: "701", name: name, country: "(" + fa.country + ")", orig: orig, role: "著"})
		}
		translators := []string{zhName(r)}
		if chance(r, 0.3) {
			translators = append(translators, zhName(r))
		}
		for _, t := range translators {
			people = append(people, person{tag: "702", name: t, role: "译"})
		}
		return "(" + fa.country + ") " + strings.Join(rendered, ", ") + "著", strings.Join(translators, ", ") + "译", people
	}
	// one: the person the title names ({N}文集) is the author.
	one := func(role string) (string, string, []person) {
		n := w.get('N')
		return n + role, "", []person{{tag: "701", name: n, role: role}}
	}
	many := func(k int, role string) (string, string, []person) {
		var names []string
		var people []person
		for range k {
			n := zhName(r)
			names = append(names, n)
			people = append(people, person{tag: "701", name: n, role: role})
		}
		return strings.Join(names, ", ") + role, "", people
	}
	corporate := func(role string) (string, string, []person) {
		list := zhCorporate[s.main]
		if len(list) == 0 || chance(r, 0.3) {
			list = zhCorporate[""]
		}
		body := pick(r, list)
		return body + role, "", []person{{tag: "711", name: body, role: role}}
	}
	switch st {
	case styleWorks:
		if s.subclass.patterns != "" {
			return corporate("编")
		}
		return one("著")
	case styleBiography:
		return many(1, "著")
	case styleClassic:
		role := "著"
		for _, c := range classicRoles {
			if strings.HasSuffix(title, c) {
				role = c
				break
			}
		}
		return many(1, role)
	case styleChildren:
		if chance(r, 0.4) {
			a, b := zhName(r), zhName(r)
			return a + "文", b + "图", []person{{tag: "701", name: a, role: "文"}, {tag: "702", name: b, role: "绘"}}
		}
		return many(1, "著")
	case styleNovel, stylePoetry:
		if strings.Contains(title, w.vals['N'-'A']) && w.vals['N'-'A'] != "" {
			return one("著") // 《王芳散文》: the author named in the title
		}
		return many(1, "著")
	case styleReference, styleBibliography:
		if chance(r, 0.55) {
			return corporate("编")
		}
		return many(1+r.IntN(2), "主编")
	case styleTextbook:
		switch x := r.Float64(); {
		case x < 0.5:
			return many(1+r.IntN(2), "主编")
		case x < 0.85:
			return many(1, "编著")
		}
		return many(2, "著")
	case stylePopular:
		if chance(r, 0.3) {
			return many(1, "编著")
		}
		return many(1, "著")
	}
	switch x := r.Float64(); {
	case x < 0.65:
		return many(1, "著")
	case x < 0.80:
		return many(2, "著")
	case x < 0.92:
		return many(1+r.IntN(2), "主编")
	}
	return corporate("编")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
