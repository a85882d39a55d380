package readers

import (
	"strings"
	"testing"

	"lantai.dev/lantai/internal/apperr"
)

func TestMaskIDNumber(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"A", "*"},
		{"AB", "**"},
		{"ABC", "A*C"},
		{"E1234", "E***4"},
		{"G12345", "G****5"},
		{"G1234567", "G1****67"},
		{"123456789", "12*****89"},
		{"1234567890", "123***7890"},
		{"110101199003070011", "110***********0011"},
		{"11010119900307001X", "110***********001X"},
		{"身份证明编号一二三四", "身份证***一二三四"}, // runes, not bytes
	}
	for _, c := range cases {
		if got := MaskIDNumber(c.in); got != c.want {
			t.Errorf("MaskIDNumber(%q) = %q, want %q", c.in, got, c.want)
		}
		if len([]rune(MaskIDNumber(c.in))) != len([]rune(c.in)) {
			t.Errorf("MaskIDNumber(%q) changed the length", c.in)
		}
	}
}

func TestNormalizeIDNumber(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{" 110101199003070011 ", "110101199003070011", true},
		{"11010119900307001x", "", false},                  // wrong check character
		{"11010519491231002x", "11010519491231002X", true}, // X folded to upper case
		{"110101199003070012", "", false},
		{"110101900307001", "110101900307001", true}, // 15-digit card
		{"E12345678", "E12345678", true},             // passport
		{"a123456（7）", "A123456(7)", true},           // Hong Kong, full-width brackets
		{"12", "", false},
		{"ID#1234", "", false},
	}
	for _, c := range cases {
		got, err := NormalizeIDNumber(c.in)
		if c.ok && (err != nil || got != c.want) {
			t.Errorf("NormalizeIDNumber(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
		if !c.ok && !apperr.Is(err, apperr.Invalid) {
			t.Errorf("NormalizeIDNumber(%q) = %q, %v; want an invalid error", c.in, got, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct{ in, want string }{
		{"2026-09-01", "2026-09-01"},
		{"2026/9/1", "2026-09-01"},
		{"2026.9.1", "2026-09-01"},
		{"20260901", "2026-09-01"},
		{"2026年9月1日", "2026-09-01"},
		{" 2030-6-30 ", "2030-06-30"},
		{"2028-02-29", "2028-02-29"},
		{"2026-02-29", ""},
		{"2026-13-01", ""},
		{"26-9-1", ""},
		{"9/1/2026", ""},
		{"tomorrow", ""},
		{"", ""},
	}
	for _, c := range cases {
		got, ok := ParseDate(c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

func TestDetailsNormalize(t *testing.T) {
	good := Details{Name: " 张三 ", Category: "undergraduate", Phone: "138-0013-8000", Email: "zs@example.edu.cn", ExpiresOn: "2030/6/30"}
	d, err := good.normalize()
	if err != nil || d.Name != "张三" || d.ExpiresOn != "2030-06-30" {
		t.Fatalf("good details: %+v %v", d, err)
	}
	bad := []struct {
		d     Details
		key   string
		field string
	}{
		{Details{Category: "staff"}, "error.reader_name_required", "name"},
		{Details{Name: "王芳"}, "error.reader_category_required", "category"},
		{Details{Name: "王\n芳", Category: "staff"}, "error.text_control", "name"},
		{Details{Name: "王芳", Category: "staff", Phone: "call me"}, "error.phone_invalid", "phone"},
		{Details{Name: "王芳", Category: "staff", Email: "wf@"}, "error.email_invalid", "email"},
		{Details{Name: "王芳", Category: "staff", Email: "王芳 <wf@example.com>"}, "error.email_invalid", "email"},
		{Details{Name: "王芳", Category: "staff", ExpiresOn: "2030-02-30"}, "error.expiry_invalid", "expires_on"},
		{Details{Name: "王芳", Category: "staff", IDNumber: "110101199003070012"}, "error.id_number_invalid", "id_number"},
		{Details{Name: strings.Repeat("张", 65), Category: "staff"}, "error.text_too_long", "name"},
	}
	for _, c := range bad {
		_, err := c.d.normalize()
		e, ok := apperr.As(err)
		if !ok || e.Key != c.key || e.Field != c.field {
			t.Errorf("%+v: got %v, want %s on %s", c.d, err, c.key, c.field)
		}
	}
}

func TestHeaderKey(t *testing.T) {
	cases := map[string]column{
		"证号": colCard, " Card Number ": colCard, "*姓名": colName, "读者类别": colCategory,
		"ID_Number": colIDNumber, "有效期（年-月-日）": colExpires, "E-mail": colEmail, "手机号码": colPhone,
		"expires_on": colExpires, "班级": colClass, "院系": colDepartment, "备注：": colNotes,
	}
	for in, want := range cases {
		if got := headerIndex[headerKey(in)]; got != want {
			t.Errorf("header %q → %q, want %q", in, got, want)
		}
	}
}

func TestExcelDate(t *testing.T) {
	cases := map[string]string{"46266": "2026-09-01", "46266.5": "2026-09-01", "45658": "2025-01-01", "2026/9/1": "2026/9/1", "": "", "x": "x", "-3": "-3"}
	for in, want := range cases {
		if got := excelDate(in); got != want {
			t.Errorf("excelDate(%q) = %q, want %q", in, got, want)
		}
	}
}
