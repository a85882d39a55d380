package readers

import (
	"context"
	"fmt"
	"io"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// ImportOptions tune a batch registration.
type ImportOptions struct {
	// DefaultCategory is the category (code or name) of rows that give
	// none; without it, a row without a category is rejected.
	DefaultCategory string
	// DefaultExpires is the expiry date of rows that give none ("" for
	// no expiry).
	DefaultExpires string
	// DryRun checks every row and reports, and imports nothing.
	DryRun bool
	// FileName names the file in the audit log.
	FileName string
}

// RowError is a rejected row of a batch file: where it is and why, as a
// translation key with arguments.
type RowError struct {
	Line  int            `json:"line"` // the line (CSV) or row (XLSX) number; the header is usually line 1
	Card  string         `json:"card,omitempty"`
	Field string         `json:"field,omitempty"`
	Key   string         `json:"key"`
	Args  map[string]any `json:"args,omitempty"`
}

// Err returns the row's problem as a domain error.
func (e RowError) Err() *apperr.Error {
	return &apperr.Error{Code: apperr.Invalid, Key: e.Key, Args: e.Args, Field: e.Field}
}

// ImportSummary is the outcome of a batch registration.
type ImportSummary struct {
	Rows     int        `json:"rows"`     // data rows read (blank rows are skipped)
	Imported int        `json:"imported"` // readers registered (0 in a dry run)
	Valid    int        `json:"valid"`    // rows that passed every check
	Rejected []RowError `json:"rejected,omitempty"`
	Ignored  []string   `json:"ignored_columns,omitempty"` // header columns not understood
	DryRun   bool       `json:"dry_run"`
}

// ImportCSV registers readers from a CSV or tab-separated file (UTF-8,
// UTF-16 or GB18030) with a header row (circ.readers). See ImportXLSX.
func (s *Service) ImportCSV(ctx context.Context, a auth.Actor, r io.Reader, opts ImportOptions) (ImportSummary, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return ImportSummary{}, err
	}
	sh, err := readCSV(r)
	if err != nil {
		return ImportSummary{}, err
	}
	return s.importSheet(ctx, a, sh, opts)
}

// ImportXLSX registers readers from the active worksheet of an XLSX
// workbook with a header row (circ.readers). The header names the columns,
// in Chinese or English (证号/card and 姓名/name are required; 类别/category,
// 身份证号/id_number, 院系/department, 班级/class, 电话/phone, 邮箱/email,
// 有效期/expires and 备注/notes are optional). Rows with a problem are
// rejected with their line number and reason; the good rows are registered
// together in one transaction, each with a new card.
func (s *Service) ImportXLSX(ctx context.Context, a auth.Actor, r io.Reader, opts ImportOptions) (ImportSummary, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return ImportSummary{}, err
	}
	sh, err := readXLSX(r)
	if err != nil {
		return ImportSummary{}, err
	}
	return s.importSheet(ctx, a, sh, opts)
}

