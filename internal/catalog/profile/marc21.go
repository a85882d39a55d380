package profile

import (
	"strings"

	"lantai.dev/lantai/internal/marc"
)

// DeriveMARC21 derives the descriptive fields of a MARC 21 bibliographic
// record. Fields linked to vernacular 880 fields are read from the 880
// (see the package comment); unlinked 880 fields (occurrence 00) are read
// as the field they name.
//
// It returns an *Error for a record that is not bibliographic
// (leader/06) or has no title proper in 245 $a (nor $k, the form of an
// archival title); the Bib then holds the rest.
func DeriveMARC21(r *marc.Record) (Bib, error) {
	if r == nil {
		return Bib{}, &Error{Format: marc.FormatMARC21, Tag: "record", Err: ErrNoRecord}
	}
	var m marc21
	b := &m.b
	b.Format, b.ControlNumber = marc.FormatMARC21, trimSpace(r.ControlValue("001"))
	if kind := notBibliographic(r.Leader, false); kind != "" {
		return *b, &Error{Format: b.Format, ControlNumber: b.ControlNumber, Tag: "leader/06",
			Err: ErrNotBibliographic, Detail: kind}
	}
	b.Material = materialOf(r.Leader, false)
	fields := r.All()
	m.links = find880s(fields)
	presize(b, fields, false)
	for i := range fields {
		f := &fields[i]
		tag := f.Tag
		var roman *marc.Field
		if tag == "880" {
			t, occ := link880(f)
			if occ != "00" || t == "" {
				continue // read in place of the field it is linked to
			}
			tag = t
		} else if alt := m.vernacular(f); alt != nil {
			f, roman = alt, f
		}
		m.field(tag, f, roman)
	}
	m.finish()
	if m.t.missing {
		return *b, &Error{Format: b.Format, ControlNumber: b.ControlNumber, Tag: "245", Err: ErrNoTitle}
	}
	return *b, nil
}

// marc21 holds the state of one MARC 21 derivation.
type marc21 struct {
	b     Bib
	t     titleParts
	e     extentParts
	links []*marc.Field // the 880 fields, nil if none

	has245, has300 bool
	f008           string
	pub            *marc.Field // the chosen publication field
	pubRank        int
	copyright      string // 264 second indicator 4 $c
	uniform240     string
	series8xx      []Series
	mainName       int // index+1 in b.Names of the 1XX name
	reproduction   bool
}

// find880s returns the 880 fields of a record, nil if none.
func find880s(fields []marc.Field) []*marc.Field {
	var out []*marc.Field
	for i := range fields {
		if fields[i].Tag == "880" {
			out = append(out, &fields[i])
		}
	}
	return out
}

// link880 returns the tag and occurrence an 880 field names in its $6
// ("245-02/$1" gives "245", "02").
func link880(f *marc.Field) (tag, occ string) {
	s := f.Sub('6')
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	if len(s) < 6 || s[3] != '-' {
		return "", ""
	}
	return s[:3], s[4:6]
}

// vernacular returns the 880 field linked to f by its $6 ("880-02"), or
// nil.
func (m *marc21) vernacular(f *marc.Field) *marc.Field {
	if m.links == nil || f.Control {
		return nil
	}
	s := f.Sub('6')
	if !strings.HasPrefix(s, "880-") || len(s) < 6 {
		return nil
	}
	occ := s[4:6]
	for _, l := range m.links {
		if t, o := link880(l); t == f.Tag && o == occ {
			if len(l.Subfields) > 1 {
				return l
			}
		}
	}
	return nil
}

