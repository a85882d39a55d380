package catalog

import (
	"lantai.dev/lantai/internal/marc"
)

// derived holds the columns stored beside a record's MARC.
type derived struct {
	Format    string
	Title     string
	SortTitle string
	Author    string
	Publisher string
	Year      int
	Edition   string
	ISBN      string   // the first valid ISBN-13
	ISBNs     []string // every valid ISBN-13
	ISSN      string
	Class     string
	Language  string
	Material  string
	DupKey    string
	PriceFen  int64
}

// formatName maps a MARC format to the name stored with the record.
func formatName(f marc.Format) string {
	switch f {
	case marc.FormatMARC21:
		return "marc21"
	case marc.FormatUNIMARC, marc.FormatCNMARC:
		return "cnmarc"
	}
	return "marc21"
}
