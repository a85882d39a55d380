package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/marc"
)

// cnLeader is the leader of a CNMARC book record (leader/09 blank; the
// codec writes lengths and base address).
var cnLeader = marc.Leader([]byte("00000nam0 2200000   450 "))

// monographShare is the share of monographs among the books of classes
// that mostly hold textbooks (computing, engineering, mathematics …).
const monographShare = 0.4

// translatedShare is the share of translations among a class's Chinese
// books.
func translatedShare(s *subInfo) float64 {
	if s.translated > 0 {
		return s.translated
	}
	switch s.style {
	case styleForeign:
		return 1
	case styleAcademic, styleHistory:
		return 0.05
	case styleTextbook:
		return 0.04
	case stylePopular:
		return 0.12
	case styleMedical:
		return 0.02
	}
	return 0
}

// cnmarc builds record i as a CNMARC record.
func (g *Generator) cnmarc(i int, p plan, m meta, items []Item) *marc.Record {
	r := g.rng(i, streamText)
	s := &allSubs[p.sub]
	st, patterns := s.style, s.patterns
	if st == styleTextbook && chance(r, monographShare) {
		st, patterns = styleAcademic, zhPatterns[styleAcademic]
	}
	year := drawYear(r, p.processing)
	w := &words{r: r, sub: s, year: year}
	var fa *foreignAuthor
	if chance(r, translatedShare(s)) {
		fa = &foreignAuthors[foreignDist.draw(r)].a
		w.translated = true
	}

	title, other, _ := strings.Cut(w.fill(patterns.draw(r)), "|")
	var partNo, partName, set string
	switch {
	case st == styleWorks:
		set = title
		partNo = "第" + zhNumerals[r.IntN(len(zhNumerals))] + "卷"
	case st == styleHistory && chance(r, 0.06):
		set = w.fill("中国{G}通史")
		title, other = set, ""
		k := r.IntN(len(zhVolumeParts))
		partNo, partName = "第"+zhNumerals[k%len(zhNumerals)]+"卷", zhVolumeParts[k]
	}

	resp, resp2, people := zhResponsibility(r, w, s, st, fa, title)
	edition := zhEdition(r, st)
	pub := zhPublishers[m.pub]
	isbnH, _ := isbn13(pub.prefixes[m.prefix], int(m.title))
	pages := pagesFor(r, st)
	price := cnyPrice(r, year, pages, st)
	entered := enteredOn(r, year, p.processing)

	rec := &marc.Record{Leader: cnLeader}
	rec.Add(
		marc.NewControlField("001", controlNumber(false, i)),
		marc.NewControlField("005", entered+"101500.0"),
	)
	f010 := marc.NewDataField("010", ' ', ' ', "a", isbnH)
	if chance(r, 0.08) {
		f010.AddSub("b", pick(r, []string{"精装", "平装"}))
	}
	f010.AddSub("d", "CNY"+formatFen(price))
	audience := "km "
	switch st {
	case styleNovel, styleForeign, stylePoetry, stylePopular, styleBiography:
		audience = "m  "
	case styleChildren:
		audience = "c  "
	}
	rec.Add(f010, marc.NewDataField("100", ' ', ' ', "a", entered+"d"+strconv.Itoa(year)+"    "+audience+"y0chiy50      ea"))
	if fa != nil {
		rec.Add(marc.NewDataField("101", '1', ' ', "a", "chi", "c", fa.lang))
	} else {
		rec.Add(marc.NewDataField("101", '0', ' ', "a", "chi"))
	}
	illustrated := st == styleChildren || st == styleMedical || st == styleTextbook && chance(r, 0.6) || chance(r, 0.3)
	rec.Add(
		marc.NewDataField("102", ' ', ' ', "a", "CN", "b", pub.area),
		marc.NewDataField("105", ' ', ' ', "a", f105(illustrated, st)),
		marc.NewDataField("106", ' ', ' ', "a", "r"),
	)
	f200 := marc.NewDataField("200", '1', ' ', "a", title)
	if partNo != "" {
		f200.AddSub("h", partNo)
		if partName != "" {
			f200.AddSub("i", partName)
		}
	}
	if other != "" {
		f200.AddSub("e", other)
	}
	f200.AddSub("f", resp)
	if resp2 != "" {
		f200.AddSub("g", resp2)
	}
	rec.Add(f200)
	if edition != "" {
		rec.Add(marc.NewDataField("205", ' ', ' ', "a", edition))
	}
	rec.Add(marc.NewDataField("210", ' ', ' ', "a", pub.place, "c", pub.name, "d", strconv.Itoa(year)))
	f215 := marc.NewDataField("215", ' ', ' ', "a", zhPages(r, pages))
	if illustrated {
		f215.AddSub("c", pick(r, []string{"图", "图", "彩图", "图, 表", "插图"}))
	}
	f215.AddSub("d", zhSize(r, st, year))
	rec.Add(f215)
	series := ""
	if list := zhSeries[st]; len(list) > 0 && chance(r, 0.15) {
		series = pick(r, list)
		rec.Add(marc.NewDataField("225", '2', ' ', "a", series))
	}
	if summary := zhSummary(r, w, st, year); summary != "" {
		rec.Add(marc.NewDataField("330", ' ', ' ', "a", summary))
	}
	if series != "" {
		rec.Add(marc.NewDataField("410", ' ', '0', "1", "2001", "a", series))
	}
	if fa != nil && fa.lang == "eng" {
		et := enTitle(r, s, year)
		rec.Add(marc.NewDataField("454", ' ', '1', "1", "2001", "a", et))
	}
	if set != "" {
		rec.Add(marc.NewDataField("461", ' ', '0', "1", "2001", "a", set, "v", partNo))
	}
	for _, f := range zhSubjects(r, w, s, st, fa, title) {
		rec.Add(f)
	}
	rec.Add(marc.NewDataField("690", ' ', ' ', "a", s.code, "v", "5"))
	for _, pp := range people {
		f := marc.NewDataField(pp.tag, ' ', '0', "a", pp.name)
		if pp.tag == "711" {
			f = marc.NewDataField(pp.tag, '0', '2', "a", pp.name)
		}
		if pp.country != "" {
			f.AddSub("c", pp.country)
		}
		if pp.orig != "" {
			f.AddSub("g", "("+pp.orig+")")
		}
		f.AddSub("4", pp.role)
		rec.Add(f)
	}
	rec.Add(marc.NewDataField("801", ' ', '0', "a", "CN", "b", "LANTAI", "c", entered))
	for _, it := range items {
		rec.Add(holdings905(it, s.code, m.book))
	}
	return rec
}

