package profile

import "testing"

func TestTrimISBD(t *testing.T) {
	cases := map[string]string{
		"Three-body problem /":     "Three-body problem",
		"Beijing :":                "Beijing",
		"Zhonghua shu ju,":         "Zhonghua shu ju",
		"2019.":                    "2019",
		"24 cm +":                  "24 cm",
		"Handbooks, manuals, etc.": "Handbooks, manuals, etc.",
		"Smith, J.":                "Smith, J.",
		"Lovecraft, H. P.":         "Lovecraft, H. P.",
		"ill. ;":                   "ill.",
		"Garnet Mimms ...":         "Garnet Mimms ...",
		"刘慈欣著.":                    "刘慈欣著",
		"长江少年儿童出版社，":               "长江少年儿童出版社",
		"Da, Qi.":                  "Da, Qi",
		"शास्त्री, उदयराज.": "शास्त्री, उदयराज",
		"  ":               "",
		"1952-":            "1952-",
		"[videorecording]": "[videorecording]",
	}
	for in, want := range cases {
		if got := trimISBD(in); got != want {
			t.Errorf("trimISBD(%q) = %q, want %q", in, got, want)
		}
	}
	if got := clean("= Parallel title :"); got != "Parallel title" {
		t.Errorf("clean = %q", got)
	}
	if got := clean("+ 1光盘"); got != "1光盘" {
		t.Errorf("clean = %q", got)
	}
}

func TestNonfiling(t *testing.T) {
	cases := []struct{ in, display, filing string }{
		{"\u0088The \u0089art of computer programming", "The art of computer programming", "art of computer programming"},
		{"\u0098Der \u009CZauberberg", "Der Zauberberg", "Zauberberg"},
		{"<<The >>sweetest fig", "The sweetest fig", "sweetest fig"},
		{"三体", "三体", "三体"},
	}
	for _, c := range cases {
		if got := displayForm(c.in); got != c.display {
			t.Errorf("displayForm(%q) = %q, want %q", c.in, got, c.display)
		}
		if got := filingForm(c.in); got != c.filing {
			t.Errorf("filingForm(%q) = %q, want %q", c.in, got, c.filing)
		}
	}
	if got := skipRunes("Le Père", 3); got != "Père" {
		t.Errorf("skipRunes = %q", got)
	}
	if got := skipRunes("Ab", 5); got != "Ab" {
		t.Errorf("skipRunes past the end = %q", got)
	}
}

func TestUnparen(t *testing.T) {
	cases := map[string]string{
		"(hardcover)":          "hardcover",
		"[videorecording]":     "videorecording",
		"（平装）":                 "平装",
		"1 CD-ROM (4 3/4 in.)": "1 CD-ROM (4 3/4 in.)",
		"(a) and (b)":          "(a) and (b)",
	}
	for in, want := range cases {
		if got := unparen(in); got != want {
			t.Errorf("unparen(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountDiscs(t *testing.T) {
	cases := []struct {
		acc  []string
		want int
	}{
		{[]string{"1光盘"}, 1},
		{[]string{"2张光盘"}, 2},
		{[]string{"光盘1张"}, 1},
		{[]string{"两张光盘"}, 2},
		{[]string{"光盘"}, 1},
		{[]string{"1光盘 + 1册"}, 1},
		{[]string{"1册", "2光碟"}, 2},
		{[]string{"1 CD-ROM (4 3/4 in.)"}, 1},
		{[]string{"2 computer discs"}, 2},
		{[]string{"1 DVD-ROM"}, 1},
		{[]string{"1 booklet"}, 0},
		{[]string{"power cord"}, 0},
		{[]string{"1盘磁带"}, 0},
		{nil, 0},
	}
	for _, c := range cases {
		if got := countDiscs(c.acc); got != c.want {
			t.Errorf("countDiscs(%q) = %d, want %d", c.acc, got, c.want)
		}
	}
}

func TestTrimSpace(t *testing.T) {
	cases := map[string]string{
		"":               "",
		"三体":             "三体",
		"\u3000三体\u3000": "三体",
		" a ":            "a",
		"\u00a0x\u00a0":  "x",
		"a\u2003":        "a",
		"\ta\n":          "a",
		"我们":             "我们",
		"「引号」":           "「引号」",
		"\u3000\u3000":   "",
		"abc\u0085":      "abc",
	}
	for in, want := range cases {
		if got := trimSpace(in); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
