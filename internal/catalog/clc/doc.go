// Package clc holds the pure rules of the Chinese Library Classification
// (《中国图书馆分类法》, 中图法, CLC): the syntax of class numbers, their
// filing order, and a streaming reader for a classification table in TSV.
//
// Lantai ships no classification table: the scheme belongs to the National
// Library of China. A library loads its own table with Reader; captions,
// including those of the main classes, always come from that table.
//
// # Class number syntax
//
// ValidClassSyntax accepts a class number as a cataloguer assigns it (after
// Normalize, which folds full-width forms, removes spaces and upper-cases):
//
//	letters   one or two capital letters: "I", "TP", "DF"
//	number    optional digits with a dot after every third digit:
//	          "247.5", "311.13", "969.556.5"
//	then any number of auxiliary parts:
//	  -N      总论复分 (general form subdivision)           "O13-44", "TP3-05", "B81-093.51"
//	  (N)     世界/中国地区区分 (place)                       "R711(711)"
//	  "N"     种族、民族区分 (ethnic group)                   "K28\"214\""
//	  =N      时代区分 (period)                               "K825.6=76"
//	  <N>     通用时间、地点和环境、人员区分                   "R711<326>"
//	  :X      组配 (colon combination), X a class number or
//	          letters: "H319.4:I", "H319:TP311", "Z88:C"
//	  +X      联合 (union) with a class number ("R711+R173"),
//	          or a number from a special table ("O156.2+1", "O317+.1",
//	          "Q969.48+4.5"; here dots are free)
//
// The digits of the number and of the -, (), "", = and <> parts must have a
// dot after every third digit; every one of the 45,835 rows of the CLC table
// used in the tests follows that rule. One form from that table is
// tolerated: a dot straight before "+", as in "TJ011.+1" (79 rows), so that
// every class of the table can be typed as it is listed.
//
// # Filing order
//
// FilingKey gives a byte string whose order is the order of class numbers on
// the shelf, as set out in the CLC 5th edition user manual (《中国图书馆分类法
// 第五版使用手册》, pp. 82–83, quoted with its worked example in the dp2
// library system, DigitalPlatform/dp2, AccessNoUtility.cs and its tests):
// class numbers are compared character by character from the left; letters
// first (so "T" < "TB" < "TP": a shorter letter part files first), then the
// digits as a decimal fraction (dots are ignored: "I247" < "I247.5" <
// "I247.57" < "I248"); where one class number has an auxiliary symbol and the
// other a digit, or where both have symbols, they file in this order:
//
//	(end) < - < ( ) < " " < = < < > < : < + < 0…9
//
// so a class number files before all its extensions, and all auxiliary
// extensions file before a further digit. The manual's example, in order:
//
//	R711, R711-62, R711(711), R711(711)=535, R711=6, R711<326>,
//	R711:R83, R711+R173, R711.1
//
// and therefore TP3 < TP3-05 < TP30, B < B-4 < B0. A closing ")", ">" or
// '"' files before anything that could continue the enclosed number, so
// R711(71) < R711(711) < R711(711)=535.
//
// # Table file
//
// Reader parses the TSV format of the table (header "code\tcaption\tlevel\t
// parent"), checking each row as it streams; see Reader for the rows it
// accepts and for how it handles the oddities of the real file.
package clc
