package marc

import (
	"reflect"
	"testing"
)

func testRecord() *Record {
	r := &Record{Leader: DefaultLeader}
	r.Add(
		NewControlField("001", "12345"),
		NewControlField("008", "910710s1991"),
		NewDataField("020", ' ', ' ', "a", "0-306-40615-2", "q", "pbk."),
		NewDataField("020", ' ', ' ', "a", "978-0-306-40615-7"),
		NewDataField("100", '1', ' ', "a", "Doe, Jane,", "e", "author."),
		NewDataField("245", '1', '4', "a", "The title :", "b", "a subtitle /", "c", "Jane Doe."),
		NewDataField("650", ' ', '0', "a", "Cats", "x", "Behavior."),
		NewDataField("651", ' ', '0', "a", "Paris"),
		Field{Tag: "880", Indicators: "1á", Subfields: []Subfield{{"6", "245-01"}, {"η", "Greek code"}}},
	)
	return r
}

func TestRecordLookups(t *testing.T) {
	r := testRecord()
	tags := func(fs []*Field) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Tag)
		}
		return out
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"Fields one tag", tags(r.Fields("020")), []string{"020", "020"}},
		{"Fields several tags", tags(r.Fields("100", "245")), []string{"100", "245"}},
		{"Fields wildcard", tags(r.Fields("65X")), []string{"650", "651"}},
		{"Fields none", tags(r.Fields("999")), []string(nil)},
		{"Fields all", len(r.Fields()), 9},
		{"Field first", r.Field("020").Sub('a'), "0-306-40615-2"},
		{"Field missing", r.Field("999") == nil, true},
		{"ControlValue", r.ControlValue("001"), "12345"},
		{"ControlValue of a data field", r.ControlValue("245"), ""},
		{"SubValue", r.SubValue("245", 'b'), "a subtitle /"},
		{"SubValue skips fields without the code", r.SubValue("020", 'q'), "pbk."},
		{"SubValue missing", r.SubValue("245", 'z'), ""},
		{"Sub", r.Field("245").Sub('c'), "Jane Doe."},
		{"Sub multibyte code", r.Field("880").Sub('η'), "Greek code"},
		{"Subs", r.Field("650").Subs('a'), []string{"Cats"}},
		{"Subs none", r.Field("650").Subs('z'), []string(nil)},
		{"Text some codes", r.Field("245").Text("ab", " "), "The title : a subtitle /"},
		{"Text all codes", r.Field("650").Text("", " -- "), "Cats -- Behavior."},
		{"Text control field", r.Field("001").Text("a", " "), "12345"},
		{"Ind1", r.Field("100").Ind1(), '1'},
		{"Ind2", r.Field("245").Ind2(), '4'},
		{"Ind2 multibyte", r.Field("880").Ind2(), 'á'},
		{"Ind of a control field", r.Field("001").Ind1(), rune(0)},
		{"Ind3 missing", r.Field("245").Ind(3), ""},
		{"Len", r.Len(), 9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
	if _, ok := r.Field("245").Lookup('a'); !ok {
		t.Error("Lookup('a') found nothing")
	}
	if _, ok := r.Field("245").Lookup('z'); ok {
		t.Error("Lookup('z') found something")
	}
}

func TestRecordEdits(t *testing.T) {
	r := testRecord()
	c := r.Clone()
	r.Field("245").Subfields[0].Value = "Changed"
	r.Field("245").AddSub("h", "[sound recording]")
	if got := c.SubValue("245", 'a'); got != "The title :" {
		t.Errorf("the clone changed with the original: %q", got)
	}
	if got := r.Field("245").Sub('h'); got != "[sound recording]" {
		t.Errorf("AddSub: %q", got)
	}
	if n := r.Remove("020", "6XX"); n != 4 {
		t.Errorf("Remove removed %d fields, want 4", n)
	}
	if r.Len() != 5 || r.Field("020") != nil || c.Len() != 9 {
		t.Errorf("after Remove: %d fields (clone %d)", r.Len(), c.Len())
	}
	r.SetFields(nil)
	if r.Len() != 0 {
		t.Errorf("SetFields(nil) left %d fields", r.Len())
	}
}

