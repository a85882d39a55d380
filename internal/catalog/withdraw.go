package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// WithdrawalReasons are the usual reasons for withdrawing items (注销/剔旧);
// the ledger stores the code, the screens translate it.
var WithdrawalReasons = []string{"worn", "outdated", "duplicate_copies", "lost_paid", "lost", "damaged", "transferred", "other"}

// Withdrawal is one entry of the withdrawal ledger: a batch of items taken
// out of the collection for one reason.
type Withdrawal struct {
	ID       int64           `json:"id"`
	LedgerNo string          `json:"ledger_no"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`
	Reason   string          `json:"reason"`
	Note     string          `json:"note,omitempty"`
	Items    []WithdrawnItem `json:"items"`
	TotalFen int64           `json:"total_fen"`
}

// WithdrawnItem is one item in a withdrawal, as it was when withdrawn.
type WithdrawnItem struct {
	ItemID      int64  `json:"item_id"`
	Barcode     string `json:"barcode"`
	AccessionNo string `json:"accession_no"`
	CallNumber  string `json:"call_number"`
	Title       string `json:"title"`
	PriceFen    int64  `json:"price_fen"`
}

// Withdraw takes the items with the given barcodes out of the collection in
// one batch, into the withdrawal ledger (catalog.withdraw). Items on loan,
// in transit or on the hold shelf cannot be withdrawn; a bad barcode names
// itself and nothing is withdrawn.
func (s *Service) Withdraw(ctx context.Context, a auth.Actor, barcodes []string, reason, note string) (Withdrawal, error) {
	if err := a.Require(auth.PermCatalogWithdraw); err != nil {
		return Withdrawal{}, err
	}
	if !validReason(reason) {
		return Withdrawal{}, invalid("error.withdrawal_reason", "reason", "Reason", reason)
	}
	var clean []string
	seen := map[string]bool{}
	for _, b := range barcodes {
		b = strings.TrimSpace(b)
		if b != "" && !seen[b] {
			seen[b] = true
			clean = append(clean, b)
		}
	}
	if len(clean) == 0 {
		return Withdrawal{}, invalid("error.withdrawal_empty", "barcodes")
	}
	var w Withdrawal
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := nextCounter(tx, "withdrawal")
		if err != nil {
			return err
		}
		w = Withdrawal{LedgerNo: fmt.Sprintf("ZX%s-%05d", tx.Now.Format("2006"), n), At: tx.Now, Actor: a.Name, Reason: reason, Note: note}
		var actorID any
		if a.StaffID != 0 {
			actorID = a.StaffID
		}
		if w.ID, err = tx.Insert(`INSERT INTO withdrawals (ledger_no, at, actor_id, actor_name, reason, note) VALUES ($1, $2, $3, $4, $5, $6)`,
			w.LedgerNo, tx.Now, actorID, a.Name, reason, note); err != nil {
			return err
		}
		touched := map[int64]bool{}
		for _, bc := range clean {
			it, err := ItemByBarcode(tx, bc)
			if err != nil {
				return err
			}
			switch it.Status {
			case OnLoan, InTransit, OnHoldShelf, Withdrawn:
				return apperr.New(apperr.Conflict, "error.withdraw_status", "Barcode", bc, "Status", string(it.Status)).WithField("barcodes")
			}
			rec, err := getRecord(tx, it.RecordID)
			if err != nil {
				return err
			}
			wi := WithdrawnItem{ItemID: it.ID, Barcode: it.Barcode, AccessionNo: it.AccessionNo, CallNumber: it.CallNumber, Title: rec.Title, PriceFen: it.PriceFen}
			if _, err := tx.Exec(`INSERT INTO withdrawal_items (withdrawal_id, item_id, barcode, accession_no, call_number, title, price_fen) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				w.ID, wi.ItemID, wi.Barcode, wi.AccessionNo, wi.CallNumber, wi.Title, wi.PriceFen); err != nil {
				return err
			}
			if err := SetItemStatus(tx, a, it.ID, Withdrawn, StatusNote{Kind: NoteWithdrawal, Ref: w.LedgerNo, Reason: reason}); err != nil {
				return err
			}
			w.Items = append(w.Items, wi)
			w.TotalFen += wi.PriceFen
			touched[it.RecordID] = true
		}
		for id := range touched { // withdrawn call numbers leave the index
			if err := reindex(tx, id); err != nil {
				return err
			}
		}
		return auth.Audit(tx, a, "withdrawal.create", "withdrawal", w.ID, nil, map[string]any{"ledger_no": w.LedgerNo, "items": len(w.Items), "reason": reason})
	})
	if err != nil {
		return Withdrawal{}, fmt.Errorf("withdraw: %w", err)
	}
	return w, nil
}

func validReason(r string) bool {
	for _, x := range WithdrawalReasons {
		if x == r {
			return true
		}
	}
	return false
}

// Withdrawals lists ledger entries, newest first, with their items
// (catalog.view).
func (s *Service) Withdrawals(ctx context.Context, a auth.Actor, from, to time.Time, limit int) ([]Withdrawal, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var out []Withdrawal
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT id, ledger_no, at, actor_name, reason, note FROM withdrawals WHERE at >= $1 AND at < $2 ORDER BY id DESC LIMIT `+itoa(limit), from.UTC(), to.UTC())
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Withdrawal, error) {
			var w Withdrawal
			err := r.Scan(&w.ID, &w.LedgerNo, &w.At, &w.Actor, &w.Reason, &w.Note)
			w.At = w.At.UTC()
			return w, err
		})
		if err != nil {
			return err
		}
		for i := range out {
			rows, err := tx.Query(`SELECT item_id, barcode, accession_no, call_number, title, price_fen FROM withdrawal_items WHERE withdrawal_id = $1 ORDER BY accession_no`, out[i].ID)
			out[i].Items, err = db.Collect(rows, err, func(r *sql.Rows) (WithdrawnItem, error) {
				var x WithdrawnItem
				return x, r.Scan(&x.ItemID, &x.Barcode, &x.AccessionNo, &x.CallNumber, &x.Title, &x.PriceFen)
			})
			if err != nil {
				return err
			}
			for _, x := range out[i].Items {
				out[i].TotalFen += x.PriceFen
			}
		}
		return nil
	})
	return out, err
}
