package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name  string
		field Field
		text  string
		want  string // space-separated
	}{
		{"cjk bigrams and unigrams", FieldTitle, "图书馆学",
			"ti图书 ti书馆 ti馆学 ti图 ti书 ti馆 ti学"},
		{"single cjk char", FieldTitle, "书", "ti书"},
		{"cjk two chars", FieldTitle, "中国", "ti中国 ti中 ti国"},
		{"latin lower-cased", FieldTitle, "Java Programming", "tijava tiprogramming"},
		{"mixed latin and cjk", FieldTitle, "C语言程序",
			"tic ti语言 ti言程 ti程序 ti语 ti言 ti程 ti序"},
		{"punctuation ends cjk run", FieldTitle, "图书，馆",
			"ti图书 ti馆 ti图 ti书"},
		{"whitespace joins cjk", FieldTitle, "中国 历史",
			"ti中国 ti国历 ti历史 ti中 ti国 ti历 ti史"},
		{"ideographic space joins cjk", FieldTitle, "中国\u3000历史",
			"ti中国 ti国历 ti历史 ti中 ti国 ti历 ti史"},
		{"hangul not joined across space", FieldTitle, "한국 역사",
			"ti한국 ti역사 ti한 ti국 ti역 ti사"},
		{"kana kept", FieldTitle, "ガンダム", "tiガン tiンダ tiダム tiガ tiン tiダ tiム"},
		{"katakana middle dot separates", FieldTitle, "トム・ソーヤー",
			"tiトム tiソー tiーヤ tiヤー tiト tiム tiソ tiー tiヤ tiー"},
		{"ideographic zero folded", FieldTitle, "二〇一九",
			"ti二零 ti零一 ti一九 ti二 ti零 ti一 ti九"},
		{"compatibility ideograph unified", FieldTitle, "\uF900", "ti\u8C48"},
		{"full-width latin and digits", FieldTitle, "ＡＢＣ１２３", "tiabc123"},
		{"diacritics folded", FieldTitle, "Café naïve Ångström", "ticafe tinaive tiangstrom"},
		{"combining marks dropped", FieldTitle, "Cafe\u0301", "ticafe"},
		{"special letters", FieldTitle, "Straße Øresund Łódź Æsop þing",
			"tistrasse tioresund tilodz tiaesop tithing"},
		{"ligature expanded", FieldTitle, "ﬁnance", "tifinance"},
		{"cyrillic lower-cased", FieldTitle, "Война и Мир", "tiвоина tiи tiмир"},
		{"greek final sigma", FieldTitle, "ΛΟΓΟΣ λόγος", "tiλογοσ tiλογοσ"},
		{"punctuation splits words", FieldTitle, "e-mail O'Reilly C++", "tie timail tio tireilly tic"},
		{"digits kept with letters", FieldTitle, "MP3 TP311 3D", "timp3 titp311 ti3d"},
		{"hyphenated isbn-13 merged", FieldTitle, "ISBN 978-7-111-12345-6",
			"tiisbn ti9787111123456"},
		{"hyphenated isbn-10 with x merged", FieldTitle, "7-111-12345-X", "ti711112345x"},
		{"year range not merged", FieldTitle, "1949-2019", "ti1949 ti2019"},
		{"three groups wrong length not merged", FieldTitle, "1-2-3", "ti1 ti2 ti3"},
		{"only punctuation", FieldTitle, "！？。、——", ""},
		{"empty", FieldTitle, "", ""},
		{"name code", FieldName, "鲁迅", "au鲁迅 au鲁 au迅"},
		{"corporate name shares au", FieldCorporateName, "ACM", "auacm"},
		{"subject", FieldSubject, "计算机--教材", "su计算 su算机 su教材 su计 su算 su机 su教 su材"},
		{"publisher", FieldPublisher, "中华书局", "pu中华 pu华书 pu书局 pu中 pu华 pu书 pu局"},
		{"any", FieldAny, "Java", "kwjava"},
		{"other goes to kw", FieldOther, "Notes", "kwnotes"},
		{"isbn digits unchanged", FieldISBN, "9787111123456", "ib9787111123456"},
		{"isbn hyphens dropped", FieldISBN, "978-7-111-12345-6", "ib9787111123456"},
		{"isbn-10 x", FieldISBN, "711112345X", "ib711112345x"},
		{"issn", FieldISSN, "1234-567X", "is1234567x"},
		{"isbn without digits", FieldISBN, "n/a", ""},
		{"class exact and prefixes", FieldClass, "TP311.13",
			"cltp311qd13 cpt cptp cptp3 cptp31 cptp311 cptp311qd cptp311qd1 cptp311qd13"},
		{"class q escaped", FieldClass, "Q94", "clqq94 cpqq cpqq9 cpqq94"},
		{"class full-width", FieldClass, "ＴＰ３", "cltp3 cpt cptp cptp3"},
		{"class auxiliary notation", FieldClass, "K825.6=76",
			"clk825qd6qe76 cpk cpk8 cpk82 cpk825 cpk825qd cpk825qd6 cpk825qd6qe cpk825qd6qe7 cpk825qd6qe76"},
		{"callno", FieldCallNo, "I247/1:2",
			"cni247qs1qc2 npi npi2 npi24 npi247 npi247qs npi247qs1 npi247qs1qc npi247qs1qc2"},
		{"year", FieldYear, "2019", "yr2019 yr201 yr20 yr2"},
		{"year in brackets", FieldYear, "[2019]", "yr2019 yr201 yr20 yr2"},
		{"not a year", FieldYear, "c2019", ""},
		{"early year padded", FieldYear, "980", "yr0980 yr098 yr09 yr0"},
		{"pinyin field", FieldPinyin, "图书馆", "pytu pyshu pyguan pytushuguan pytsg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokens(tt.field, tt.text)
			want := strings.Fields(tt.want)
			if !slices.Equal(got, want) {
				t.Errorf("Tokens(%v, %q)\n got %q\nwant %q", tt.field, tt.text, got, want)
			}
		})
	}
}

