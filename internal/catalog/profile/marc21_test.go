package profile

import (
	"errors"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/marc"
)

// f008 returns a MARC 21 008 for a book: date type and date 1, target
// audience (22), nature of contents (24-27), conference (29), language.
func f008(dateType byte, date1 string, audience byte, contents string, conf byte, lang string) string {
	b := []byte("200101s2019    cc            000 0 chi d")
	b[6] = dateType
	copy(b[7:11], date1)
	b[22] = audience
	copy(b[24:28], (contents + "    ")[:4])
	b[29] = conf
	copy(b[35:38], lang)
	return "008 " + string(b)
}

func TestMARC21Title(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"title and responsibility", []string{"245 10‡aThree-body problem /‡cCixin Liu."},
			func(b Bib) any { return []string{b.Title, b.Responsibility, b.DisplayTitle} },
			[]string{"Three-body problem", "Cixin Liu", "Three-body problem / Cixin Liu"}},
		{"parts", []string{"245 10‡a三体.‡n第二部,‡p黑暗森林 /‡c刘慈欣著."},
			func(b Bib) any { return []string{b.Title, b.PartNumber, b.PartName, b.DisplayTitle, b.SortTitle} },
			[]string{"三体", "第二部", "黑暗森林", "三体. 第二部, 黑暗森林 / 刘慈欣著", "三体 第二部 黑暗森林"}},
		{"two parts numbers", []string{"245 00‡aAnnual report.‡nPart 1.‡nSection 2."},
			func(b Bib) any { return b.DisplayTitle }, "Annual report. Part 1. Section 2"},
		{"remainder", []string{"245 10‡aComputer systems :‡ba programmer's perspective /‡cRandal E. Bryant."},
			func(b Bib) any { return []string{b.OtherTitle, b.DisplayTitle} },
			[]string{"a programmer's perspective", "Computer systems : a programmer's perspective / Randal E. Bryant"}},
		{"parallel title after =", []string{"245 00‡aHan yu =‡bChinese : a course book /‡cby Li."},
			func(b Bib) any { return []any{b.ParallelTitles, b.OtherTitle, b.DisplayTitle} },
			[]any{[]string{"Chinese"}, "a course book", "Han yu = Chinese : a course book / by Li"}},
		{"parallel title inside $b", []string{"245 00‡a老子说 :‡b智者的低语 = The Dao speaks /‡c蔡志忠著."},
			func(b Bib) any { return []any{b.ParallelTitles, b.OtherTitle} },
			[]any{[]string{"The Dao speaks"}, "智者的低语"}},
		{"246 parallel and variant", []string{"245 00‡aTitle", "246 31‡aParallel", "246 30‡aPortion"},
			func(b Bib) any { return []any{b.ParallelTitles, b.VariantTitles} },
			[]any{[]string{"Parallel"}, []string{"Portion"}}},
		{"medium", []string{"245 00‡aKobo Aura ONE‡h[electronic resource] :‡bereader."},
			func(b Bib) any { return []string{b.Medium, b.OtherTitle} }, []string{"electronic resource", "ereader"}},
		{"nonfiling 4", []string{"245 14‡aThe sweetest fig /‡cChris Van Allsburg."},
			func(b Bib) any { return []string{b.Title, b.SortTitle} }, []string{"The sweetest fig", "sweetest fig"}},
		{"nonfiling 3 with accent", []string{"245 13‡aLe Père Goriot."},
			func(b Bib) any { return b.SortTitle }, "père goriot"},
		{"nonfiling 0", []string{"245 10‡aThe end."},
			func(b Bib) any { return b.SortTitle }, "the end"},
		{"archival form as title", []string{"245 00‡kPapers,‡f1920-1950."},
			func(b Bib) any { return b.Title }, "Papers"},
		{"uniform title is original of a translation", []string{"041 1#‡achi‡heng", "240 10‡aComputer systems.‡lChinese", "245 10‡a深入理解计算机系统"},
			func(b Bib) any { return []any{b.OriginalTitle, b.Translation, b.OriginalLanguages} },
			[]any{"Computer systems", true, []string{"eng"}}},
		{"765 original title", []string{"245 10‡aX", "765 0#‡tGuess how much I love you"},
			func(b Bib) any { return b.OriginalTitle }, "Guess how much I love you"},
	})
}

