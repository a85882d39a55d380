package search

import (
	"strings"
	"testing"
)

// benchTitle is a 200-character mixed title, typical of the long end of
// Chinese catalogue records (title proper, other title information and
// statement of responsibility run together).
var benchTitle = func() string {
	s := strings.Repeat("中国近代图书馆事业发展史研究：以重庆银行与长江流域的音乐文化为中心（1840-1949）", 5)
	r := []rune(s)
	return string(r[:200])
}()

// addBenchRecord adds a record with a 200-character title and ten fields.
func addBenchRecord(d *Doc) {
	d.Add(FieldTitle, benchTitle)
	d.Add(FieldName, "曾国藩", "单于恩")
	d.Add(FieldCorporateName, "中国图书馆学会")
	d.Add(FieldSubject, "图书馆事业--历史--中国--近代", "音乐--文化研究")
	d.Add(FieldPublisher, "国家图书馆出版社")
	d.Add(FieldISBN, "9787501349876")
	d.Add(FieldClass, "G259.29")
	d.Add(FieldCallNo, "G259.29/123:2")
	d.Add(FieldOther, "Library history; José Müller, Straße")
	d.Add(FieldYear, "2019")
}

func BenchmarkDoc(b *testing.B) {
	var d Doc
	addBenchRecord(&d)
	b.SetBytes(int64(len(d.Text())))
	b.ReportAllocs()
	for b.Loop() {
		d.Reset()
		addBenchRecord(&d)
		_ = d.AppendText(nil)
	}
}

func BenchmarkDocNoText(b *testing.B) {
	var d Doc
	addBenchRecord(&d)
	b.ReportAllocs()
	for b.Loop() {
		d.Reset()
		addBenchRecord(&d)
	}
}

func BenchmarkTokensTitle(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Tokens(FieldTitle, benchTitle)
	}
}

func BenchmarkParse(b *testing.B) {
	const q = `ti:图书馆 au:"曾国藩" (java OR python) -研究 comp* year:2019..2023 cls:TP3* py:tushuguan`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	q, err := Parse(`ti:图书馆 au:"曾国藩" (java OR python) -研究 comp* year:2019..2023 cls:TP3* py:tushuguan`)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CompileFTS5(q); err != nil {
			b.Fatal(err)
		}
		if _, err := CompileTSQuery(q); err != nil {
			b.Fatal(err)
		}
	}
}
