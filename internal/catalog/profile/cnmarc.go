package profile

import (
	"strings"

	"lantai.dev/lantai/internal/marc"
)

// DeriveCNMARC derives the descriptive fields of a CNMARC (or UNIMARC)
// bibliographic record.
//
// Chinese practice is followed where it differs from UNIMARC: the pinyin of
// titles and names in $9 (or $A), relators in $4 written as Chinese terms
// ("著", "主编") as often as UNIMARC codes ("070"), the CLC in 690 with its
// edition in $v, the 中科图 class in 692 and the 人大法 class in 694.
//
// It returns an *Error for a record that is not bibliographic (leader/06)
// or has no title proper in 200 $a; the Bib then holds the rest.
func DeriveCNMARC(r *marc.Record) (Bib, error) {
	if r == nil {
		return Bib{}, &Error{Format: marc.FormatCNMARC, Tag: "record", Err: ErrNoRecord}
	}
	var c cnmarc
	b := &c.b
	b.Format, b.ControlNumber = marc.FormatCNMARC, trimSpace(r.ControlValue("001"))
	if kind := notBibliographic(r.Leader, true); kind != "" {
		return *b, &Error{Format: b.Format, ControlNumber: b.ControlNumber, Tag: "leader/06",
			Err: ErrNotBibliographic, Detail: kind}
	}
	b.Material = materialOf(r.Leader, true)
	fields := r.All()
	presize(b, fields, true)
	for i := range fields {
		c.field(&fields[i])
	}
	c.finish()
	if c.t.missing {
		return *b, &Error{Format: b.Format, ControlNumber: b.ControlNumber, Tag: "200", Err: ErrNoTitle}
	}
	return *b, nil
}

// cnmarc holds the state of one CNMARC derivation.
type cnmarc struct {
	b Bib
	t titleParts
	e extentParts

	has200, has210, has215 bool
	f100                   string
	country                string
	has102                 bool
	pubDate2               string // 210 $h, the date of printing
	parallel510            []string
	series410              []Series
	firstStatement         string // 200 $f
}