func TestMARC21NoTitle(t *testing.T) {
	for _, lines := range [][]string{
		{"001 ocm1", "020 ##‡a9787536692930"},
		{"001 ocm1", "020 ##‡a9787536692930", "245 10‡cby nobody."},
	} {
		b, err := DeriveMARC21(rec(t, "nam a", lines...))
		if !errors.Is(err, ErrNoTitle) {
			t.Fatalf("%v: err = %v, want ErrNoTitle", lines, err)
		}
		e := errorOf(t, err)
		if e.Tag != "245" || e.ControlNumber != "ocm1" || e.Format != marc.FormatMARC21 {
			t.Errorf("error = %+v", e)
		}
		if !strings.Contains(err.Error(), "245") || !strings.Contains(err.Error(), `"ocm1"`) {
			t.Errorf("message %q does not name the field and record", err)
		}
		if b.ISBN != "9787536692930" {
			t.Errorf("the rest of the record was not derived: ISBN %q", b.ISBN)
		}
	}
}

func TestMARC21NotBibliographic(t *testing.T) {
	for _, c := range []struct{ leader, detail string }{
		{"nz  a", "an authority record"},
		{"nx  a", "a holdings record"},
		{"nu  a", "a holdings record"},
		{"nq  a", "a community information record"},
	} {
		_, err := DeriveMARC21(rec(t, c.leader, "001 a1", "245 10‡aTitle"))
		if !errors.Is(err, ErrNotBibliographic) {
			t.Fatalf("%s: err = %v", c.leader, err)
		}
		if e := errorOf(t, err); e.Tag != "leader/06" || e.Detail != c.detail {
			t.Errorf("%s: error = %+v", c.leader, e)
		}
	}
	if _, err := DeriveMARC21(nil); !errors.Is(err, ErrNoRecord) {
		t.Errorf("nil record: %v", err)
	}
}

func TestMARC21Names(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"main and added personal", []string{"100 1#‡aLiu, Cixin,‡eauthor.", "245 10‡aX", "700 1#‡aLiu, Ken,‡d1976-‡etranslator."},
			func(b Bib) any { return []any{b.Names, b.FirstAuthor} },
			[]any{[]Name{
				{Name: "Liu, Cixin", Kind: Personal, Role: "aut", Relator: "author", Main: true, Tag: "100"},
				{Name: "Liu, Ken", Kind: Personal, Role: "trl", Relator: "translator", Dates: "1976-", Tag: "700"},
			}, "Liu, Cixin"}},
		{"relator code", []string{"245 10‡aX", "700 1#‡aKnuth, Donald E.‡4aut"},
			func(b Bib) any { return []string{b.Names[0].Role, b.Names[0].Relator} }, []string{"aut", "aut"}},
		{"fuller form", []string{"100 1#‡aLovecraft, H. P.‡q(Howard Phillips),‡d1890-1937.", "245 10‡aX"},
			func(b Bib) any { return []string{b.Names[0].Name, b.Names[0].Dates} },
			[]string{"Lovecraft, H. P. (Howard Phillips)", "1890-1937"}},
		{"family", []string{"100 3#‡aMedici, House of.", "245 10‡aX"},
			func(b Bib) any { return b.Names[0].Kind }, Family},
		{"corporate", []string{"110 1#‡aUnited States.‡bCongress.‡bHouse.", "245 10‡aX"},
			func(b Bib) any { return []any{b.Names[0].Name, b.Names[0].Kind, b.FirstAuthor} },
			[]any{"United States. Congress. House", Corporate, "United States. Congress. House"}},
		{"meeting", []string{"111 2#‡aInternational Conference on Digital Libraries‡n(3rd :‡d2000 :‡cKyoto, Japan)", "245 10‡aX"},
			func(b Bib) any { return []any{b.Names[0].Name, b.Names[0].Kind, b.Conference} },
			[]any{"International Conference on Digital Libraries (3rd : 2000 : Kyoto, Japan)", Meeting, true}},
		{"meeting relator in $j", []string{"245 10‡aX", "711 2#‡aSymposium‡jorganizer."},
			func(b Bib) any { return b.Names[0].Role }, "orm"},
		{"first author: an author among added entries", []string{"245 10‡aX", "700 1#‡aSmith, Ann,‡eeditor.", "700 1#‡aJones, Bob,‡eauthor."},
			func(b Bib) any { return b.FirstAuthor }, "Jones, Bob"},
		{"first author: first added entry", []string{"245 10‡aX", "700 1#‡aSmith, Ann,‡eeditor.", "710 2#‡aUNESCO."},
			func(b Bib) any { return b.FirstAuthor }, "Smith, Ann"},
		{"no names", []string{"245 10‡aX /‡cby Ann Smith."},
			func(b Bib) any { return b.FirstAuthor }, ""},
	})
}

