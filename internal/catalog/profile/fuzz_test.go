package profile

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"lantai.dev/lantai/internal/marc"
)

// FuzzDerive feeds records that the marc package can read to Derive, which
// must not panic and must either derive a title or return an *Error.
// Seeds: the CNMARC fixtures and a MARC 21 record, as ISO 2709.
func FuzzDerive(f *testing.F) {
	_, fx := loadFixtures(f)
	for _, r := range fx {
		data, err := marc.Marshal(r)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	m := rec(f, "nam a", "008 200101s2019    cc            000 0 chi d", "020 ##‡a0395673461 (pbk.) :‡c$19.95",
		"100 1#‡6880-01‡aLiu, Xugong.", "245 14‡6880-02‡aThe title.‡nPart 1 /‡cby me.", "880 10‡6245-02/$1‡a题名", "300 ##‡a1 v. +‡e1 CD")
	data, err := marc.Marshal(m)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		rd := marc.NewReader(bytes.NewReader(data))
		rd.Lenient = true
		r, err := rd.Next()
		if err != nil {
			return
		}
		for _, derive := range []func(*marc.Record) (Bib, error){Derive, DeriveMARC21, DeriveCNMARC} {
			b, err := derive(r)
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("error %v is %T", err, err)
				}
				continue
			}
			if b.Title == "" {
				t.Fatalf("no title and no error: %v", r)
			}
		}
	})
}

// FuzzText checks the string rules on any input: no panics, years in
// range, NormalizeKey idempotent and free of punctuation and spaces.
func FuzzText(f *testing.F) {
	for _, s := range []string{"2019印刷", "清乾隆十二年[1747]", "民国一百零八年", "CNY39.80(全2册)", "3元5角", "HK$168.00",
		"三体. 第二部, 黑暗森林", "\u0088The \u0089art", "<<Le >>x", "Smith, J.", "(美) 霍金著", "ＡＢＣ", "1光盘 + 1册"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if y := ParseYear(s); y != 0 && (y < minYear || y > maxYear) {
			t.Fatalf("ParseYear(%q) = %d", s, y)
		}
		if p, ok := ParsePrice(s); ok != p.Valid || p.Amount < 0 {
			t.Fatalf("ParsePrice(%q) = %+v, %v", s, p, ok)
		}
		k := NormalizeKey(s)
		if utf8.ValidString(s) && NormalizeKey(k) != k {
			t.Fatalf("NormalizeKey not idempotent on %q: %q then %q", s, k, NormalizeKey(k))
		}
		_ = Role(s)
		_ = nameFromStatement(s)
		_ = trimISBD(s)
		_ = clean(s)
		_ = filingForm(s)
		_ = displayForm(s)
		_ = sortForm(s)
		_ = countDiscs([]string{s})
		_ = isSibuClass(s)
		_, _ = quickISBN(s)
	})
}