// field derives from one field.
func (c *cnmarc) field(f *marc.Field) {
	b := &c.b
	if f.Control {
		return
	}
	tag := f.Tag
	if len(tag) != 3 {
		return
	}
	switch tag {
	case "010":
		c.isbn(f)
	case "011":
		for _, sf := range f.Subfields {
			switch sf.Code {
			case "a":
				b.ISSNs = append(b.ISSNs, newISSN(sf.Value, false))
			case "y", "z":
				b.ISSNs = append(b.ISSNs, newISSN(sf.Value, true))
			case "d":
				setPrice(b, readPrice(sf.Value))
			}
		}
	case "100":
		if c.f100 == "" {
			c.f100 = f.Sub('a')
		}
	case "101":
		if f.Ind1() == '1' {
			b.Translation = true
		}
		for _, sf := range f.Subfields {
			switch sf.Code {
			case "a":
				b.Languages = addLanguages(b.Languages, sf.Value)
			case "c":
				b.OriginalLanguages = addLanguages(b.OriginalLanguages, sf.Value)
			}
		}
	case "102":
		c.has102 = true
		if c.country == "" {
			c.country = strings.ToUpper(trimSpace(f.Sub('a')))
		}
	case "105":
		if a := f.Sub('a'); len(a) >= 9 {
			if strings.ContainsAny(a[4:8], "mv") {
				b.Thesis = true
			}
			if a[8] == '1' {
				b.Conference = true
			}
		}
	case "200":
		if !c.has200 {
			c.has200 = true
			c.title(f)
		}
	case "205":
		if b.Edition == "" {
			b.Edition = joinNonEmpty(", ", clean(f.Sub('a')), clean(f.Sub('b')))
		}
	case "207":
		if b.Numbering == "" {
			b.Numbering = clean(f.Sub('a'))
		}
	case "210", "214":
		if !c.has210 {
			c.has210 = true
			c.publication(f)
		}
	case "215":
		if !c.has215 {
			c.has215 = true
			pages := ""
			for _, a := range f.Subs('a') {
				pages = appendPart(pages, ", ", clean(a))
			}
			c.e.pages = pages
			c.e.ill = clean(f.Sub('c'))
			c.e.dims = clean(f.Sub('d'))
			for _, e := range f.Subs('e') {
				c.e.acc = append(c.e.acc, clean(e))
			}
		}
	case "225":
		parts := ""
		last := byte(0)
		for _, sf := range f.Subfields {
			switch sf.Code {
			case "h":
				parts = appendPart(parts, ". ", clean(sf.Value))
				last = 'h'
			case "i":
				sep := ". "
				if last == 'h' {
					sep = ", "
				}
				parts = appendPart(parts, sep, clean(sf.Value))
				last = 'i'
			}
		}
		addSeries(b, Series{Title: joinNonEmpty(". ", displayForm(clean(f.Sub('a'))), parts),
			Number: clean(f.Sub('v')), ISSN: clean(f.Sub('x')), Tag: tag})
	case "326":
		if b.Frequency == "" {
			b.Frequency = clean(f.Sub('a'))
		}
		b.Notes = addUnique(b.Notes, noteText(f, " "))
	case "328":
		b.Thesis = true
		note := thesisNote(f)
		if b.ThesisNote == "" {
			b.ThesisNote = note
		}
		b.Notes = addUnique(b.Notes, note)
	case "330":
		b.Summary = appendPart(b.Summary, "\n", dropControls(trimSpace(subText(f, "a"))))
	case "327":
		b.Notes = addUnique(b.Notes, noteText(f, "; "))
	case "410":
		if s := linkedTitle(f); s.Title != "" {
			s.Tag = tag
			c.series410 = append(c.series410, s)
		}
	case "454":
		b.Translation = true
		if s := linkedTitle(f); s.Title != "" && b.OriginalTitle == "" {
			b.OriginalTitle = s.Title
		}
	case "461", "500", "512", "513", "514", "515", "516", "517", "532", "540", "541":
		t := ""
		if tag == "461" {
			t = linkedTitle(f).Title
		} else {
			t = displayForm(clean(f.Sub('a')))
		}
		b.VariantTitles = addUnique(b.VariantTitles, t)
	case "510":
		c.parallel510 = addUnique(c.parallel510, displayForm(clean(f.Sub('a'))))
	case "600", "601", "602", "604", "605", "606", "607", "608", "610", "615", "616", "617":
		c.subject(tag, f)
	case "675":
		addClass(b, "udc", f.Sub('a'), f.Sub('v'))
	case "676":
		addClass(b, "ddc", f.Sub('a'), f.Sub('v'))
	case "680":
		addClass(b, "lcc", f.Sub('a'), "")
	case "686":
		src := trimSpace(f.Sub('2'))
		for _, a := range f.Subs('a') {
			switch {
			case sibuSource(src), isSibuClass(trimSpace(a)):
				addClass(b, "sibu", a, f.Sub('v'))
			case strings.EqualFold(src, "kt"), strings.EqualFold(src, "ktf"):
				addClass(b, "kt", a, f.Sub('v'))
			default:
				addClass(b, strings.ToLower(src), a, f.Sub('v'))
			}
		}
	case "690":
		for _, a := range f.Subs('a') {
			addCLC(b, a, clean(f.Sub('v')))
		}
	case "692":
		addClass(b, "kt", f.Sub('a'), f.Sub('v'))
	case "694":
		addClass(b, "rdf", f.Sub('a'), f.Sub('v'))
	case "700", "701", "702", "710", "711", "712", "720", "721", "722":
		if n := cnmarcName(f); n.Name != "" {
			b.Names = append(b.Names, n)
		}
	case "856":
		for _, u := range f.Subs('u') {
			b.URLs = addUnique(b.URLs, trimSpace(u))
		}
	default:
		if tag[0] == '3' && tag <= "345" {
			b.Notes = addUnique(b.Notes, noteText(f, " "))
		}
	}
}

