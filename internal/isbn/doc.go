// Package isbn parses, validates and normalises ISBNs and ISSNs as they are
// found in catalogue records: MARC 21 020$a, CNMARC 010$a and 011$a, order
// slips and spreadsheets.
//
// # Input
//
// Parse and ParseISSN accept the messy forms that occur in practice:
//
//	978-7-111-40701-0              hyphens
//	7-02-000220-X (平装)            ISBN-10, trailing qualifier
//	9787536692930 : CNY23.00       trailing price
//	ISBN 978 7 111 54493 7         label, spaces as separators
//	９７８７１１１５４４９３７         full-width digits (and Ｘ, －, ideographic space)
//	7-02-000220-x                  lower-case check character
//
// The number must come first (after an optional label: "ISBN", "ISBN-13:",
// "ISSN"). It is a run of digits and separators (hyphen, space); it ends at
// the first other character, and everything from there on is a qualifier and
// ignored, even when glued to the digits ("9787536692930(平装)"). A Latin
// letter glued to the digits (as in "97871114A0701", or an X that is not the
// last character) is an error, not the end of the number. Groups of digits
// may be separated by hyphens and spaces, so the run can hold more than one
// number, as in "7536692935 23.00": the run is cut after whole groups, at 13
// digits if that gives a valid ISBN-13, else at 10 digits if that gives a
// valid ISBN-10; if neither is valid, the error of the first possible cut is
// returned.
//
// # Errors
//
// Every failure is an *Error whose Kind is one of ErrEmpty, ErrChar,
// ErrLength, ErrPrefix, ErrCheckDigit or ErrNo10, so callers can test with
// errors.Is and show a message of their own. For a bad check digit the error
// carries the digit found and the digit expected, and Digits holds the
// cleaned digits: a search index may still want to index a printed ISBN
// whose check digit is wrong (such books exist).
//
// # Normal form
//
// An ISBN is held as its 13 digits (an ISBN-10 is given the 978 prefix and a
// new check digit). ISBN10 converts back for 978 numbers; 979 numbers have no
// ISBN-10. SearchKeys gives the forms a search index should hold. No
// hyphenation is done: that needs the ISBN range table, which Lantai does not
// ship.
//
// An ISSN is held as its 8 characters and printed as "NNNN-NNNC".
package isbn
