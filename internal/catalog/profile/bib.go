package profile

import "lantai.dev/lantai/internal/marc"

// Bib holds the descriptive fields derived from one bibliographic record.
// Text fields hold "" and lists nil when the record has no such data.
// Values are trimmed of white space and of ISBD end punctuation.
type Bib struct {
	// Format is the format the record was derived as: marc.FormatMARC21,
	// marc.FormatCNMARC, or marc.FormatUNIMARC for a UNIMARC record
	// read with the CNMARC profile.
	Format marc.Format
	// ControlNumber is the record control number (001).
	ControlNumber string

	// Material is the kind of resource, from leader/06-07: see Material.
	Material Material
	// Thesis marks a thesis or dissertation (学位论文): MARC 21 502 or
	// 008/24-27 'm' (books); CNMARC 328 or 105 $a/4-7 'm' or 'v'.
	Thesis bool
	// Ancient marks an ancient Chinese book (古籍: produced before 1912 in
	// the traditional way). A record is ancient when its edition statement
	// (250; 205) names a traditional production (刻本, 刊本, 抄本/钞本,
	// 写本, 稿本, 活字, 套印, 拓本, 石印, 木刻) and not a modern facsimile
	// (影印, 复制, 仿真, 再造); or it has a class of the four-part
	// classification (四部分类法, Classes scheme "sibu"); or it is a book or
	// manuscript in Chinese (lang chi or lzh) published before 1912 and not
	// a reproduction (MARC 21 008/06 'r'; CNMARC 100 $a/8 'e').
	Ancient bool
	// Juvenile marks a resource for children (少儿): MARC 21 008/22 a, b,
	// c, d or j (books, music, visual and computer files); CNMARC 100
	// $a/17 a, b, c or d.
	Juvenile bool
	// Conference marks conference proceedings (会议录): MARC 21 111/711 or
	// 008/29 '1' (books); CNMARC 105 $a/8 '1' or a 710-712 with first
	// indicator 1 (meeting).
	Conference bool
	// Translation marks a translated work: MARC 21 041 first indicator 1
	// or 041 $h; CNMARC 101 first indicator 1 or 101 $c.
	Translation bool

	// Title is the title proper: 245 $a; 200 $a (repeated $a, titles of
	// works by the same author without a collective title, joined by
	// " ; "). Non-filing markers are removed.
	Title string
	// TitleRomanized is the romanised title proper when Title comes from a
	// vernacular 880 field (MARC 21 only).
	TitleRomanized string
	// OtherTitle is the other title information (remainder of title,
	// subtitle 副题名): 245 $b (the part not marked as a parallel title);
	// 200 $e, repeated ones joined by " : ".
	OtherTitle string
	// PartNumber is the number of a part of a multipart resource (分册号):
	// 245 $n; 200 $h (repeated ones joined by ". "; 200 $v if there is no
	// $h).
	PartNumber string
	// PartName is the name of that part (分册名): 245 $p; 200 $i.
	PartName string
	// ParallelTitles are the titles proper in other languages (并列题名):
	// 245 $b after " = ", and 246 with second indicator 1; 200 $d, else
	// 510 $a.
	ParallelTitles []string
	// Responsibility is the statement of responsibility (责任说明) as
	// transcribed: 245 $c; 200 $f then 200 $g, joined by " ; ".
	Responsibility string
	// Medium is the general material designation (一般资料标识): 245 $h;
	// 200 $b, without brackets.
	Medium string
	// TitlePinyin is the pinyin of the title proper that Chinese
	// cataloguers record in CNMARC 200 $9 (or $A).
	TitlePinyin string
	// DisplayTitle joins title, part, parallel title, other title
	// information and responsibility with ISBD punctuation, the way a
	// Chinese catalogue shows them: "三体. 第二部, 黑暗森林 / 刘慈欣著".
	DisplayTitle string
	// SortTitle is the title proper with its part for sorting: leading
	// non-filing characters removed (MARC 21 245 second indicator;
	// UNIMARC NSB/NSE), folded by NFKC and lower-cased, punctuation
	// replaced by single spaces.
	SortTitle string
	// VariantTitles are other titles to search by: MARC 21 130, 240, 246
	// (other than parallel titles), 730, 740 and the romanised title;
	// CNMARC 461 (the set a volume belongs to), 500, 512-517, 532, 540,
	// 541.
	VariantTitles []string
	// OriginalTitle is the title of the original of a translation: MARC 21
	// 240 $a when the record is a translation, else 765 $t; CNMARC 454 $t
	// (or the embedded 200 $a).
	OriginalTitle string

	// Names are the persons, bodies, meetings and families responsible for
	// the work, in record order: MARC 21 100/110/111, 700/710/711/720;
	// CNMARC 700-702, 710-712, 720-722.
	Names []Name
	// FirstAuthor is the name used in sort and duplicate keys: the main
	// entry (MARC 21 1XX; CNMARC 700/710/720), else the first name with
	// the role of author (MARC 21) or the first 701/711/721 (CNMARC),
	// else (CNMARC) the first name in the statement of responsibility,
	// else the first name of any role.
	FirstAuthor string

	// Edition is the edition statement (版本说明): 250 $a $b; 205 $a, $b.
	Edition string

	// PubPlace is the first place of publication: 264 (second indicator
	// 1), else 260, $a; 210 $a (214 $a).
	PubPlace string
	// Publisher is the first publisher: 264/260 $b; 210 $c.
	Publisher string
	// PubDate is the date of publication as transcribed: 264/260 $c;
	// 210 $d (else 210 $h, the date of printing).
	PubDate string
	// Publication is the whole publication statement in ISBD form: "北京
	// : 人民出版社 ; 上海 : 上海人民出版社, 2019".
	Publication string
	// Year is the year of publication, 0 when unknown: 008/07-10, else
	// the year in 264/260 $c, else the copyright year (264 second
	// indicator 4); 100 $a/9-12, else 210 $d, else 210 $h. See ParseYear.
	Year int

	// Extent is the physical description in ISBD form: "312页 : 图 ; 26cm
	// + 1光盘".
	Extent string
	// Pages is the extent proper: 300 $a; 215 $a (repeated ones joined
	// by ", ").
	Pages string
	// Illustrations is the other physical details: 300 $b; 215 $c.
	Illustrations string
	// Dimensions is the size: 300 $c; 215 $d.
	Dimensions string
	// Accompanying is the accompanying material (附件): 300 $e; 215 $e,
	// repeated ones joined by " + ".
	Accompanying string
	// Discs is the number of discs that come with the item (随书光盘: CD,
	// DVD, 光盘, 光碟, 磁盘, 软盘), counted in Accompanying, so that
	// they can be made attached items; 0 if none.
	Discs int

	// Series are the series statements, in record order: 490 (and old
	// 440), with 800/810/811/830 added when their title is not already
	// there; 225, with 410 added likewise.
	Series []Series

	// ISBNs are all the ISBNs of the record: 020 $a (valid), 020 $z
	// (cancelled or invalid); 010 $a, 010 $z (erroneous).
	ISBNs []ISBN
	// ISBN is the first valid, not cancelled ISBN in ISBN-13 form: the
	// one for duplicate checks.
	ISBN string
	// Price is the first price that could be read (020 $c; 010 $d, then
	// 011 $d), else the text of the first that could not ("赠阅", with
	// Valid false). In CNMARC records from China (102 $a CN, or none) a
	// price without a currency is taken as CNY.
	Price Price
	// ISSNs are the ISSNs of the resource itself: 022 $a, $y, $z; 011 $a,
	// $y, $z. Series ISSNs are in Series.
	ISSNs []ISSN
	// ISSN is the first valid ISSN in "NNNN-NNNC" form.
	ISSN string

	// Languages are the language codes of the text (MARC language codes,
	// lower case, without repeats): 008/35-37 then 041 $a; 101 $a.
	Languages []string
	// OriginalLanguages are the languages of the original of a
	// translation: 041 $h; 101 $c.
	OriginalLanguages []string

	// Subjects are the subject access points: MARC 21 600-662 and 69X;
	// CNMARC 600-617. Each uncontrolled term (653, 610) is a subject of
	// its own.
	Subjects []Subject

	// CLC is the primary Chinese Library Classification number (中图法
	// 分类号): the first of CLCNumbers, "" if none.
	CLC string
	// CLCNumbers are the CLC numbers of valid syntax (clc.ValidClassSyntax),
	// normalised (clc.Normalize): 084 $a with $2 starting "clc"; 690 $a.
	CLCNumbers []string
	// CLCInvalid are the CLC numbers of bad syntax, as recorded.
	CLCInvalid []string
	// CLCEdition is the edition of the CLC of the primary class: 084 $2
	// after "clc" ("clc5" gives "5"); 690 $v.
	CLCEdition string
	// Classes are class numbers of other schemes: see Class.
	Classes []Class

	// Summary is the summary or abstract (提要/文摘): 520 $a $b; 330 $a,
	// repeated fields joined by a line feed.
	Summary string
	// Notes are the other notes, one per field, in record order: MARC 21
	// 500-599 except 520; CNMARC 300-345 except 330.
	Notes []string
	// ThesisNote is the dissertation note: 502; 328.
	ThesisNote string
	// Frequency is the frequency of a serial (刊期): 310 $a; 326 $a.
	Frequency string
	// Numbering is the numbering of a serial (卷期): 362 $a; 207 $a.
	Numbering string
	// URLs are the electronic locations: 856 $u.
	URLs []string

	// DupKey is the duplicate-check key: see DupKey.
	DupKey string
}