func TestLongWordTruncated(t *testing.T) {
	long := strings.Repeat("a", 100) + " " + strings.Repeat("é", 40)
	got := Tokens(FieldAny, long)
	if len(got) != 2 {
		t.Fatalf("got %d tokens, want 2: %q", len(got), got)
	}
	for _, tok := range got {
		if len(tok)-2 > maxWordBytes || !utf8.ValidString(tok) {
			t.Errorf("token %q: %d bytes after code, want at most %d, valid UTF-8", tok, len(tok)-2, maxWordBytes)
		}
	}
	// A non-ASCII word is cut at a rune boundary.
	cyr := strings.Repeat("ж", 40)
	for _, tok := range Tokens(FieldAny, cyr) {
		if !utf8.ValidString(tok) || len(tok)-2 > maxWordBytes {
			t.Errorf("token %q not cut at a rune boundary within %d bytes", tok, maxWordBytes)
		}
	}
}

func TestLongValueTruncated(t *testing.T) {
	v := strings.Repeat("图", maxValueBytes) // 3 bytes each: cut in the middle of a rune
	got := Tokens(FieldAny, v)
	wantChars := maxValueBytes / 3
	// Main sequence: wantChars-1 bigrams; unigrams: wantChars.
	if len(got) != 2*wantChars-1 {
		t.Errorf("got %d tokens, want %d", len(got), 2*wantChars-1)
	}
}

