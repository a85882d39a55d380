package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPinyinTokens(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		isName bool
		want   string
	}{
		{"default readings", "图书馆", false, "tu shu guan tushuguan tsg"},
		{"word overrides chained", "重庆银行", false, "chong qing yin hang chongqingyinhang cqyh"},
		{"chang not zhang", "长江", false, "chang jiang changjiang cj"},
		{"yue not le", "音乐", false, "yin yue yinyue yy"},
		{"kuai ji", "会计学", false, "kuai ji xue kuaijixue kjx"},
		{"longest match at each position", "长江长城", false,
			"chang jiang chang cheng changjiangchangcheng cjcc"},
		{"default reading when no override", "成长", false, "cheng zhang chengzhang cz"},
		{"three-character override beats two", "交响乐团", false,
			"jiao xiang yue tuan jiaoxiangyuetuan jxyt"},
		{"u-umlaut as v", "绿色", false, "lv se lvse ls"},
		{"surname in name", "曾国藩", true, "zeng guo fan zengguofan zgf"},
		{"no surname rule in titles", "曾国藩", false, "ceng guo fan cengguofan cgf"},
		{"surname only at start", "张曾", true, "zhang ceng zhangceng zc"},
		{"compound surname beats single", "单于恩", true, "chan yu en chanyuen cye"},
		{"single surname", "单田芳", true, "shan tian fang shantianfang stf"},
		{"title keeps dan", "单位", false, "dan wei danwei dw"},
		{"surname ou", "区大伟", true, "ou da wei oudawei odw"},
		{"title keeps qu", "区域", false, "qu yu quyu qy"},
		{"surname yue", "乐嘉", true, "yue jia yuejia yj"},
		{"yuchi", "尉迟恭", true, "yu chi gong yuchigong ycg"},
		{"xie", "解缙", true, "xie jin xiejin xj"},
		{"piao", "朴槿惠", true, "piao jin hui piaojinhui pjh"},
		{"zha", "查良镛", true, "zha liang yong zhaliangyong zly"},
		{"dynasty before name", "（清）曾国藩", true,
			"qing zeng guo fan zengguofan zgf qingzengguofan qzgf"},
		{"names separated by space", "曾国藩 单田芳", true,
			"zeng guo fan shan tian fang zengguofan zgf shantianfang stf zengguofanshantianfang zgfstf"},
		{"latin and digits in value", "C语言程序设计：2019年", false,
			"c yu yan cheng xu she ji 2019 nian yuyanchengxusheji yycxsj cyuyanchengxusheji2019nian cyycxsj2019n"},
		{"single character", "书", false, "shu"},
		{"latin only", "Java", false, "java"},
		{"kana has no pinyin", "ガンダム", false, ""},
		{"empty", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PinyinTokens(tt.text, tt.isName)
			if want := strings.Fields(tt.want); !slices.Equal(got, want) {
				t.Errorf("PinyinTokens(%q, %v)\n got %q\nwant %q", tt.text, tt.isName, got, want)
			}
		})
	}
}

func TestPinyinJoinedFormsCut(t *testing.T) {
	long := strings.Repeat("图书馆", 20)
	for _, tok := range PinyinTokens(long, false) {
		if len(tok) > maxJoinedBytes {
			t.Errorf("token of %d bytes > %d: %q", len(tok), maxJoinedBytes, tok)
		}
	}
	got := PinyinTokens(long, false)
	initials := got[len(got)-1]
	if len(initials) != maxInitialBytes || !strings.HasPrefix(initials, "tsgtsg") {
		t.Errorf("initials %q: want %d bytes starting tsgtsg", initials, maxInitialBytes)
	}
}

// TestOverrideTables checks the override lists themselves: one syllable
// per character, only syllables the dictionary knows, enough entries, and
// every override either differs from the default reading or is one of the
// few entries pinned on purpose.
func TestOverrideTables(t *testing.T) {
	tab := table()
	pinned := map[string]bool{"重要": true, "重量": true, "朝阳": true, "长孙": true, "令狐": true, "皇甫": true, "鲜于": true}
	check := func(kind string, m map[string]string, minRunes int) {
		for word, reading := range m {
			syl := strings.Fields(reading)
			if n := utf8.RuneCountInString(word); n != len(syl) || n < minRunes {
				t.Errorf("%s %q: %d characters, %d syllables %q", kind, word, n, len(syl), reading)
			}
			for _, s := range syl {
				if !tab.valid[s] {
					t.Errorf("%s %q: syllable %q unknown to the dictionary", kind, word, s)
				}
			}
			var def []string
			for _, r := range word {
				def = append(def, string(tab.reading(r)))
			}
			if slices.Equal(def, syl) && !pinned[word] {
				t.Errorf("%s %q: reading %q equals the default; drop it or pin it on purpose", kind, word, reading)
			}
		}
	}
	check("word", wordReadings, 2)
	check("surname", surnameReadings, 1)
	if n := len(wordReadings) + len(surnameReadings); n < 40 {
		t.Errorf("%d override entries, want at least 40", n)
	}
}

func TestSegmentSyllables(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tushuguan", "tu shu guan"},
		{"xian", "xian"},
		{"fangan", "fang an"},
		{"xianggang", "xiang gang"},
		{"zhangsan", "zhang san"},
		{"lvse", "lv se"},
		{"tsg", ""},
		{"", ""},
		{"java", ""},
		{strings.Repeat("a", 65), ""},
	}
	tab := table()
	for _, tt := range tests {
		got := tab.segmentSyllables(tt.in)
		if want := strings.Fields(tt.want); !slices.Equal(got, want) {
			t.Errorf("segmentSyllables(%q) = %q, want %q", tt.in, got, want)
		}
	}
}
