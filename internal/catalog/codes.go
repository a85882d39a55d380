package catalog

import (
	"context"
	"database/sql"
	"regexp"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Code is an entry of one of the library's code lists: a branch, location,
// collection or item type.
type Code struct {
	Code   string `json:"code"`
	NameZH string `json:"name_zh"`
	NameEN string `json:"name_en"`
	Branch string `json:"branch,omitempty"` // locations only
	Kind   string `json:"kind,omitempty"`   // locations only: stacks, processing, reading_room, …
}

// Name returns the entry's name in locale.
func (c Code) Name(locale string) string {
	if locale == "en" {
		return c.NameEN
	}
	return c.NameZH
}

// CodeList names a code list.
type CodeList string

// The code lists.
const (
	Branches    CodeList = "branches"
	Locations   CodeList = "locations"
	Collections CodeList = "collections"
	ItemTypes   CodeList = "item_types"
)

func (l CodeList) valid() bool {
	return l == Branches || l == Locations || l == Collections || l == ItemTypes
}

// Codes returns a code list (no permission: every screen needs it).
func (s *Service) Codes(ctx context.Context, list CodeList) ([]Code, error) {
	if !list.valid() {
		return nil, apperr.New(apperr.NotFound, "error.page_not_found")
	}
	q := `SELECT code, name_zh, name_en, '', '' FROM ` + string(list) + ` ORDER BY code`
	if list == Locations {
		q = `SELECT code, name_zh, name_en, branch_code, kind FROM locations ORDER BY branch_code, code`
	}
	var out []Code
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(q)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Code, error) {
			var c Code
			return c, r.Scan(&c.Code, &c.NameZH, &c.NameEN, &c.Branch, &c.Kind)
		})
		return err
	})
	return out, err
}

var codeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$`)

// LocationKinds are the kinds of location.
var LocationKinds = []string{"stacks", "processing", "reading_room", "reference", "special", "storage", "other"}

// SaveCode adds or renames an entry of a code list (system.settings).
func (s *Service) SaveCode(ctx context.Context, a auth.Actor, list CodeList, c Code) error {
	if err := a.Require(auth.PermSystemSettings); err != nil {
		return err
	}
	if !list.valid() {
		return apperr.New(apperr.NotFound, "error.page_not_found")
	}
	c.Code, c.NameZH, c.NameEN = strings.TrimSpace(c.Code), strings.TrimSpace(c.NameZH), strings.TrimSpace(c.NameEN)
	if !codeRe.MatchString(c.Code) {
		return invalid("error.code_invalid", "code", "Code", c.Code)
	}
	if c.NameZH == "" || c.NameEN == "" {
		return invalid("error.code_names_required", "name")
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		if list == Locations {
			if c.Kind == "" {
				c.Kind = "stacks"
			}
			ok := false
			for _, k := range LocationKinds {
				ok = ok || k == c.Kind
			}
			if !ok {
				return invalid("error.location_kind", "kind", "Kind", c.Kind)
			}
			_, err = tx.Exec(`INSERT INTO locations (code, branch_code, name_zh, name_en, kind) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (code) DO UPDATE SET branch_code = $2, name_zh = $3, name_en = $4, kind = $5`, c.Code, c.Branch, c.NameZH, c.NameEN, c.Kind)
			if db.IsForeignKey(err) {
				return apperr.New(apperr.InvalidReference, "error.branch_unknown", "Code", c.Branch).WithField("branch")
			}
		} else {
			_, err = tx.Exec(`INSERT INTO `+string(list)+` (code, name_zh, name_en) VALUES ($1, $2, $3)
				ON CONFLICT (code) DO UPDATE SET name_zh = $2, name_en = $3`, c.Code, c.NameZH, c.NameEN)
		}
		if err != nil {
			return err
		}
		return auth.Audit(tx, a, "code.save", string(list), c.Code, nil, c)
	})
}
