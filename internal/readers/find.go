package readers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Query selects readers. Zero fields select everything.
type Query struct {
	// Text is matched against the card number (current or past) and the
	// identity number exactly, the phone number by prefix, the name as a
	// substring and, when it is plain latin letters, the name's pinyin
	// (zhangsan, zhang, zs).
	Text     string
	Category string
	Status   Status
	Limit    int // default 50, at most 200
	Offset   int
}

// Page is one page of readers, sorted by the pinyin of their names.
type Page struct {
	Readers []Reader `json:"readers"`
	Total   int      `json:"total"` // readers matching the query, on all pages
	Limit   int      `json:"limit"`
	Offset  int      `json:"offset"`
}

// likeEscape escapes LIKE's wildcards with a backslash.
var likeEscape = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func isPinyinQuery(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// Find searches readers (circ.readers, circ.checkout or circ.fees).
func (s *Service) Find(ctx context.Context, a auth.Actor, q Query) (Page, error) {
	if err := canView(a); err != nil {
		return Page{}, err
	}
	p := Page{Limit: q.Limit, Offset: max(q.Offset, 0)}
	if p.Limit <= 0 || p.Limit > 200 {
		p.Limit = 50
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if text := strings.TrimSpace(q.Text); text != "" {
		card, lower := NormalizeCard(text), strings.ToLower(text)
		alts := []string{
			`r.id IN (SELECT reader_id FROM cards WHERE number = ` + arg(card) + `)`,
			`r.id_number = ` + arg(strings.ToUpper(text)),
			`lower(r.name) LIKE ` + arg("%"+likeEscape.Replace(lower)+"%") + ` ESCAPE '\'`,
		}
		if phone := strings.TrimSpace(text); len(phone) >= 3 && phoneRe.MatchString(phone) {
			alts = append(alts, `r.phone LIKE `+arg(likeEscape.Replace(phone)+"%")+` ESCAPE '\'`)
		}
		if py := strings.ReplaceAll(lower, " ", ""); isPinyinQuery(py) {
			alts = append(alts, `(' ' || r.name_pinyin) LIKE `+arg("% "+py+"%"))
		}
		where = append(where, "("+strings.Join(alts, " OR ")+")")
	}
	if q.Category != "" {
		where = append(where, `r.category = `+arg(strings.ToLower(strings.TrimSpace(q.Category))))
	}
	if q.Status != "" {
		where = append(where, `r.status = `+arg(string(q.Status)))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(`SELECT COUNT(*)`+readerFrom+cond, args...).Scan(&p.Total); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT `+readerColumns+readerFrom+cond+` ORDER BY r.name_pinyin, r.id LIMIT `+
			strconv.Itoa(p.Limit)+` OFFSET `+strconv.Itoa(p.Offset), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReader(rows)
			if err != nil {
				return err
			}
			p.Readers = append(p.Readers, r)
		}
		return rows.Err()
	})
	if err != nil {
		return Page{}, fmt.Errorf("find readers: %w", err)
	}
	return p, nil
}
