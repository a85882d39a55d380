package profile

import (
	"errors"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/marc"
)

// f100 returns a CNMARC 100 field: type of date and date 1 (positions 8-12)
// and target audience (17-19) in an otherwise typical 100 $a.
func f100(dateType byte, date1, audience string) string {
	a := []byte("20190101d2019    em y0chiy50      ea")
	a[8] = dateType
	copy(a[9:13], date1)
	copy(a[17:20], (audience + "   ")[:3])
	return "100 ##‡a" + string(a)
}

func TestCNMARCTitle(t *testing.T) {
	runRules(t, cn, []ruleCase{
		{"part number and name", []string{"200 1#‡a三体‡9san ti‡h第二部‡i黑暗森林‡f刘慈欣著"},
			func(b Bib) any {
				return []string{b.Title, b.PartNumber, b.PartName, b.Responsibility, b.TitlePinyin, b.DisplayTitle, b.SortTitle}
			},
			[]string{"三体", "第二部", "黑暗森林", "刘慈欣著", "san ti", "三体. 第二部, 黑暗森林 / 刘慈欣著", "三体 第二部 黑暗森林"}},
		{"levels of parts in order", []string{"200 1#‡a中国经济年鉴‡h第2辑‡i经济卷‡h第3册"},
			func(b Bib) any { return []string{b.PartNumber, b.PartName, b.DisplayTitle} },
			[]string{"第2辑. 第3册", "经济卷", "中国经济年鉴. 第2辑, 经济卷. 第3册"}},
		{"part name only", []string{"200 1#‡a鲁迅全集‡i书信"},
			func(b Bib) any { return b.DisplayTitle }, "鲁迅全集. 书信"},
		{"volume designation $v", []string{"200 1#‡a资治通鉴‡v第5册"},
			func(b Bib) any { return []string{b.PartNumber, b.DisplayTitle} }, []string{"第5册", "资治通鉴. 第5册"}},
		{"parallel, other title, two statements", []string{"200 1#‡a中国图书馆学报‡d= Journal of library science in China‡zeng‡e双月刊‡f中国图书馆学会主办‡g某某编辑"},
			func(b Bib) any { return []any{b.ParallelTitles, b.OtherTitle, b.Responsibility, b.DisplayTitle} },
			[]any{[]string{"Journal of library science in China"}, "双月刊", "中国图书馆学会主办 ; 某某编辑",
				"中国图书馆学报 = Journal of library science in China : 双月刊 / 中国图书馆学会主办 ; 某某编辑"}},
		{"two titles by the same author", []string{"200 1#‡a呐喊‡a彷徨‡f鲁迅著"},
			func(b Bib) any { return []string{b.Title, b.DisplayTitle} }, []string{"呐喊 ; 彷徨", "呐喊 ; 彷徨 / 鲁迅著"}},
		{"title by another author", []string{"200 1#‡a论语‡f孔子著‡c孟子‡f孟轲著"},
			func(b Bib) any { return b.DisplayTitle }, "论语. 孟子 / 孔子著 ; 孟轲著"},
		{"510 parallel title when 200 has none", []string{"200 1#‡a基于深度学习的中文分词方法研究", "510 1#‡aResearch on Chinese word segmentation‡zeng"},
			func(b Bib) any { return b.ParallelTitles }, []string{"Research on Chinese word segmentation"}},
		{"NSB/NSE", []string{"200 1#‡a\u0088The \u0089art of computer programming"},
			func(b Bib) any { return []string{b.Title, b.SortTitle} }, []string{"The art of computer programming", "art of computer programming"}},
		{"<< >> markers", []string{"200 1#‡a<<The >>sweetest fig‡fChris Van Allsburg"},
			func(b Bib) any { return []string{b.Title, b.SortTitle, b.DisplayTitle} },
			[]string{"The sweetest fig", "sweetest fig", "The sweetest fig / Chris Van Allsburg"}},
		{"material designation", []string{"200 1#‡a数字图书馆导论‡b电子资源"},
			func(b Bib) any { return []string{b.Medium, b.DisplayTitle} }, []string{"电子资源", "数字图书馆导论"}},
		{"variant titles and original", []string{"200 1#‡a猜猜我有多爱你", "454 #1‡12001 ‡aGuess how much I love you", "512 1#‡a封面题名", "517 1#‡a其他题名", "461 #0‡12001 ‡a某丛编"},
			func(b Bib) any { return []any{b.OriginalTitle, b.Translation, b.VariantTitles} },
			[]any{"Guess how much I love you", true, []string{"封面题名", "其他题名", "某丛编"}}},
		{"454 with standard subfields", []string{"200 1#‡a深入理解计算机系统", "454 #1‡tComputer systems"},
			func(b Bib) any { return b.OriginalTitle }, "Computer systems"},
	})
}