func TestMARC21Vernacular880(t *testing.T) {
	b := m21(t,
		"100 1#‡6880-01‡aLiu, Xugong,‡eauthor,‡eillustrator.",
		"245 10‡6880-02‡aChe piao qu na er le /‡cLiu Xugong zhu hui.",
		"264 #1‡6880-03‡a[Wuhan] :‡bChang Jiang shao nian er tong chu ban she,‡c2020.",
		"490 1#‡6880-04‡aHai tun hui ben hua yuan ;‡v585",
		"880 1#‡6100-01/$1‡a刘旭恭,‡eauthor,‡eillustrator.",
		"880 10‡6245-02/$1‡a车票去哪儿了 /‡c刘旭恭著绘.",
		"880 #1‡6264-03/$1‡a[武汉] :‡b长江少年儿童出版社,‡c2020.",
		"880 1#‡6490-04/$1‡a海豚绘本花园 ;‡v585",
		"880 ##‡6500-00/$1‡a本书荣获2018年金鼎奖",
	)
	if b.Title != "车票去哪儿了" || b.TitleRomanized != "Che piao qu na er le" || b.Responsibility != "刘旭恭著绘" {
		t.Errorf("title %q / %q / %q", b.Title, b.TitleRomanized, b.Responsibility)
	}
	if b.Names[0].Name != "刘旭恭" || b.Names[0].Romanized != "Liu, Xugong" || b.FirstAuthor != "刘旭恭" {
		t.Errorf("names %+v, first author %q", b.Names, b.FirstAuthor)
	}
	if b.Publisher != "长江少年儿童出版社" || b.PubPlace != "[武汉]" {
		t.Errorf("publication %q %q", b.PubPlace, b.Publisher)
	}
	if len(b.Series) != 1 || b.Series[0].Title != "海豚绘本花园" || b.Series[0].Number != "585" {
		t.Errorf("series %+v", b.Series)
	}
	if len(b.Notes) != 1 || b.Notes[0] != "本书荣获2018年金鼎奖" {
		t.Errorf("notes %q", b.Notes)
	}
	if b.DupKey != "车票去哪儿了|刘旭恭|2020" {
		t.Errorf("dup key %q", b.DupKey)
	}
}

func TestMARC21Vernacular880WithoutTitle(t *testing.T) {
	b := m21(t, "245 10‡6880-01‡aRoman title /‡cby Xu Li.", "880 10‡6245-01/$1‡c某某著")
	if b.Title != "Roman title" || b.TitleRomanized != "" || b.Responsibility != "by Xu Li" {
		t.Errorf("title %q, romanized %q, responsibility %q", b.Title, b.TitleRomanized, b.Responsibility)
	}
}

