package marc

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestParseCharset(t *testing.T) {
	tests := []struct {
		in   string
		want Charset
		ok   bool
	}{
		{"auto", CharsetAuto, true},
		{"", CharsetAuto, true},
		{"UTF-8", CharsetUTF8, true},
		{"utf8", CharsetUTF8, true},
		{"marc8", CharsetMARC8, true},
		{"MARC-8", CharsetMARC8, true},
		{"gb18030", CharsetGB18030, true},
		{"GBK", CharsetGB18030, true},
		{"gb2312", CharsetGB18030, true},
		{"iso-8859-1", CharsetLatin1, true},
		{"danmarc", CharsetDanMARC, true},
		{"raw", CharsetRaw, true},
		{"ebcdic", CharsetAuto, false},
	}
	for _, tc := range tests {
		got, err := ParseCharset(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseCharset(%q) = %v, %v; want %v, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if tc.ok {
			if back, err := ParseCharset(got.String()); err != nil || back != got {
				t.Errorf("ParseCharset(%q.String()) = %v, %v", got, back, err)
			}
		}
	}
}

func gbk(t testing.TB, s string) string {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("GBK encode %q: %v", s, err)
	}
	return out
}

func TestDecoders(t *testing.T) {
	tests := []struct {
		name string
		cs   Charset
		in   string
		want string
	}{
		{"latin1", CharsetLatin1, "caf\xe9 \xe6\xf8\xe5", "café æøå"},
		{"utf-8 valid", CharsetUTF8, "café 中文", "café 中文"},
		{"utf-8 invalid bytes", CharsetUTF8, "caf\xe9!", "caf\uFFFD!"},
		{"gb18030", CharsetGB18030, gbk(t, "中文图书馆"), "中文图书馆"},
		{"gb18030 four-byte", CharsetGB18030, "\x81\x30\x81\x30", "\u0080"},
		{"marc8", CharsetMARC8, "Caf\xe2e", "Cafe\u0301"},
		{"raw", CharsetRaw, "Caf\xe2e", "Caf\xe2e"},
		{"danmarc escapes", CharsetDanMARC, "@@ @* @\xa4 @\xe5 @\xc5", "@ * ¤ ꜳ Ꜳ"},
		{"danmarc hex", CharsetDanMARC, "@0041 @01A1", "A ơ"},
		{"danmarc @U table", CharsetDanMARC, "@UA7t @UD8 @UB0", "ʹt — ʻ"},
		{"danmarc combining before base", CharsetDanMARC, "@UA8x @0301e", "x\u0308 e\u0301"},
		{"danmarc spacing diacritics", CharsetDanMARC, "^a _b `c \xb4d", "a\u0302 b\u0332 c\u0300 d\u0301"},
		{"danmarc latin-1", CharsetDanMARC, "b\xf8dt", "bødt"},
		{"danmarc bad escapes", CharsetDanMARC, "@g0041|@0g41x|@Ugg|@", "@1|x||@"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &decoder{cs: tc.cs}
			if got := d.decode(tc.in); got != tc.want {
				t.Errorf("decode(%q) = %+q, want %+q", tc.in, got, tc.want)
			}
		})
	}
}

// rawRecord builds a record from raw values, written and read back without
// conversion, as DetectCharset expects.
func rawRecord(t testing.TB, leader string, fields ...Field) *Record {
	t.Helper()
	r := &Record{Leader: Leader([]byte(leader))}
	r.Add(fields...)
	b, err := Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	rd := NewReader(bytes.NewReader(b))
	rd.Charset = CharsetRaw
	back, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	return back
}

const (
	marc21Leader   = "00000nam  2200000 a 4500"
	unimarcLeader  = "00000nam0 2200000   450 "
	unimarc100GBK  = "20230115d2023    em y0chiy0120    ea"
	unimarc100UTF8 = "20230115d2023    em y0chiy50      ea"
)

// cnmarc returns a CNMARC record written by hand from the CNMARC field
// definitions, its values passed through enc (GBK or identity).
func cnmarc(t testing.TB, enc func(string) string, f100 string) *Record {
	return rawRecord(t, unimarcLeader,
		NewControlField("001", "012023000123"),
		NewDataField("010", ' ', ' ', "a", "978-7-5721-0101-4", "d", enc("CNY48.00")),
		NewDataField("100", ' ', ' ', "a", f100),
		NewDataField("101", '0', ' ', "a", "chi"),
		NewDataField("200", '1', ' ', "a", enc("车票去哪儿了"), "f", enc("刘旭恭著绘")),
		NewDataField("205", ' ', ' ', "a", enc("第1版")),
		NewDataField("210", ' ', ' ', "a", enc("武汉"), "c", enc("长江少年儿童出版社"), "d", "2020"),
		NewDataField("215", ' ', ' ', "a", enc("1册"), "c", enc("彩图"), "d", "22x29cm"),
		NewDataField("225", '2', ' ', "a", enc("海豚绘本花园")),
		NewDataField("330", ' ', ' ', "a", enc("这是一本充满想象力的儿童绘本。")),
		NewDataField("606", '0', ' ', "a", enc("图画故事"), "y", enc("中国"), "z", enc("现代")),
		NewDataField("690", ' ', ' ', "a", "I287.8", "v", "5"),
		NewDataField("701", ' ', '0', "a", enc("刘旭恭"), "4", enc("著绘")),
		NewDataField("801", ' ', '0', "a", "CN", "b", "WHPL", "c", "20230115"),
		NewDataField("905", ' ', ' ', "a", "WHPL", "d", "I287.8", "e", "L721"),
	)
}