// field derives from one field; roman is the romanised field when f is its
// vernacular 880.
func (m *marc21) field(tag string, f *marc.Field, roman *marc.Field) {
	b := &m.b
	if len(tag) != 3 {
		return
	}
	switch {
	case tag == "008":
		if f.Control {
			m.f008 = f.Value
			if len(f.Value) >= 38 {
				b.Languages = addLanguages(b.Languages, f.Value[35:38])
			}
		}
	case f.Control:
	case tag == "020":
		m.isbn(f)
	case tag == "022":
		for _, sf := range f.Subfields {
			switch sf.Code {
			case "a":
				b.ISSNs = append(b.ISSNs, newISSN(sf.Value, false))
			case "y", "z":
				b.ISSNs = append(b.ISSNs, newISSN(sf.Value, true))
			}
		}
	case tag == "041":
		if f.Ind1() == '1' {
			b.Translation = true
		}
		for _, sf := range f.Subfields {
			switch sf.Code {
			case "a":
				b.Languages = addLanguages(b.Languages, sf.Value)
			case "h":
				b.OriginalLanguages = addLanguages(b.OriginalLanguages, sf.Value)
				b.Translation = true
			}
		}
	case tag == "050":
		addClass(b, "lcc", f.Sub('a'), "")
	case tag == "060":
		addClass(b, "nlm", f.Sub('a'), "")
	case tag == "080":
		addClass(b, "udc", f.Sub('a'), f.Sub('2'))
	case tag == "082":
		for _, a := range f.Subs('a') {
			addClass(b, "ddc", a, f.Sub('2'))
		}
	case tag == "084":
		src := f.Sub('2')
		if ok, ed := isCLCSource(src); ok {
			for _, a := range f.Subs('a') {
				addCLC(b, a, ed)
			}
		} else {
			for _, a := range f.Subs('a') {
				addClass(b, strings.ToLower(trimSpace(src)), a, "")
			}
		}
	case tag == "100", tag == "110", tag == "111":
		if n := marc21Name(tag, f, roman); n.Name != "" {
			n.Main = true
			b.Names = append(b.Names, n)
			if m.mainName == 0 {
				m.mainName = len(b.Names)
			}
		}
	case tag == "700", tag == "710", tag == "711", tag == "720":
		if n := marc21Name(tag, f, roman); n.Name != "" {
			b.Names = append(b.Names, n)
		}
	case tag == "130", tag == "730", tag == "740":
		b.VariantTitles = addUnique(b.VariantTitles, clean(subText(f, "anp")))
	case tag == "240":
		m.uniform240 = clean(subText(f, "anp"))
		b.VariantTitles = addUnique(b.VariantTitles, m.uniform240)
	case tag == "245":
		if !m.has245 {
			m.has245 = true
			m.title(f)
			if m.t.missing && roman != nil { // an 880 without a title: use the romanised one
				m.t = titleParts{}
				m.title(roman)
				roman = nil
			}
			if roman != nil {
				b.TitleRomanized = displayForm(clean(roman.Sub('a')))
			}
		}
	case tag == "246":
		v := clean(subText(f, "anp"))
		if f.Ind2() == '1' {
			m.t.parall = addUnique(m.t.parall, v)
		} else {
			b.VariantTitles = addUnique(b.VariantTitles, v)
		}
	case tag == "250":
		if b.Edition == "" {
			b.Edition = trimISBD(subText(f, "ab"))
		}
	case tag == "260", tag == "264":
		m.publication(tag, f)
	case tag == "300":
		if !m.has300 {
			m.has300 = true
			m.e.pages = clean(f.Sub('a'))
			m.e.ill = clean(f.Sub('b'))
			m.e.dims = clean(f.Sub('c'))
			for _, e := range f.Subs('e') {
				m.e.acc = append(m.e.acc, clean(unparen(clean(e))))
			}
		}
	case tag == "310":
		if b.Frequency == "" {
			b.Frequency = clean(f.Sub('a'))
		}
	case tag == "362":
		if b.Numbering == "" {
			b.Numbering = trimSpace(f.Sub('a'))
		}
	case tag == "440":
		addSeries(b, Series{Title: clean(subText(f, "anp")), Number: clean(f.Sub('v')), ISSN: clean(f.Sub('x')), Tag: tag})
	case tag == "490":
		addSeries(b, Series{Title: clean(f.Sub('a')), Number: clean(f.Sub('v')), ISSN: clean(f.Sub('x')), Tag: tag})
	case tag == "800", tag == "810", tag == "811":
		m.series8xx = append(m.series8xx, Series{Title: clean(subText(f, "tnp")), Number: clean(f.Sub('v')), ISSN: clean(f.Sub('x')), Tag: tag})
	case tag == "830":
		m.series8xx = append(m.series8xx, Series{Title: clean(subText(f, "anp")), Number: clean(f.Sub('v')), ISSN: clean(f.Sub('x')), Tag: tag})
	case tag == "502":
		b.Thesis = true
		note := noteText(f, " ")
		if b.ThesisNote == "" {
			b.ThesisNote = note
		}
		b.Notes = addUnique(b.Notes, note)
	case tag == "520":
		b.Summary = appendPart(b.Summary, "\n", dropControls(trimSpace(subText(f, "ab"))))
	case tag[0] == '5':
		b.Notes = addUnique(b.Notes, noteText(f, " "))
	case tag[0] == '6':
		m.subject(tag, f)
	case tag == "765":
		if t := clean(f.Sub('t')); t != "" && b.OriginalTitle == "" {
			b.OriginalTitle = t
		}
	case tag == "856":
		for _, u := range f.Subs('u') {
			b.URLs = addUnique(b.URLs, trimSpace(u))
		}
	}
}

