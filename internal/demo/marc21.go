package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"lantai.dev/lantai/internal/marc"
)

// m21Leader is the leader of a MARC 21 book record in UTF-8 (leader/09 a).
var m21Leader = marc.Leader([]byte("00000cam a2200000 i 4500"))

// enWords holds what one Western record has drawn, like words.
type enWords struct {
	r        *rand.Rand
	sub      *subInfo
	t, u     *enTopic
	vals     [58]string // by placeholder letter, A–z
	fictionN string
}

func (w *enWords) topic() *enTopic {
	if w.t == nil {
		if w.sub.en == nil {
			w.t = &enTopic{"Literature", "Literature"}
		} else {
			w.t = &w.sub.en[w.sub.enDist.draw(w.r)]
		}
	}
	return w.t
}

func (w *enWords) other() *enTopic {
	if w.u == nil {
		t := w.topic()
		w.u = t
		for k := 0; k < 6 && w.u == t && len(w.sub.en) > 1; k++ {
			w.u = &w.sub.en[w.sub.enDist.draw(w.r)]
		}
	}
	return w.u
}

func (w *enWords) get(k byte) string {
	if k < 'A' || k > 'z' {
		return ""
	}
	if v := w.vals[k-'A']; v != "" {
		return v
	}
	r := w.r
	var v string
	switch k {
	case 'T':
		v = w.topic().title
	case 't':
		v = midSentence(w.topic().title)
	case 'u':
		v = midSentence(w.other().title)
	case 'P':
		v = pick(r, enPlaces)
	case 'n':
		v = enNouns.draw(r)
	case 'N':
		v = capitalize(w.get('n'))
	case 'm':
		v = enNouns.drawOther(r, w.get('n'))
	case 'a':
		v = enAdjectives.draw(r)
	case 'A':
		v = capitalize(w.get('a'))
	}
	w.vals[k-'A'] = v
	return v
}

// midSentence writes a topic as it reads inside a sentence-case title:
// "machine learning", but "Chinese philosophy", "Qing China", "5G networks".
func midSentence(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if enProper[first] {
		return s
	}
	upper := 0
	for _, c := range first {
		if unicode.IsUpper(c) || unicode.IsDigit(c) {
			upper++
		}
	}
	if upper > 1 {
		return s // CNC, C++, 5G
	}
	if strings.HasPrefix(s, "The ") {
		s = "t" + s[1:]
		return s
	}
	c, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(c)) + s[size:]
}

func capitalize(s string) string {
	c, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[size:]
}

// enPatternsFor returns the English title patterns of a subclass.
func enPatternsFor(s *subInfo) vocab {
	switch s.style {
	case styleNovel, styleForeign, stylePoetry, styleChildren:
		return enPatterns[styleNovel]
	}
	if v, ok := enPatterns[s.style]; ok {
		return v
	}
	return enPatterns[styleAcademic]
}

// enTitle draws an English title (the original of a translation, 454).
func enTitle(r *rand.Rand, s *subInfo, year int) string {
	w := &enWords{r: r, sub: s}
	proper, rest, _ := strings.Cut(fillWith(enPatternsFor(s).draw(r), w.get), "|")
	if rest != "" {
		return proper + " : " + rest
	}
	return proper
}

