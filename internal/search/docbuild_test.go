package search

import (
	"slices"
	"strings"
	"testing"
)

func TestDocText(t *testing.T) {
	var d Doc
	d.Add(FieldTitle, "图书馆")
	d.Add(FieldName, "曾巩")
	d.Add(FieldClass, "G25")
	d.Add(FieldISBN, "978-7-5013-4987-6")
	if err := d.AddYear(2019); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		// A gap (zz) only where two tokens of one code would otherwise
		// touch: a phrase is made of tokens of one code.
		"ti图书 ti书馆 zz ti图 ti书 ti馆", // title: main, unigrams
		"kw图书 kw书馆 zz kw图 kw书 kw馆", // its keyword copy
		"pytu pyshu pyguan zz pytushuguan pytsg",
		"au曾巩 zz au曾 au巩 kw曾巩 zz kw曾 kw巩",
		"pyzeng pygong zz pyzenggong pyzg",
		"clg25 cpg cpg2 cpg25 kwg25",
		"ib9787501349876 kw9787501349876",
		"yr2019 yr201 yr20 yr2 kw2019",
	}, " ")
	if got := d.Text(); got != want {
		t.Errorf("Text():\n got %s\nwant %s", got, want)
	}
	if got := string(d.AppendText([]byte("x:"))); got != "x:"+want {
		t.Errorf("AppendText = %q", got)
	}
	if got, want := d.FieldTokens(FieldClass), []string{"clg25", "cpg", "cpg2", "cpg25"}; !slices.Equal(got, want) {
		t.Errorf("FieldTokens(class) = %q, want %q", got, want)
	}
	if got := d.FieldTokens(FieldName); !slices.Equal(got, []string{"au曾巩", "au曾", "au巩"}) {
		t.Errorf("FieldTokens(name) = %q", got)
	}
	if got := len(d.Tokens()); got != len(strings.Fields(strings.ReplaceAll(want, "zz", ""))) {
		t.Errorf("Tokens() has %d tokens", got)
	}
	d.Reset()
	if d.Text() != "" || len(d.Tokens()) != 0 {
		t.Errorf("after Reset: %q", d.Text())
	}
}

func TestDocFieldsAgreeWithTokens(t *testing.T) {
	// What Doc writes under a field's own code is what Tokens returns.
	values := map[Field]string{
		FieldTitle: "C语言程序设计", FieldName: "谭浩强", FieldSubject: "程序语言--教材",
		FieldPublisher: "清华大学出版社", FieldISBN: "9787302224464", FieldISSN: "1000-0135",
		FieldClass: "TP312.8", FieldCallNo: "TP312.8/1234",
	}
	for f, v := range values {
		var d Doc
		d.Add(f, v)
		if got, want := d.FieldTokens(f), Tokens(f, v); !slices.Equal(got, want) {
			t.Errorf("%v %q: Doc wrote %q, Tokens gives %q", f, v, got, want)
		}
		// And every value is also findable unqualified.
		if len(d.FieldTokens(FieldAny)) == 0 {
			t.Errorf("%v %q: nothing in the keyword stream", f, v)
		}
	}
}

func TestDocPinyinOnlyForTitlesAndNames(t *testing.T) {
	for f, want := range map[Field]bool{
		FieldTitle: true, FieldName: true, FieldCorporateName: true,
		FieldSubject: false, FieldPublisher: false, FieldOther: false,
	} {
		var d Doc
		d.Add(f, "图书馆")
		if got := len(d.FieldTokens(FieldPinyin)) > 0; got != want {
			t.Errorf("%v: pinyin tokens %v, want %v", f, got, want)
		}
	}
}

func TestDocYear(t *testing.T) {
	var d Doc
	if err := d.AddYear(10000); err == nil {
		t.Error("AddYear(10000): no error")
	}
	if err := d.AddYear(-1); err == nil {
		t.Error("AddYear(-1): no error")
	}
	if d.Text() != "" {
		t.Errorf("rejected years wrote %q", d.Text())
	}
	d.Add(FieldYear, "[2019]")
	d.Add(FieldYear, "c2020")
	want := "yr2019 yr201 yr20 yr2 kw2019 zz kwc2020"
	if got := d.Text(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDocEmptyValues(t *testing.T) {
	var d Doc
	for f := Field(0); f < numFields; f++ {
		d.Add(f, "", "  ", "——")
	}
	if got := d.Text(); got != "" {
		t.Errorf("empty values wrote %q", got)
	}
}

func TestDocReuseDoesNotAllocate(t *testing.T) {
	var d Doc
	addBenchRecord(&d) // warm up buffers and the pinyin table
	allocs := testing.AllocsPerRun(50, func() {
		d.Reset()
		addBenchRecord(&d)
	})
	if allocs > 0 {
		t.Errorf("reused Doc: %v allocations per record, want 0", allocs)
	}
}