// isbn reads one 020 field.
func (m *marc21) isbn(f *marc.Field) {
	b := &m.b
	start := len(b.ISBNs)
	var price Price
	qual := ""
	for _, sf := range f.Subfields {
		switch sf.Code {
		case "a":
			b.ISBNs = append(b.ISBNs, newISBN(sf.Value, false))
		case "z":
			b.ISBNs = append(b.ISBNs, newISBN(sf.Value, true))
		case "q":
			qual = appendPart(qual, " ; ", unparen(clean(sf.Value)))
		case "c":
			price = readPrice(sf.Value)
		}
	}
	for i := start; i < len(b.ISBNs); i++ {
		x := &b.ISBNs[i]
		if qual != "" {
			x.Qualifier = qual
		}
		if !x.Cancelled {
			x.Price = price
		}
	}
	setPrice(b, price)
}

// title reads the 245 field.
func (m *marc21) title(f *marc.Field) {
	t := &m.t
	parallel := false
	var title, filing, nums, names string
	for _, sf := range f.Subfields {
		v := sf.Value
		switch sf.Code {
		case "a":
			a := trimISBD(v)
			title = appendPart(title, " ; ", displayForm(a))
			filing = appendPart(filing, " ; ", filingForm(a))
			parallel = strings.HasSuffix(trimSpace(v), "=")
		case "b":
			m.remainder(v, parallel)
		case "c":
			t.resp = appendPart(t.resp, " ; ", clean(v))
		case "h":
			if m.b.Medium == "" {
				m.b.Medium = clean(unparen(clean(v)))
			}
		case "n":
			nums = appendPart(nums, ". ", clean(v))
		case "p":
			names = appendPart(names, ". ", clean(v))
		case "k":
			if title == "" {
				title, filing = clean(v), clean(v)
			}
		}
	}
	if n := f.Ind2(); n >= '1' && n <= '9' && filing == title {
		filing = skipRunes(filing, int(n-'0'))
	}
	t.titles, t.filing = title, filing
	t.parts = joinNonEmpty(", ", nums, names)
	m.b.PartNumber, m.b.PartName = nums, names
	if title == "" {
		t.missing = true
	}
}

// remainder splits 245 $b into parallel titles (after "=") and other title
// information (after ":").
func (m *marc21) remainder(v string, parallel bool) {
	t := &m.t
	for v != "" {
		i, sep := nextSeparator(v)
		seg := v
		if i >= 0 {
			seg = v[:i]
		}
		if s := clean(seg); s != "" {
			if parallel {
				t.parall = append(t.parall, s)
			} else {
				t.other = appendPart(t.other, " : ", s)
			}
		}
		if i < 0 {
			break
		}
		parallel = sep == '='
		v = v[i+3:]
	}
}

