package search

import (
	"errors"
	"strings"
	"testing"
)

func TestParseGood(t *testing.T) {
	tests := []struct {
		q    string
		want string // Query.String()
		warn string // space-separated warning codes, if any
	}{
		// Plain words, AND, CJK.
		{"java", "kw[kwjava]", ""},
		{"Java  Programming", "and(kw[kwjava], kw[kwprogramming])", ""},
		{"图书馆", "kw[kw图书 kw书馆]", ""},
		{"书", "kw[kw书]", ""},
		{"图书馆 java", "and(kw[kw图书 kw书馆], kw[kwjava])", ""},
		{"C语言", "kw[kwc kw语言]", ""},
		{"e-mail", "kw[kwe kwmail]", ""},
		{"ＪＡＶＡ", "kw[kwjava]", ""},
		{"a AND b", "and(kw[kwa], kw[kwb])", ""},
		// Phrases.
		{`"machine learning"`, "kw[kwmachine kwlearning]", ""},
		{`“数据 结构”`, "kw[kw数据 kw据结 kw结构]", ""},
		{`＂数据结构＂`, "kw[kw数据 kw据结 kw结构]", ""},
		{`"java prog"*`, "kw[kwjava kwprog*]", ""},
		// Qualifiers.
		{"ti:图书馆", "ti[ti图书 ti书馆]", ""},
		{"TI:java", "ti[tijava]", ""},
		{"title:java", "ti[tijava]", ""},
		{"au：鲁迅", "au[au鲁迅]", ""},
		{"au: 鲁迅", "au[au鲁迅]", ""},
		{`au:"Smith, John"`, "au[ausmith aujohn]", ""},
		{"su:计算机 pub:中华书局", "and(su[su计算 su算机], pu[pu中华 pu华书 pu书局])", ""},
		{"ti:(java OR python)", "or(ti[tijava], ti[tipython])", ""},
		{"ti:(java au:smith)", "and(ti[tijava], au[ausmith])", ""},
		{"isbn:978-7-111-12345-6", "ib[ib9787111123456]", ""},
		{"isbn:9787111*", "ib[ib9787111*]", ""},
		{"issn:1234-567x", "is[is1234567x]", ""},
		{"cls:TP311.13", "cl[cltp311qd13]", ""},
		{"cls:TP3*", "cl[cptp3]", ""},
		{"cls:T*", "cl[cpt]", ""},
		{"callno:I247.5/123", "cn[cni247qd5qs123]", ""},
		{"callno:I247*", "cn[npi247]", ""},
		{"py:tsg", "py[pytsg]", ""},
		{"py:tushuguan", "py[pytushuguan | pytu pyshu pyguan]", ""},
		{"py:tsg*", "py[pytsg*]", ""},
		{"py:图书馆", "py[pytu pyshu pyguan]", ""},
		{"py:曾国藩", "py[pyceng pyguo pyfan | pyzeng pyguo pyfan]", ""},
		{`py:"zhang san"`, "py[pyzhang pysan | pyzhangsan]", ""},
		{"kw:java", "kw[kwjava]", ""},
		// Years.
		{"year:2020", "year2020..2020[yr2020]", ""},
		{"year:2019..2023", "year2019..2023[yr2019 | yr2020 | yr2021 | yr2022 | yr2023]", ""},
		{"year:2019-2020", "year2019..2020[yr2019 | yr2020]", ""},
		{"year:..1999", "year0..1999[yr0 | yr1]", ""},
		{"year:2020..", "year2020..9999[yr202 | yr203 | yr204 | yr205 | yr206 | yr207 | yr208 | yr209 | yr21 | yr22 | yr23 | yr24 | yr25 | yr26 | yr27 | yr28 | yr29 | yr3 | yr4 | yr5 | yr6 | yr7 | yr8 | yr9]", ""},
		{"year:２０２０", "year2020..2020[yr2020]", ""},
		{"year:(2019 OR 2021)", "or(year2019..2019[yr2019], year2021..2021[yr2021])", ""},
		// OR, NOT, grouping, precedence.
		{"java OR python", "or(kw[kwjava], kw[kwpython])", ""},
		{"a b OR c d", "and(kw[kwa], or(kw[kwb], kw[kwc]), kw[kwd])", ""},
		{"a OR b OR c", "or(kw[kwa], kw[kwb], kw[kwc])", ""},
		{"java -python", "and(kw[kwjava], not(kw[kwpython]))", ""},
		{"java NOT python", "and(kw[kwjava], not(kw[kwpython]))", ""},
		{"java －python", "and(kw[kwjava], not(kw[kwpython]))", ""},
		{"-ti:java au:smith", "and(not(ti[tijava]), au[ausmith])", ""},
		{"a -(b OR c)", "and(kw[kwa], not(or(kw[kwb], kw[kwc])))", ""},
		{"a -(b -c)", "and(kw[kwa], not(and(kw[kwb], not(kw[kwc]))))", ""},
		{"(a OR b) (c OR d)", "and(or(kw[kwa], kw[kwb]), or(kw[kwc], kw[kwd]))", ""},
		{"（a OR b） c", "and(or(kw[kwa], kw[kwb]), kw[kwc])", ""},
		{"((a))", "kw[kwa]", ""},
		{"NOT NOT a", "kw[kwa]", ""},
		{"a --b", "and(kw[kwa], kw[kwb])", ""},
		{"(a OR b) -c", "and(or(kw[kwa], kw[kwb]), not(kw[kwc]))", ""},
		// Prefixes.
		{"comp*", "kw[kwcomp*]", ""},
		{"comp＊", "kw[kwcomp*]", ""},
		{"comp**", "kw[kwcomp*]", ""},
		{"9787111*", "kw[kw9787111*]", ""},
		{"图书*", "kw[kw图书]", "prefix_ignored"},
		// Lenient input.
		{"foo:bar", "kw[kwfoo kwbar]", "unknown_field"},
		{"http://example.org", "kw[kwhttp kwexample kworg]", ""},
		{"10:30", "kw[kw10 kw30]", ""},
		{"C++ - Java", "and(kw[kwc], kw[kwjava])", "empty_term"},
		{"java (!!!)", "kw[kwjava]", "empty_term"},
		{"or and not", "and(kw[kwor], kw[kwand], kw[kwnot])", ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			q, err := Parse(tt.q)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.q, err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tt.q, got, tt.want)
			}
			var codes []string
			for _, w := range q.Warnings {
				codes = append(codes, string(w.Code))
			}
			if got := strings.Join(codes, " "); got != tt.warn {
				t.Errorf("warnings = %q, want %q", got, tt.warn)
			}
			if q.Source != tt.q {
				t.Errorf("Source = %q", q.Source)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		q        string
		code     ErrorCode
		column   int
		text     string
		expected string
		limit    int
	}{
		{"", ErrEmptyQuery, 1, "", "", 0},
		{"   ", ErrEmptyQuery, 1, "", "", 0},
		{"！！！", ErrEmptyQuery, 1, "！！！", "", 0},
		{`"abc`, ErrUnclosedQuote, 1, `"abc`, `"`, 0},
		{`java “数据`, ErrUnclosedQuote, 6, "“数据", `"`, 0},
		{"(a", ErrUnclosedParen, 1, "(", ")", 0},
		{"a (b (c)", ErrUnclosedParen, 3, "(", ")", 0},
		{"a)", ErrUnexpectedParen, 2, ")", "", 0},
		{"图书馆）", ErrUnexpectedParen, 4, "）", "", 0},
		{"()", ErrEmptyGroup, 1, "()", "", 0},
		{"a ( )", ErrEmptyGroup, 3, "( )", "", 0},
		{"OR a", ErrMissingOperand, 1, "OR", "term", 0},
		{"a OR", ErrMissingOperand, 3, "OR", "term", 0},
		{"a OR OR b", ErrMissingOperand, 3, "OR", "term", 0},
		{"(a OR) b", ErrMissingOperand, 4, "OR", "term", 0},
		{"AND a", ErrMissingOperand, 1, "AND", "term", 0},
		{"a AND", ErrMissingOperand, 3, "AND", "term", 0},
		{"a NOT", ErrMissingOperand, 3, "NOT", "term", 0},
		{"ti:", ErrMissingValue, 1, "ti:", "value", 0},
		{"java au：", ErrMissingValue, 6, "au：", "value", 0},
		{"ti: OR x", ErrMissingValue, 1, "ti:", "value", 0},
		{"*", ErrMisplacedWild, 1, "*", "word before *", 0},
		{"ja*va", ErrMisplacedWild, 3, "ja*va", "* at the end of the word", 0},
		{"a*", ErrPrefixTooShort, 1, "a*", "", 3},
		{"ab*", ErrPrefixTooShort, 1, "ab*", "", 3},
		{"java ti:ab*", ErrPrefixTooShort, 9, "ab*", "", 3},
		{"97*", ErrPrefixTooShort, 1, "97*", "", 7},
		{"isbn:978*", ErrPrefixTooShort, 6, "978*", "", 7},
		{"issn:12*", ErrPrefixTooShort, 6, "12*", "", 4},
		{"py:zh*", ErrPrefixTooShort, 4, "zh*", "", 3},
		{"year:20*", ErrPrefixNotAllowed, 6, "20*", "", 0},
		{"year:abc", ErrInvalidYear, 6, "abc", "year", 0},
		{"year:..", ErrInvalidYear, 6, "..", "year", 0},
		{"year:12345", ErrInvalidYear, 6, "12345", "year", 0},
		{`year:"2019"`, ErrInvalidYear, 6, `"2019"`, "year", 0},
		{"year:2023..2019", ErrInvalidYearRange, 6, "2023..2019", "", 0},
		{"-java", ErrOnlyNegative, 1, "-java", "", 0},
		{"NOT java", ErrOnlyNegative, 1, "NOT java", "", 0},
		{"-a -b", ErrOnlyNegative, 1, "-a -b", "", 0},
		{"-(a b)", ErrOnlyNegative, 1, "-(a b)", "", 0},
		{"a OR -b", ErrNegativeInOr, 6, "-b", "", 0},
		{"a OR (-b -c)", ErrOnlyNegative, 6, "(-b -c)", "", 0},
		{"-a OR b", ErrNegativeInOr, 1, "-a", "", 0},
		{strings.Repeat("a", 1025), ErrQueryTooLong, 1025, "", "", 1024},
		{"a \xff b", ErrInvalidUTF8, 3, "", "", 0},
		{strings.Repeat("x ", 33), ErrTooManyTerms, 65, "x", "", 32},
		{strings.Repeat("图", 98), ErrTooManyTokens, 1, strings.Repeat("图", 98), "", 96},
		{strings.Repeat("(", 9) + "a" + strings.Repeat(")", 9), ErrTooDeep, 9, "(", "", 8},
		{strings.Repeat("-", 9) + "a b", ErrTooDeep, 9, "-", "", 8},
	}
	for _, tt := range tests {
		name := tt.q
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			q, err := Parse(tt.q)
			if err == nil {
				t.Fatalf("Parse(%q) = %s, want error %s", tt.q, q, tt.code)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if e.Code != tt.code || e.Column != tt.column || e.Text != tt.text || e.Expected != tt.expected || e.Limit != tt.limit {
				t.Errorf("Parse(%q) error\n got code=%s column=%d text=%q expected=%q limit=%d\nwant code=%s column=%d text=%q expected=%q limit=%d",
					tt.q, e.Code, e.Column, e.Text, e.Expected, e.Limit, tt.code, tt.column, tt.text, tt.expected, tt.limit)
			}
			if msg := e.Error(); !strings.Contains(msg, string(tt.code)) || !strings.HasPrefix(msg, "search: ") {
				t.Errorf("Error() = %q", msg)
			}
			if e.Offset < 0 || e.Offset > len(tt.q) {
				t.Errorf("Offset %d outside the query", e.Offset)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	q := "ab*"
	if _, err := ParseLimits(q, Limits{MinPrefix: 2}); err != nil {
		t.Errorf("MinPrefix 2: %v", err)
	}
	if _, err := ParseLimits("a b c", Limits{MaxTerms: 2}); err == nil {
		t.Error("MaxTerms 2: accepted 3 terms")
	}
	// Zero Limits mean the defaults.
	if _, err := ParseLimits("a*", Limits{}); err == nil {
		t.Error("zero Limits accepted a*")
	}
}

func TestParseSpans(t *testing.T) {
	q, err := Parse("java ti:图书馆 -python")
	if err != nil {
		t.Fatal(err)
	}
	and := q.Root.(*And)
	for i, want := range []string{"java", "ti:图书馆", "-python"} {
		s, e := and.Children[i].Span()
		if got := q.Source[s:e]; got != want {
			t.Errorf("child %d spans %q, want %q", i, got, want)
		}
	}
	term := and.Children[1].(*Term)
	if term.Field != FieldTitle || term.Text != "图书馆" || term.Quoted || term.Prefix {
		t.Errorf("term = %+v", term)
	}
}

func TestFieldForQualifier(t *testing.T) {
	for q, want := range map[string]Field{"ti": FieldTitle, "AU": FieldName, "Pub": FieldPublisher,
		"cls": FieldClass, "callno": FieldCallNo, "py": FieldPinyin, "year": FieldYear, "isbn": FieldISBN} {
		if f, ok := FieldForQualifier(q); !ok || f != want {
			t.Errorf("FieldForQualifier(%q) = %v, %v; want %v", q, f, ok, want)
		}
	}
	if _, ok := FieldForQualifier("foo"); ok {
		t.Error("foo accepted")
	}
	for f := Field(0); f < numFields; f++ {
		if len(f.Code()) != 2 || f.String() == "" {
			t.Errorf("field %d: code %q name %q", f, f.Code(), f.String())
		}
	}
	if Field(200).Code() != "" || Field(200).String() != "field(200)" {
		t.Error("out-of-range field")
	}
}