func TestCNMARCNoTitle(t *testing.T) {
	for _, lines := range [][]string{
		{"001 012019000123", "010 ##‡a9787536692930"},
		{"001 012019000123", "010 ##‡a9787536692930", "200 1#‡f刘慈欣著"},
	} {
		r := rec(t, "nam0 ", lines...)
		b, err := DeriveCNMARC(r)
		if !errors.Is(err, ErrNoTitle) {
			t.Fatalf("%v: err = %v", lines, err)
		}
		e := errorOf(t, err)
		if e.Tag != "200" || e.ControlNumber != "012019000123" {
			t.Errorf("error = %+v", e)
		}
		if want := `profile: CNMARC record 001 "012019000123": field 200: no title proper`; err.Error() != want {
			t.Errorf("message %q, want %q", err, want)
		}
		if b.ISBN != "9787536692930" {
			t.Errorf("ISBN %q", b.ISBN)
		}
	}
	_, err := DeriveCNMARC(rec(t, "nx   ", "200 1#‡aX"))
	if e := errorOf(t, err); !errors.Is(err, ErrNotBibliographic) || e.Tag != "leader/06" {
		t.Errorf("authority record: %v", err)
	}
}

func TestCNMARCNames(t *testing.T) {
	runRules(t, cn, []ruleCase{
		{"Chinese name all in $a", []string{"200 1#‡aX", "701 #0‡a刘慈欣‡9liu ci xin‡4著"},
			func(b Bib) any { return b.Names },
			[]Name{{Name: "刘慈欣", Kind: Personal, Role: "aut", Relator: "著", Pinyin: "liu ci xin", Tag: "701"}}},
		{"Western name in $a $b with code", []string{"200 1#‡aX", "700 #1‡aKnuth,‡bDonald E.‡f1938-‡4070"},
			func(b Bib) any { return b.Names[0] },
			Name{Name: "Knuth, Donald E.", Kind: Personal, Role: "aut", Relator: "070", Dates: "1938-", Main: true, Tag: "700"}},
		{"forename entry", []string{"200 1#‡aX", "701 #0‡aDalai Lama‡dXIV"},
			func(b Bib) any { return b.Names[0].Name }, "Dalai Lama XIV"},
		{"dynasty and original name", []string{"200 1#‡aX", "701 #0‡a杜甫‡c(唐)‡f712-770‡4撰", "701 #0‡a布莱恩特‡c(美)‡g(Bryant, Randal E.)‡4著"},
			func(b Bib) any { return []string{b.Names[0].Qualifier, b.Names[0].Dates, b.Names[1].Qualifier} },
			[]string{"(唐)", "712-770", "(美) (Bryant, Randal E.)"}},
		{"roles", []string{"200 1#‡aX", "702 #0‡a梅子涵‡4730", "702 #0‡a婕朗‡4440", "702 #0‡a王立新‡4导师", "702 #0‡a某‡4主编", "702 #0‡a某某‡4序"},
			func(b Bib) any {
				var r []string
				for _, n := range b.Names {
					r = append(r, n.Role)
				}
				return r
			},
			[]string{"trl", "ill", "ths", "edt", "aui"}},
		{"corporate with subdivision", []string{"200 1#‡aX", "712 02‡a中国科学院‡b计算技术研究所‡4编"},
			func(b Bib) any { return []any{b.Names[0].Name, b.Names[0].Kind, b.Names[0].Main} },
			[]any{"中国科学院. 计算技术研究所", Corporate, false}},
		{"meeting", []string{"200 1#‡aX", "711 12‡a全国信息检索学术会议‡d(第10届‡f2004‡e北京)"},
			func(b Bib) any { return []any{b.Names[0].Name, b.Names[0].Kind, b.Conference} },
			[]any{"全国信息检索学术会议 (第10届 : 2004 : 北京)", Meeting, true}},
		{"family", []string{"200 1#‡aX", "720 ##‡a曾氏‡f清"},
			func(b Bib) any { return []any{b.Names[0].Name, b.Names[0].Kind, b.Names[0].Main, b.Names[0].Dates} },
			[]any{"曾氏", Family, true, "清"}},
		{"first author: 700 wins", []string{"200 1#‡aX", "701 #0‡a甲‡4著", "700 #0‡a乙‡4著"},
			func(b Bib) any { return b.FirstAuthor }, "乙"},
		{"first author: first 701/711", []string{"200 1#‡aX", "702 #0‡a丙‡4译", "711 02‡a某学会‡4编", "701 #0‡a甲‡4著"},
			func(b Bib) any { return b.FirstAuthor }, "某学会"},
		{"first author: statement when only 702", []string{"200 1#‡aX‡f(英) 山姆·麦克布雷尼著", "702 #0‡a梅子涵‡4730"},
			func(b Bib) any { return b.FirstAuthor }, "山姆·麦克布雷尼"},
		{"first author: statement with role word", []string{"200 1#‡aX‡f刘慈欣著"},
			func(b Bib) any { return b.FirstAuthor }, "刘慈欣"},
		{"first author: 702 when the statement is not Chinese", []string{"200 1#‡aX‡fred. şef: Cornel Groza", "702 #1‡aGroza,‡bCornel‡4red. şef"},
			func(b Bib) any { return b.FirstAuthor }, "Groza, Cornel"},
	})
}