// nextSeparator finds the first " = " or " : " in v.
func nextSeparator(v string) (int, byte) {
	e := strings.Index(v, " = ")
	c := strings.Index(v, " : ")
	switch {
	case e < 0 && c < 0:
		return -1, 0
	case c < 0 || (e >= 0 && e < c):
		return e, '='
	}
	return c, ':'
}

// publication keeps the best publication field: 264 with second indicator
// 1 (publication), else 260, else another 264 (production, distribution,
// manufacture); 264 with second indicator 4 gives the copyright date.
func (m *marc21) publication(tag string, f *marc.Field) {
	rank := 1
	switch {
	case tag == "264" && f.Ind2() == '4':
		if m.copyright == "" {
			m.copyright = f.Sub('c')
		}
		return
	case tag == "264" && f.Ind2() == '1':
		rank = 3
	case tag == "260":
		rank = 2
	}
	if rank > m.pubRank {
		m.pub, m.pubRank = f, rank
	}
}

// subject reads a 6XX field.
func (m *marc21) subject(tag string, f *marc.Field) {
	kind := SubjectTopical
	switch tag {
	case "600":
		kind = SubjectPersonal
		if f.Ind1() == '3' {
			kind = SubjectFamily
		}
	case "610":
		kind = SubjectCorporate
	case "611":
		kind = SubjectMeeting
	case "630":
		kind = SubjectTitle
	case "648":
		kind = SubjectPeriod
	case "651", "662":
		kind = SubjectGeographic
	case "655", "656", "657":
		kind = SubjectGenre
	case "653":
		for _, a := range f.Subs('a') {
			addSubject(&m.b, Subject{Heading: clean(a), Kind: SubjectKeyword, Tag: tag})
		}
		return
	}
	src := ""
	switch f.Ind2() {
	case '0':
		src = "lcsh"
	case '1':
		src = "lcshac"
	case '2':
		src = "mesh"
	case '3':
		src = "nal"
	case '5':
		src = "cash"
	case '6':
		src = "rvm"
	case '7':
		src = trimSpace(f.Sub('2'))
	}
	addSubject(&m.b, Subject{Heading: heading(f, "vxyz", "e4", true), Kind: kind, Source: src, Tag: tag})
}

// heading builds a subject heading: the main part (the letter subfields
// other than the subdivisions and those in skip), then each subdivision
// after "--". With raw set (MARC 21, whose subfields carry their
// punctuation) the main part is the subfields as recorded joined by spaces
// and trimmed at the end ("Lu, Xun, 1881-1936"); else (CNMARC) the
// trimmed subfields joined by ". ".
func heading(f *marc.Field, subdivisions, skip string, raw bool) string {
	main, subs := "", ""
	for _, sf := range f.Subfields {
		if !isLetterCode(sf.Code) || inSet(skip, sf.Code) {
			continue
		}
		switch {
		case inSet(subdivisions, sf.Code):
			subs = appendPart(subs, "--", clean(sf.Value))
		case subs != "":
		case raw:
			main = appendPart(main, " ", trimSpace(sf.Value))
		default:
			main = appendPart(main, ". ", clean(sf.Value))
		}
	}
	if raw {
		main = clean(main)
	}
	return appendPart(main, "--", subs)
}

// noteText joins the letter subfields of a note field.
func noteText(f *marc.Field, sep string) string {
	n := 0
	for _, sf := range f.Subfields {
		n += len(sf.Value) + len(sep)
	}
	var b strings.Builder
	b.Grow(n)
	for _, sf := range f.Subfields {
		if !isLetterCode(sf.Code) {
			continue
		}
		v := trimSpace(sf.Value)
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(v)
	}
	return dropControls(b.String())
}

