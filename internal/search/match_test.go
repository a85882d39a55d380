package search

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// refMatch evaluates a query tree against a record's token stream (the
// tokens of Doc.Text, gap tokens included, so positions are those the
// engines see) with the semantics of FTS5 MATCH and PostgreSQL @@: a
// phrase matches where its tokens occupy consecutive positions, a prefix
// token matches any token starting with it.
func refMatch(n Node, toks []string) bool {
	switch n := n.(type) {
	case *And:
		for _, c := range n.Children {
			if !refMatch(c, toks) {
				return false
			}
		}
		return true
	case *Or:
		for _, c := range n.Children {
			if refMatch(c, toks) {
				return true
			}
		}
		return false
	case *Not:
		return !refMatch(n.Child, toks)
	case *Term:
		return refAlts(n.Alts, toks)
	case *YearRange:
		return refAlts(n.Alts, toks)
	}
	return false
}

func refAlts(alts []Match, toks []string) bool {
	for _, m := range alts {
	pos:
		for p := 0; p+len(m.Tokens) <= len(toks); p++ {
			for i, want := range m.Tokens {
				got := toks[p+i]
				if i == len(m.Tokens)-1 && m.Prefix {
					if !strings.HasPrefix(got, want) {
						continue pos
					}
				} else if got != want {
					continue pos
				}
			}
			return true
		}
	}
	return false
}

// testCatalogue is a small catalogue for end-to-end tests of index and
// query together.
var testCatalogue = []struct {
	id  int
	add func(d *Doc)
}{
	{1, func(d *Doc) {
		d.Add(FieldTitle, "图书馆学基础")
		d.Add(FieldName, "曾国藩")
		d.Add(FieldClass, "G250")
		d.Add(FieldCallNo, "G250/12")
		d.Add(FieldYear, "2019")
	}},
	{2, func(d *Doc) {
		d.Add(FieldTitle, "C语言程序设计（第2版）")
		d.Add(FieldName, "谭浩强")
		d.Add(FieldClass, "TP312.8")
		d.Add(FieldISBN, "9787302224464")
		d.Add(FieldPublisher, "清华大学出版社")
		d.Add(FieldYear, "2010")
	}},
	{3, func(d *Doc) {
		d.Add(FieldTitle, "Java programming: an introduction")
		d.Add(FieldName, "Smith, José")
		d.Add(FieldClass, "TP311.13")
		d.Add(FieldCallNo, "TP311.13/123:2")
		d.Add(FieldYear, "1999")
	}},
	{4, func(d *Doc) {
		d.Add(FieldTitle, "重庆银行与长江音乐")
		d.Add(FieldSubject, "音乐--研究")
		d.Add(FieldPublisher, "人民音乐出版社")
		d.Add(FieldYear, "2023")
	}},
	{5, func(d *Doc) {
		d.Add(FieldTitle, "图书 馆")
		d.Add(FieldName, "单于恩")
		d.Add(FieldOther, "Python java")
		d.Add(FieldISSN, "1000-0135")
		d.Add(FieldYear, "2021")
	}},
	{6, func(d *Doc) {
		d.Add(FieldTitle, "Œuvres complètes", "全集")
		d.Add(FieldName, "Müller, Straße")
		d.Add(FieldSubject, "计算机", "程序设计")
		d.Add(FieldISBN, "711112345X")
		d.Add(FieldYear, "1850")
	}},
}

