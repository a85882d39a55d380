package circ

import (
	"context"
	"database/sql"
	"fmt"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// StatsQuery selects the library days of a report, From to To inclusive,
// and optionally one branch.
type StatsQuery struct {
	From, To rules.Date
	Branch   string
}

// maxStatsDays bounds the span of a report.
const maxStatsDays = 3660

func (q StatsQuery) check() error {
	if !q.From.Valid() || !q.To.Valid() || q.To.Before(q.From) || q.From.DaysUntil(q.To) > maxStatsDays {
		return invalid("error.circ_stats_range", "from", "From", q.From.String(), "To", q.To.String())
	}
	return nil
}

// CircStat counts the circulation of one library day at one branch for
// one reader category: loans made at the branch, returns taken back
// there, renewals made there (a renewal by the OPAC counts at the branch
// that lent the item) and loans declared lost (at the lending branch).
type CircStat struct {
	Day      string `json:"day"`
	Branch   string `json:"branch"`
	Category string `json:"category"`
	Loans    int    `json:"loans"`
	Returns  int    `json:"returns"`
	Renewals int    `json:"renewals"`
	Lost     int    `json:"lost"`
}

// CirculationStats counts loans, returns, renewals and losses by day,
// branch and reader category (reports.view or a desk permission), from the
// loans' event ledger, anonymised loans included.
func (s *Service) CirculationStats(ctx context.Context, a auth.Actor, q StatsQuery) ([]CircStat, error) {
	if err := deskView(a, auth.PermReportsView, auth.PermCircRules); err != nil {
		return nil, err
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	var out []CircStat
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT e.day, e.branch, l.category, e.kind, COUNT(*) FROM loan_events e JOIN loans l ON l.id = e.loan_id
			WHERE e.day >= $1 AND e.day <= $2 AND ($3 = '' OR e.branch = $3) AND e.kind IN ('checkout', 'return', 'renew', 'lost')
			GROUP BY e.day, e.branch, l.category, e.kind ORDER BY e.day, e.branch, l.category`, q.From.String(), q.To.String(), q.Branch)
		type cell struct {
			day, branch, category, kind string
			n                           int
		}
		cells, err := db.Collect(rows, err, func(r *sql.Rows) (cell, error) {
			var c cell
			return c, r.Scan(&c.day, &c.branch, &c.category, &c.kind, &c.n)
		})
		if err != nil {
			return err
		}
		for _, c := range cells {
			if len(out) == 0 || out[len(out)-1].Day != c.day || out[len(out)-1].Branch != c.branch || out[len(out)-1].Category != c.category {
				out = append(out, CircStat{Day: c.day, Branch: c.branch, Category: c.category})
			}
			st := &out[len(out)-1]
			switch c.kind {
			case "checkout":
				st.Loans += c.n
			case "return":
				st.Returns += c.n
			case "renew":
				st.Renewals += c.n
			case "lost":
				st.Lost += c.n
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("circulation statistics: %w", err)
	}
	return out, nil
}

// RefusalStat counts the refusals 拒借 of one library day at one branch,
// for one reader category, operation and reason; Overridden counts those
// that staff overrode. A refusal with several reasons counts once under
// each.
type RefusalStat struct {
	Day        string       `json:"day"`
	Branch     string       `json:"branch"`
	Category   string       `json:"category"`
	Op         Op           `json:"op"`
	Reason     rules.Reason `json:"reason"`
	Count      int          `json:"count"`
	Overridden int          `json:"overridden"`
}

// RefusalStats counts refused checkouts, renewals and holds by day,
// branch, reader category, operation and reason (reports.view or a desk
// permission).
func (s *Service) RefusalStats(ctx context.Context, a auth.Actor, q StatsQuery) ([]RefusalStat, error) {
	if err := deskView(a, auth.PermReportsView, auth.PermCircRules); err != nil {
		return nil, err
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	var out []RefusalStat
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT f.day, f.branch, f.category, f.op, r.reason, COUNT(*),
			COALESCE(SUM(CASE WHEN f.overridden THEN 1 ELSE 0 END), 0)
			FROM circ_refusals f JOIN circ_refusal_reasons r ON r.refusal_id = f.id
			WHERE f.day >= $1 AND f.day <= $2 AND ($3 = '' OR f.branch = $3)
			GROUP BY f.day, f.branch, f.category, f.op, r.reason ORDER BY f.day, f.branch, f.category, f.op, r.reason`,
			q.From.String(), q.To.String(), q.Branch)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (RefusalStat, error) {
			var st RefusalStat
			var op, reason string
			err := r.Scan(&st.Day, &st.Branch, &st.Category, &op, &reason, &st.Count, &st.Overridden)
			st.Op, st.Reason = Op(op), rules.Reason(reason)
			return st, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("refusal statistics: %w", err)
	}
	return out, nil
}