func TestCNMARCEditionPublicationYear(t *testing.T) {
	runRules(t, cn, []ruleCase{
		{"edition", []string{"200 1#‡aX", "205 ##‡a第2版‡b修订本"},
			func(b Bib) any { return b.Edition }, "第2版, 修订本"},
		{"co-publishers", []string{"200 1#‡aX", "210 ##‡a北京‡c人民出版社‡a上海‡c上海人民出版社‡d2019"},
			func(b Bib) any { return []any{b.PubPlace, b.Publisher, b.PubDate, b.Publication, b.Year} },
			[]any{"北京", "人民出版社", "2019", "北京 : 人民出版社 ; 上海 : 上海人民出版社, 2019", 2019}},
		{"year from 100 first", []string{f100('d', "2018", "em"), "200 1#‡aX", "210 ##‡d2019"},
			func(b Bib) any { return b.Year }, 2018},
		{"100 blank: year from 210 $d", []string{f100('d', "    ", "em"), "200 1#‡aX", "210 ##‡d2019印刷"},
			func(b Bib) any { return b.Year }, 2019},
		{"100 unknown type: 210 $d", []string{f100('u', "1931", "em"), "200 1#‡aX", "210 ##‡d民国二十年"},
			func(b Bib) any { return b.Year }, 1931},
		{"year from 210 $h", []string{"200 1#‡aX", "210 ##‡a北京‡c中华书局‡h2018重印"},
			func(b Bib) any { return []any{b.Year, b.PubDate} }, []any{2018, "2018重印"}},
		{"214 when no 210", []string{"200 1#‡aX", "214 #0‡a北京‡c新出版社‡d2021"},
			func(b Bib) any { return []any{b.Publisher, b.Year} }, []any{"新出版社", 2021}},
		{"serial date range", []string{f100('a', "1957", "em"), "200 1#‡aX", "210 ##‡d1957-"},
			func(b Bib) any { return b.Year }, 1957},
		{"unknown", []string{"200 1#‡aX", "210 ##‡d[出版年不详]"},
			func(b Bib) any { return b.Year }, 0},
	})
}