func (s *Service) importSheet(ctx context.Context, a auth.Actor, sh sheet, opts ImportOptions) (ImportSummary, error) {
	if sh.header == nil {
		return ImportSummary{}, invalid("error.import_empty", "file")
	}
	cols, ignored, err := sh.columns()
	if err != nil {
		return ImportSummary{}, err
	}
	if _, ok := cols[colCard]; !ok {
		return ImportSummary{}, invalid("error.import_no_card_column", "file")
	}
	if _, ok := cols[colName]; !ok {
		return ImportSummary{}, invalid("error.import_no_name_column", "file")
	}
	if _, ok := cols[colCategory]; !ok && strings.TrimSpace(opts.DefaultCategory) == "" {
		return ImportSummary{}, invalid("error.import_no_category", "file")
	}
	if v := strings.TrimSpace(opts.DefaultExpires); v != "" {
		if _, ok := ParseDate(v); !ok {
			return ImportSummary{}, invalid("error.expiry_invalid", "default_expires", "Value", v)
		}
	}
	sum := ImportSummary{Rows: len(sh.rows), Ignored: ignored, DryRun: opts.DryRun}
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		cats, err := categoryLookup(tx)
		if err != nil {
			return err
		}
		seen := map[string]int{}
		var firstID, lastID int64
		for _, row := range sh.rows {
			card, d, rerr := rowReader(row, cols, cats, opts, sh.excel)
			// A card number given twice in the file is refused the second
			// time even when the first row was refused for another reason:
			// which of the two was meant is for the operator to say.
			if cardRe.MatchString(card) {
				if prev, dup := seen[card]; dup {
					rerr = invalid("error.import_duplicate_card", "card_number", "Card", card, "Line", prev)
				} else {
					seen[card] = row.line
				}
			}
			if rerr == nil {
				rerr = cardFree(tx, card, "card_number")
			}
			if rerr != nil {
				e, ok := apperr.As(rerr)
				if !ok {
					return rerr // the database failed: nothing is imported
				}
				sum.Rejected = append(sum.Rejected, RowError{Line: row.line, Card: card, Field: e.Field, Key: e.Key, Args: e.Args})
				continue
			}
			sum.Valid++
			if opts.DryRun {
				continue
			}
			id, err := insertReader(tx, a, card, d)
			if err != nil {
				return fmt.Errorf("line %d: %w", row.line, err)
			}
			if firstID == 0 {
				firstID = id
			}
			lastID = id
			sum.Imported++
		}
		if sum.Imported == 0 {
			return nil
		}
		return auth.Audit(tx, a, "reader.import", "reader", fmt.Sprintf("%d-%d", firstID, lastID), nil, map[string]any{
			"file": opts.FileName, "rows": sum.Rows, "imported": sum.Imported, "rejected": len(sum.Rejected),
			"first_id": firstID, "last_id": lastID,
		})
	})
	if err != nil {
		return ImportSummary{}, fmt.Errorf("import readers: %w", err)
	}
	return sum, nil
}

// categoryLookup maps category codes and names (folded to lower case) to
// the categories.
func categoryLookup(tx *db.Tx) (map[string]Category, error) {
	rows, err := tx.Query(`SELECT code, name_zh, name_en, notes, active, sort FROM reader_categories`)
	cs, err := db.Collect(rows, err, scanCategory)
	if err != nil {
		return nil, fmt.Errorf("reader categories: %w", err)
	}
	m := map[string]Category{}
	for _, c := range cs {
		for _, k := range []string{c.Code, c.NameZH, c.NameEN} {
			m[strings.ToLower(strings.TrimSpace(k))] = c
		}
	}
	return m, nil
}

// rowReader reads and checks one data row; the card number is returned
// even when the row is refused, to name it in the report.
func rowReader(row sheetRow, cols map[column]int, cats map[string]Category, opts ImportOptions, excel bool) (string, Details, error) {
	rawCard := row.cell(cols, colCard)
	card, err := checkCard(rawCard, "card_number")
	if err != nil {
		return NormalizeCard(rawCard), Details{}, err
	}
	d := Details{
		Name:       row.cell(cols, colName),
		IDNumber:   row.cell(cols, colIDNumber),
		Department: row.cell(cols, colDepartment),
		Class:      row.cell(cols, colClass),
		Phone:      row.cell(cols, colPhone),
		Email:      row.cell(cols, colEmail),
		ExpiresOn:  row.cell(cols, colExpires),
		Notes:      row.cell(cols, colNotes),
	}
	if excel {
		d.ExpiresOn = excelDate(d.ExpiresOn)
	}
	if d.ExpiresOn == "" {
		d.ExpiresOn = strings.TrimSpace(opts.DefaultExpires)
	}
	catText := row.cell(cols, colCategory)
	if catText == "" {
		catText = strings.TrimSpace(opts.DefaultCategory)
	}
	if catText == "" {
		return card, d, invalid("error.reader_category_required", "category")
	}
	c, ok := cats[strings.ToLower(catText)]
	if !ok {
		return card, d, invalid("error.reader_category_unknown", "category", "Code", catText)
	}
	if !c.Active {
		return card, d, invalid("error.reader_category_inactive", "category", "Code", c.Code)
	}
	d.Category = c.Code
	d, err = d.normalize()
	return card, d, err
}
