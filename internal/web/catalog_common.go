package web

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/httpx"
)

// This file holds what the cataloguing screens share: translated names of
// codes, money in yuan, the library's code lists, barcode lists and the
// status of a form answered with an error.

// catalogText is what the catalogue templates call for translated names and
// amounts: {{$.Cat.Status .Status}}, {{$.Cat.Yuan .PriceFen}}.
type catalogText struct{ v view }

// Cat returns the catalogue's display helpers for a template.
func (v view) Cat() catalogText { return catalogText{v} }

// catName translates prefix+code, or shows the code itself when there is
// no translation (a code added by a later release or by the library). The
// prefixes are one-level namespaces ("item_status.", like "door." and
// "perm."), shared with other screens that name the same codes.
func (r *req) catName(prefix, code string) string {
	if code == "" {
		return ""
	}
	if r.s.tr.Has(r.Locale, prefix+code) {
		return r.T(prefix + code)
	}
	return code
}

// Status is the translated name of an item status.
func (c catalogText) Status(s catalog.Status) string {
	return c.v.catName("item_status.", string(s))
}

// Reason is the translated name of a withdrawal reason.
func (c catalogText) Reason(s string) string { return c.v.catName("withdrawal_reason.", s) }

// Source is the translated name of the way an item came to the library.
func (c catalogText) Source(s string) string { return c.v.catName("item_source.", s) }

// Material is the translated name of a record's material type.
func (c catalogText) Material(s string) string { return c.v.catName("material.", s) }

// Language is the name of a MARC language code (the code itself when it is
// not one of the common ones).
func (c catalogText) Language(s string) string { return c.v.catName("language.", s) }

// BatchStatus is the translated state of a distribution batch.
func (c catalogText) BatchStatus(s string) string { return c.v.catName("batch_status.", s) }

// Outcome is the translated outcome of one item of a batch.
func (c catalogText) Outcome(s string) string { return c.v.catName("batch_outcome.", s) }

// Kind is the translated kind of a location.
func (c catalogText) Kind(s string) string { return c.v.catName("location_kind.", s) }

// ClassStatus is the translated status of a class of the table
// (alternative, discontinued).
func (c catalogText) ClassStatus(s string) string { return c.v.catName("class_status.", s) }

// DupReason says why a record looks like a duplicate.
func (c catalogText) DupReason(s string) string { return c.v.catName("duplicate_reason.", s) }

// Yuan formats an amount in fen as yuan: 3980 → "39.80".
func (c catalogText) Yuan(fen int64) string { return yuan(fen) }

func yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}

var yuanRe = regexp.MustCompile(`^([0-9]{1,9})(?:\.([0-9]{1,2}))?$`)

// parseYuan reads a price typed in yuan ("39.80", "39.8", "39", "¥39.80")
// and returns it in fen; "" is 0.
func parseYuan(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "¥"), "￥"))
	if s == "" {
		return 0, true
	}
	m := yuanRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	y, _ := strconv.ParseInt(m[1], 10, 64)
	f := int64(0)
	if m[2] != "" {
		f, _ = strconv.ParseInt(m[2], 10, 64)
		if len(m[2]) == 1 {
			f *= 10
		}
	}
	return y*100 + f, true
}

// splitBarcodes reads a list of barcodes typed or scanned into a textarea:
// one a line (commas and spaces separate too), blanks and repeats dropped.
func splitBarcodes(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, b := range strings.FieldsFunc(text, func(c rune) bool {
		return c == '\n' || c == '\r' || c == ',' || c == '，' || c == ' ' || c == '\t' || c == '　'
	}) {
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	return out
}

// codeBook holds the library's code lists for a page, to show names for codes
// and to fill the selects.
type codeBook struct {
	Branches, Locations, Collections, ItemTypes []catalog.Code
	locale                                      string
}

// loadCodes reads the four code lists.
func (s *Server) loadCodes(ctx context.Context, locale string) (codeBook, error) {
	b := codeBook{locale: locale}
	for _, x := range []struct {
		list catalog.CodeList
		dst  *[]catalog.Code
	}{{catalog.Branches, &b.Branches}, {catalog.Locations, &b.Locations}, {catalog.Collections, &b.Collections}, {catalog.ItemTypes, &b.ItemTypes}} {
		codes, err := s.catalog.Codes(ctx, x.list)
		if err != nil {
			return b, err
		}
		*x.dst = codes
	}
	return b, nil
}

func (b codeBook) name(list []catalog.Code, code string) string {
	for _, c := range list {
		if c.Code == code {
			return c.Name(b.locale)
		}
	}
	return code
}

// Location is the name of a location code.
func (b codeBook) Location(code string) string { return b.name(b.Locations, code) }

// Collection is the name of a collection code.
func (b codeBook) Collection(code string) string { return b.name(b.Collections, code) }

// ItemType is the name of an item type code.
func (b codeBook) ItemType(code string) string { return b.name(b.ItemTypes, code) }

// Branch is the name of a branch code.
func (b codeBook) Branch(code string) string { return b.name(b.Branches, code) }

// catalogError translates a domain error for the person, with an item status
// in its arguments shown by its name rather than its code.
func (r *req) catalogError(err error) string {
	if e, ok := apperr.As(err); ok && e.Args != nil {
		if st, ok := e.Args["Status"].(string); ok {
			c := *e
			c.Args = maps.Clone(e.Args)
			c.Args["Status"] = r.catName("item_status.", st)
			err = &c
		}
	}
	return r.s.tr.Error(r.Locale, err)
}

// formStatus is the status of a form answered with err: a code, barcode or id
// typed into the form that does not exist is a mistake in the form (422),
// not a missing page.
func formStatus(err error) int {
	if c := apperr.CodeOf(err); c != apperr.NotFound {
		return httpx.Status(c)
	}
	return http.StatusUnprocessableEntity
}

// isFormError reports whether err is one the person can correct in the form
// (a domain error other than not-allowed); anything else gets the error page.
func isFormError(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Code != apperr.Forbidden && e.Code != apperr.Unauthenticated
}

// parseForm parses the posted form; a form that cannot be read gets the error
// page and false.
func (r *req) parseForm() bool {
	if err := r.ParseForm(); err != nil {
		r.fail(apperr.New(apperr.Invalid, "error.form_invalid"))
		return false
	}
	return true
}