// marc21Name reads a 1XX/7XX name field.
func marc21Name(tag string, f *marc.Field, roman *marc.Field) Name {
	n := Name{Tag: tag}
	codes, relCodes := "abcq", "e4"
	switch tag[1:] {
	case "00":
		n.Kind = Personal
		if f.Ind1() == '3' {
			n.Kind = Family
		}
		n.Dates = clean(f.Sub('d'))
	case "10":
		n.Kind, codes = Corporate, "abcdgn"
	case "11":
		n.Kind, codes, relCodes = Meeting, "acdegnq", "j4"
	case "20":
		n.Kind, codes = Personal, "a"
		if f.Ind1() == '2' {
			n.Kind = Corporate
		}
	}
	n.Name = trimISBD(subText(f, codes))
	if roman != nil {
		n.Romanized = trimISBD(subText(roman, codes))
	}
	var relBuf [4]string
	rel := relBuf[:0]
	for i := range f.Subfields {
		if sf := &f.Subfields[i]; inSet(relCodes, sf.Code) {
			rel = append(rel, sf.Value)
		}
	}
	n.Relator, n.Role = relatorText(rel), firstRole(rel)
	return n
}

// finish derives what needs the whole record.
func (m *marc21) finish() {
	b := &m.b
	if !m.has245 {
		m.t.missing = true
	}
	f008 := m.f008
	dateType := byte(0)
	if len(f008) >= 11 {
		dateType = f008[6]
		m.reproduction = dateType == 'r'
		if dateType != 'b' && dateType != 'n' && dateType != '|' {
			b.Year = codedYear(f008[7:11])
		}
	}
	if m.pub != nil {
		var place, pub, date string
		for _, sf := range m.pub.Subfields {
			switch sf.Code {
			case "a":
				if place == "" {
					place = clean(sf.Value)
				}
			case "b":
				if pub == "" {
					pub = clean(sf.Value)
				}
			case "c":
				if date == "" {
					date = clean(sf.Value)
				}
			}
		}
		b.PubPlace, b.Publisher, b.PubDate = place, pub, date
		b.Publication = trimISBD(subText(m.pub, "abc"))
	}
	if b.Year == 0 {
		b.Year = ParseYear(b.PubDate)
	}
	if b.Year == 0 {
		b.Year = ParseYear(m.copyright)
	}
	m.fixedFields(f008)
	if m.uniform240 != "" && b.Translation {
		b.OriginalTitle = m.uniform240
	}
	for _, s := range m.series8xx {
		addSeries(b, s)
	}
	if b.TitleRomanized != "" {
		b.VariantTitles = addUnique(b.VariantTitles, b.TitleRomanized)
	}
	finishTitle(b, &m.t)
	finishExtent(b, &m.e)
	finishIDs(b)
	m.firstAuthor()
	finishAncient(b, m.reproduction)
	finishKeys(b, &m.t)
	unnil(b)
}

// fixedFields reads the material-specific positions of 008.
func (m *marc21) fixedFields(f008 string) {
	b := &m.b
	for _, n := range b.Names {
		if n.Kind == Meeting {
			b.Conference = true
		}
	}
	if len(f008) < 30 {
		return
	}
	typ := b.Material
	book := typ == MaterialBook || typ == MaterialManuscript || typ == MaterialArticle
	switch typ {
	case MaterialBook, MaterialManuscript, MaterialArticle, MaterialMusic, MaterialMusicRecord,
		MaterialSound, MaterialVideo, MaterialGraphic, MaterialKit, MaterialObject, MaterialEResource:
		switch f008[22] {
		case 'a', 'b', 'c', 'd', 'j':
			b.Juvenile = true
		}
	}
	if book {
		if strings.ContainsRune(f008[24:28], 'm') {
			b.Thesis = true
		}
	}
	if (book || typ == MaterialSerial) && f008[29] == '1' {
		b.Conference = true
	}
}

// firstAuthor chooses the name for sort and duplicate keys.
func (m *marc21) firstAuthor() {
	b := &m.b
	switch {
	case m.mainName > 0:
		b.FirstAuthor = b.Names[m.mainName-1].Name
		return
	}
	for _, n := range b.Names {
		if authorRole(n.Role) {
			b.FirstAuthor = n.Name
			return
		}
	}
	if len(b.Names) > 0 {
		b.FirstAuthor = b.Names[0].Name
	}
}
