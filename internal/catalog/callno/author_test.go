package callno

import (
	"slices"
	"strings"
	"testing"
)

func TestAuthorNumber(t *testing.T) {
	tests := []struct{ name, want string }{
		{"王小波", "W153"},     // wangxiaobo
		{"莫言", "M591"},      // moyan
		{"鲁迅", "L787"},      // luxun
		{"余华", "Y737"},      // yuhua
		{"刘慈欣", "L371"},     // liucixin
		{"老舍", "L157"},      // laoshe
		{"易", "Y3"},         // yi
		{"吕思勉", "L873"},     // lvsimian: ü as v
		{"曾国藩", "Z253"},     // zeng, not ceng
		{"单田芳", "S315"},     // shantianfang, not dantianfang
		{"解缙", "X324"},      // xiejin, not jiejin
		{"尉迟恭", "Y713"},     // yuchigong: compound surname
		{"欧阳修", "O791"},     // ouyangxiu
		{"(清)曹雪芹", "C158"},  // caoxueqin, the dynasty dropped
		{"〔英〕莎士比亚", "S317"}, // shashibiya
		{"丹·布朗", "D151"},    // danbulang
		{"Hardy, Thomas", "H162"},
		{"ＬＩ Ｍｉｎｇ", "L353"}, // liming, full-width folded
	}
	for _, tt := range tests {
		got, err := AuthorNumber(tt.name)
		if err != nil || got != tt.want {
			t.Errorf("AuthorNumber(%q) = %q, %v, want %q", tt.name, got, err, tt.want)
		}
		// Every generated number is a valid manual one.
		if b, err := ParseBookNumber(got); err != nil || b.Author != got || b.Rule() != RuleAuthor {
			t.Errorf("ParseBookNumber(%q) = %+v, %v", got, b, err)
		}
	}
	for _, bad := range []string{"", "  ", "(英)", "·", "123"} {
		if got, err := AuthorNumber(bad); err == nil {
			t.Errorf("AuthorNumber(%q) = %q, want an error", bad, got)
		}
	}
	// Only the first character takes a surname reading: 曾 in a given name is ceng.
	if got, _ := AuthorNumber("易曾"); got != "Y312" { // yiceng, not yizeng (Y392)
		t.Errorf("AuthorNumber(易曾) = %q, want Y312", got)
	}
}

// Author numbers file in the alphabetical order of the names' pinyin.
func TestAuthorNumberOrder(t *testing.T) {
	names := []string{
		"王小波", "莫言", "鲁迅", "余华", "刘慈欣", "老舍", "巴金", "冰心", "张爱玲", "沈从文",
		"钱钟书", "杨绛", "贾平凹", "路遥", "阿来", "毕飞宇", "迟子建", "格非", "韩少功", "金庸",
		"古龙", "琼瑶", "三毛", "史铁生", "铁凝", "汪曾祺", "王安忆", "严歌苓", "郁达夫", "朱自清",
		"周作人", "林语堂", "梁实秋", "徐志摩", "艾青", "北岛", "顾城", "海子", "舒婷", "易中天",
	}
	type entry struct{ spelling, number string }
	var list []entry
	for _, n := range names {
		num, err := AuthorNumber(n)
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, entry{pinyinLetters(n), num})
	}
	slices.SortFunc(list, func(a, b entry) int { return strings.Compare(a.spelling, b.spelling) })
	for i := 1; i < len(list); i++ {
		a := SortKey("I247/" + list[i-1].number)
		b := SortKey("I247/" + list[i].number)
		if a > b {
			t.Errorf("%s (%s) files after %s (%s)", list[i-1].spelling, list[i-1].number, list[i].spelling, list[i].number)
		}
	}
}
