package catalog

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog/callno"
	"lantai.dev/lantai/internal/db"
)

// callNumberParts is a call number as stored: its text, shelf-order key,
// class and book number.
type callNumberParts struct {
	text, sort, class, book string
}

// prepareCallNumber parses a call number for an item of record recordID in
// collection, notes its 种次号 so the sequence never hands it out again, and
// refuses one that another record already uses in the same collection
// (copies of one record share their call number; two works never do).
func prepareCallNumber(tx *db.Tx, recordID int64, collection, text string) (callNumberParts, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return callNumberParts{}, nil
	}
	cn, err := callno.Parse(text)
	if err != nil {
		if p, ok := otherScheme(text); ok {
			return p, nil
		}
		return callNumberParts{}, apperr.New(apperr.Invalid, "error.call_number_invalid", "CallNumber", text, "Reason", err.Error()).WithField("call_number")
	}
	p := callNumberParts{text: cn.String(), sort: cn.SortKey(), class: cn.Class, book: cn.Book.String()}
	if p.book != "" {
		var other int64
		err := tx.QueryRow(`SELECT bib_id FROM items WHERE collection = $1 AND call_class = $2 AND call_book = $3 AND bib_id <> $4 LIMIT 1`,
			collection, p.class, p.book, recordID).Scan(&other)
		if err == nil {
			return callNumberParts{}, apperr.New(apperr.Conflict, "error.call_number_taken", "CallNumber", p.class+"/"+p.book, "Record", other).WithField("call_number")
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return callNumberParts{}, err
		}
	}
	if cn.Book.Seq > 0 {
		if _, err := tx.Exec(`INSERT INTO call_sequences (collection, class, last) VALUES ($1, $2, $3)
			ON CONFLICT (collection, class) DO UPDATE SET last = CASE WHEN call_sequences.last < $3 THEN $3 ELSE call_sequences.last END`,
			collection, cn.Class, cn.Book.Seq); err != nil {
			return callNumberParts{}, err
		}
	}
	return p, nil
}

// otherScheme accepts a call number of another classification than CLC
// whose class begins with a Chinese character — the four-part 四部分类法 of
// ancient books (集/12, 史部/3), a local collection's own scheme (地方/12):
// kept as written, filed after every CLC call number in text order, with
// no 种次号 sequence.
func otherScheme(text string) (callNumberParts, bool) {
	r, _ := utf8.DecodeRuneInString(text)
	if !unicode.Is(unicode.Han, r) || strings.ContainsAny(text, "\t\r\n") || len(text) > 64 {
		return callNumberParts{}, false
	}
	class, book, _ := strings.Cut(text, "/")
	return callNumberParts{text: text, sort: "~" + text, class: strings.TrimSpace(class), book: strings.TrimSpace(book)}, true
}

// BookNumberRule is how the library forms book numbers: 种次号 (sequence) or
// 著者号 (author number). Kept in settings as "call_number.rule".
type BookNumberRule = callno.Rule

// SuggestCallNumber gives the call number for a new item of a record in a
// collection and takes it (catalog.items): the call number its other copies
// in that collection already have, or else the record's class with a book
// number by the library's rule. A 种次号 is taken from the sequence in the
// same transaction, so two cataloguers never get the same one; class may
// override the record's class.
func (s *Service) SuggestCallNumber(ctx context.Context, a auth.Actor, recordID int64, collection, class string) (string, error) {
	return s.callNumberFor(ctx, a, recordID, collection, class, true)
}

// PeekCallNumber shows the call number SuggestCallNumber would give,
// without taking a 种次号 (catalog.items): saving an item with it takes the
// number then, and should another cataloguer take it first the save is
// refused and a new suggestion needed.
func (s *Service) PeekCallNumber(ctx context.Context, a auth.Actor, recordID int64, collection, class string) (string, error) {
	return s.callNumberFor(ctx, a, recordID, collection, class, false)
}

