package sip2server

import (
	"strings"
	"testing"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/sip2"
)

func TestParseYuan(t *testing.T) {
	for s, want := range map[string]int64{"12.50": 1250, "12.5": 1250, "12": 1200, " 0.01 ": 1, ".5": 50, "12.": 1200, "1000000.00": 100_000_000} {
		if got, ok := parseYuan(s); !ok || got != want {
			t.Errorf("%q: %d %v, want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", ".", "0", "0.00", "-1", "+1", "1.234", "1,00", "abc", "1e3", "1000000.01", "1 2"} {
		if got, ok := parseYuan(s); ok {
			t.Errorf("%q: %d accepted", s, got)
		}
	}
}

func TestPage(t *testing.T) {
	list := strings.Split("a b c d e", " ")
	for _, c := range []struct{ start, end, want string }{
		{"", "", "a b c d e"}, {"2", "3", "b c"}, {"4", "", "d e"}, {"6", "9", ""}, {"0", "1", "a"}, {"x", "2", "a b"}, {"3", "1", "c d e"},
	} {
		if got := strings.Join(page(list, c.start, c.end), " "); got != c.want {
			t.Errorf("page %s-%s: %q, want %q", c.start, c.end, got, c.want)
		}
	}
	long := make([]string, 250)
	if n := len(page(long, "", "")); n != maxListItems {
		t.Errorf("default page of 250: %d", n)
	}
	if n := len(page(long, "1", "250")); n != maxListItems {
		t.Errorf("page 1-250: %d", n)
	}
}

func TestCodes(t *testing.T) {
	if localeOf(sip2.LanguageChinese) != "zh-CN" || localeOf(sip2.LanguageEnglish) != "en" || localeOf(sip2.LanguageFrench) != "" {
		t.Fatal("localeOf")
	}
	for st, want := range map[catalog.Status]sip2.CirculationStatus{
		catalog.OnOrder: "02", catalog.InProcessing: "06", catalog.Available: "03", catalog.OnLoan: "04", catalog.InTransit: "10",
		catalog.OnHoldShelf: "08", catalog.Missing: "13", catalog.Lost: "12", catalog.InRepair: "01", catalog.Withdrawn: "01",
	} {
		if got := circulationStatus(st, false); got != want {
			t.Errorf("%s: %s, want %s", st, got, want)
		}
	}
	if circulationStatus(catalog.OnLoan, true) != sip2.CirculationRecalled {
		t.Error("recalled loan")
	}
	if mediaType("disc") != sip2.MediaCD || mediaType("map") != sip2.MediaOther || magneticMedia("map") != sip2.Unknown || magneticMedia("book") != sip2.No {
		t.Error("media types")
	}
	if limit4(-1) != "" || limit4(10) != "0010" || limit4(123456) != "9999" {
		t.Error("limit4")
	}
	if methodOf("00") != "cash" || methodOf("02") != "card" || methodOf("07") != "other" {
		t.Error("methodOf")
	}
}
