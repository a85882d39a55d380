package profile

import (
	"strings"
	"unicode/utf8"
)

// Role normalises a relator as catalogues record it to a MARC relator
// code (https://id.loc.gov/vocabulary/relators), or "" when it is not
// known:
//
//   - a MARC code ("aut", "trl") or its URI is kept;
//   - a UNIMARC code (CNMARC $4) is mapped: 070 → aut, 340 → edt,
//     220 → com, 440 → ill, 730 → trl, 020 → ann, 727 → ths, 295 → dgg,
//     557 → orm, 080 → aui, 600 → pht, 010 → adp, 650 → pbl, ...;
//   - a Chinese term (CNMARC $4 as Chinese cataloguers write it) is mapped:
//     著/撰/编著/编写/文/著绘 → aut, 主编/编/编辑 → edt, 编纂/辑/选编
//     → com, 译/翻译/编译 → trl, 绘/图/插图 → ill, 注/校注/笺注 → ann,
//     点校/校点/整理 → edt, 摄影 → pht, 导师/指导教师 → ths, 序 → aui,
//     改编 → adp, 主办 → orm; a leading 等 ("等著") is ignored;
//   - an English term (MARC 21 $e) is mapped: author, editor, translator,
//     illustrator, compiler, and their abbreviations (ed., tr., ill.,
//     comp.).
func Role(relator string) string {
	r := trimISBD(relator)
	if r == "" {
		return ""
	}
	if i := strings.LastIndexByte(r, '/'); i >= 0 && strings.Contains(r, "://") {
		r = r[i+1:] // http://id.loc.gov/vocabulary/relators/aut
	}
	r = strings.TrimRight(r, ".")
	if len(r) == 3 {
		if isDigits(r) {
			return unimarcRelators[r]
		}
		if isLowerCode(r) {
			if code, ok := termRoles[r]; ok { // "ill", "eds"
				return code
			}
			return r
		}
	}
	r = strings.TrimPrefix(r, "等")
	if code, ok := termRoles[r]; ok {
		return code
	}
	if code, ok := termRoles[strings.ToLower(r)]; ok {
		return code
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isLowerCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// unimarcRelators maps UNIMARC relator codes (Appendix C) to MARC ones.
var unimarcRelators = map[string]string{
	"005": "act", "010": "adp", "020": "ann", "030": "arr", "040": "art",
	"070": "aut", "072": "aqt", "075": "aft", "080": "aui", "090": "aud",
	"100": "ant", "170": "cll", "205": "ctb", "210": "cmm", "212": "cwt",
	"220": "com", "230": "cmp", "245": "ccp", "250": "cnd", "273": "cur",
	"295": "dgg", "300": "drt", "305": "dis", "340": "edt", "350": "egr",
	"365": "exp", "390": "fmo", "395": "fnd", "440": "ill", "460": "ive",
	"470": "ivr", "480": "lyr", "557": "orm", "570": "oth", "590": "prf",
	"600": "pht", "605": "pre", "610": "prt", "650": "pbl", "651": "pbd",
	"673": "rth", "675": "rev", "700": "scr", "710": "red", "721": "sng",
	"723": "spn", "727": "ths", "730": "trl", "740": "tyd", "750": "tyg",
	"755": "voc",
}

// termRoles maps relator terms, Chinese and English, to MARC codes.
var termRoles = map[string]string{
	// Chinese: authors
	"著": "aut", "撰": "aut", "作": "aut", "原著": "aut", "著者": "aut",
	"撰写": "aut", "撰文": "aut", "编著": "aut", "编撰": "aut", "著述": "aut",
	"口述": "aut", "文": "aut", "编写": "aut", "合著": "aut", "执笔": "aut",
	"著绘": "aut", "绘著": "aut", "文图": "aut", "图文": "aut", "作者": "aut",
	"原作": "aut", "述": "aut", "撰著": "aut", "编绘": "aut",
	// Chinese: editors and compilers
	"主编": "edt", "编": "edt", "编辑": "edt", "总主编": "edt", "副主编": "edt",
	"合编": "edt", "编委会": "edt", "点校": "edt", "校点": "edt", "整理": "edt",
	"校": "edt", "校勘": "edt", "校订": "edt", "修订": "edt", "审订": "edt",
	"编纂": "com", "纂": "com", "辑": "com", "编辑整理": "edt", "选编": "com",
	"编选": "com", "汇编": "com", "编集": "com", "辑录": "com", "选": "com",
	"辑注": "com", "纂修": "com", "修": "com",
	// Chinese: translators, illustrators, annotators, others
	"译": "trl", "翻译": "trl", "译者": "trl", "编译": "trl", "合译": "trl",
	"主译": "trl", "译注": "trl", "译述": "trl",
	"绘": "ill", "图": "ill", "绘图": "ill", "插图": "ill", "画": "ill", "绘画": "ill",
	"注": "ann", "注释": "ann", "校注": "ann", "笺注": "ann", "评注": "ann",
	"集注": "ann", "疏": "ann", "笺": "ann", "评": "ann", "批": "ann", "评点": "ann",
	"摄影": "pht", "摄": "pht", "导师": "ths", "指导教师": "ths", "指导": "ths",
	"序": "aui", "改编": "adp", "主办": "orm", "出版": "pbl", "书": "cll",
	"审定": "rev", "审": "rev", "审校": "rev", "朗读": "nrt", "朗诵": "nrt",
	// English (MARC 21 $e, also in CNMARC records of foreign books)
	"author": "aut", "joint author": "aut", "creator": "cre", "writer": "aut",
	"editor": "edt", "ed": "edt", "eds": "edt", "editor of compilation": "edc",
	"compiler": "com", "comp": "com", "translator": "trl", "tr": "trl",
	"trans": "trl", "illustrator": "ill", "ill": "ill", "illus": "ill",
	"annotator": "ann", "contributor": "ctb", "photographer": "pht",
	"thesis advisor": "ths", "degree granting institution": "dgg",
	"degree grantor": "dgg", "author of introduction": "aui",
	"writer of introduction": "win", "writer of preface": "wpr",
	"adapter": "adp", "composer": "cmp", "performer": "prf",
	"narrator": "nrt", "director": "drt", "publisher": "pbl", "printer": "prt",
	"organizer": "orm", "sponsor": "spn", "former owner": "fmo",
	"interviewer": "ivr", "interviewee": "ive", "conductor": "cnd",
	"singer": "sng", "artist": "art", "lyricist": "lyr", "calligrapher": "cll",
	"screenwriter": "aus", "host institution": "his",
}

// authorRoles are the roles that make a name an author for FirstAuthor.
func authorRole(code string) bool {
	return code == "aut" || code == "cre"
}

// statementRoles are the role words that end a name in a Chinese statement
// of responsibility ("刘慈欣著"), longest first. Single characters that are
// common in names (文, 图, 注, 作) are left out.
var statementRoles = []string{
	"总主编", "编辑整理", "编著", "主编", "编写", "编译", "编辑", "编选", "选编", "译注",
	"校注", "原著", "撰文", "口述", "执笔", "整理", "著绘", "绘著", "合著", "合编",
	"主译", "编纂", "点校", "校点", "编绘",
	"著", "编", "译", "撰", "绘", "辑",
}

// nameFromStatement returns the first name in a Chinese statement of
// responsibility: "(美) 霍金著" gives "霍金", "张三, 李四主编" gives "张三",
// "中国科学院计算技术研究所编" the institute. It returns "" for a statement
// without Chinese characters, and when nothing of two characters or more
// is left.
func nameFromStatement(stmt string) string {
	if !hasHan(stmt) {
		return ""
	}
	s := stmt
	if i := strings.IndexAny(s, ";；"); i >= 0 {
		s = s[:i]
	}
	s = trimSpace(s)
	// A leading nationality or dynasty: (美), [美], （美）, 〔唐〕.
	for {
		r, size := utf8.DecodeRuneInString(s)
		var closeCh string
		switch r {
		case '(':
			closeCh = ")"
		case '[':
			closeCh = "]"
		case '（':
			closeCh = "）"
		case '〔':
			closeCh = "〕"
		case '【':
			closeCh = "】"
		}
		if closeCh == "" {
			break
		}
		j := strings.Index(s[size:], closeCh)
		if j < 0 {
			break
		}
		s = trimSpace(s[size+j+len(closeCh):])
	}
	if i := strings.IndexAny(s, ",，、"); i >= 0 {
		s = s[:i]
	}
	s = trimSpace(s)
	for _, w := range statementRoles {
		if strings.HasSuffix(s, w) && utf8.RuneCountInString(s) > utf8.RuneCountInString(w)+1 {
			s = trimSpace(s[:len(s)-len(w)])
			break
		}
	}
	if strings.HasSuffix(s, "等") && utf8.RuneCountInString(s) > 2 {
		s = trimSpace(strings.TrimSuffix(s, "等"))
	}
	if utf8.RuneCountInString(s) < 2 {
		return ""
	}
	return s
}

// relatorText joins the recorded relators of a name.
func relatorText(rel []string) string {
	out := ""
	for _, r := range rel {
		out = appendPart(out, "; ", trimISBD(r))
	}
	return out
}

// firstRole returns the first relator that Role knows.
func firstRole(rel []string) string {
	for _, r := range rel {
		if code := Role(r); code != "" {
			return code
		}
	}
	return ""
}

// hasHan reports whether s holds a CJK unified ideograph.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x3400 && r <= 0x9FFF || r >= 0x20000 && r <= 0x3134F {
			return true
		}
	}
	return false
}
