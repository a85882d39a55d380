// Package callno parses, prints and files Chinese call numbers (索书号) made
// of a Chinese Library Classification class number and a book number.
//
// # Syntax
//
// The canonical form, printed by CallNumber.String, is
//
//	[PREFIX/]CLASS[/BOOK[:VOLUME][(COPY)]]
//
//	I247.5/12              class I247.5, 种次号 12
//	TP311.13/L123          著者号 L123
//	I561.4/H272t           著者号 H272 with the 区分号 (work mark) t
//	I247.5/12:2            volume (卷、册) 2
//	I247.5/12:2(3)         volume 2, copy (复本) 3
//	TP311/5(2)             copy 2
//	参/I247.5/12           collection prefix 参
//	K20-42                 class only: a shelf guide or a range boundary
//
// Parse also accepts the common variants: a volume written "-2", "v.2",
// "V.2" or " v. 2" instead of ":2"; a copy written "c.3" or " c. 3"
// instead of "(3)"; full-width characters (Ｉ２４７．５／１２,
// "："); spaces around "/"; lower-case letters in the class and the author
// letters. Leading zeros of numbers are dropped.
//
// Libraries differ in how they mark volumes, editions and copies; Lantai
// reads "(n)" as a copy and "-n" as a volume. A library whose labels use
// "(n)" for volumes or "-n" for editions must convert on import. Editions
// (版次) and years are not modelled.
//
// A collection prefix (馆藏/语种前缀) is the first of three "/"-separated
// parts, as in "En/I561.4/H272t" (Beijing Foreign Studies University:
// language En) or a reference-stack 参/ prefix; it is letters, digits or
// Han characters, at most 16 of them. With only two parts the first is
// always the class ("R/12" is class R, book 12), so a prefix needs a book
// number. Prefixes are compared as given (ASCII letters folded to upper
// case), before the class, so each collection files as a block.
//
// # Filing order
//
// SortKey returns a string whose byte order (Go string order, or SQL with a
// binary "C" collation) is the shelf order:
//
//  1. collection prefix: none first, then by prefix;
//  2. class number, by the CLC rule of package clc (clc.FilingKey): letters
//     first, then digits as a decimal fraction digit by digit (I247 <
//     I247.5 < I247.57 < I248), auxiliary symbols before digits in the
//     order - ( " = < : + (TP3-05 < TP30, R711:R83 < R711+R173 < R711.1);
//     a class on its own before any call number in it (K20-42 < K20-42/15);
//  3. book number: 种次号 before 著者号; 种次号 numerically (/2 < /12 <
//     /120); 著者号 by its letters (a shorter letter part first), then its
//     digits as a decimal fraction (W4 < W415 < W42, like Cutter numbers),
//     then its work mark, upper and lower case alike (A001 < A001A < A0011 <
//     A002);
//  4. volume numerically, none first;
//  5. copy numerically, none first.
//
// So I247.5/12 < I247.5/120 < I247.57/3, and I247.5/12 < I247.5/12(2) <
// I247.5/12:1 < I247.5/12:2 < I247.5/12:2(3) < I247.5/12:10.
//
// Sources: the class order is that of the CLC 5th edition user manual,
// pp. 82–83, as quoted with its worked example in the dp2 library system
// (github.com/DigitalPlatform/dp2, AccessNoUtility.cs); the book-number order
// follows dp2's test cases (TestAccessNoUtility: I247.5/2 < I247.5/1234,
// A001 < A001A < A002, J333/G251 < J333(512)/G251, K20-42 < K20-42/15) and
// the decimal reading of author tables (《通用汉语著者号码表》, Cutter).
//
// Strings that do not parse still get a key, after every valid call number,
// so that a shelf list shows them at the end for correction.
//
// # Book numbers
//
// A library gives book numbers by one Rule. RuleSequence (种次号): the next
// number in a class (and collection) is the highest in use plus one; the
// database allocates it atomically and uses NextSequence. RuleAuthor (著者号):
// AuthorNumber derives a mark from the author's name by pinyin (see there),
// or the cataloguer types one (ParseBookNumber checks it).
package callno
