package readers

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Category is a reader category (本科生, 研究生, 教职工, 校外读者, 少儿读者 …):
// the loan rules are set per category. An inactive category keeps its
// readers but takes no new ones.
type Category struct {
	Code   string `json:"code"`
	NameZH string `json:"name_zh"`
	NameEN string `json:"name_en"`
	Notes  string `json:"notes,omitempty"`
	Active bool   `json:"active"`
	Sort   int    `json:"sort"`
}

// Name returns the category's name in locale.
func (c Category) Name(locale string) string {
	if locale == "en" {
		return c.NameEN
	}
	return c.NameZH
}

var categoryCodeRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,31}$`)

// Categories lists the reader categories in their display order, the
// inactive ones only when asked (no permission: every reader screen needs
// the list).
func (s *Service) Categories(ctx context.Context, withInactive bool) ([]Category, error) {
	q := `SELECT code, name_zh, name_en, notes, active, sort FROM reader_categories`
	if !withInactive {
		q += ` WHERE active`
	}
	q += ` ORDER BY sort, code`
	var out []Category
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(q)
		out, err = db.Collect(rows, err, scanCategory)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reader categories: %w", err)
	}
	return out, nil
}

func scanCategory(r *sql.Rows) (Category, error) {
	var c Category
	return c, r.Scan(&c.Code, &c.NameZH, &c.NameEN, &c.Notes, &c.Active, &c.Sort)
}

func (c Category) normalize() (Category, error) {
	c.Code = strings.ToLower(strings.TrimSpace(c.Code))
	if !categoryCodeRe.MatchString(c.Code) {
		return c, invalid("error.code_invalid", "code", "Code", c.Code)
	}
	var err error
	if c.NameZH, err = checkText(c.NameZH, "name_zh", maxShort); err != nil {
		return c, err
	}
	if c.NameEN, err = checkText(c.NameEN, "name_en", maxShort); err != nil {
		return c, err
	}
	if c.NameZH == "" || c.NameEN == "" {
		return c, invalid("error.code_names_required", "name_zh")
	}
	if c.Notes, err = checkText(c.Notes, "notes", maxNotes); err != nil {
		return c, err
	}
	return c, nil
}

// CreateCategory adds a reader category (circ.rules: categories are part of
// the loan rules).
func (s *Service) CreateCategory(ctx context.Context, a auth.Actor, c Category) (Category, error) {
	if err := a.Require(auth.PermCircRules); err != nil {
		return Category{}, err
	}
	c, err := c.normalize()
	if err != nil {
		return Category{}, err
	}
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(`INSERT INTO reader_categories (code, name_zh, name_en, notes, active, sort) VALUES ($1, $2, $3, $4, $5, $6)`,
			c.Code, c.NameZH, c.NameEN, c.Notes, c.Active, c.Sort)
		if db.IsUnique(err) {
			return conflict("error.reader_category_exists", "Code", c.Code).WithField("code")
		}
		if err != nil {
			return err
		}
		return auth.Audit(tx, a, "reader_category.create", "reader_category", c.Code, nil, c)
	})
	if err != nil {
		return Category{}, fmt.Errorf("create reader category %s: %w", c.Code, err)
	}
	return c, nil
}

// UpdateCategory renames a reader category, changes its notes and order,
// or makes it active or inactive (circ.rules). The code never changes.
func (s *Service) UpdateCategory(ctx context.Context, a auth.Actor, c Category) (Category, error) {
	if err := a.Require(auth.PermCircRules); err != nil {
		return Category{}, err
	}
	c, err := c.normalize()
	if err != nil {
		return Category{}, err
	}
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := categoryTx(tx, c.Code)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE reader_categories SET name_zh = $1, name_en = $2, notes = $3, active = $4, sort = $5 WHERE code = $6`,
			c.NameZH, c.NameEN, c.Notes, c.Active, c.Sort, c.Code); err != nil {
			return err
		}
		return auth.Audit(tx, a, "reader_category.update", "reader_category", c.Code, before, c)
	})
	if err != nil {
		return Category{}, fmt.Errorf("update reader category %s: %w", c.Code, err)
	}
	return c, nil
}

// DeleteCategory removes a reader category that no reader belongs to
// (circ.rules); one still in use can be made inactive instead.
func (s *Service) DeleteCategory(ctx context.Context, a auth.Actor, code string) error {
	if err := a.Require(auth.PermCircRules); err != nil {
		return err
	}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := categoryTx(tx, code)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM readers WHERE category = $1`, before.Code).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return conflict("error.reader_category_in_use", "Code", before.Code, "Count", n)
		}
		if _, err := tx.Exec(`DELETE FROM reader_categories WHERE code = $1`, before.Code); err != nil {
			return err
		}
		return auth.Audit(tx, a, "reader_category.delete", "reader_category", before.Code, before, nil)
	})
	if err != nil {
		return fmt.Errorf("delete reader category %s: %w", code, err)
	}
	return nil
}

// categoryTx loads a category by its code.
func categoryTx(tx *db.Tx, code string) (Category, error) {
	code = strings.ToLower(strings.TrimSpace(code))
	rows, err := tx.Query(`SELECT code, name_zh, name_en, notes, active, sort FROM reader_categories WHERE code = $1`, code)
	cs, err := db.Collect(rows, err, scanCategory)
	if err != nil {
		return Category{}, fmt.Errorf("load reader category %s: %w", code, err)
	}
	if len(cs) == 0 {
		return Category{}, notFound("error.reader_category_unknown", "Code", code).WithField("category")
	}
	return cs[0], nil
}

// usableCategory checks that a category exists and takes new readers.
func usableCategory(tx *db.Tx, code string) (Category, error) {
	c, err := categoryTx(tx, code)
	if apperr.Is(err, apperr.NotFound) {
		return Category{}, apperr.New(apperr.InvalidReference, "error.reader_category_unknown", "Code", code).WithField("category")
	}
	if err != nil {
		return Category{}, err
	}
	if !c.Active {
		return Category{}, invalid("error.reader_category_inactive", "category", "Code", c.Code)
	}
	return c, nil
}