// isbn reads one 010 field.
func (c *cnmarc) isbn(f *marc.Field) {
	b := &c.b
	start := len(b.ISBNs)
	price := readPrice(f.Sub('d'))
	qual := clean(f.Sub('b'))
	for _, sf := range f.Subfields {
		switch sf.Code {
		case "a":
			b.ISBNs = append(b.ISBNs, newISBN(sf.Value, false))
		case "z":
			b.ISBNs = append(b.ISBNs, newISBN(sf.Value, true))
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

// title reads the 200 field.
func (c *cnmarc) title(f *marc.Field) {
	t := &c.t
	b := &c.b
	var nums, names, parts, first, later, vol string
	last := byte(0)
	for _, sf := range f.Subfields {
		v := sf.Value
		switch sf.Code {
		case "a":
			a := clean(v)
			t.titles = appendPart(t.titles, " ; ", displayForm(a))
			t.filing = appendPart(t.filing, " ; ", filingForm(a))
		case "b":
			if b.Medium == "" {
				b.Medium = unparen(clean(v))
			}
		case "c":
			t.others = append(t.others, displayForm(clean(v)))
		case "d":
			t.parall = addUnique(t.parall, displayForm(clean(v)))
		case "e":
			t.other = appendPart(t.other, " : ", clean(v))
		case "f":
			first = appendPart(first, " ; ", clean(v))
		case "g":
			later = appendPart(later, " ; ", clean(v))
		case "h":
			h := clean(v)
			nums = appendPart(nums, ". ", h)
			parts = appendPart(parts, ". ", h)
		case "i":
			i := clean(v)
			names = appendPart(names, ". ", i)
			if last == 'h' {
				parts = appendPart(parts, ", ", i)
			} else {
				parts = appendPart(parts, ". ", i)
			}
		case "v":
			vol = appendPart(vol, ". ", clean(v))
		case "9", "A":
			if b.TitlePinyin == "" {
				b.TitlePinyin = trimSpace(v)
			}
		}
		if len(sf.Code) == 1 {
			last = sf.Code[0]
		}
	}
	if nums == "" && vol != "" {
		nums = vol
		parts = joinNonEmpty(". ", vol, parts)
	}
	b.PartNumber, b.PartName = nums, names
	t.parts = parts
	t.resp = joinNonEmpty(" ; ", first, later)
	c.firstStatement = first
	if t.titles == "" {
		t.missing = true
	}
}

// publication reads the 210 (or 214) field.
func (c *cnmarc) publication(f *marc.Field) {
	b := &c.b
	var buf []byte
	for _, sf := range f.Subfields {
		sep := ""
		switch sf.Code {
		case "a":
			sep = " ; "
		case "c":
			sep = " : "
		case "d":
			sep = ", "
		case "h":
		default:
			continue
		}
		v := clean(sf.Value)
		if v == "" {
			continue
		}
		switch sf.Code {
		case "a":
			if b.PubPlace == "" {
				b.PubPlace = v
			}
		case "c":
			if b.Publisher == "" {
				b.Publisher = v
			}
		case "d":
			if b.PubDate == "" {
				b.PubDate = v
			}
		case "h":
			if c.pubDate2 == "" {
				c.pubDate2 = v
			}
			continue
		}
		if buf == nil {
			buf = make([]byte, 0, 64)
		} else {
			buf = append(buf, sep...)
		}
		buf = append(buf, v...)
	}
	b.Publication = string(buf)
}

// subject reads a 6XX subject field.
func (c *cnmarc) subject(tag string, f *marc.Field) {
	src := trimSpace(f.Sub('2'))
	kind := SubjectTopical
	switch tag {
	case "600":
		kind = SubjectPersonal
	case "601":
		kind = SubjectCorporate
		if f.Ind1() == '1' {
			kind = SubjectMeeting
		}
	case "602":
		kind = SubjectFamily
	case "604", "605":
		kind = SubjectTitle
	case "607", "617":
		kind = SubjectGeographic
	case "608":
		kind = SubjectGenre
	case "610":
		for _, a := range f.Subs('a') {
			addSubject(&c.b, Subject{Heading: clean(a), Kind: SubjectKeyword, Source: src, Tag: tag})
		}
		return
	}
	h := ""
	if tag == "600" || tag == "602" {
		main := personalName(f)
		subs := ""
		for _, sf := range f.Subfields {
			switch sf.Code {
			case "j", "x", "y", "z":
				subs = appendPart(subs, "--", clean(sf.Value))
			}
		}
		h = appendPart(main, "--", subs)
	} else {
		h = heading(f, "jxyz", "", false)
	}
	addSubject(&c.b, Subject{Heading: h, Kind: kind, Source: src, Tag: tag})
}

// personalName builds the name of a person from CNMARC $a, $b and $d
// (and, for a subject heading, $f in parentheses).
func personalName(f *marc.Field) string {
	var a, bb, d, dates string
	for i := range f.Subfields {
		switch sf := &f.Subfields[i]; sf.Code {
		case "a":
			if a == "" {
				a = clean(sf.Value)
			}
		case "b":
			if bb == "" {
				bb = clean(sf.Value)
			}
		case "d":
			if d == "" {
				d = clean(sf.Value)
			}
		case "f":
			if dates == "" && (f.Tag == "600" || f.Tag == "602") {
				dates = unparen(clean(sf.Value))
			}
		}
	}
	sep := " "
	if f.Ind2() == '1' {
		sep = ", "
	}
	n := join(piece{"", a}, piece{sep, bb}, piece{" ", d})
	if dates != "" {
		n += " (" + dates + ")"
	}
	return displayForm(n)
}

// cnmarcName reads a 70X/71X/72X name field.
func cnmarcName(f *marc.Field) Name {
	n := Name{Tag: f.Tag, Main: f.Tag[2] == '0'}
	var relBuf [4]string
	rel := relBuf[:0]
	var name, meeting string
	for i := range f.Subfields {
		sf := &f.Subfields[i]
		switch sf.Code {
		case "4":
			rel = append(rel, sf.Value)
		case "9", "A":
			if n.Pinyin == "" {
				n.Pinyin = trimSpace(sf.Value)
			}
		case "c":
			n.Qualifier = appendPart(n.Qualifier, " ", clean(sf.Value))
		case "g":
			if f.Tag[1] == '0' {
				n.Qualifier = appendPart(n.Qualifier, " ", clean(sf.Value))
			}
		case "f":
			if f.Tag[1] != '1' && n.Dates == "" {
				n.Dates = clean(sf.Value)
			}
		}
		if f.Tag[1] == '1' {
			switch sf.Code {
			case "a":
				if name == "" {
					name = clean(sf.Value)
				}
			case "b", "h":
				name = appendPart(name, ". ", clean(sf.Value))
			}
		}
	}
	switch f.Tag[1] {
	case '0':
		n.Kind = Personal
		n.Name = personalName(f)
	case '1':
		n.Kind = Corporate
		if f.Ind1() == '1' {
			n.Kind = Meeting
		}
		for _, code := range "dfe" { // number, date and place of a meeting
			for i := range f.Subfields {
				if sf := &f.Subfields[i]; len(sf.Code) == 1 && rune(sf.Code[0]) == code {
					meeting = appendPart(meeting, " : ", stripBrackets(sf.Value))
				}
			}
		}
		if meeting != "" {
			name += " (" + meeting + ")"
		}
		n.Name = displayForm(name)
	case '2':
		n.Kind = Family
		n.Name = displayForm(clean(f.Sub('a')))
	}
	n.Relator, n.Role = relatorText(rel), firstRole(rel)
	return n
}

// linkedTitle reads the title of a 4XX linking field: $t (standard
// subfields), or the $a (and for a 200 the $e, after " : ") of the 200,
// 225 or 500 embedded after "$1200" (embedded fields), with its volume $v
// and ISSN ($x, or the embedded 011 $a).
func linkedTitle(f *marc.Field) Series {
	var s Series
	embedded := ""
	for _, sf := range f.Subfields {
		if sf.Code == "1" {
			if len(sf.Value) >= 3 {
				embedded = sf.Value[:3]
			}
			continue
		}
		switch embedded {
		case "":
			switch sf.Code {
			case "t":
				if s.Title == "" {
					s.Title = displayForm(clean(sf.Value))
				}
			case "v":
				s.Number = clean(sf.Value)
			case "x":
				s.ISSN = clean(sf.Value)
			}
		case "200", "225", "500":
			switch sf.Code {
			case "a":
				if s.Title == "" {
					s.Title = displayForm(clean(sf.Value))
				}
			case "e":
				if s.Title != "" && embedded == "200" {
					s.Title += " : " + clean(sf.Value)
				}
			case "v":
				if s.Number == "" {
					s.Number = clean(sf.Value)
				}
			case "x":
				s.ISSN = clean(sf.Value)
			}
		case "011":
			if sf.Code == "a" {
				s.ISSN = clean(sf.Value)
			}
		default:
			if sf.Code == "v" && s.Number == "" {
				s.Number = clean(sf.Value)
			}
		}
	}
	return s
}

// thesisNote builds the dissertation note from 328: $a as a whole, or
// "$b--$e, $d" (学位, 授予单位, 年) with the discipline $c.
func thesisNote(f *marc.Field) string {
	if a := trimSpace(f.Sub('a')); a != "" {
		return a
	}
	deg := joinNonEmpty(" : ", clean(f.Sub('b')), clean(f.Sub('c')))
	inst := joinNonEmpty(", ", clean(f.Sub('e')), clean(f.Sub('d')))
	return joinNonEmpty("--", deg, inst)
}

// finish derives what needs the whole record.
func (c *cnmarc) finish() {
	b := &c.b
	if !c.has200 {
		c.t.missing = true
	}
	reproduction := false
	if a := c.f100; len(a) >= 13 {
		reproduction = a[8] == 'e'
		if a[8] != 'u' {
			b.Year = codedYear(a[9:13])
		}
		if len(a) >= 18 && a[17] >= 'a' && a[17] <= 'd' {
			b.Juvenile = true
		}
	}
	if b.Year == 0 {
		b.Year = ParseYear(b.PubDate)
	}
	if b.Year == 0 {
		b.Year = ParseYear(c.pubDate2)
	}
	if b.PubDate == "" {
		b.PubDate = c.pubDate2
	}
	if len(c.t.parall) == 0 {
		c.t.parall = c.parallel510
	}
	for _, s := range c.series410 {
		addSeries(b, s)
	}
	for _, n := range b.Names {
		if n.Kind == Meeting {
			b.Conference = true
		}
	}
	c.defaultCurrency()
	finishTitle(b, &c.t)
	finishExtent(b, &c.e)
	finishIDs(b)
	c.firstAuthor()
	finishAncient(b, reproduction)
	finishKeys(b, &c.t)
	unnil(b)
}

// defaultCurrency gives CNY to prices without a currency in records from
// China: 102 $a CN, or no 102 in a record catalogued in Chinese (100
// $a/22-24 "chi").
func (c *cnmarc) defaultCurrency() {
	chinese := c.country == "CN" || (!c.has102 && len(c.f100) >= 25 && c.f100[22:25] == "chi")
	if !chinese {
		return
	}
	b := &c.b
	for i := range b.ISBNs {
		if p := &b.ISBNs[i].Price; p.Valid && p.Currency == "" {
			p.Currency = "CNY"
		}
	}
	if b.Price.Valid && b.Price.Currency == "" {
		b.Price.Currency = "CNY"
	}
}

// firstAuthor chooses the name for sort and duplicate keys: the main entry
// (700/710/720), else the first 701/711/721, else the first name in 200
// $f, else the first name of any kind.
func (c *cnmarc) firstAuthor() {
	b := &c.b
	for _, n := range b.Names {
		if n.Main {
			b.FirstAuthor = n.Name
			return
		}
	}
	for _, n := range b.Names {
		if n.Tag[2] == '1' {
			b.FirstAuthor = n.Name
			return
		}
	}
	if s := nameFromStatement(c.firstStatement); s != "" {
		b.FirstAuthor = s
		return
	}
	if len(b.Names) > 0 {
		b.FirstAuthor = b.Names[0].Name
	}
}