func (s *Service) callNumberFor(ctx context.Context, a auth.Actor, recordID int64, collection, class string, take bool) (string, error) {
	if err := a.Require(auth.PermCatalogItems); err != nil {
		return "", err
	}
	var out string
	run := s.db.Read
	if take {
		run = s.db.Write
	}
	err := run(ctx, func(tx *db.Tx) error {
		rec, err := getRecord(tx, recordID)
		if err != nil {
			return err
		}
		if class == "" {
			var existing string
			err := tx.QueryRow(`SELECT call_number FROM items WHERE bib_id = $1 AND collection = $2 AND call_book <> '' ORDER BY id LIMIT 1`,
				recordID, collection).Scan(&existing)
			if err == nil {
				if cn, perr := callno.Parse(existing); perr == nil {
					cn.Volume, cn.Copy = 0, 0
					out = cn.String()
					return nil
				}
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			class = rec.Class
		}
		if class == "" {
			return invalid("error.record_has_no_class", "class")
		}
		cls, err := callno.Parse(class)
		if err != nil || !cls.Book.IsZero() {
			return apperr.New(apperr.Invalid, "error.call_number_invalid", "CallNumber", class, "Reason", "not a class number").WithField("class")
		}
		rule, err := s.bookNumberRule(tx)
		if err != nil {
			return err
		}
		var book string
		if rule == callno.RuleAuthor && rec.Author != "" {
			if book, err = callno.AuthorNumber(rec.Author); err != nil {
				return apperr.New(apperr.Invalid, "error.author_number", "Author", rec.Author).WithField("author")
			}
		} else {
			var seq int
			if take {
				err = tx.QueryRow(`INSERT INTO call_sequences (collection, class, last) VALUES ($1, $2, 1)
					ON CONFLICT (collection, class) DO UPDATE SET last = call_sequences.last + 1 RETURNING last`,
					collection, cls.Class).Scan(&seq)
			} else {
				err = tx.QueryRow(`SELECT COALESCE(MAX(last), 0) + 1 FROM call_sequences WHERE collection = $1 AND class = $2`,
					collection, cls.Class).Scan(&seq)
			}
			if err != nil {
				return err
			}
			if book, err = callno.FormatSequence(seq); err != nil {
				return err
			}
		}
		out = cls.Class + "/" + book
		if !take {
			return nil
		}
		return auth.Audit(tx, a, "callnumber.assign", "record", recordID, nil, map[string]any{"call_number": out, "collection": collection})
	})
	return out, err
}

// bookNumberRule reads the library's rule (sequence by default).
func (s *Service) bookNumberRule(tx *db.Tx) (callno.Rule, error) {
	var v string
	err := tx.QueryRow(`SELECT value FROM settings WHERE key = 'call_number.rule'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return callno.RuleSequence, nil
	}
	if err != nil {
		return 0, err
	}
	return callno.ParseRule(v)
}

// BookNumberRule tells the library's rule for new book numbers
// (catalog.view).
func (s *Service) BookNumberRule(ctx context.Context, a auth.Actor) (callno.Rule, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return 0, err
	}
	var r callno.Rule
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { r, err = s.bookNumberRule(tx); return })
	return r, err
}

// SetBookNumberRule chooses 种次号 ("sequence") or 著者号 ("author") for new
// call numbers (catalog.classification).
func (s *Service) SetBookNumberRule(ctx context.Context, a auth.Actor, rule string) error {
	if err := a.Require(auth.PermCatalogAuthority); err != nil {
		return err
	}
	r, err := callno.ParseRule(rule)
	if err != nil {
		return invalid("error.book_rule_invalid", "rule", "Rule", rule)
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value, updated_at) VALUES ('call_number.rule', $1, $2)
			ON CONFLICT (key) DO UPDATE SET value = $1, updated_at = $2`, r.String(), tx.Now); err != nil {
			return err
		}
		return auth.Audit(tx, a, "settings.update", "setting", "call_number.rule", nil, r.String())
	})
}
