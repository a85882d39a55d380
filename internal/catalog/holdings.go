package catalog

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/marc"
)

// HoldingsField names the field an import takes items from.
type HoldingsField string

// The holdings fields an import understands.
const (
	HoldingsNone HoldingsField = "none"
	Holdings852  HoldingsField = "852" // MARC 21 location and call number
	Holdings905  HoldingsField = "905" // CNMARC local holdings, as Chinese systems write them
	Holdings952  HoldingsField = "952" // Koha's item field
)

// ParseHoldingsField reads the --items-from value.
func ParseHoldingsField(s string) (HoldingsField, error) {
	switch HoldingsField(s) {
	case "", HoldingsNone:
		return HoldingsNone, nil
	case Holdings852, Holdings905, Holdings952:
		return HoldingsField(s), nil
	}
	return "", fmt.Errorf("items-from %q: use none, 852, 905 or 952", s)
}

// heldItem is an item read from a holdings field, with codes as they appear
// in the file (they may not exist in the library's code lists yet).
type heldItem struct {
	Barcode, AccessionNo, CallNumber string
	Location, Collection, ItemType   string
	PriceFen                         int64
	Volume                           string
	CopyNo                           int
	Notes                            string
}

// holdingsOf reads the items of a record from field f. Field by field:
//
//   - 952 (Koha): $p barcode, $o call number, $c shelving location (else $a
//     home branch), $8 collection, $y item type, $g or $v price, $h volume,
//     $t copy number, $z note.
//   - 852 (MARC 21): $p barcode, $h and $i call number (class and item part),
//     $c shelving location (else $b), $t copy number, $z note.
//   - 905 (CNMARC, as 汇文/ILAS-style systems export it): $b barcode, $d call
//     number (a whole call number, or its class with the book number — and
//     a volume after ":" — in $e), $c location, $f copy number, $y item
//     type; the price comes from 010$d.
//
// A holdings field without a barcode is skipped: an item needs one.
func holdingsOf(r *marc.Record, f HoldingsField, recordPriceFen int64) []heldItem {
	if f == HoldingsNone || f == "" {
		return nil
	}
	var out []heldItem
	for _, fld := range r.Fields(string(f)) {
		var h heldItem
		switch f {
		case Holdings952:
			h = heldItem{Barcode: fld.Sub('p'), CallNumber: fld.Sub('o'), Location: first(fld.Sub('c'), fld.Sub('a')),
				Collection: fld.Sub('8'), ItemType: fld.Sub('y'), Volume: fld.Sub('h'), Notes: fld.Sub('z')}
			h.PriceFen = priceFen(first(fld.Sub('g'), fld.Sub('v')))
			h.CopyNo, _ = strconv.Atoi(fld.Sub('t'))
		case Holdings852:
			h = heldItem{Barcode: fld.Sub('p'), CallNumber: joinCall(fld.Sub('h'), fld.Sub('i')),
				Location: first(fld.Sub('c'), fld.Sub('b')), Notes: fld.Sub('z')}
			h.CopyNo, _ = strconv.Atoi(fld.Sub('t'))
		case Holdings905:
			h = heldItem{Barcode: fld.Sub('b'), CallNumber: joinCall(fld.Sub('d'), fld.Sub('e')), Location: fld.Sub('c'),
				ItemType: fld.Sub('y')}
			h.CopyNo, _ = strconv.Atoi(fld.Sub('f'))
		}
		if h.PriceFen == 0 {
			h.PriceFen = recordPriceFen
		}
		h.Barcode = strings.TrimSpace(h.Barcode)
		if h.Barcode == "" {
			continue
		}
		out = append(out, h)
	}
	return out
}

// joinCall makes a call number from a class and a book number; a class part
// that is already a whole call number is kept.
func joinCall(class, book string) string {
	class, book = strings.TrimSpace(class), strings.TrimSpace(book)
	switch {
	case book == "":
		return class
	case class == "" || strings.Contains(class, "/"):
		return class
	}
	return class + "/" + book
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// priceFen reads a plain price such as "39.80", "CNY39.80" or "39.8元" as
// fen; anything unreadable is 0.
func priceFen(s string) int64 {
	s = strings.TrimSpace(s)
	start := strings.IndexAny(s, "0123456789")
	if start < 0 {
		return 0
	}
	end := start
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.') {
		end++
	}
	v, err := strconv.ParseFloat(s[start:end], 64)
	if err != nil || v < 0 || v > 1e9 {
		return 0
	}
	return int64(math.Round(v * 100))
}