func TestMARC21EditionPublicationYear(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"edition", []string{"245 10‡aX", "250 ##‡a2nd ed. /‡brevised by J. Smith."},
			func(b Bib) any { return b.Edition }, "2nd ed. / revised by J. Smith"},
		{"264 publication preferred to 260", []string{"245 10‡aX", "260 ##‡aOld :‡bOld Press,‡c1990.", "264 #1‡aBeijing :‡bZhonghua shu ju,‡c2019.", "264 #4‡c©2018"},
			func(b Bib) any { return []any{b.PubPlace, b.Publisher, b.PubDate, b.Publication, b.Year} },
			[]any{"Beijing", "Zhonghua shu ju", "2019", "Beijing : Zhonghua shu ju, 2019", 2019}},
		{"two publishers", []string{"245 10‡aX", "260 ##‡a[Jinan] :‡bQi lu yin xiang ;‡a[Guangzhou] :‡bGuangzhou qiao jia ren,‡c[2003]"},
			func(b Bib) any { return []any{b.PubPlace, b.Publisher, b.Publication, b.Year} },
			[]any{"[Jinan]", "Qi lu yin xiang", "[Jinan] : Qi lu yin xiang ; [Guangzhou] : Guangzhou qiao jia ren, [2003]", 2003}},
		{"264 production when nothing else", []string{"245 10‡aX", "264 #0‡aHere :‡bMe,‡c1999."},
			func(b Bib) any { return []any{b.Publisher, b.Year} }, []any{"Me", 1999}},
		{"008 date first", []string{f008('s', "2015", ' ', "", '0', "eng"), "245 10‡aX", "264 #1‡c2019."},
			func(b Bib) any { return b.Year }, 2015},
		{"008 uuuu: year from 264", []string{f008('s', "uuuu", ' ', "", '0', "eng"), "245 10‡aX", "264 #1‡c[2019?]"},
			func(b Bib) any { return b.Year }, 2019},
		{"008 19uu: year from 260", []string{f008('q', "19uu", ' ', "", '0', "eng"), "245 10‡aX", "260 ##‡cc1972."},
			func(b Bib) any { return b.Year }, 1972},
		{"008 no dates: ignored", []string{f008('n', "1234", ' ', "", '0', "eng"), "245 10‡aX", "260 ##‡c1988."},
			func(b Bib) any { return b.Year }, 1988},
		{"copyright year last", []string{"245 10‡aX", "264 #1‡c[date of publication not identified]", "264 #4‡c©2018"},
			func(b Bib) any { return b.Year }, 2018},
		{"no year", []string{"245 10‡aX", "260 ##‡c[19--]"},
			func(b Bib) any { return b.Year }, 0},
	})
}

func TestMARC21Extent(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"all parts", []string{"245 10‡aX", "300 ##‡a312 p. :‡bill. ;‡c24 cm +‡e1 CD-ROM (4 3/4 in.)"},
			func(b Bib) any {
				return []any{b.Pages, b.Illustrations, b.Dimensions, b.Accompanying, b.Discs, b.Extent}
			},
			[]any{"312 p.", "ill.", "24 cm", "1 CD-ROM (4 3/4 in.)", 1, "312 p. : ill. ; 24 cm + 1 CD-ROM (4 3/4 in.)"}},
		{"accompanying inside $a", []string{"245 10‡aX", "300 ##‡a96 p. + 1 sound disc (digital, stereo.)"},
			func(b Bib) any { return []any{b.Pages, b.Accompanying, b.Discs} },
			[]any{"96 p.", "1 sound disc (digital, stereo.)", 1}},
		{"accompanying not a disc", []string{"245 10‡aX", "300 ##‡a1 score +‡e1 booklet."},
			func(b Bib) any { return []any{b.Pages, b.Accompanying, b.Discs} }, []any{"1 score", "1 booklet", 0}},
		{"two discs", []string{"245 10‡aX", "300 ##‡a250 p. ;‡c26 cm +‡e2 computer discs."},
			func(b Bib) any { return b.Discs }, 2},
		{"the item itself is a disc: no accompanying disc", []string{"245 10‡aX", "300 ##‡a1 sound disc :‡bdigital ;‡c4 3/4 in."},
			func(b Bib) any { return []any{b.Discs, b.Extent} }, []any{0, "1 sound disc : digital ; 4 3/4 in."}},
	})
}

