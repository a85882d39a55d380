package search

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"java", "图书馆 java", `"machine learning"`, `“数据 结构”（C语言版）`, "ti:图书馆 au:曾国藩",
	"java OR python -perl", "a -(b -c)", "(a OR b) (c OR d)", "comp*", "cls:TP3*", "callno:I247.5/123",
	"isbn:978-7-111-12345-6", "py:tushuguan", "py:曾国藩", "year:2019..2023", "year:..2000", "year:2019-",
	"-a", "a OR -b", `"abc`, "(a", "a)", "()", "ti:", "*", "ja*va", "a*", "NOT NOT a", "foo:bar",
	"！！！", "au： 鲁迅 pub: 人民", "a\xffb", "((((((((((a))))))))))", "--------a", "ＡＢＣ１２３",
}

// FuzzParseQuery checks that Parse never panics and that whatever it
// accepts compiles for both engines, respects the limits and the tree
// invariants, and uses only well-formed tokens; and that whatever it
// rejects comes with a known code and a position inside the query.
//
//	go test -run '^$' -fuzz FuzzParseQuery -fuzztime 60s ./internal/search
func FuzzParseQuery(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q): error %T is not *Error", s, err)
			}
			if _, known := messages[e.Code]; !known || strings.HasPrefix(string(e.Code), "unknown") {
				t.Fatalf("Parse(%q): unknown code %q", s, e.Code)
			}
			if e.Offset < 0 || e.Offset > len(s) || e.Column < 1 {
				t.Fatalf("Parse(%q): position %d column %d", s, e.Offset, e.Column)
			}
			if utf8.ValidString(s) && e.Column != utf8.RuneCountInString(s[:e.Offset])+1 {
				t.Fatalf("Parse(%q): column %d does not match offset %d", s, e.Column, e.Offset)
			}
			_ = e.Error()
			return
		}
		if q.Root == nil {
			t.Fatalf("Parse(%q): nil root without error", s)
		}
		checkTree(t, s, q.Root, true)
		toks := collectTokens(q.Root)
		if len(toks) > DefaultLimits.MaxTokens {
			t.Fatalf("Parse(%q): %d tokens", s, len(toks))
		}
		for _, tok := range toks {
			if err := checkToken(tok); err != nil {
				t.Fatalf("Parse(%q): %v", s, err)
			}
		}
		if _, err := CompileFTS5(q); err != nil {
			t.Fatalf("CompileFTS5(%q): %v", s, err)
		}
		if _, err := CompileTSQuery(q); err != nil {
			t.Fatalf("CompileTSQuery(%q): %v", s, err)
		}
	})
}

// checkTree verifies the invariants documented on Node.
func checkTree(t *testing.T, src string, n Node, root bool) {
	t.Helper()
	start, end := n.Span()
	if start < 0 || end > len(src) || start > end {
		t.Fatalf("%q: span %d..%d", src, start, end)
	}
	switch n := n.(type) {
	case *And:
		if len(n.Children) < 2 {
			t.Fatalf("%q: And with %d children", src, len(n.Children))
		}
		positive := false
		for _, c := range n.Children {
			if _, ok := c.(*And); ok {
				t.Fatalf("%q: And inside And", src)
			}
			if _, ok := c.(*Not); !ok {
				positive = true
			}
			checkTree(t, src, c, false)
		}
		if !positive {
			t.Fatalf("%q: And without a positive child", src)
		}
	case *Or:
		if len(n.Children) < 2 {
			t.Fatalf("%q: Or with %d children", src, len(n.Children))
		}
		for _, c := range n.Children {
			switch c.(type) {
			case *Or, *Not:
				t.Fatalf("%q: %T inside Or", src, c)
			}
			checkTree(t, src, c, false)
		}
	case *Not:
		if root {
			t.Fatalf("%q: Not at the root", src)
		}
		if _, ok := n.Child.(*Not); ok {
			t.Fatalf("%q: double negation", src)
		}
		checkTree(t, src, n.Child, false)
	case *Term:
		if len(n.Alts) == 0 {
			t.Fatalf("%q: term without alternatives", src)
		}
	case *YearRange:
		if n.From > n.To || len(n.Alts) == 0 {
			t.Fatalf("%q: year range %d..%d with %d alternatives", src, n.From, n.To, len(n.Alts))
		}
	default:
		t.Fatalf("%q: node %T", src, n)
	}
}

// FuzzDoc checks that any value in any field gives well-formed tokens
// separated by single spaces.
func FuzzDoc(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d Doc
		for fld := Field(0); fld < numFields; fld++ {
			d.Add(fld, s)
		}
		text := d.Text()
		if text == "" {
			return
		}
		for _, tok := range strings.Split(text, " ") {
			if tok == GapToken {
				continue
			}
			if err := checkToken(tok); err != nil {
				t.Fatalf("value %q: %v", s, err)
			}
		}
	})
}