func TestCNMARCExtentSeries(t *testing.T) {
	runRules(t, cn, []ruleCase{
		{"extent with disc", []string{"200 1#‡aX", "215 ##‡a412页‡c图‡d26cm‡e1光盘"},
			func(b Bib) any {
				return []any{b.Pages, b.Illustrations, b.Dimensions, b.Accompanying, b.Discs, b.Extent}
			},
			[]any{"412页", "图", "26cm", "1光盘", 1, "412页 : 图 ; 26cm + 1光盘"}},
		{"two accompanying", []string{"200 1#‡aX", "215 ##‡a200页‡e2张光盘‡e1册"},
			func(b Bib) any { return []any{b.Accompanying, b.Discs, b.Extent} }, []any{"2张光盘 + 1册", 2, "200页 + 2张光盘 + 1册"}},
		{"repeated $a", []string{"200 1#‡aX", "215 ##‡a312页‡a图版[8]页‡d21cm"},
			func(b Bib) any { return b.Extent }, "312页, 图版[8]页 ; 21cm"},
		{"225 with part, number and 410 repeating it", []string{"200 1#‡aX", "225 2#‡a计算机科学丛书‡h第1辑‡i基础卷‡v3", "410 #0‡12001 ‡a计算机科学丛书. 第1辑, 基础卷‡v3"},
			func(b Bib) any { return b.Series }, []Series{{Title: "计算机科学丛书. 第1辑, 基础卷", Number: "3", Tag: "225"}}},
		{"410 only, embedded with ISSN", []string{"200 1#‡aX", "410 #0‡12001 ‡a图书馆学研究丛书‡v12‡1011 ‡a1234-5679"},
			func(b Bib) any { return b.Series }, []Series{{Title: "图书馆学研究丛书", Number: "12", ISSN: "1234-5679", Tag: "410"}}},
		{"410 standard subfields", []string{"200 1#‡aX", "410 #0‡t汉译世界学术名著丛书‡v第5辑"},
			func(b Bib) any { return b.Series }, []Series{{Title: "汉译世界学术名著丛书", Number: "第5辑", Tag: "410"}}},
		{"two series", []string{"200 1#‡aX", "225 2#‡a国家卫生健康委员会“十三五”规划教材", "225 2#‡a全国高等学校教材"},
			func(b Bib) any { return len(b.Series) }, 2},
	})
}

