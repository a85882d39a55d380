package circ

import (
	"context"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// SetLoanHistory records whether a reader keeps their loan history
// (circ.readers, or the reader themselves in the public catalogue). A
// reader who keeps it has their returned loans kept linked to them;
// others' are unlinked (anonymised) after Options.HistoryRetentionDays.
func (s *Service) SetLoanHistory(ctx context.Context, a auth.Actor, readerID int64, keep bool) error {
	if a.ReaderID != 0 {
		if err := a.ForReader(readerID); err != nil {
			return err
		}
	} else if err := a.Require(auth.PermCircReaders); err != nil {
		return err
	}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := byID(tx, readerID); err != nil {
			return err
		}
		var err error
		if keep {
			_, err = tx.Exec(`INSERT INTO loan_history_optins (reader_id, since) VALUES ($1, $2) ON CONFLICT (reader_id) DO NOTHING`, readerID, tx.Now)
		} else {
			_, err = tx.Exec(`DELETE FROM loan_history_optins WHERE reader_id = $1`, readerID)
		}
		if err != nil {
			return err
		}
		return auth.Audit(tx, a, "reader.loan_history", "reader", readerID, nil, map[string]any{"keep": keep})
	})
	if err != nil {
		return fmt.Errorf("loan history of reader %d: %w", readerID, err)
	}
	return nil
}

// KeepsLoanHistory reports whether a reader keeps their loan history.
func (s *Service) KeepsLoanHistory(ctx context.Context, a auth.Actor, readerID int64) (bool, error) {
	if err := readerView(a, readerID); err != nil {
		return false, err
	}
	var n int
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT COUNT(*) FROM loan_history_optins WHERE reader_id = $1`, readerID).Scan(&n)
	})
	if err != nil {
		return false, fmt.Errorf("loan history of reader %d: %w", readerID, err)
	}
	return n > 0, nil
}

// LoanHistory lists a reader's closed loans still linked to them, newest
// first (at most limit; 100 when limit ≤ 0): all of them when the reader
// keeps their history, else those returned within the retention days.
func (s *Service) LoanHistory(ctx context.Context, a auth.Actor, readerID int64, limit int) ([]Loan, error) {
	if err := readerView(a, readerID); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	var out []Loan
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		if _, err := byID(tx, readerID); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT `+loanColumns+loanFrom+` WHERE l.reader_id = $1 AND l.returned_at IS NOT NULL
			ORDER BY l.returned_at DESC, l.id DESC LIMIT $2`, readerID, limit)
		out, err = db.Collect(rows, err, scanLoans(tx.Now))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("loan history of reader %d: %w", readerID, err)
	}
	return out, nil
}

// AnonymiseLoans unlinks from their readers the loans returned more than
// Options.HistoryRetentionDays ago (a daily job; circ.readers): the
// reader is removed from the loan unless they keep their history, the
// proxy always; the item, days, branch and reader category stay for the
// statistics. Closed holds and refusal records older than that lose their
// reader too. It returns how many loans were anonymised.
func (s *Service) AnonymiseLoans(ctx context.Context, a auth.Actor) (int, error) {
	if err := staff(a, auth.PermCircReaders); err != nil {
		return 0, err
	}
	var n int64
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		o, err := readOptions(tx)
		if err != nil {
			return err
		}
		cutoff := tx.Now.Add(-time.Duration(o.HistoryRetentionDays) * 24 * time.Hour)
		n, err = tx.ExecAffected(`UPDATE loans SET reader_id = NULL, proxy_id = NULL, anonymised = TRUE
			WHERE anonymised = FALSE AND returned_at IS NOT NULL AND returned_at < $1
			AND NOT EXISTS (SELECT 1 FROM loan_history_optins o WHERE o.reader_id = loans.reader_id)`, cutoff)
		if err != nil {
			return err
		}
		for _, q := range []string{
			`UPDATE loans SET proxy_id = NULL WHERE proxy_id IS NOT NULL AND returned_at IS NOT NULL AND returned_at < $1`,
			`UPDATE holds SET reader_id = NULL WHERE reader_id IS NOT NULL AND closed_at IS NOT NULL AND closed_at < $1
				AND status IN ('fulfilled', 'cancelled', 'expired')
				AND NOT EXISTS (SELECT 1 FROM loan_history_optins o WHERE o.reader_id = holds.reader_id)`,
			`UPDATE circ_refusals SET reader_id = NULL WHERE reader_id IS NOT NULL AND at < $1`,
		} {
			if _, err := tx.Exec(q, cutoff); err != nil {
				return err
			}
		}
		return auth.Audit(tx, a, "loan.anonymise", "loan", "", nil, map[string]any{"count": n, "before": cutoff})
	})
	if err != nil {
		return 0, fmt.Errorf("anonymise loans: %w", err)
	}
	return int(n), nil
}
