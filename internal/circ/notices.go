package circ

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// The kinds of notice to a reader.
const (
	NoticeHoldReady   = "hold_ready"   // a held item waits on the hold shelf
	NoticeRecall      = "recall"       // a loan was recalled: return it by its new due date
	NoticeHoldExpired = "hold_expired" // a held item was not collected in time
)

// Notice is a message to a reader that circulation wrote and whoever
// delivers messages (SMS, e-mail, WeChat) sends.
type Notice struct {
	ID         int64      `json:"id"`
	ReaderID   int64      `json:"reader_id"`
	ReaderName string     `json:"reader_name"`
	Phone      string     `json:"phone,omitempty"`
	Email      string     `json:"email,omitempty"`
	Kind       string     `json:"kind"`
	HoldID     int64      `json:"hold_id,omitempty"`
	LoanID     int64      `json:"loan_id,omitempty"`
	ItemID     int64      `json:"item_id,omitempty"`
	Title      string     `json:"title,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	SentAt     *time.Time `json:"sent_at,omitempty"`
}

// notify writes a notice in the transaction that causes it.
func notify(tx *db.Tx, readerID int64, kind string, holdID, loanID, itemID int64) error {
	_, err := tx.Exec(`INSERT INTO circ_notices (reader_id, kind, hold_id, loan_id, item_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		readerID, kind, nullID(holdID), nullID(loanID), nullID(itemID), tx.Now)
	if err != nil {
		return fmt.Errorf("notice %s to reader %d: %w", kind, readerID, err)
	}
	return nil
}

// PendingNotices lists the notices not yet sent, oldest first (at most
// limit; 100 when limit ≤ 0).
func (s *Service) PendingNotices(ctx context.Context, a auth.Actor, limit int) ([]Notice, error) {
	if err := deskView(a); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	var out []Notice
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT n.id, n.reader_id, r.name, r.phone, r.email, n.kind, COALESCE(n.hold_id, 0), COALESCE(n.loan_id, 0),
			COALESCE(n.item_id, 0), COALESCE(b.title, ''), n.created_at, n.sent_at
			FROM circ_notices n JOIN readers r ON r.id = n.reader_id
			LEFT JOIN items i ON i.id = n.item_id LEFT JOIN bib_records b ON b.id = i.bib_id
			WHERE n.sent_at IS NULL ORDER BY n.id LIMIT $1`, limit)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Notice, error) {
			var n Notice
			var sent db.Time
			err := r.Scan(&n.ID, &n.ReaderID, &n.ReaderName, &n.Phone, &n.Email, &n.Kind, &n.HoldID, &n.LoanID, &n.ItemID,
				&n.Title, &n.CreatedAt, &sent)
			n.CreatedAt, n.SentAt = n.CreatedAt.UTC(), sent.Ptr()
			return n, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pending notices: %w", err)
	}
	return out, nil
}

// MarkNoticesSent records that notices were delivered and returns how
// many were still pending.
func (s *Service) MarkNoticesSent(ctx context.Context, a auth.Actor, ids []int64) (int, error) {
	if err := deskView(a); err != nil {
		return 0, err
	}
	var n int64
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		n = 0
		for _, id := range ids {
			m, err := tx.ExecAffected(`UPDATE circ_notices SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL`, tx.Now, id)
			if err != nil {
				return err
			}
			n += m
		}
		return auth.Audit(tx, a, "notice.sent", "circ_notice", "", nil, map[string]any{"ids": ids, "count": n})
	})
	if err != nil {
		return 0, fmt.Errorf("mark notices sent: %w", err)
	}
	return int(n), nil
}