// Material is the kind of resource a record describes, from leader/06
// (type of record) and leader/07 (bibliographic level).
type Material string

// The materials. MARC 21 and UNIMARC leader/06 codes that give them:
//
//	book          a, level c, d, m (or blank)
//	serial        a, level s or i (continuing resources)
//	article       a, level a or b (a component part)
//	manuscript    MARC 21 t, UNIMARC b (language material in manuscript)
//	music         c, d (notated music)
//	map           e, f
//	video         g (projected and video material)
//	sound         i (non-musical sound recording)
//	musicrecord   j (musical sound recording)
//	graphic       k
//	eresource     MARC 21 m, UNIMARC l (electronic resource)
//	kit           MARC 21 o, UNIMARC m (kit, multimedia)
//	mixed         MARC 21 p (mixed materials)
//	object        r (three-dimensional artefact)
const (
	MaterialUnknown     Material = ""
	MaterialBook        Material = "book"
	MaterialSerial      Material = "serial"
	MaterialArticle     Material = "article"
	MaterialManuscript  Material = "manuscript"
	MaterialMusic       Material = "music"
	MaterialMap         Material = "map"
	MaterialVideo       Material = "video"
	MaterialSound       Material = "sound"
	MaterialMusicRecord Material = "musicrecord"
	MaterialGraphic     Material = "graphic"
	MaterialEResource   Material = "eresource"
	MaterialKit         Material = "kit"
	MaterialMixed       Material = "mixed"
	MaterialObject      Material = "object"
)