func TestFieldString(t *testing.T) {
	r := testRecord()
	if got, want := r.Field("245").String(), "245 14 $a The title : $b a subtitle / $c Jane Doe."; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got, want := r.Field("001").String(), "001 12345"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got := r.String(); len(got) < 100 || got[:24] != DefaultLeader.String() {
		t.Errorf("Record.String = %q", got)
	}
}

func TestNewDataField(t *testing.T) {
	f := NewDataField("500", ' ', '1', "a", "x", "b")
	want := Field{Tag: "500", Indicators: " 1", Subfields: []Subfield{{"a", "x"}, {"b", ""}}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("got %+v, want %+v", f, want)
	}
}

func TestLeader(t *testing.T) {
	l, err := ParseLeader("01234cam a2200289 i 4500")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"RecordLength", l.RecordLength(), 1234},
		{"BaseAddress", l.BaseAddress(), 289},
		{"Status", l.Status(), byte('c')},
		{"Type", l.Type(), byte('a')},
		{"BibLevel", l.BibLevel(), byte('m')},
		{"CodingScheme", l.CodingScheme(), byte('a')},
		{"IndicatorCount", l.IndicatorCount(), 2},
		{"SubfieldCodeLength", l.SubfieldCodeLength(), 2},
		{"String", l.String(), "01234cam a2200289 i 4500"},
	}
	for _, tc := range tests {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if _, err := ParseLeader("short"); err == nil {
		t.Error("ParseLeader accepted 5 bytes")
	}
	bad := Leader([]byte("abcdenam  xy        45  "))
	if bad.RecordLength() != -1 || bad.BaseAddress() != -1 || bad.IndicatorCount() != 2 || bad.SubfieldCodeLength() != 2 {
		t.Errorf("bad leader: %d %d %d %d", bad.RecordLength(), bad.BaseAddress(), bad.IndicatorCount(), bad.SubfieldCodeLength())
	}
}

// TestCheckLeader pins the leader rules shared with yaz-marcdump.
func TestCheckLeader(t *testing.T) {
	tests := []struct {
		in, fixed string
		msgs      []string
	}{
		{"00000nam a2200000   4500", "00000nam a2200000   4500", nil},
		{"00000nam a2200000   450 ", "00000nam a2200000   450 ", nil},
		{"00000nam  xy00000   4500", "00000nam  2200000   4500", []string{
			"Indicator length at offset 10 should hold a number 1-9. Assuming 2",
			"Identifier length at offset 11 should  hold a number 1-9. Assuming 2"}},
		{"00000nam a22     i  4500", "00000nam a22     i  4500", []string{
			"Base address at offsets 12..16 should hold a number. Assuming 0"}},
		{"00000nam a2200000   2300", "00000nam a2200000   4500", []string{
			"Length data entry at offset 20 should hold a number 3-9. Assuming 4",
			"Length starting at offset 21 should hold a number 4-9. Assuming 5"}},
		{"00000nam a2200000   45 0", "00000nam a2200000   4500", []string{
			"Length implementation at offset 22 should hold a number. Assuming 0"}},
		{"00000\xe1am a2200000  \xe14500", "00000aam a2200000  #4500", []string{
			"Leader character at offset 5 is non-ASCII. Setting value to 'a'",
			"Leader character at offset 19 is non-ASCII. Setting value to '#'"}},
	}
	for _, tc := range tests {
		l := Leader([]byte(tc.in))
		_, probs := checkLeader(&l)
		var msgs []string
		for _, p := range probs {
			msgs = append(msgs, p.msg)
		}
		if l.String() != tc.fixed || !reflect.DeepEqual(msgs, tc.msgs) {
			t.Errorf("checkLeader(%q) = %q %q, want %q %q", tc.in, l.String(), msgs, tc.fixed, tc.msgs)
		}
	}
}