func TestCNMARCIdentifiers(t *testing.T) {
	runRules(t, cn, []ruleCase{
		{"ISBN-10, binding, price", []string{"010 ##‡a7-02-000220-X‡b平装‡dCNY20.00", "200 1#‡aX"},
			func(b Bib) any {
				x := b.ISBNs[0]
				return []any{b.ISBN, x.Raw, x.Qualifier, x.Price.Amount, x.Price.Currency, b.Price.Amount}
			},
			[]any{"9787020002207", "7-02-000220-X", "平装", int64(2000), "CNY", int64(2000)}},
		{"two ISBNs and an erroneous one", []string{"010 ##‡a978-7-5302-1200-4‡b平装‡dCNY108.00", "010 ##‡a978-7-5302-1201-1‡b精装‡dCNY168.00", "010 ##‡z978-7-5302-1200-5", "200 1#‡aX"},
			func(b Bib) any {
				var out []string
				for _, x := range b.ISBNs {
					out = append(out, x.ISBN13+"/"+x.Qualifier+"/"+x.Price.Raw)
				}
				return []any{b.ISBN, out, b.ISBNs[2].Cancelled, b.ISBNs[2].Valid, b.ISBNs[2].Digits, b.Price.Amount}
			},
			[]any{"9787530212004", []string{"9787530212004/平装/CNY108.00", "9787530212011/精装/CNY168.00", "//"}, true, false, "9787530212005", int64(10800)}},
		{"invalid ISBN", []string{"010 ##‡a7-02-000221-X‡b平装‡dCNY59.70", "200 1#‡aX"},
			func(b Bib) any { return []any{b.ISBN, b.ISBNs[0].Valid, b.ISBNs[0].Digits, b.Price.Amount} },
			[]any{"", false, "702000221X", int64(5970)}},
		{"bare price is CNY in a Chinese record", []string{"010 ##‡a7-02-000220-X‡d39.80", "102 ##‡aCN", "200 1#‡aX"},
			func(b Bib) any { return []string{b.ISBNs[0].Price.Currency, b.Price.Currency} }, []string{"CNY", "CNY"}},
		{"bare price has no currency elsewhere", []string{"010 ##‡a0-395-67346-1‡d39.80", "102 ##‡aUS", "200 1#‡aX"},
			func(b Bib) any { return b.Price.Currency }, ""},
		{"price text that cannot be read", []string{"010 ##‡d赠阅", "200 1#‡aX"},
			func(b Bib) any { return b.Price }, Price{Raw: "赠阅"}},
		{"ISSN and its price", []string{"011 ##‡a1001-8867‡y1001-886X‡dCNY30.00", "200 1#‡aX"},
			func(b Bib) any { return []any{b.ISSN, len(b.ISSNs), b.ISSNs[1].Cancelled, b.Price.Amount} },
			[]any{"1001-8867", 2, true, int64(3000)}},
	})
}

func TestCNMARCLanguagesSubjectsClasses(t *testing.T) {
	runRules(t, cn, []ruleCase{
		{"languages of a translation", []string{"101 1#‡achi‡ceng", "200 1#‡aX"},
			func(b Bib) any { return []any{b.Languages, b.OriginalLanguages, b.Translation} },
			[]any{[]string{"chi"}, []string{"eng"}, true}},
		{"two text languages", []string{"101 0#‡achi‡aeng", "200 1#‡aX"},
			func(b Bib) any { return []any{b.Languages, b.Translation} }, []any{[]string{"chi", "eng"}, false}},
		{"topical with subdivisions and source", []string{"200 1#‡aX", "606 0#‡a计算机网络‡x安全技术‡j教材‡2汉语主题词表"},
			func(b Bib) any { return b.Subjects },
			[]Subject{{Heading: "计算机网络--安全技术--教材", Kind: SubjectTopical, Source: "汉语主题词表", Tag: "606"}}},
		{"personal, geographic, corporate, keywords", []string{"200 1#‡aX", "600 #0‡a鲁迅‡f1881-1936‡x人物研究", "607 #0‡a中国‡x历史‡z明代", "601 02‡a北京大学‡x校史", "610 0#‡a深度学习‡a中文分词"},
			func(b Bib) any {
				var out []string
				for _, s := range b.Subjects {
					out = append(out, string(s.Kind)+":"+s.Heading)
				}
				return out
			},
			[]string{"personal:鲁迅 (1881-1936)--人物研究", "geographic:中国--历史--明代", "corporate:北京大学--校史", "keyword:深度学习", "keyword:中文分词"}},
		{"690 CLC with edition", []string{"200 1#‡aX", "690 ##‡aTP311.13‡v5"},
			func(b Bib) any { return []any{b.CLC, b.CLCEdition, b.CLCNumbers} }, []any{"TP311.13", "5", []string{"TP311.13"}}},
		{"690 full-width, normalised", []string{"200 1#‡aX", "690 ##‡aＴＰ３１１．１３‡v5"},
			func(b Bib) any { return b.CLC }, "TP311.13"},
		{"690 invalid first, valid second", []string{"200 1#‡aX", "690 ##‡aTP3111‡v4", "690 ##‡aI247.5‡v5", "690 ##‡aI247.5‡v5"},
			func(b Bib) any { return []any{b.CLC, b.CLCEdition, b.CLCNumbers, b.CLCInvalid} },
			[]any{"I247.5", "5", []string{"I247.5"}, []string{"TP3111"}}},
		{"690 with a four-part class", []string{"200 1#‡aX", "690 ##‡a集部.别集类"},
			func(b Bib) any { return []any{b.CLC, b.CLCInvalid, b.Classes, b.Ancient} },
			[]any{"", []string(nil), []Class{{Scheme: "sibu", Number: "集部.别集类"}}, true}},
		{"other schemes", []string{"200 1#‡aX", "692 ##‡a75.2‡v3", "694 ##‡a11.2", "686 ##‡a集部.别集类‡2四部分类法", "676 ##‡a895.13‡v22", "675 ##‡a821.581‡v1993", "680 ##‡aPL2946"},
			func(b Bib) any { return []any{b.CLC, b.Classes} },
			[]any{"", []Class{{Scheme: "kt", Number: "75.2", Edition: "3"}, {Scheme: "rdf", Number: "11.2"},
				{Scheme: "sibu", Number: "集部.别集类"}, {Scheme: "ddc", Number: "895.13", Edition: "22"},
				{Scheme: "udc", Number: "821.581", Edition: "1993"}, {Scheme: "lcc", Number: "PL2946"}}}},
	})
}