// NameKind tells what kind of agent a name is.
type NameKind string

// The kinds of name.
const (
	// Personal is a person: MARC 21 X00 (first indicator 0-2); CNMARC
	// 700-702.
	Personal NameKind = "personal"
	// Corporate is a corporate body: MARC 21 X10; CNMARC 710-712 with
	// first indicator 0.
	Corporate NameKind = "corporate"
	// Meeting is a meeting or conference: MARC 21 X11; CNMARC 710-712
	// with first indicator 1.
	Meeting NameKind = "meeting"
	// Family is a family: MARC 21 X00 with first indicator 3; CNMARC
	// 720-722.
	Family NameKind = "family"
)

// Name is one person, body, meeting or family responsible for the work.
type Name struct {
	// Name is the name as displayed: MARC 21 $a $b $c $q (X00), $a $b
	// (X10), $a $n $d $c (X11) as recorded; CNMARC $a, then $b after ", "
	// (or a space for a forename entry), then $d; for bodies, $b after
	// ". " and the meeting's number, date and place in parentheses.
	Name string
	// Romanized is the romanised form when Name comes from a vernacular
	// 880 field (MARC 21 only).
	Romanized string
	// Kind is personal, corporate, meeting or family.
	Kind NameKind
	// Role is the normalised role: a MARC relator code such as "aut",
	// "edt", "trl", "ill" (see Role), "" when not given or not known.
	Role string
	// Relator is the role as recorded: MARC 21 $e (X11: $j) and $4;
	// CNMARC $4 (a UNIMARC code such as "070", or a Chinese term such as
	// "著" or "主编"), repeated ones joined by "; ".
	Relator string
	// Dates are the dates of a person or family: MARC 21 $d of X00;
	// CNMARC $f.
	Dates string
	// Qualifier holds additions to the name: CNMARC $c (dynasty or
	// nationality such as "(唐)", "(美)", or the original name), $g
	// (expansion of initials); MARC 21 $c of X10 is part of Name.
	Qualifier string
	// Pinyin is the pinyin of the name: CNMARC $9 (or $A).
	Pinyin string
	// Main marks the main entry (主要责任者): MARC 21 1XX; CNMARC 700,
	// 710, 720.
	Main bool
	// Tag is the tag of the field the name comes from.
	Tag string
}