func TestQueryFindsRecords(t *testing.T) {
	docs := map[int][]string{}
	for _, r := range testCatalogue {
		var d Doc
		r.add(&d)
		docs[r.id] = strings.Split(d.Text(), " ")
	}
	for _, tt := range findTests {
		t.Run(tt.q, func(t *testing.T) {
			q, err := Parse(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range testCatalogue {
				if refMatch(q.Root, docs[r.id]) {
					got = append(got, strconv.Itoa(r.id))
				}
			}
			if g := strings.Join(got, ","); g != tt.want {
				t.Errorf("%q (%s) found %q, want %q", tt.q, q, g, tt.want)
			}
		})
	}
}

// findTests are queries on testCatalogue and the records each must find.
var findTests = []struct {
	q    string
	want string // ids, comma-separated
}{
	{"图书馆", "1,5"},    // 图书 书馆 adjacent; "图书 馆" joins across the space
	{"ti:图书馆", "1,5"}, // field-qualified
	{"au:图书馆", ""},    // not in names
	{"书", "1,5"},      // one character: unigram
	{"学基", "1"},       // any bigram inside a word
	{"馆学基础", "1"},
	{"基础图书", ""},   // not a substring
	{"图书 基础", "1"}, // two words: both anywhere
	{"au:曾国藩", "1"},
	{"曾国藩 图书馆", "1"},
	{"py:zengguofan", "1"},
	{"py:zgf", "1"},
	{"py:cengguofan", ""},   // surname reading, not the default
	{"py:曾国藩", "1"},         // by pronunciation, either reading
	{"py:tushuguan", "1,5"}, // syllable phrase
	{"py:tsg*", "1,5"},
	{"py:tsgxjc", "1"},
	{"py:chongqing", "4"},
	{"py:changjiang", "4"},
	{"py:yinyue", "4"},
	{`py:"yin yue"`, "4"},
	{"py:chanyuen", "5"},
	{"py:cyy*", "2"}, // initials of the whole title, Latin letter included
	{"cls:TP3*", "2,3"},
	{"cls:TP31*", "2,3"},
	{"cls:TP311.1*", "3"},
	{"cls:TP311.13", "3"},
	{"cls:TP311", ""}, // exact class only
	{"callno:TP311*", "3"},
	{"callno:G250/12", "1"},
	{"TP311.13", "3"}, // unqualified: the keyword stream has class numbers as text
	{"isbn:9787302224464", "2"},
	{"isbn:978-7-302-22446-4", "2"},
	{"978-7-302-22446-4", "2"}, // hyphenated ISBN typed in the main box
	{"9787302224464", "2"},
	{"isbn:9787302*", "2"},
	{"isbn:7-111-12345-x", "6"},
	{"7-111-12345-X", "6"},
	{"issn:10000135", "5"},
	{"java", "3,5"},
	{"java -python", "3"},
	{"java NOT python", "3"},
	{"java OR 音乐", "3,4,5"},
	{"(java OR 音乐) -研究", "3,5"},
	{`"java programming"`, "3"},
	{`"programming java"`, ""},
	{"progr*", "3"},
	{"C语言", "2"},
	{`"C 语言"`, "2"},
	{"jose", "3"},
	{"JOSÉ", "3"},
	{"muller strasse", "6"},
	{"oeuvres completes", "6"},
	{"pub:音乐", "4"},
	{"pub:清华", "2"},
	{"su:研究", "4"},
	{"su:计算机程序", ""}, // two subject values: no phrase across them
	{"su:计算机 su:程序设计", "6"},
	{"ti:Œuvres ti:全集", "6"},
	{"year:2019..2023", "1,4,5"},
	{"year:..2000", "3,6"},
	{"year:2010", "2"},
	{"year:2019 OR year:2010", "1,2"},
	{"year:1800..1899", "6"},
	{"2019", "1"},
	{"(java OR 图书) -year:1999", "1,5"},
	{"ti:(java OR 图书)", "1,3,5"},
}

func TestGapTokenNeverQueried(t *testing.T) {
	// A phrase must not match across values: the gap token sits between
	// them and no query produces it.
	for _, qs := range []string{"zz", "ZZ", `"zz"`, "zz*", "py:zz", "kw:zz"} {
		q, err := Parse(qs)
		if err != nil {
			continue
		}
		for _, tok := range collectTokens(q.Root) {
			if tok == GapToken {
				t.Errorf("%q produced the gap token", qs)
			}
		}
	}
}

func collectTokens(n Node) []string {
	var out []string
	switch n := n.(type) {
	case *And:
		for _, c := range n.Children {
			out = append(out, collectTokens(c)...)
		}
	case *Or:
		for _, c := range n.Children {
			out = append(out, collectTokens(c)...)
		}
	case *Not:
		out = collectTokens(n.Child)
	case *Term:
		for _, m := range n.Alts {
			out = append(out, m.Tokens...)
		}
	case *YearRange:
		for _, m := range n.Alts {
			out = append(out, m.Tokens...)
		}
	}
	return slices.Clip(out)
}
