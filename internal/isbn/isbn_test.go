package isbn

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// Real ISBNs of mainland-Chinese books (7- group, publisher prefixes of
// 重庆出版社 5366, 机械工业出版社 111, 商务印书馆 100, 人民文学出版社 02,
// 清华大学出版社 302, 作家出版社 5063, 人民邮电出版社 115, 上海人民出版社 208),
// as printed on the books.
func TestParseValid(t *testing.T) {
	tests := []struct {
		in     string
		want13 string
		want10 string // "" for 979
	}{
		{"978-7-5366-9293-0", "9787536692930", "7536692935"}, // 三体
		{"7-5366-9293-5", "9787536692930", "7536692935"},     // the same as ISBN-10
		{"9787111407010", "9787111407010", "7111407016"},     // 算法导论
		{"978-7-111-54493-7 : CNY139.00", "9787111544937", "7111544935"},
		{"7-02-000220-X (平装)", "9787020002207", "702000220X"}, // 红楼梦
		{"7-02-000220-x", "9787020002207", "702000220X"},
		{"702000220X", "9787020002207", "702000220X"},
		{"ISBN 978-7-100-12450-8", "9787100124508", "7100124506"}, // 现代汉语词典 第7版
		{"ISBN-13: 978-7-302-22446-4", "9787302224464", "7302224463"},
		{"isbn:7536692935", "9787536692930", "7536692935"},
		{"ＩＳＢＮ ９７８７１１５２７５７９０", "9787115275790", "7115275793"},
		{"９７８－７－２０８－０６１６４－４（精装）", "9787208061644", "7208061645"},
		{"978\u20107\u20105063\u20106543\u20107", "9787506365437", "750636543X"}, // U+2010 hyphens
		{"978 7 5302 1200 4", "9787530212004", "7530212001"},
		{"  9787536692930(平装)", "9787536692930", "7536692935"},
		{"9787536692930平装", "9787536692930", "7536692935"},
		{"9787536692930 pbk.", "9787536692930", "7536692935"},
		{"978-7-5366-9293-0; 978-7-111-40701-0", "9787536692930", "7536692935"},
		{"7536692935 23.00", "9787536692930", "7536692935"},             // a price after a space
		{"7111407016 123", "9787111407010", "7111407016"},               // 13 digits at a boundary, but not an ISBN-13
		{"979-10-90636-07-1", "9791090636071", ""},                      // 979: no ISBN-10
		{"9787539981901\u3000定价：36.00元", "9787539981901", "7539981903"}, // ideographic space
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.want13 {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want13)
		}
		got10, ok := n.ISBN10()
		if got10 != tt.want10 || ok != (tt.want10 != "") {
			t.Errorf("Parse(%q).ISBN10() = %q, %v, want %q", tt.in, got10, ok, tt.want10)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		in     string
		kind   error
		digits string
		char   rune
		pos    int
		got    byte
		want   byte
	}{
		{in: "978-7-111-12345-6", kind: ErrCheckDigit, digits: "9787111123456", got: '6', want: '3'},
		{in: "9787111123456 : CNY39.00", kind: ErrCheckDigit, digits: "9787111123456", got: '6', want: '3'},
		{in: "978-7-5366-9293-1", kind: ErrCheckDigit, digits: "9787536692931", got: '1', want: '0'},
		{in: "7-111-12345-9", kind: ErrCheckDigit, digits: "7111123459", got: '9', want: 'X'},
		{in: "7-02-000220-7", kind: ErrCheckDigit, digits: "7020002207", got: '7', want: 'X'},
		{in: "7-5366-9293-X", kind: ErrCheckDigit, digits: "753669293X", got: 'X', want: '5'},
		{in: "978711112345", kind: ErrLength, digits: "978711112345"},
		{in: "978-7-111-4070", kind: ErrLength, digits: "97871114070"},
		{in: "1234567", kind: ErrLength, digits: "1234567"},
		{in: "97871114A0701", kind: ErrChar, char: 'A', pos: 9},
		{in: "9787111407O10", kind: ErrChar, char: 'O', pos: 11}, // letter O for zero
		{in: "97X7111407010", kind: ErrChar, char: 'X', pos: 3},
		{in: "978711140701X", kind: ErrChar, digits: "978711140701X", char: 'X', pos: 13},
		{in: "(平装) 9787536692930", kind: ErrChar, char: '(', pos: 1},
		{in: "6901234567892", kind: ErrPrefix, digits: "6901234567892"},
		{in: "", kind: ErrEmpty},
		{in: "   ", kind: ErrEmpty},
		{in: "ISBN", kind: ErrEmpty},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) error = %v, want *Error", tt.in, err)
			continue
		}
		if !errors.Is(err, tt.kind) {
			t.Errorf("Parse(%q) = %v, want kind %v", tt.in, err, tt.kind)
		}
		if tt.digits != "" && e.Digits != tt.digits {
			t.Errorf("Parse(%q).Digits = %q, want %q", tt.in, e.Digits, tt.digits)
		}
		if e.Char != tt.char || e.Pos != tt.pos {
			t.Errorf("Parse(%q) char %q at %d, want %q at %d", tt.in, e.Char, e.Pos, tt.char, tt.pos)
		}
		if e.Got != tt.got || e.Want != tt.want {
			t.Errorf("Parse(%q) got/want %q/%q, want %q/%q", tt.in, e.Got, e.Want, tt.got, tt.want)
		}
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct{ in, want string }{
		{"978-7-111-12345-6", `ISBN "978-7-111-12345-6": bad check digit 6, want 3`},
		{"978711112345", `ISBN "978711112345": wrong length: 12 digits, want 10 or 13`},
		{"97871114A0701", `ISBN "97871114A0701": non-digit character 'A' at position 9`},
		{"6901234567892", `ISBN "6901234567892": not an ISBN prefix (978 or 979)`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %s", tt.in, err, tt.want)
		}
	}
	_, err := ParseISSN("1001-886")
	if want := `ISSN "1001-886": wrong length: 7 digits, want 8`; err == nil || err.Error() != want {
		t.Errorf("ParseISSN error = %v, want %s", err, want)
	}
}