func TestDetectCharset(t *testing.T) {
	id := func(s string) string { return s }
	gb := func(s string) string { return gbk(t, s) }
	title := func(v string) Field { return NewDataField("245", '1', '0', "a", v) }
	tests := []struct {
		name string
		rec  *Record
		want Charset
	}{
		{"MARC 21 ASCII, leader says MARC-8", rawRecord(t, marc21Leader, NewControlField("008", "x"), title("Plain")), CharsetMARC8},
		{"MARC 21 ASCII, leader says UCS", rawRecord(t, "00000nam a2200000 a 4500", title("Plain")), CharsetUTF8},
		{"MARC 21 MARC-8 diacritics", rawRecord(t, marc21Leader, title("Caf\xe2e")), CharsetMARC8},
		{"MARC 21 MARC-8 escapes", rawRecord(t, marc21Leader, title("\x1b(NAB\x1b(B")), CharsetMARC8},
		{"MARC 21 UTF-8 mislabelled as MARC-8", rawRecord(t, marc21Leader, title("Люди с чистой совестью")), CharsetUTF8},
		{"MARC 21 GBK", rawRecord(t, marc21Leader, title(gbk(t, "中文图书馆学"))), CharsetGB18030},
		{"CNMARC GBK with 100 0120", cnmarc(t, gb, unimarc100GBK), CharsetGB18030},
		{"CNMARC GBK with blank charset", cnmarc(t, gb, "20230115d2023    em y0chiy        ea"), CharsetGB18030},
		{"CNMARC UTF-8 with 100 50", cnmarc(t, id, unimarc100UTF8), CharsetUTF8},
		{"CNMARC UTF-8 with 100 0120", cnmarc(t, id, unimarc100GBK), CharsetUTF8},
		{"UNIMARC Latin-1", rawRecord(t, unimarcLeader, NewDataField("100", ' ', ' ', "a", "20150323a19939999km-y0rumy0103----ba"), NewDataField("200", '1', ' ', "a", "\xe9t\xe9")), CharsetLatin1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectCharset(tc.rec); got != tc.want {
				t.Errorf("DetectCharset = %s, want %s", got, tc.want)
			}
		})
	}
}

// TestReadCNMARC reads the hand-written GBK CNMARC record through the Reader:
// it must come out in UTF-8, with its leader/09 untouched (UNIMARC has no
// coding-scheme position there).
func TestReadCNMARC(t *testing.T) {
	raw := cnmarc(t, func(s string) string { return gbk(t, s) }, unimarc100GBK)
	b, err := Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, cs := range []Charset{CharsetAuto, CharsetGB18030} {
		rd := NewReader(bytes.NewReader(b))
		rd.Charset = cs
		rec, err := rd.Next()
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.SubValue("200", 'a'); got != "车票去哪儿了" {
			t.Errorf("%s: 200$a = %q", cs, got)
		}
		if got := rec.SubValue("606", 'y'); got != "中国" {
			t.Errorf("%s: 606$y = %q", cs, got)
		}
		if rec.Leader[9] != ' ' {
			t.Errorf("%s: leader/09 = %q, want ' '", cs, rec.Leader[9])
		}
		if f := DetectFormat(rec); f != FormatCNMARC {
			t.Errorf("%s: format %s", cs, f)
		}
	}
}

// TestReaderCharsetOverride reads the same bytes with each override.
func TestReaderCharsetOverride(t *testing.T) {
	raw := rawRecord(t, marc21Leader, NewDataField("245", '1', '0', "a", "Caf\xe2e"))
	b, err := Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cs     Charset
		want   string
		leader byte
	}{
		{CharsetAuto, "Cafe\u0301", 'a'},
		{CharsetMARC8, "Cafe\u0301", 'a'},
		{CharsetLatin1, "Cafâe", 'a'},
		{CharsetUTF8, "Caf\uFFFDe", 'a'},
		{CharsetRaw, "Caf\xe2e", ' '},
	}
	for _, tc := range tests {
		rd := NewReader(bytes.NewReader(b))
		rd.Charset = tc.cs
		rec, err := rd.Next()
		if err != nil {
			t.Fatalf("%s: %v", tc.cs, err)
		}
		if got := rec.SubValue("245", 'a'); got != tc.want || rec.Leader[9] != tc.leader {
			t.Errorf("%s: 245$a = %+q leader/09 %q, want %+q %q", tc.cs, got, rec.Leader[9], tc.want, tc.leader)
		}
	}
}

func TestConvertToUTF8(t *testing.T) {
	rec := rawRecord(t, marc21Leader, NewDataField("245", '1', '0', "a", "\x1b(NAB\x1b(B"))
	if err := rec.ConvertToUTF8(CharsetAuto); err != nil {
		t.Fatal(err)
	}
	if got := rec.SubValue("245", 'a'); got != "аб" || rec.Leader[9] != 'a' {
		t.Errorf("245$a = %q, leader/09 %q", got, rec.Leader[9])
	}
	if err := rec.ConvertToUTF8(CharsetRaw); err == nil {
		t.Error("converting from raw succeeded")
	}
}
