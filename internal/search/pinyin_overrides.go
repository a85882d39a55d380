package search

// Pinyin readings that differ from the dictionary's first reading.
//
// go-pinyin knows one default reading per character (its first reading),
// which is wrong for many common words: 长 defaults to zhang, so 长江 would
// be zhangjiang. wordReadings pins the reading of words (two or more
// characters); surnameReadings pins the reading of surnames, used only at
// the start of a personal name (曾国藩 zeng, not ceng).
//
// How a reading is chosen, at each position of a CJK run, left to right:
//  1. at the start of a personal name (the start of each CJK run of a
//     FieldName value, and after whitespace inside it), every
//     surnameReadings entry that matches there is a candidate;
//  2. every wordReadings entry that matches there is a candidate;
//  3. the longest candidate wins; between candidates of equal length a
//     surname wins. Its syllables are used and the position moves past it;
//  4. with no candidate, the character's default reading is used (a
//     character without a reading is skipped).
//
// So 单于 is chan yu both as a word and as a compound surname (the two-
// character surname beats the one-character surname 单 shan), 重庆银行 is
// chong qing yin hang, and in a title 曾经 keeps the default ceng jing.
//
// Entries that equal the default (重要, 朝阳) are listed where the brief for
// this package asked for them: they pin the reading against dictionary
// changes. Readings are written without tones, ü as v, syllables separated
// by single spaces; TestOverrideTables checks that every entry has one
// syllable per character and that every syllable is one the dictionary
// knows.
var wordReadings = map[string]string{
	// 重 chóng (default zhòng)
	"重庆": "chong qing", "重阳": "chong yang", "重复": "chong fu", "重新": "chong xin",
	"重建": "chong jian", "重印": "chong yin", "重修": "chong xiu", "重订": "chong ding",
	"重版": "chong ban", "重组": "chong zu", "重叠": "chong die",
	"重要": "zhong yao", "重量": "zhong liang",
	// 行 háng (default xíng)
	"银行": "yin hang", "行业": "hang ye", "行情": "hang qing", "行长": "hang zhang",
	"各行各业": "ge hang ge ye", "内行": "nei hang", "外行": "wai hang",
	// 长 cháng (default zhǎng)
	"长安": "chang an", "长江": "chang jiang", "长城": "chang cheng", "长沙": "chang sha",
	"长春": "chang chun", "长篇": "chang pian", "长期": "chang qi", "长征": "chang zheng",
	"长度": "chang du", "长白山": "chang bai shan", "长寿": "chang shou", "长河": "chang he",
	"长短": "chang duan", "长久": "chang jiu", "长恨歌": "chang hen ge",
	// 乐 yuè (default lè)
	"音乐": "yin yue", "乐器": "yue qi", "乐队": "yue dui", "乐曲": "yue qu", "乐谱": "yue pu",
	"乐理": "yue li", "乐府": "yue fu", "乐团": "yue tuan", "声乐": "sheng yue", "器乐": "qi yue",
	"民乐": "min yue", "交响乐": "jiao xiang yue", "管弦乐": "guan xian yue",
	// 会 kuài, 校 jiào, 调 tiáo, 传 zhuàn, 藏 zàng, 都 dū, 了 liǎo
	"会计": "kuai ji", "财会": "cai kuai",
	"校对": "jiao dui", "校勘": "jiao kan", "校注": "jiao zhu", "校订": "jiao ding",
	"校点": "jiao dian", "校释": "jiao shi", "校笺": "jiao jian", "点校": "dian jiao",
	"调整": "tiao zheng", "调节": "tiao jie", "调解": "tiao jie", "调和": "tiao he",
	"调控": "tiao kong", "调剂": "tiao ji", "协调": "xie tiao", "空调": "kong tiao",
	"传记": "zhuan ji", "自传": "zi zhuan", "列传": "lie zhuan", "外传": "wai zhuan",
	"评传": "ping zhuan", "正传": "zheng zhuan", "水浒传": "shui hu zhuan",
	"西藏": "xi zang", "宝藏": "bao zang", "藏族": "zang zu", "藏文": "zang wen",
	"藏语": "zang yu", "藏传": "zang chuan", "大藏经": "da zang jing",
	"成都": "cheng du", "首都": "shou du", "都市": "du shi", "京都": "jing du",
	"古都": "gu du", "都江堰": "du jiang yan",
	"了解": "liao jie",
	// place and historical names
	"朝阳": "chao yang", "厦门": "xia men", "蚌埠": "beng bu", "六安": "lu an",
	"番禺": "pan yu", "吐蕃": "tu bo", "龟兹": "qiu ci", "大宛": "da yuan", "月氏": "yue zhi",
	"秘鲁": "bi lu", "阿房宫": "e pang gong", "单于": "chan yu",
	// other common words
	"角色": "jue se", "主角": "zhu jue", "还原": "huan yuan", "归还": "gui huan",
	"便宜": "pian yi", "人参": "ren shen", "参差": "cen ci", "似乎": "si hu",
	"相似": "xiang si", "类似": "lei si", "近似": "jin si", "仔细": "zi xi",
	"给予": "ji yu", "供给": "gong ji", "目的": "mu di", "的确": "di que",
	"着重": "zhuo zhong", "着手": "zhuo shou", "着陆": "zhuo lu", "模样": "mu yang",
	"出差": "chu chai", "睡觉": "shui jiao", "率领": "shuai ling", "投降": "tou xiang",
	"倔强": "jue jiang",
}

// surnameReadings are the readings of characters and compound surnames
// when they start a personal name. See wordReadings for how they combine.
var surnameReadings = map[string]string{
	"曾": "zeng", "乐": "yue", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou",
	"查": "zha", "单": "shan", "盖": "ge", "繁": "po", "覃": "qin", "翟": "zhai",
	"召": "shao", "缪": "miao", "秘": "bi", "种": "chong", "员": "yun", "隗": "wei",
	"句": "gou", "阚": "kan", "能": "nai", "黑": "he", "折": "she", "藏": "zang",
	"都": "du", "薄": "bo", "祭": "zhai", "粘": "nian", "佴": "nai", "卜": "bu",
	"乜": "nie", "洗": "xian", "么": "yao", "重": "chong", "蔚": "yu",
	// compound surnames
	"单于": "chan yu", "尉迟": "yu chi", "万俟": "mo qi", "澹台": "tan tai",
	"长孙": "zhang sun", "令狐": "ling hu", "皇甫": "huang fu", "鲜于": "xian yu",
}