// TestTokenAlphabet checks, on random input mixing every kind of
// character, that every token written is a two-letter code and a body of
// lower-case ASCII letters, digits and Unicode letters: what FTS5's ascii
// and unicode61 tokenizers and PostgreSQL's parser keep as one token.
func TestTokenAlphabet(t *testing.T) {
	pieces := []string{"图书", "馆", " ", "　", "Ａ", "a", "Z", "9", "é", "e\u0301", "ß", "-", ".", "/", ":",
		"（", "）", "“", "”", "、", "。", "ー", "・", "한", "ガ", "〇", "々", "\u0000", "\uFFFD", "①", "ﬁ",
		"Ω", "ж", "\u200b", "\t", "x", "q", "Q", "*", "\"", "'", "ℌ", "㍿", "\U00020000", "豈", "٣", "ǅ"}
	rng := rand.New(rand.NewPCG(1, 2))
	var d Doc
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for n := rng.IntN(20); n >= 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		d.Reset()
		for f := Field(0); f < numFields; f++ {
			d.Add(f, s)
		}
		text := d.Text()
		if text == "" {
			continue
		}
		for _, tok := range strings.Split(text, " ") { // single spaces only: no empty token
			if tok == GapToken {
				continue
			}
			if err := checkToken(tok); err != nil {
				t.Fatalf("input %q: %v", s, err)
			}
		}
	}
}

func TestEncodeClassPrefixCode(t *testing.T) {
	// enc(p) is a prefix of enc(s) exactly when p is a prefix of s (after
	// folding): the property the materialised prefix tokens rely on.
	alphabet := []string{"q", "Q", ".", "-", "p", "1", "/", "=", "(", ")", ":", "d", "h"}
	rng := rand.New(rand.NewPCG(3, 4))
	gen := func() string {
		var b strings.Builder
		for n := rng.IntN(6); n >= 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for i := 0; i < 20000; i++ {
		s, p := gen(), gen()
		fold := strings.ToLower
		isPrefix := strings.HasPrefix(fold(s), fold(p))
		encPrefix := strings.HasPrefix(EncodeClass(s), EncodeClass(p))
		if isPrefix != encPrefix {
			t.Fatalf("p=%q s=%q: prefix %v but encoded prefix %v (%q, %q)", p, s, isPrefix, encPrefix, EncodeClass(p), EncodeClass(s))
		}
	}
	for _, c := range []struct{ in, want string }{
		{"TP311.13", "tp311qd13"},
		{"Q94", "qq94"},
		{"K825.6=76", "k825qd6qe76"},
		{"D922.1(2)", "d922qd1qo2qp"},
		{"TP 311", "tp311"},
		{"I247.5/金庸", "i247qd5qs金庸"},
		{"", ""},
	} {
		if got := EncodeClass(c.in); got != c.want {
			t.Errorf("EncodeClass(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestYearCover(t *testing.T) {
	tests := []struct {
		lo, hi int
		want   string
	}{
		{2020, 2020, "2020"},
		{2019, 2023, "2019 2020 2021 2022 2023"},
		{2010, 2019, "201"},
		{1950, 2023, "195 196 197 198 199 200 201 2020 2021 2022 2023"},
		{0, 2000, "0 1 2000"},
		{2019, 9999, "2019 202 203 204 205 206 207 208 209 21 22 23 24 25 26 27 28 29 3 4 5 6 7 8 9"},
		{0, 9999, "0 1 2 3 4 5 6 7 8 9"},
	}
	for _, tt := range tests {
		got := yearCover(tt.lo, tt.hi)
		if !slices.Equal(got, strings.Fields(tt.want)) {
			t.Errorf("yearCover(%d, %d) = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
	// Exhaustive check on sampled ranges: a year is covered exactly when
	// it lies in the range, and the cover stays small.
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 300; i++ {
		lo := rng.IntN(MaxYear + 1)
		hi := lo + rng.IntN(MaxYear+1-lo)
		cover := yearCover(lo, hi)
		if len(cover) > 63 {
			t.Fatalf("cover of %d..%d has %d tokens", lo, hi, len(cover))
		}
		for _, y := range []int{lo - 1, lo, (lo + hi) / 2, hi, hi + 1, rng.IntN(MaxYear + 1)} {
			if y < MinYear || y > MaxYear {
				continue
			}
			in := false
			eachYearToken(y, func(body []byte) {
				if slices.Contains(cover, string(body)) {
					in = true
				}
			})
			if want := y >= lo && y <= hi; in != want {
				t.Fatalf("year %d in cover of %d..%d = %v, want %v", y, lo, hi, in, want)
			}
		}
	}
}