func TestMARC21Series(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"490 traced by 830", []string{"245 10‡aX", "490 1#‡aHai tun hui ben hua yuan ;‡v585", "830 #0‡aHai tun hui ben hua yuan ;‡v585."},
			func(b Bib) any { return b.Series }, []Series{{Title: "Hai tun hui ben hua yuan", Number: "585", Tag: "490"}}},
		{"830 fills the number", []string{"245 10‡aX", "490 1#‡aDolphin picture books", "830 #0‡aDolphin picture books ;‡v12."},
			func(b Bib) any { return b.Series }, []Series{{Title: "Dolphin picture books", Number: "12", Tag: "490"}}},
		{"different series", []string{"245 10‡aX", "490 0#‡aSeries A ;‡vv. 3‡x1234-5679", "800 1#‡aSmith, J.‡tCollected works ;‡v2."},
			func(b Bib) any { return b.Series },
			[]Series{{Title: "Series A", Number: "v. 3", ISSN: "1234-5679", Tag: "490"}, {Title: "Collected works", Number: "2", Tag: "800"}}},
		{"440", []string{"245 10‡aX", "440 #4‡aThe jazz workshop series ;‡vno. 5"},
			func(b Bib) any { return b.Series }, []Series{{Title: "The jazz workshop series", Number: "no. 5", Tag: "440"}}},
	})
}

func TestMARC21Identifiers(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"ISBN-10 to 13, qualifier and price", []string{"020 ##‡a0395673461 (pbk.) :‡c$19.95", "245 10‡aX"},
			func(b Bib) any {
				return []any{b.ISBN, b.ISBNs[0].Qualifier, b.ISBNs[0].Price.Amount, b.ISBNs[0].Price.Currency, b.Price.Amount}
			},
			[]any{"9780395673461", "pbk.", int64(1995), "USD", int64(1995)}},
		{"$q qualifier", []string{"020 ##‡a9787572101014‡q(hardcover)", "245 10‡aX"},
			func(b Bib) any { return []string{b.ISBN, b.ISBNs[0].Qualifier} }, []string{"9787572101014", "hardcover"}},
		{"invalid ISBN kept and flagged", []string{"020 ##‡a9787536692931", "245 10‡aX"},
			func(b Bib) any {
				x := b.ISBNs[0]
				return []any{b.ISBN, x.Valid, x.ISBN13, x.Digits, x.Raw, x.Problem != ""}
			},
			[]any{"", false, "", "9787536692931", "9787536692931", true}},
		{"cancelled ISBN in $z", []string{"020 ##‡z9787536692930", "020 ##‡a7-02-000220-X", "245 10‡aX"},
			func(b Bib) any { return []any{b.ISBN, b.ISBNs[0].Cancelled, b.ISBNs[0].Valid, b.ISBNs[1].Cancelled} },
			[]any{"9787020002207", true, true, false}},
		{"ISSN", []string{"022 0#‡a1001-8867‡y1001-8868‡z1234-567X", "245 10‡aX"},
			func(b Bib) any { return []any{b.ISSN, b.ISSNs} },
			[]any{"1001-8867", []ISSN{
				{Raw: "1001-8867", ISSN: "1001-8867", Valid: true},
				{Raw: "1001-8868", Cancelled: true},
				{Raw: "1234-567X", Cancelled: true},
			}}},
		{"invalid ISSN", []string{"022 0#‡a1001-8860", "245 10‡aX"},
			func(b Bib) any { return []any{b.ISSN, b.ISSNs[0].Valid} }, []any{"", false}},
		{"price without ISBN", []string{"020 ##‡cCNY39.80", "245 10‡aX"},
			func(b Bib) any { return []any{b.Price.Amount, b.Price.Currency, len(b.ISBNs)} }, []any{int64(3980), "CNY", 0}},
	})
}