// marc21 builds record i as a MARC 21 record.
func (g *Generator) marc21(i int, p plan, m meta, items []Item) *marc.Record {
	r := g.rng(i, streamText)
	s := &allSubs[p.sub]
	st := s.style
	year := drawYear(r, p.processing)
	w := &enWords{r: r, sub: s}
	fiction := st == styleNovel || st == styleForeign || st == stylePoetry || st == styleChildren
	title, rest, _ := strings.Cut(fillWith(enPatternsFor(s).draw(r), w.get), "|")

	pub := enPublishers[m.pub]
	_, isbn := isbn13(pub.prefixes[m.prefix], int(m.title))
	entered := enteredOn(r, year, p.processing)
	pages := pagesFor(r, st)
	lang := "eng"
	if pub.name == "De Gruyter" && chance(r, 0.3) {
		lang = "ger"
	}

	// Authors: one to three, or editors.
	var authors []string
	editors := !fiction && chance(r, 0.2)
	for range 1 + enAuthorsDist.draw(r) {
		authors = append(authors, enName(r))
	}
	var resp string
	if editors {
		resp = "edited by " + joinEnglish(direct(authors))
	} else {
		resp = joinEnglish(direct(authors))
	}

	rec := &marc.Record{Leader: m21Leader}
	ill := "    "
	if !fiction && chance(r, 0.6) {
		ill = "a   "
	}
	contents, lit, index := "b   ", "0", "1"
	if fiction {
		contents, lit, index = "    ", "1", "0"
	}
	f008 := entered[2:] + "s" + strconv.Itoa(year) + "    " + pub.area + ill + "  " + contents + " 00" + index + " " + lit + " " + lang + " d"
	f020 := marc.NewDataField("020", ' ', ' ', "a", isbn, "q", pick(r, []string{"hardcover", "paperback", "hardcover"}))
	f020.AddSub("c", enPrice(r, pub, st, year))
	rec.Add(
		marc.NewControlField("001", controlNumber(true, i)),
		marc.NewControlField("005", entered+"101500.0"),
		marc.NewControlField("008", f008),
		f020,
		marc.NewDataField("040", ' ', ' ', "a", "DLC", "b", "eng", "e", "rda", "c", "DLC"),
		marc.NewDataField("084", ' ', ' ', "a", s.code, "2", "clc"),
	)
	if !editors {
		rec.Add(marc.NewDataField("100", '1', ' ', "a", authors[0]+",", "e", "author."))
	}
	ind1 := '1'
	if editors {
		ind1 = '0'
	}
	f245 := marc.NewDataField("245", ind1, nonfiling(title))
	if rest != "" {
		f245.AddSub("a", title+" :")
		f245.AddSub("b", rest+" /")
	} else {
		f245.AddSub("a", title+" /")
	}
	f245.AddSub("c", resp+".")
	rec.Add(f245)
	if !fiction && chance(r, 0.18) {
		rec.Add(marc.NewDataField("250", ' ', ' ', "a", pick(r, []string{"Second edition.", "Second edition.", "Third edition.", "Fourth edition.", "Revised edition."})))
	}
	rec.Add(marc.NewDataField("264", ' ', '1', "a", pub.place+" :", "b", pub.name+",", "c", strconv.Itoa(year)+"."))
	extent := strconv.Itoa(pages) + " pages"
	if chance(r, 0.6) {
		extent = romanPrelims(r) + ", " + extent
	}
	f300 := marc.NewDataField("300", ' ', ' ', "a", extent+" :")
	if ill != "    " {
		f300.AddSub("b", "illustrations ;")
	} else {
		f300.Subfields[0].Value = extent + " ;"
	}
	f300.AddSub("c", pick(r, []string{"24 cm", "24 cm", "23 cm", "25 cm", "26 cm", "21 cm"}))
	rec.Add(f300,
		marc.NewDataField("336", ' ', ' ', "a", "text", "b", "txt", "2", "rdacontent"),
		marc.NewDataField("337", ' ', ' ', "a", "unmediated", "b", "n", "2", "rdamedia"),
		marc.NewDataField("338", ' ', ' ', "a", "volume", "b", "nc", "2", "rdacarrier"),
	)
	if list := enSeries[s.main]; len(list) > 0 && chance(r, 0.2) {
		rec.Add(marc.NewDataField("490", '1', ' ', "a", pick(r, list)+" ;", "v", strconv.Itoa(1+r.IntN(400))))
	}
	if !fiction {
		rec.Add(marc.NewDataField("504", ' ', ' ', "a", "Includes bibliographical references and index."))
	}
	if chance(r, 0.7) {
		var text string
		if fiction {
			text = fillWith(pick(r, enFictionSummaries), w.get)
		} else {
			text = fillWith(pick(r, enSummaries[0]), w.get)
			if chance(r, 0.6) {
				text += " " + fillWith(pick(r, enSummaries[1]), w.get)
			}
		}
		rec.Add(marc.NewDataField("520", ' ', ' ', "a", text))
	}
	rec.Add(enSubject(r, w.topic().heading, st))
	if u := w.u; u != nil && u != w.t {
		rec.Add(enSubject(r, u.heading, st))
	}
	start := 1
	if editors {
		start = 0
	}
	for k := start; k < len(authors); k++ {
		role := "author."
		if editors {
			role = "editor."
		}
		rec.Add(marc.NewDataField("700", '1', ' ', "a", authors[k]+",", "e", role))
	}
	for _, it := range items {
		rec.Add(holdings905(it, s.code, m.book))
	}
	return rec
}