func TestCNMARCNotesSummaryFlags(t *testing.T) {
	runRules(t, cn, []ruleCase{
		{"notes and summary", []string{"200 1#‡aX", "300 ##‡a内部资料", "320 ##‡a有书目", "327 1#‡a第1卷, 坟‡a第2卷, 彷徨", "330 ##‡a提要一。", "330 ##‡a提要二。", "333 ##‡a适用于3-6岁儿童"},
			func(b Bib) any { return []any{b.Summary, b.Notes} },
			[]any{"提要一。\n提要二。", []string{"内部资料", "有书目", "第1卷, 坟; 第2卷, 彷徨", "适用于3-6岁儿童"}}},
		{"thesis from 328 subfields", []string{"200 1#‡aX", "328 ##‡b硕士‡c计算机科学与技术‡e北京大学‡d2019"},
			func(b Bib) any { return []any{b.Thesis, b.ThesisNote} }, []any{true, "硕士 : 计算机科学与技术--北京大学, 2019"}},
		{"thesis from 328 $a", []string{"200 1#‡aX", "328 ##‡a博士学位论文--复旦大学, 2010"},
			func(b Bib) any { return b.ThesisNote }, "博士学位论文--复旦大学, 2010"},
		{"thesis from 105", []string{"105 ##‡aa   m   000yy", "200 1#‡aX"},
			func(b Bib) any { return b.Thesis }, true},
		{"conference from 105", []string{"105 ##‡ay   z   100yy", "200 1#‡aX"},
			func(b Bib) any { return []bool{b.Conference, b.Thesis} }, []bool{true, false}},
		{"serial frequency and numbering", []string{"200 1#‡aX", "207 #0‡a1957年, 第1期-", "326 ##‡a双月刊"},
			func(b Bib) any { return []string{b.Numbering, b.Frequency} }, []string{"1957年, 第1期-", "双月刊"}},
		{"juvenile", []string{f100('d', "2013", "c"), "200 1#‡aX"},
			func(b Bib) any { return b.Juvenile }, true},
		{"general adult is not juvenile", []string{f100('d', "2013", "em"), "200 1#‡aX"},
			func(b Bib) any { return b.Juvenile }, false},
		{"ancient by edition", []string{"200 1#‡a杜工部集", "205 ##‡a清乾隆十二年(1747)刻本"},
			func(b Bib) any { return b.Ancient }, true},
		{"ancient by date and language", []string{f100('d', "1820", "km"), "101 0#‡achi", "200 1#‡a某集"},
			func(b Bib) any { return b.Ancient }, true},
		{"facsimile is not ancient", []string{f100('e', "1958", "km"), "101 0#‡achi", "200 1#‡a康熙字典", "205 ##‡a影印本"},
			func(b Bib) any { return b.Ancient }, false},
		{"reproduction of an old date is not ancient", []string{f100('e', "1820", "km"), "101 0#‡achi", "200 1#‡a某集"},
			func(b Bib) any { return b.Ancient }, false},
		{"856", []string{"200 1#‡aX", "856 4#‡uhttp://www.jlis.cn"},
			func(b Bib) any { return b.URLs }, []string{"http://www.jlis.cn"}},
		{"dup key", []string{f100('d', "2008", "em"), "200 1#‡a三体‡h第二部‡i黑暗森林‡f刘慈欣著", "701 #0‡a刘慈欣‡4著"},
			func(b Bib) any { return b.DupKey }, "三体第二部黑暗森林|刘慈欣|2008"},
	})
}