func TestMARC21LanguagesSubjects(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"008 and 041", []string{f008('s', "2019", ' ', "", '0', "chi"), "041 1#‡achi‡aeng‡hjpn", "245 10‡aX"},
			func(b Bib) any { return []any{b.Languages, b.OriginalLanguages, b.Translation} },
			[]any{[]string{"chi", "eng"}, []string{"jpn"}, true}},
		{"codes run together", []string{"041 0#‡aengfre", "245 10‡aX"},
			func(b Bib) any { return b.Languages }, []string{"eng", "fre"}},
		{"blank 008 language", []string{f008('s', "2019", ' ', "", '0', "   "), "245 10‡aX"},
			func(b Bib) any { return b.Languages }, []string(nil)},
		{"topical with form subdivision", []string{"245 10‡aX", "650 #0‡aComputer programming‡vHandbooks, manuals, etc."},
			func(b Bib) any { return b.Subjects },
			[]Subject{{Heading: "Computer programming--Handbooks, manuals, etc.", Kind: SubjectTopical, Source: "lcsh", Tag: "650"}}},
		{"personal", []string{"245 10‡aX", "600 10‡aLu, Xun,‡d1881-1936‡xCriticism and interpretation."},
			func(b Bib) any { return b.Subjects[0] },
			Subject{Heading: "Lu, Xun, 1881-1936--Criticism and interpretation", Kind: SubjectPersonal, Source: "lcsh", Tag: "600"}},
		{"geographic with subdivisions", []string{"245 10‡aX", "651 #0‡aChina‡xHistory‡yCivil War, 1945-1949‡vDrama."},
			func(b Bib) any { return b.Subjects[0].Heading }, "China--History--Civil War, 1945-1949--Drama"},
		{"genre with $2, keywords, no repeats", []string{"245 10‡aX", "655 #7‡aFeature films.‡2lcgft", "655 #7‡aFeature films.‡2lcgft", "653 ##‡adeep learning‡aChinese"},
			func(b Bib) any { return b.Subjects },
			[]Subject{
				{Heading: "Feature films", Kind: SubjectGenre, Source: "lcgft", Tag: "655"},
				{Heading: "deep learning", Kind: SubjectKeyword, Tag: "653"},
				{Heading: "Chinese", Kind: SubjectKeyword, Tag: "653"},
			}},
		{"corporate, meeting, title, children's", []string{"245 10‡aX", "610 20‡aPeking University.", "611 20‡aOlympic Games", "630 00‡aBible.", "650 #1‡aBuses‡vFiction."},
			func(b Bib) any {
				var out []string
				for _, s := range b.Subjects {
					out = append(out, string(s.Kind)+":"+s.Heading+":"+s.Source)
				}
				return out
			},
			[]string{"corporate:Peking University:lcsh", "meeting:Olympic Games:lcsh", "title:Bible:lcsh", "topical:Buses--Fiction:lcshac"}},
	})
}

func TestMARC21Classes(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"084 clc", []string{"084 ##‡aTP311.13‡2clc", "245 10‡aX"},
			func(b Bib) any { return []any{b.CLC, b.CLCNumbers, b.CLCInvalid} },
			[]any{"TP311.13", []string{"TP311.13"}, []string(nil)}},
		{"084 CLC5 with edition, invalid first", []string{"084 ##‡aTP3111‡aI247.5‡2CLC5", "245 10‡aX"},
			func(b Bib) any { return []any{b.CLC, b.CLCEdition, b.CLCInvalid} }, []any{"I247.5", "5", []string{"TP3111"}}},
		{"084 other scheme, 082, 050", []string{"050 00‡aQA76.73.P98‡bL88 2019", "082 04‡a005.133‡223", "084 ##‡aST 250‡2rvk", "245 10‡aX"},
			func(b Bib) any { return []any{b.CLC, b.Classes} },
			[]any{"", []Class{{Scheme: "lcc", Number: "QA76.73.P98"}, {Scheme: "ddc", Number: "005.133", Edition: "23"}, {Scheme: "rvk", Number: "ST 250"}}}},
	})
}

func TestMARC21NotesSummaryURLs(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"summary and notes", []string{"245 10‡aX", "500 ##‡aOriginally a film, 1975.", "504 ##‡aIncludes bibliographical references.", "520 ##‡aA story.‡bOf a war.", "520 3#‡aAbstract."},
			func(b Bib) any { return []any{b.Summary, b.Notes} },
			[]any{"A story. Of a war.\nAbstract.", []string{"Originally a film, 1975.", "Includes bibliographical references."}}},
		{"thesis note", []string{"245 10‡aX", "502 ##‡aThesis (M.A.)--Peking University, 2019."},
			func(b Bib) any { return []any{b.Thesis, b.ThesisNote, b.Notes} },
			[]any{true, "Thesis (M.A.)--Peking University, 2019.", []string{"Thesis (M.A.)--Peking University, 2019."}}},
		{"serial frequency and numbering", []string{"245 00‡aX", "310 ##‡aIrregular (semiannual)", "362 0#‡aal-ʻAdad 1. (Yūlyūz 2005)-"},
			func(b Bib) any { return []string{b.Frequency, b.Numbering} },
			[]string{"Irregular (semiannual)", "al-ʻAdad 1. (Yūlyūz 2005)-"}},
		{"856", []string{"245 10‡aX", "856 40‡uhttp://a.example/1‡uhttp://a.example/2", "856 41‡uhttp://a.example/1"},
			func(b Bib) any { return b.URLs }, []string{"http://a.example/1", "http://a.example/2"}},
	})
}

