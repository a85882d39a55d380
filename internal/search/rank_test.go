package search

import (
	"strings"
	"testing"
)

func TestInFieldAndPlainText(t *testing.T) {
	q, err := Parse("中国 历史 -战争")
	if err != nil {
		t.Fatal(err)
	}
	ti := q.InField(FieldTitle)
	fts, err := CompileFTS5(ti)
	if err != nil || strings.Contains(fts, "kw") || !strings.Contains(fts, "ti中国") || strings.Contains(fts, "战争") {
		t.Fatalf("in title: %q %v", fts, err)
	}
	if text, ok := q.PlainText(); ok {
		t.Fatalf("a query with a negation is not plain: %q", text)
	}
	q, _ = Parse("三体 黑暗森林")
	if text, ok := q.PlainText(); !ok || text != "三体 黑暗森林" {
		t.Fatalf("plain: %q %v", text, ok)
	}
	q, _ = Parse("au:刘慈欣")
	if q.InField(FieldTitle) != nil {
		t.Fatal("a qualified term moved to the title")
	}
	q, _ = Parse(`ti:三体 OR 球状闪电 "the art"`)
	if words := q.Words(); strings.Join(words, "|") != "三体|球状闪电|the art" {
		t.Fatalf("words: %v", words)
	}
}

func TestHighlight(t *testing.T) {
	cases := []struct {
		text  string
		words []string
		want  string
	}{
		{"中国历史地理", []string{"历史"}, "中国[历史]地理"},
		{"The History of Java", []string{"java", "his"}, "The History of [Java]"},
		{"Java and JavaScript", []string{"java"}, "[Java] and JavaScript"},
		{"历史与历史学", []string{"历史", "历史学"}, "[历史]与[历史学]"},
		{"无匹配", []string{"java"}, "无匹配"},
	}
	for _, c := range cases {
		var sb strings.Builder
		for _, s := range Highlight(c.text, c.words) {
			if s.Hit {
				sb.WriteString("[" + s.Text + "]")
			} else {
				sb.WriteString(s.Text)
			}
		}
		if sb.String() != c.want {
			t.Errorf("%q %v: %q, want %q", c.text, c.words, sb.String(), c.want)
		}
	}
}
