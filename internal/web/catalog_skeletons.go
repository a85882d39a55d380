package web

import (
	"strings"
	"time"
)

// A skeleton is a record to start cataloguing from: the usual fields of a
// format and material, with the coded data filled in for today and the
// descriptive subfields left empty. Subfields and fields left empty are not
// saved, so an unused field of the skeleton simply disappears; a field whose
// $a is left empty while a default later in it (690 $v 5, 084 $2 clc) is not
// is pointed out, so that no half-filled field is saved by accident.
type skeleton struct {
	Code   string
	Leader string
	// ISBNTag is the field whose $a takes an ISBN or ISSN given to the
	// editor (from the duplicate check on the catalogue home).
	ISBNTag string
	rows    func(today time.Time) []marcRow
}

// skeletons are the records the MARC editor starts from.
var skeletons = []skeleton{
	{"cnmarc_book", "00000nam0 2200000   450 ", "010", cnmarcBook},
	{"marc21_book", "00000nam a2200000 i 4500", "020", marc21Book},
	{"cnmarc_serial", "00000nas0 2200000   450 ", "011", cnmarcSerial},
	{"marc21_serial", "00000nas a2200000 i 4500", "022", marc21Serial},
}

func skeletonByCode(code string) skeleton {
	for _, s := range skeletons {
		if s.Code == code {
			return s
		}
	}
	return skeletons[0]
}

// cnmarc100 is the CNMARC 100 $a general processing data: entered today,
// date type (d: monograph complete, a: serial currently published), year,
// Chinese cataloguing, Unicode.
func cnmarc100(today time.Time, dateType, date2 string) string {
	return today.Format("20060102") + dateType + today.Format("2006") + date2 + "em y0chiy50      ea"
}

func cnmarcBook(today time.Time) []marcRow {
	return []marcRow{
		{Tag: "001", Data: ""},
		{Tag: "010", Data: "$a  $b  $d "},
		{Tag: "100", Data: "$a " + cnmarc100(today, "d", "    ")},
		{Tag: "101", Ind1: "0", Data: "$a chi"},
		{Tag: "102", Data: "$a CN $b "},
		{Tag: "200", Ind1: "1", Data: "$a  $e  $f "},
		{Tag: "210", Data: "$a  $c  $d "},
		{Tag: "215", Data: "$a  $c  $d "},
		{Tag: "225", Ind1: "2", Data: "$a  $v "},
		{Tag: "330", Data: "$a "},
		{Tag: "606", Ind1: "0", Data: "$a  $x "},
		{Tag: "690", Data: "$a  $v 5"},
		{Tag: "701", Ind2: "0", Data: "$a  $4 著"},
		{Tag: "801", Ind2: "0", Data: "$a CN $b  $c " + today.Format("20060102")},
	}
}

func cnmarcSerial(today time.Time) []marcRow {
	return []marcRow{
		{Tag: "001", Data: ""},
		{Tag: "011", Data: "$a  $b  $d "},
		{Tag: "100", Data: "$a " + cnmarc100(today, "a", "9999")},
		{Tag: "101", Ind1: "0", Data: "$a chi"},
		{Tag: "102", Data: "$a CN $b "},
		{Tag: "200", Ind1: "1", Data: "$a  $f "},
		{Tag: "207", Ind2: "0", Data: "$a "},
		{Tag: "210", Data: "$a  $c  $d "},
		{Tag: "215", Data: "$a  $d "},
		{Tag: "326", Data: "$a "},
		{Tag: "330", Data: "$a "},
		{Tag: "606", Ind1: "0", Data: "$a  $x "},
		{Tag: "690", Data: "$a  $v 5"},
		{Tag: "801", Ind2: "0", Data: "$a CN $b  $c " + today.Format("20060102")},
	}
}

// marc21Book008 is a MARC 21 008 for books: entered today, single date this
// year, place unknown, English.
func marc21Book008(today time.Time) string {
	return today.Format("060102") + "s" + today.Format("2006") + "    " + "xx " + strings.Repeat(" ", 11) + "000 0 eng d"
}

// marc21Serial008 is a MARC 21 008 for continuing resources: currently
// published, from this year, frequency and regularity to fill in.
func marc21Serial008(today time.Time) string {
	return today.Format("060102") + "c" + today.Format("2006") + "9999" + "xx " + "   " + "p" + "   " + "   " + " " + "0" + "   " + " " + "0" + "eng" + " " + "d"
}

func marc21Book(today time.Time) []marcRow {
	return []marcRow{
		{Tag: "001", Data: ""},
		{Tag: "008", Data: marc21Book008(today)},
		{Tag: "020", Data: "$a  $q  $c "},
		{Tag: "040", Data: "$a  $b eng $e rda $c "},
		{Tag: "084", Data: "$a  $2 clc"},
		{Tag: "100", Ind1: "1", Data: "$a  $e author."},
		{Tag: "245", Ind1: "1", Ind2: "0", Data: "$a  $b  $c "},
		{Tag: "250", Data: "$a "},
		{Tag: "264", Ind2: "1", Data: "$a  $b  $c "},
		{Tag: "300", Data: "$a  $b  $c "},
		{Tag: "490", Ind1: "0", Data: "$a  $v "},
		{Tag: "520", Data: "$a "},
		{Tag: "650", Ind2: "0", Data: "$a  $x "},
	}
}

func marc21Serial(today time.Time) []marcRow {
	return []marcRow{
		{Tag: "001", Data: ""},
		{Tag: "008", Data: marc21Serial008(today)},
		{Tag: "022", Ind1: "0", Data: "$a "},
		{Tag: "040", Data: "$a  $b eng $e rda $c "},
		{Tag: "084", Data: "$a  $2 clc"},
		{Tag: "245", Ind1: "0", Ind2: "0", Data: "$a  $b "},
		{Tag: "264", Ind2: "1", Data: "$a  $b  $c "},
		{Tag: "300", Data: "$a  $b  $c "},
		{Tag: "310", Data: "$a "},
		{Tag: "362", Ind1: "0", Data: "$a "},
		{Tag: "520", Data: "$a "},
		{Tag: "650", Ind2: "0", Data: "$a  $x "},
	}
}
