package profile

import "testing"

func TestNormalizeKey(t *testing.T) {
	cases := map[string]string{
		"三体. 第二部, 黑暗森林":   "三体第二部黑暗森林",
		"三体．第二部，黑暗森林":     "三体第二部黑暗森林",
		"The C++ Book!":   "thecbook",
		"ＡＢＣ　１２３":         "abc123",
		"第①卷":             "第1卷",
		"Ｐｙｔｈｏｎ编程：从入门到实践": "python编程从入门到实践",
		"Café":       "café",
		"Cafe\u0301": "café", // NFKC composes
		"“十二五”规划教材":  "十二五规划教材",
		"Liu, Cixin": "liucixin",
		"":           "",
		"  -- ":      "",
	}
	for in, want := range cases {
		if got := NormalizeKey(in); got != want {
			t.Errorf("NormalizeKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDupKey(t *testing.T) {
	if got, want := DupKey("三体. 第二部, 黑暗森林", "刘慈欣", 2008), "三体第二部黑暗森林|刘慈欣|2008"; got != want {
		t.Errorf("DupKey = %q, want %q", got, want)
	}
	if got, want := DupKey("Art of computer programming", "Knuth, Donald E.", 0), "artofcomputerprogramming|knuthdonalde|"; got != want {
		t.Errorf("DupKey without year = %q, want %q", got, want)
	}
	// The same book catalogued with full-width punctuation and spaces
	// gives the same key.
	if DupKey("三体 : 地球往事", "刘慈欣", 2008) != DupKey("三体：地球往事", " 刘慈欣 ", 2008) {
		t.Error("punctuation and spaces change the key")
	}
}

func TestSortForm(t *testing.T) {
	cases := map[string]string{
		"三体. 第二部, 黑暗森林":       "三体 第二部 黑暗森林",
		"The Art of Computer": "the art of computer",
		"[Untitled] -- notes": "untitled notes",
		"Ｃ＋＋ Primer":          "c primer",
	}
	for in, want := range cases {
		if got := sortForm(in); got != want {
			t.Errorf("sortForm(%q) = %q, want %q", in, got, want)
		}
	}
}
