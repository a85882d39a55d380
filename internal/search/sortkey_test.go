package search

import (
	"sort"
	"testing"
)

func TestPinyinSortKey(t *testing.T) {
	cases := map[string]string{
		"图书馆学基础":        "tu shu guan xue ji chu",
		"重庆森林":          "chong qing sen lin",
		"The Art of Ｃ":  "the art of c",
		"三体. 第二部, 黑暗森林": "san ti di er bu hei an sen lin",
		"C++程序设计":       "c cheng xu she ji",
		"":              "",
	}
	for in, want := range cases {
		if got := PinyinSortKey(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	titles := []string{"中国历史", "阿Q正传", "Zebra", "百年孤独", "apple", "长安十二时辰"}
	sort.Slice(titles, func(i, j int) bool { return PinyinSortKey(titles[i]) < PinyinSortKey(titles[j]) })
	want := []string{"阿Q正传", "apple", "百年孤独", "长安十二时辰", "Zebra", "中国历史"}
	for i := range want {
		if titles[i] != want[i] {
			t.Fatalf("order %v, want %v", titles, want)
		}
	}
}
