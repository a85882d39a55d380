package catalog

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog/clc"
	"lantai.dev/lantai/internal/db"
)

// Class is one class of the loaded classification table.
type Class struct {
	Code     string `json:"code"`
	Caption  string `json:"caption"`
	Level    int    `json:"level"`
	Parent   string `json:"parent,omitempty"`
	Status   string `json:"status"`
	Children int    `json:"children"`
}

// ImportCLC replaces the classification table with the TSV file read from r
// (code, caption, level, parent), in one transaction: a bad line (named by
// its number) changes nothing (catalog.classification). Lantai ships no
// table of its own.
func (s *Service) ImportCLC(ctx context.Context, a auth.Actor, r io.Reader) (int, error) {
	if err := a.Require(auth.PermCatalogAuthority); err != nil {
		return 0, err
	}
	classes, _, err := clc.ReadAll(r)
	if err != nil {
		return 0, apperr.New(apperr.Invalid, "error.clc_file", "Reason", err.Error()).WithField("file")
	}
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(`DELETE FROM clc_classes`); err != nil {
			return err
		}
		// One multi-row INSERT per 200 classes keeps 45,000 rows fast on
		// both engines.
		const batch = 200
		for start := 0; start < len(classes); start += batch {
			end := min(start+batch, len(classes))
			var sb strings.Builder
			args := make([]any, 0, (end-start)*5)
			sb.WriteString(`INSERT INTO clc_classes (code, caption, level, parent, status) VALUES `)
			for i, c := range classes[start:end] {
				if i > 0 {
					sb.WriteString(", ")
				}
				n := len(args)
				sb.WriteString("(" + ph(n+1) + ", " + ph(n+2) + ", " + ph(n+3) + ", " + ph(n+4) + ", " + ph(n+5) + ")")
				args = append(args, c.Bare(), c.Caption, c.Level, parentBare(c.Parent), c.Status.String())
			}
			if _, err := tx.Exec(sb.String(), args...); err != nil {
				return err
			}
		}
		return auth.Audit(tx, a, "clc.import", "clc", "table", nil, map[string]any{"classes": len(classes)})
	})
	if err != nil {
		return 0, err
	}
	return len(classes), nil
}

func parentBare(p string) string {
	return strings.Trim(p, "[]{}")
}

func ph(n int) string { return "$" + itoa(n) }

// ClassChildren lists the classes under parent ("" for the main classes),
// for browsing by class (catalog.view).
func (s *Service) ClassChildren(ctx context.Context, a auth.Actor, parent string) ([]Class, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return nil, err
	}
	var out []Class
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT c.code, c.caption, c.level, c.parent, c.status,
			(SELECT COUNT(*) FROM clc_classes k WHERE k.parent = c.code) FROM clc_classes c WHERE c.parent = $1`, parent)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Class, error) {
			var c Class
			return c, r.Scan(&c.Code, &c.Caption, &c.Level, &c.Parent, &c.Status, &c.Children)
		})
		return err
	})
	sortClasses(out)
	return out, err
}

// ClassCheck says whether a class number is in the loaded table.
type ClassCheck struct {
	Code    string `json:"code"`
	Known   bool   `json:"known"`   // exactly in the table
	Nearest *Class `json:"nearest"` // the longest class in the table that the number extends
	Loaded  bool   `json:"loaded"`  // whether any table is loaded at all
}

// CheckClass checks a class number's syntax and looks it up in the loaded
// table; a number more specific than the table (built with auxiliary
// tables) reports the nearest class it extends (catalog.view).
func (s *Service) CheckClass(ctx context.Context, a auth.Actor, code string) (ClassCheck, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return ClassCheck{}, err
	}
	code = clc.Normalize(code)
	if err := clc.ValidClassSyntax(code); err != nil {
		return ClassCheck{}, apperr.New(apperr.Invalid, "error.class_invalid", "Class", code, "Reason", err.Error()).WithField("class")
	}
	out := ClassCheck{Code: code}
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM clc_classes`).Scan(&n); err != nil {
			return err
		}
		out.Loaded = n > 0
		for p := code; p != ""; p = p[:len(p)-1] {
			var c Class
			err := tx.QueryRow(`SELECT code, caption, level, parent, status FROM clc_classes WHERE code = $1`, p).
				Scan(&c.Code, &c.Caption, &c.Level, &c.Parent, &c.Status)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			out.Known = p == code
			out.Nearest = &c
			return nil
		}
		return nil
	})
	return out, err
}

// ClassCaption returns the caption of a main class letter or any class, or
// "" when the table does not have it (for facets and displays).
func (s *Service) ClassCaption(ctx context.Context, code string) (string, error) {
	var caption string
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		err := tx.QueryRow(`SELECT caption FROM clc_classes WHERE code = $1`, code).Scan(&caption)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return caption, err
}