func TestCNMARCMaterial(t *testing.T) {
	cases := map[string]Material{
		"nam0 ": MaterialBook, "nas0 ": MaterialSerial, "naa0 ": MaterialArticle, "nbm0 ": MaterialManuscript,
		"ncm0 ": MaterialMusic, "nem0 ": MaterialMap, "ngm0 ": MaterialVideo, "nim0 ": MaterialSound,
		"njm0 ": MaterialMusicRecord, "nkm0 ": MaterialGraphic, "nlm0 ": MaterialEResource, "nmm0 ": MaterialKit,
		"nrm0 ": MaterialObject, "ntm0 ": MaterialUnknown,
	}
	for leader, want := range cases {
		b, err := DeriveCNMARC(rec(t, leader, "200 1#‡aX"))
		if err != nil || b.Material != want {
			t.Errorf("leader %q: material %q, %v; want %q", leader, b.Material, err, want)
		}
	}
}

func TestDeriveChoosesProfile(t *testing.T) {
	m := rec(t, "nam a", "008 200101s2019    cc            000 0 chi d", "245 10‡aMARC 21 title")
	b, err := Derive(m)
	if err != nil || b.Format != marc.FormatMARC21 || b.Title != "MARC 21 title" {
		t.Errorf("MARC 21: %v %v %q", err, b.Format, b.Title)
	}
	c := rec(t, "nam0 ", f100('d', "2019", "em"), "101 0#‡achi", "200 1#‡aCNMARC题名", "690 ##‡aI247.5")
	c.Leader[20], c.Leader[21], c.Leader[22], c.Leader[23] = '4', '5', '0', ' '
	b, err = Derive(c)
	if err != nil || b.Format != marc.FormatCNMARC || b.Title != "CNMARC题名" {
		t.Errorf("CNMARC: %v %v %q", err, b.Format, b.Title)
	}
	u := rec(t, "nam0 ", "100 ##‡a19199511d1993----km-y1rumb0103----ba", "101 0#‡arum", "200 1#‡aTitlu", "801 #0‡aRO")
	u.Leader[20], u.Leader[21], u.Leader[22], u.Leader[23] = '4', '5', '0', ' '
	b, err = Derive(u)
	if err != nil || b.Format != marc.FormatUNIMARC || b.Title != "Titlu" {
		t.Errorf("UNIMARC: %v %v %q", err, b.Format, b.Title)
	}
	_, err = Derive(rec(t, "nam  ", "500 ##‡aonly a note"))
	if e := errorOf(t, err); !errors.Is(err, ErrUnknownFormat) || !strings.Contains(e.Error(), "245/200") {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := Derive(nil); !errors.Is(err, ErrNoRecord) {
		t.Errorf("nil: %v", err)
	}
}
