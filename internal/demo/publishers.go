package demo

import (
	"strings"
)

// publisher is a publisher with the ISBN prefixes (registration group and
// publisher, "7-111") it numbers its books under, in the order it used
// them, and the classes it mostly publishes ("" = anything).
type publisher struct {
	name     string
	place    string // 210 $a / 264 $a
	area     string // CNMARC 102 $b (administrative division), MARC 21 008/15-17 (place code)
	prefixes []string
	weight   float64
	classes  string // class-number prefixes, space-separated
}

// zhPublishers are Chinese publishers. The first prefix of each is its
// main one (人民出版社 7-01, 商务印书馆 7-100, 中华书局 7-101 …); the
// later ones are newer prefixes of the same house.
var zhPublishers = []publisher{
	{"人民出版社", "北京", "110000", []string{"7-01"}, 3, "A D B K C F"},
	{"人民文学出版社", "北京", "110000", []string{"7-02"}, 3, "I"},
	{"科学出版社", "北京", "110000", []string{"7-03"}, 4, "O P Q N R S T X V K87"},
	{"高等教育出版社", "北京", "110000", []string{"7-04"}, 5, "O H31 F0 F23 C8 C93 D64 G T B81 Q R3 J2"},
	{"商务印书馆", "北京", "110000", []string{"7-100"}, 2.5, "H B K C F0 D9 Z3 I0"},
	{"中华书局", "北京", "110000", []string{"7-101"}, 2, "K2 I2 B2 Z8 K87 J292"},
	{"人民美术出版社", "北京", "110000", []string{"7-102"}, 0.5, "J"},
	{"人民音乐出版社", "北京", "110000", []string{"7-103"}, 0.3, "J6"},
	{"人民教育出版社", "北京", "110000", []string{"7-107"}, 0.8, "G6 G4 H1 H31"},
	{"生活·读书·新知三联书店", "北京", "110000", []string{"7-108"}, 1.2, "B C I2 K G0 J"},
	{"中国农业出版社", "北京", "110000", []string{"7-109"}, 0.6, "S F32"},
	{"机械工业出版社", "北京", "110000", []string{"7-111"}, 3, "TH TP TG TM TB U46 F27 F713"},
	{"中国建筑工业出版社", "北京", "110000", []string{"7-112"}, 0.8, "TU"},
	{"人民交通出版社", "北京", "110000", []string{"7-114"}, 0.5, "U"},
	{"人民邮电出版社", "北京", "110000", []string{"7-115"}, 2, "TP TN B848 F27 J5"},
	{"地质出版社", "北京", "110000", []string{"7-116"}, 0.3, "P"},
	{"人民卫生出版社", "北京", "110000", []string{"7-117"}, 3, "R"},
	{"国防工业出版社", "北京", "110000", []string{"7-118"}, 0.5, "E V TJ TN"},
	{"电子工业出版社", "北京", "110000", []string{"7-121"}, 2, "TP TN TM"},
	{"化学工业出版社", "北京", "110000", []string{"7-122"}, 1.5, "TQ O6 TS X TB"},
	{"上海人民出版社", "上海", "310000", []string{"7-208"}, 1.5, "D K F C B I2"},
	{"浙江人民出版社", "杭州", "330000", []string{"7-213"}, 0.5, ""},
	{"江苏人民出版社", "南京", "320000", []string{"7-214"}, 0.5, ""},
	{"广东人民出版社", "广州", "440000", []string{"7-218"}, 0.5, ""},
	{"四川人民出版社", "成都", "510000", []string{"7-220"}, 0.5, ""},
	{"中国人民大学出版社", "北京", "110000", []string{"7-300"}, 2, "F D C G2 B"},
	{"北京大学出版社", "北京", "110000", []string{"7-301"}, 2.5, "D9 F K I2 H C B G64 O"},
	{"清华大学出版社", "北京", "110000", []string{"7-302"}, 3, "TP TN O T F27 H31"},
	{"北京师范大学出版社", "北京", "110000", []string{"7-303"}, 1, "G B84 I2"},
	{"南京大学出版社", "南京", "320000", []string{"7-305"}, 0.8, ""},
	{"武汉大学出版社", "武汉", "420000", []string{"7-307"}, 0.8, ""},
	{"浙江大学出版社", "杭州", "330000", []string{"7-308"}, 0.8, ""},
	{"复旦大学出版社", "上海", "310000", []string{"7-309"}, 1, "K I2 F D"},
	{"上海交通大学出版社", "上海", "310000", []string{"7-313"}, 0.8, "T U R"},
	{"中国大百科全书出版社", "北京", "110000", []string{"7-5000", "7-5202"}, 0.4, "Z"},
	{"中国社会科学出版社", "北京", "110000", []string{"7-5004", "7-5161", "7-5203", "7-5227"}, 3, "A B C D F K I0 I2 G0 H0"},
	{"社会科学文献出版社", "北京", "110000", []string{"7-80190", "7-5097", "7-5201", "7-5228"}, 2.5, "D F C K G12 D8"},
	{"上海古籍出版社", "上海", "310000", []string{"7-5325", "7-5732"}, 1, "K2 I2 B2 Z8 J292"},
	{"法律出版社", "北京", "110000", []string{"7-5036", "7-5118", "7-5197", "7-5244"}, 2, "D9"},
	{"中国法制出版社", "北京", "110000", []string{"7-80083", "7-5093", "7-5216"}, 1, "D9"},
	{"上海辞书出版社", "上海", "310000", []string{"7-5326"}, 0.4, "Z3 H16"},
	{"上海译文出版社", "上海", "310000", []string{"7-5327"}, 1, "I3 I5 I7 B5"},
	{"译林出版社", "南京", "320000", []string{"7-80567", "7-5447", "7-5753"}, 1, "I3 I5 I7 K"},
	{"作家出版社", "北京", "110000", []string{"7-5063", "7-5212"}, 1.2, "I2"},
	{"中信出版社", "北京", "110000", []string{"7-80073", "7-5086", "7-5217"}, 1.2, "F B848 K TP18"},
	{"外语教学与研究出版社", "北京", "110000", []string{"7-5600", "7-5135", "7-5213"}, 1.5, "H3 H0 H059"},
	{"文物出版社", "北京", "110000", []string{"7-5010"}, 0.6, "K87 K85 J"},
	{"国家图书馆出版社", "北京", "110000", []string{"7-5013"}, 0.5, "Z8 K2 G25"},
	{"广西师范大学出版社", "桂林", "450000", []string{"7-5633", "7-5495", "7-5598"}, 1.2, "K I2 B J G"},
	{"长江文艺出版社", "武汉", "420000", []string{"7-5354", "7-5702"}, 0.8, "I2"},
	{"中国青年出版社", "北京", "110000", []string{"7-5006", "7-5153"}, 0.5, "I2 B848"},
	{"经济科学出版社", "北京", "110000", []string{"7-5058", "7-5141", "7-5218"}, 1.5, "F"},
	{"中国财政经济出版社", "北京", "110000", []string{"7-5005", "7-5095", "7-5223"}, 0.6, "F8 F23"},
	{"中国少年儿童出版社", "北京", "110000", []string{"7-5007", "7-5148"}, 0.6, "I28 Z2 N49"},
	{"少年儿童出版社", "上海", "310000", []string{"7-5324", "7-5589"}, 0.4, "I28"},
	{"哈尔滨工业大学出版社", "哈尔滨", "230000", []string{"7-5603", "7-5767"}, 0.6, "T O V"},
	{"西安电子科技大学出版社", "西安", "610000", []string{"7-5606"}, 0.5, "TN TP"},
	{"中国电力出版社", "北京", "110000", []string{"7-5083", "7-5123", "7-5198"}, 0.7, "TM TK TP"},
	{"中国中医药出版社", "北京", "110000", []string{"7-80156", "7-5132"}, 0.6, "R2"},
	{"中国医药科技出版社", "北京", "110000", []string{"7-5067", "7-5214"}, 0.5, "R9 R"},
	{"中国林业出版社", "北京", "110000", []string{"7-5038", "7-5219"}, 0.3, "S7 S6 Q94"},
	{"气象出版社", "北京", "110000", []string{"7-5029"}, 0.2, "P4"},
	{"海洋出版社", "北京", "110000", []string{"7-5027", "7-5210"}, 0.2, "P7"},
	{"测绘出版社", "北京", "110000", []string{"7-5030"}, 0.2, "P2"},
	{"中国轻工业出版社", "北京", "110000", []string{"7-5019", "7-5184"}, 0.5, "TS"},
}