// Series is one series statement.
type Series struct {
	// Title is the series title, with the number and name of a subseries:
	// 490 $a; 830 $a $n $p; 800-811 $t; 225 $a ($h, $i); 410 $t or the
	// embedded 200 $a.
	Title string
	// Number is the numbering within the series (丛书号): $v.
	Number string
	// ISSN is the ISSN of the series as recorded: 490 $x; 225 $x; 410 $x.
	ISSN string
	// Tag is the tag of the field the series comes from.
	Tag string
}

// ISBN is one ISBN of the record, valid or not.
type ISBN struct {
	// Raw is the subfield as recorded ("7-02-000220-X (平装)").
	Raw string
	// ISBN13 is the ISBN in 13-digit form without hyphens, "" unless Valid.
	ISBN13 string
	// Digits are the digits (and X) found when the ISBN is not valid, for a
	// search index: books are printed with wrong check digits.
	Digits string
	// Valid reports that the ISBN parsed and its check digit is right.
	Valid bool
	// Problem says why the ISBN is not valid; "" when it is.
	Problem string
	// Cancelled marks an ISBN recorded as cancelled or erroneous: 020 $z;
	// 010 $z.
	Cancelled bool
	// Qualifier is the qualification (装订/卷册): 020 $q, or a parenthesised
	// text after the number; 010 $b ("平装", "精装").
	Qualifier string
	// Price is the price in the same field: 020 $c; 010 $d.
	Price Price
}

// ISSN is one ISSN of the record, valid or not.
type ISSN struct {
	// Raw is the subfield as recorded.
	Raw string
	// ISSN is the normal form "NNNN-NNNC", "" unless Valid.
	ISSN string
	// Valid reports that the ISSN parsed and its check character is right.
	Valid bool
	// Cancelled marks a cancelled or incorrect ISSN: 022 $y, $z; 011 $y,
	// $z.
	Cancelled bool
}

// Subject is one subject access point.
type Subject struct {
	// Heading is the heading with its subdivisions joined by "--":
	// "计算机网络--安全技术--教材".
	Heading string
	// Kind is the kind of the heading's main part: see SubjectKind.
	Kind SubjectKind
	// Source is the thesaurus ($2), e.g. "lcsh" from the second indicator
	// 0, "汉语主题词表", "cct"; "" if not given.
	Source string
	// Tag is the tag of the field.
	Tag string
}

// SubjectKind tells what a subject heading's main part is.
type SubjectKind string

// The kinds of subject heading.
const (
	SubjectPersonal   SubjectKind = "personal"   // 600; 600
	SubjectCorporate  SubjectKind = "corporate"  // 610; 601 first indicator 0
	SubjectMeeting    SubjectKind = "meeting"    // 611; 601 first indicator 1
	SubjectFamily     SubjectKind = "family"     // 600 first indicator 3; 602
	SubjectTitle      SubjectKind = "title"      // 630; 604, 605
	SubjectTopical    SubjectKind = "topical"    // 650, 654, 69X; 606, 615, 616
	SubjectGeographic SubjectKind = "geographic" // 651, 662; 607, 617
	SubjectPeriod     SubjectKind = "period"     // 648
	SubjectGenre      SubjectKind = "genre"      // 655, 656, 657; 608
	SubjectKeyword    SubjectKind = "keyword"    // 653; 610 (uncontrolled)
)

// Class is a class number of a scheme other than the CLC.
type Class struct {
	// Scheme names the scheme:
	//
	//	ddc    Dewey: 082; 676
	//	lcc    Library of Congress: 050, 090 $a; 680
	//	udc    Universal Decimal: 080; 675
	//	nlm    National Library of Medicine: 060
	//	kt     中国科学院图书馆图书分类法 (中科图): 692; 686 $2 "kt"/"ktf"
	//	rdf    中国人民大学图书馆图书分类法 (人大法): 694
	//	sibu   四部分类法 (ancient books): 686 whose $2 names it, or a
	//	       690 $a that is a 四部 class ("集部.别集类")
	//
	// and otherwise the $2 of 084 or 686, lower-cased ("" if none).
	Scheme string
	// Number is the class number as recorded.
	Number string
	// Edition is the edition of the scheme: 082 $2; 676 $v; 686 $v.
	Edition string
}

// Price is a price read from a record. A text that could not be read as
// a price keeps Raw with Valid false.
type Price struct {
	// Amount is the amount in hundredths of the currency unit (分 for
	// CNY, cents for USD; also hundredths for currencies without minor
	// units such as JPY).
	Amount int64
	// Currency is the ISO 4217 code ("CNY", "USD", "HKD", "TWD", ...), ""
	// when the text names no currency.
	Currency string
	// Raw is the text the price was read from.
	Raw string
	// Valid reports that Raw was read as a price.
	Valid bool
}
