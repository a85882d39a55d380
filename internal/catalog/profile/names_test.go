package profile

import "testing"

func TestRole(t *testing.T) {
	cases := map[string]string{
		"070": "aut", "730": "trl", "440": "ill", "340": "edt", "727": "ths", "999": "",
		"aut": "aut", "trl": "trl", "http://id.loc.gov/vocabulary/relators/ill": "ill",
		"著": "aut", "编著": "aut", "主编": "edt", "编": "edt", "译": "trl", "翻译": "trl",
		"绘": "ill", "图": "ill", "文": "aut", "导师": "ths", "校注": "ann", "点校": "edt",
		"编纂": "com", "等著": "aut", "著绘": "aut",
		"author.": "aut", "author,": "aut", "Author": "aut", "editor": "edt", "ed.": "edt",
		"tr.": "trl", "translator.": "trl", "illustrator": "ill", "ill.": "ill", "comp.": "com",
		"": "", "red. şef": "", "???": "",
	}
	for in, want := range cases {
		if got := Role(in); got != want {
			t.Errorf("Role(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNameFromStatement(t *testing.T) {
	cases := map[string]string{
		"刘慈欣著":            "刘慈欣",
		"(美) 霍金著":         "霍金",
		"（美）霍金著":          "霍金",
		"(唐)杜甫撰":          "杜甫",
		"张三, 李四主编":        "张三",
		"张三、李四编著":         "张三",
		"葛均波, 徐永健, 王辰主编":  "葛均波",
		"胡仁喜等编著":          "胡仁喜",
		"王小明等著":           "王小明",
		"中国科学院计算技术研究所编":   "中国科学院计算技术研究所",
		"同济大学数学系编 ; 李四修订": "同济大学数学系",
		"王文":                     "王文",
		"李文著":                    "李文",
		"著":                      "",
		"red. şef: Cornel Groza": "",
		"":                       "",
	}
	for in, want := range cases {
		if got := nameFromStatement(in); got != want {
			t.Errorf("nameFromStatement(%q) = %q, want %q", in, got, want)
		}
	}
}