// enPublishers are Western publishers, with MARC 21 place codes.
var enPublishers = []publisher{
	{"Springer", "Cham", "sz ", []string{"3-319", "3-030", "3-031", "3-540", "3-642"}, 8, "T O Q R P X N V U"},
	{"Wiley", "Hoboken, NJ", "nju", []string{"1-118", "1-119", "0-471", "0-470"}, 5, "T O Q R F C"},
	{"Oxford University Press", "Oxford", "enk", []string{"0-19"}, 6, ""},
	{"Cambridge University Press", "Cambridge", "enk", []string{"0-521", "1-107", "1-108", "1-009"}, 6, ""},
	{"The MIT Press", "Cambridge, Massachusetts", "mau", []string{"0-262"}, 2, "TP B84 J5 F N"},
	{"Princeton University Press", "Princeton", "nju", []string{"0-691"}, 2, "F K D B O"},
	{"Harvard University Press", "Cambridge, Massachusetts", "mau", []string{"0-674"}, 2, "K D B F I"},
	{"University of Chicago Press", "Chicago", "ilu", []string{"0-226"}, 1.5, "C K D B G J"},
	{"Yale University Press", "New Haven", "ctu", []string{"0-300"}, 1.5, "K I J B D"},
	{"Columbia University Press", "New York", "nyu", []string{"0-231"}, 1.2, "K D I B J9"},
	{"Stanford University Press", "Stanford, California", "cau", []string{"0-8047", "1-5036"}, 1, "K D C B"},
	{"University of California Press", "Oakland, California", "cau", []string{"0-520"}, 1, "K C J B"},
	{"Routledge", "London", "enk", []string{"0-415", "1-138", "0-367", "1-032"}, 5, "C D F G H B K"},
	{"Academic Press", "London", "enk", []string{"0-12"}, 2, "Q R T O P X"},
	{"Elsevier", "Amsterdam", "ne ", []string{"0-08", "0-444"}, 2, "Q R T O P X"},
	{"Pearson", "Boston", "mau", []string{"0-13", "0-321"}, 3, "TP O F C H31"},
	{"McGraw-Hill Education", "New York", "nyu", []string{"0-07"}, 2.5, "TP O F R T"},
	{"O'Reilly Media", "Sebastopol, CA", "cau", []string{"1-4493", "1-4919", "1-0981"}, 1.5, "TP"},
	{"Palgrave Macmillan", "London", "enk", []string{"0-230", "1-137"}, 2, "D F C K G"},
	{"De Gruyter", "Berlin", "gw ", []string{"3-11"}, 1.5, "H B K I"},
	{"Brill", "Leiden", "ne ", []string{"90-04"}, 1.5, "K B H I2 K2"},
	{"SAGE Publications", "Los Angeles", "cau", []string{"1-4129", "1-4462", "1-5297"}, 1.5, "C D G B84"},
	{"Penguin Books", "London", "enk", []string{"0-14"}, 2, "I K B"},
	{"Bloomsbury Academic", "London", "enk", []string{"1-4725", "1-350"}, 1.2, "I J K G"},
	{"CRC Press", "Boca Raton", "flu", []string{"0-8493", "1-4398", "1-4665", "1-4822"}, 2, "T O Q R X"},
	{"W. W. Norton & Company", "New York", "nyu", []string{"0-393"}, 1, "I K F B"},
}

