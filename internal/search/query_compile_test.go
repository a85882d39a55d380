package search

import (
	"errors"
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	tests := []struct {
		q, fts5, ts string
	}{
		{"java", `"kwjava"`, `'kwjava'`},
		{"图书馆", `"kw图书 kw书馆"`, `('kw图书' <-> 'kw书馆')`},
		{"java python", `"kwjava" AND "kwpython"`, `'kwjava' & 'kwpython'`},
		{"java OR python", `"kwjava" OR "kwpython"`, `'kwjava' | 'kwpython'`},
		{"comp*", `"kwcomp" *`, `'kwcomp':*`},
		{`"java prog"*`, `"kwjava kwprog" *`, `('kwjava' <-> 'kwprog':*)`},
		{"ti:图书馆 comp* -java",
			`("ti图书 ti书馆" AND "kwcomp" *) NOT "kwjava"`,
			`('ti图书' <-> 'ti书馆') & 'kwcomp':* & !'kwjava'`},
		{"a -b -c",
			`"kwa" NOT ("kwb" OR "kwc")`,
			`'kwa' & !'kwb' & !'kwc'`},
		{"a b OR c",
			`"kwa" AND ("kwb" OR "kwc")`,
			`'kwa' & ('kwb' | 'kwc')`},
		{"(a b) OR c",
			`("kwa" AND "kwb") OR "kwc"`,
			`('kwa' & 'kwb') | 'kwc'`},
		{"a -(b -c)",
			`"kwa" NOT ("kwb" NOT "kwc")`,
			`'kwa' & !('kwb' & !'kwc')`},
		{"a -(b OR c) d",
			`("kwa" AND "kwd") NOT ("kwb" OR "kwc")`,
			`'kwa' & 'kwd' & !('kwb' | 'kwc')`},
		{"(a -b) OR c",
			`("kwa" NOT "kwb") OR "kwc"`,
			`('kwa' & !'kwb') | 'kwc'`},
		{"x -\"java prog\"",
			`"kwx" NOT "kwjava kwprog"`,
			`'kwx' & !('kwjava' <-> 'kwprog')`},
		{"py:tushuguan",
			`("pytushuguan" OR "pytu pyshu pyguan")`,
			`('pytushuguan' | ('pytu' <-> 'pyshu' <-> 'pyguan'))`},
		{"year:2019..2021 java",
			`("yr2019" OR "yr2020" OR "yr2021") AND "kwjava"`,
			`('yr2019' | 'yr2020' | 'yr2021') & 'kwjava'`},
		{"cls:TP3* isbn:9787111123456",
			`"cptp3" AND "ib9787111123456"`,
			`'cptp3' & 'ib9787111123456'`},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			q, err := Parse(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := CompileFTS5(q); err != nil || got != tt.fts5 {
				t.Errorf("CompileFTS5(%q)\n got %s (%v)\nwant %s", tt.q, got, err, tt.fts5)
			}
			if got, err := CompileTSQuery(q); err != nil || got != tt.ts {
				t.Errorf("CompileTSQuery(%q)\n got %s (%v)\nwant %s", tt.q, got, err, tt.ts)
			}
		})
	}
}

func TestCompileRejectsBadTrees(t *testing.T) {
	term := func(tok string) *Term { return &Term{Field: FieldAny, Alts: []Match{{Tokens: []string{tok}}}} }
	tests := []struct {
		name string
		q    *Query
	}{
		{"nil query", nil},
		{"nil root", &Query{}},
		{"root negation", &Query{Root: &Not{Child: term("kwa")}}},
		{"and of negations", &Query{Root: &And{Children: []Node{&Not{Child: term("kwa")}, &Not{Child: term("kwb")}}}}},
		{"negation in or", &Query{Root: &Or{Children: []Node{term("kwa"), &Not{Child: term("kwb")}}}}},
		{"double negation", &Query{Root: &And{Children: []Node{term("kwa"), &Not{Child: &Not{Child: term("kwb")}}}}}},
		{"empty or", &Query{Root: &Or{}}},
		{"term without alternatives", &Query{Root: &Term{}}},
		{"empty phrase", &Query{Root: &Term{Alts: []Match{{}}}}},
		{"token with quote", &Query{Root: term(`kw"x`)}},
		{"token with apostrophe", &Query{Root: term("kw'x")}},
		{"token with space", &Query{Root: term("kwa b")}},
		{"token with colon", &Query{Root: term("kwa:b")}},
		{"upper-case token", &Query{Root: term("kwJava")}},
		{"code only", &Query{Root: term("kw")}},
		{"nil child", &Query{Root: &And{Children: []Node{term("kwa"), nil}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s, err := CompileFTS5(tt.q); err == nil {
				t.Errorf("CompileFTS5 = %q, want error", s)
			}
			if s, err := CompileTSQuery(tt.q); err == nil {
				t.Errorf("CompileTSQuery = %q, want error", s)
			}
		})
	}
	_, err := CompileFTS5(&Query{Root: term("kwa b")})
	if !errors.Is(err, errBadToken) || !strings.Contains(err.Error(), "CompileFTS5") {
		t.Errorf("bad token error = %v", err)
	}
}

func TestCompileDeepTree(t *testing.T) {
	var n Node = &Term{Alts: []Match{{Tokens: []string{"kwa"}}}}
	for i := 0; i < 100; i++ {
		n = &Or{Children: []Node{n, &Term{Alts: []Match{{Tokens: []string{"kwb"}}}}}}
	}
	if _, err := CompileTSQuery(&Query{Root: n}); err == nil {
		t.Error("no error for a tree 100 levels deep")
	}
}