func TestMARC21Flags(t *testing.T) {
	runRules(t, m21, []ruleCase{
		{"thesis from 008", []string{f008('s', "2019", ' ', "bm", '0', "eng"), "245 10‡aX"},
			func(b Bib) any { return b.Thesis }, true},
		{"juvenile from 008", []string{f008('s', "2020", 'j', "", '0', "chi"), "245 10‡aX"},
			func(b Bib) any { return b.Juvenile }, true},
		{"adult", []string{f008('s', "2020", 'e', "", '0', "chi"), "245 10‡aX"},
			func(b Bib) any { return b.Juvenile }, false},
		{"conference from 008", []string{f008('s', "2020", ' ', "", '1', "eng"), "245 10‡aX"},
			func(b Bib) any { return b.Conference }, true},
		{"ancient: Chinese before 1912", []string{f008('s', "1747", ' ', "", '0', "chi"), "245 10‡a杜工部集"},
			func(b Bib) any { return b.Ancient }, true},
		{"ancient: edition statement", []string{"245 10‡a杜工部集", "250 ##‡a清乾隆刻本."},
			func(b Bib) any { return b.Ancient }, true},
		{"not ancient: facsimile", []string{f008('r', "1958", ' ', "", '0', "chi"), "245 10‡a康熙字典", "250 ##‡a影印本."},
			func(b Bib) any { return b.Ancient }, false},
		{"not ancient: Western book of 1894", []string{f008('s', "1894", ' ', "", '0', "gre"), "245 10‡aX"},
			func(b Bib) any { return b.Ancient }, false},
	})
}

func TestMARC21Material(t *testing.T) {
	cases := map[string]Material{
		"nam a": MaterialBook, "nac a": MaterialBook, "nas a": MaterialSerial, "nai a": MaterialSerial,
		"nab a": MaterialArticle, "ntm a": MaterialManuscript, "ncm a": MaterialMusic, "ndm a": MaterialMusic,
		"nem a": MaterialMap, "ngm a": MaterialVideo, "nim a": MaterialSound, "njm a": MaterialMusicRecord,
		"nkm a": MaterialGraphic, "nmm a": MaterialEResource, "nom a": MaterialKit, "npc a": MaterialMixed,
		"nrm a": MaterialObject, "nlm a": MaterialUnknown,
	}
	for leader, want := range cases {
		b, err := DeriveMARC21(rec(t, leader, "245 10‡aX"))
		if err != nil || b.Material != want {
			t.Errorf("leader %q: material %q, %v; want %q", leader, b.Material, err, want)
		}
	}
}

func TestMARC21DupKey(t *testing.T) {
	b := m21(t, f008('s', "1997", ' ', "", '0', "eng"),
		"100 1#‡aKnuth, Donald E.,‡d1938-",
		"245 14‡aThe art of computer programming.‡nVol. 1,‡pFundamental algorithms /‡cDonald E. Knuth.")
	if want := "artofcomputerprogrammingvol1fundamentalalgorithms|knuthdonalde|1997"; b.DupKey != want {
		t.Errorf("dup key %q, want %q", b.DupKey, want)
	}
	// The CNMARC record of the same book (fixture 17) gives the same key.
	c := cn(t, "100 ##‡a20150101d1997    km y0engy50      ba", "102 ##‡aUS",
		"200 1#‡a\u0088The \u0089art of computer programming‡hVol. 1‡iFundamental algorithms‡fDonald E. Knuth",
		"700 #1‡aKnuth,‡bDonald E.‡f1938-‡4070")
	if c.DupKey != b.DupKey {
		t.Errorf("CNMARC key %q differs from MARC 21 key %q", c.DupKey, b.DupKey)
	}
}