// titleDigits is how many digits a prefix leaves for the title number:
// 12 digits after 978 less the check digit and the prefix's digits.
func titleDigits(prefix string) int {
	return 9 - len(strings.ReplaceAll(prefix, "-", ""))
}

// capacity is how many titles a prefix can number.
func capacity(prefix string) int {
	c := 1
	for range titleDigits(prefix) {
		c *= 10
	}
	return c
}

// publisherDist draws the publisher of a book in class code: houses that
// publish the class weigh five times their weight, houses of other
// specialities a hundredth.
func publisherDist(pubs []publisher, code string) dist {
	w := make([]float64, len(pubs))
	for i, p := range pubs {
		switch {
		case p.classes == "":
			w[i] = p.weight
		case publishes(p, code):
			w[i] = 5 * p.weight
		default:
			w[i] = p.weight / 100
		}
	}
	return newDist(w)
}

func publishes(p publisher, code string) bool {
	for _, pre := range strings.Fields(p.classes) {
		if strings.HasPrefix(code, pre) {
			return true
		}
	}
	return false
}

// isbn13 makes the ISBN for title number n under prefix, hyphenated
// (978-7-111-54493-7) and plain (9787111544937).
func isbn13(prefix string, n int) (hyphenated, plain string) {
	digits := titleDigits(prefix)
	title := itoaPad(n, digits)
	body := "978" + strings.ReplaceAll(prefix, "-", "") + title
	c := checkDigit13(body)
	return "978-" + prefix + "-" + title + "-" + string(c), body + string(c)
}

// checkDigit13 returns the ISBN-13 check digit of 12 digits.
func checkDigit13(d string) byte {
	sum := 0
	for i := 0; i < 12; i++ {
		v := int(d[i] - '0')
		if i%2 == 1 {
			v *= 3
		}
		sum += v
	}
	return byte('0' + (10-sum%10)%10)
}

// itoaPad writes n with at least width digits, zero-padded.
func itoaPad(n, width int) string {
	var buf [20]byte
	i := len(buf)
	for n > 0 || i > len(buf)-width {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