var enAuthorsDist = newDist([]float64{70, 22, 8})

// enName draws an inverted name: "Smith, John", sometimes with an initial.
func enName(r *rand.Rand) string {
	n := enFamily.draw(r) + ", " + enGiven.draw(r)
	if chance(r, 0.3) {
		n += " " + string(rune('A'+r.IntN(26))) + "."
	}
	return n
}

// direct turns inverted names into direct order for 245 $c.
func direct(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		family, given, _ := strings.Cut(n, ", ")
		out[i] = given + " " + family
	}
	return out
}

func joinEnglish(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
}

// nonfiling is 245's second indicator: the characters of a leading article.
func nonfiling(title string) rune {
	switch {
	case strings.HasPrefix(title, "The "):
		return '4'
	case strings.HasPrefix(title, "An "):
		return '3'
	case strings.HasPrefix(title, "A "):
		return '2'
	}
	return '0'
}

func romanPrelims(r *rand.Rand) string {
	return pick(r, []string{"x", "xii", "xiv", "xvi", "xviii", "xx", "xxii", "viii", "xxiv", "xxx"})
}

// enPrice is a list price in the publisher's currency.
func enPrice(r *rand.Rand, pub publisher, st style, year int) string {
	cur := "USD"
	switch pub.area {
	case "enk":
		cur = "GBP"
	case "gw ", "ne ", "sz ":
		cur = "EUR"
	}
	base := 45 + r.IntN(110)
	switch st {
	case styleTextbook, styleMedical, styleReference:
		base += 40 + r.IntN(120)
	case styleNovel, styleForeign, stylePoetry, styleChildren:
		base = 12 + r.IntN(20)
	}
	base = base * (60 + year - 1980) / 105
	return cur + strconv.Itoa(max(base, 5)) + pick(r, []string{".00", ".95", ".99", ".00"})
}

// enSubject makes a subject field from a heading: "China--History--Qing
// dynasty, 1644-1912" is a 651 with $x and $y; other headings are 650s.
func enSubject(r *rand.Rand, heading string, st style) marc.Field {
	parts := strings.Split(heading, "--")
	tag := "650"
	switch {
	case strings.HasPrefix(parts[0], "China"), strings.HasPrefix(parts[0], "Japan"), strings.HasPrefix(parts[0], "Asia"),
		strings.HasPrefix(parts[0], "Europe"), strings.HasPrefix(parts[0], "Greece"), strings.HasPrefix(parts[0], "Rome"),
		strings.HasPrefix(parts[0], "United States"), strings.HasSuffix(parts[0], "(China)"):
		tag = "651"
	}
	f := marc.NewDataField(tag, ' ', '0', "a", parts[0])
	for _, p := range parts[1:] {
		code := "x"
		if strings.ContainsAny(p, "0123456789") || strings.Contains(p, "century") {
			code = "y"
		}
		f.AddSub(code, p)
	}
	if st == styleTextbook && len(parts) == 1 && chance(r, 0.5) {
		f.AddSub("v", "Textbooks")
	}
	last := &f.Subfields[len(f.Subfields)-1]
	if !strings.HasSuffix(last.Value, ".") && !strings.HasSuffix(last.Value, ")") {
		last.Value += "."
	}
	return f
}