// holdings905 is an item's 905 field: $b barcode, $c location, $d class,
// $e book number, $f copy, $y item type (reference works).
func holdings905(it Item, class string, book uint32) marc.Field {
	f := marc.NewDataField("905", ' ', ' ', "a", "LANTAI", "b", it.Barcode, "c", it.Location, "d", class,
		"e", strconv.FormatUint(uint64(book), 10), "f", strconv.Itoa(it.Copy))
	if it.ItemType != "book" {
		f.AddSub("y", it.ItemType)
	}
	return f
}

// zhEdition draws an edition statement: textbooks and medical books are
// often in a later edition.
func zhEdition(r *rand.Rand, st style) string {
	p := 0.04
	switch st {
	case styleTextbook, styleReference:
		p = 0.3
	case styleMedical:
		p = 0.4
	case styleLaw:
		p = 0.2
	}
	if !chance(r, p) {
		return ""
	}
	if chance(r, 0.12) {
		return "修订版"
	}
	return "第" + strconv.Itoa(2+editionDist.draw(r)) + "版"
}

var editionDist = zipf(8, 1.3, 1)

// f105 is the coded data of a textual book (105 $a): illustrations,
// literary genre, biography.
func f105(illustrated bool, st style) string {
	ill, genre, bio := byte('y'), byte('y'), byte('y')
	if illustrated {
		ill = 'a'
	}
	switch st {
	case styleNovel, styleForeign, styleChildren:
		genre = 'a'
	case stylePoetry:
		genre = 'z'
	case styleBiography:
		bio = 'b'
	}
	return string(ill) + "   z   000" + string(genre) + string(bio)
}

// zhPages writes an extent: "312页", sometimes with preliminary pages.
func zhPages(r *rand.Rand, pages int) string {
	if chance(r, 0.2) {
		return strconv.Itoa(4+r.IntN(20)) + ", " + strconv.Itoa(pages) + "页"
	}
	return strconv.Itoa(pages) + "页"
}

// zhSize draws a height: textbooks and references are large, older and
// literary books smaller.
func zhSize(r *rand.Rand, st style, year int) string {
	switch {
	case st == styleTextbook || st == styleReference || st == styleMedical:
		return pick(r, []string{"26cm", "26cm", "26cm", "24cm", "29cm"})
	case year < 2000:
		return pick(r, []string{"19cm", "20cm", "21cm", "21cm"})
	case st == styleNovel || st == styleForeign || st == stylePoetry:
		return pick(r, []string{"21cm", "21cm", "23cm", "24cm"})
	case st == styleChildren:
		return pick(r, []string{"21cm", "24cm", "26cm"})
	}
	return pick(r, []string{"24cm", "24cm", "23cm", "21cm", "26cm"})
}

// enteredOn is the date a record was catalogued (YYYYMMDD): within a year
// of publication, and this year for new acquisitions.
func enteredOn(r *rand.Rand, year int, processing bool) string {
	y := year + r.IntN(2)
	if processing {
		y = 2026
	}
	if y > 2026 {
		y = 2026
	}
	mon := 1 + r.IntN(12)
	if y == 2026 {
		mon = 1 + r.IntN(10)
	}
	return itoaPad(y, 4) + itoaPad(mon, 2) + itoaPad(1+r.IntN(28), 2)
}