func TestConversions(t *testing.T) {
	tests := []struct {
		in       string
		to13     string
		to10     string
		no10     bool
		searchKs []string
	}{
		{"7-02-000220-X", "9787020002207", "702000220X", false, []string{"9787020002207", "702000220X"}},
		{"978-7-111-40701-0", "9787111407010", "7111407016", false, []string{"9787111407010", "7111407016"}},
		{"979-10-90636-07-1", "9791090636071", "", true, []string{"9791090636071"}},
	}
	for _, tt := range tests {
		if got, err := To13(tt.in); err != nil || got != tt.to13 {
			t.Errorf("To13(%q) = %q, %v, want %q", tt.in, got, err, tt.to13)
		}
		got, err := To10(tt.in)
		if tt.no10 {
			if !errors.Is(err, ErrNo10) {
				t.Errorf("To10(%q) = %q, %v, want ErrNo10", tt.in, got, err)
			}
		} else if err != nil || got != tt.to10 {
			t.Errorf("To10(%q) = %q, %v, want %q", tt.in, got, err, tt.to10)
		}
		keys, err := SearchKeys(tt.in)
		if err != nil || !slices.Equal(keys, tt.searchKs) {
			t.Errorf("SearchKeys(%q) = %q, %v, want %q", tt.in, keys, err, tt.searchKs)
		}
	}
	if _, err := To13("978-7-111-12345-6"); !errors.Is(err, ErrCheckDigit) {
		t.Errorf("To13 of a bad ISBN: %v, want ErrCheckDigit", err)
	}
	if keys, err := SearchKeys("12345"); err == nil || keys != nil {
		t.Errorf("SearchKeys(12345) = %q, %v, want an error", keys, err)
	}
	var zero ISBN
	if !zero.IsZero() || zero.SearchKeys() != nil {
		t.Errorf("zero ISBN: IsZero %v, SearchKeys %q", zero.IsZero(), zero.SearchKeys())
	}
	if _, ok := zero.ISBN10(); ok {
		t.Error("zero ISBN has an ISBN-10")
	}
}

// Every ISBN-10 converts to an ISBN-13 and back unchanged.
func TestRoundTrip(t *testing.T) {
	for _, d10 := range []string{"7536692935", "702000220X", "7111407016", "7100124506", "7302224463", "750636543X", "7208061645"} {
		n, err := Parse(d10)
		if err != nil {
			t.Fatalf("Parse(%q): %v", d10, err)
		}
		if !strings.HasPrefix(n.String(), "978"+d10[:9]) {
			t.Errorf("Parse(%q) = %s", d10, n)
		}
		if back, _ := n.ISBN10(); back != d10 {
			t.Errorf("%s.ISBN10() = %s, want %s", n, back, d10)
		}
	}
}
