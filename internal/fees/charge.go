package fees

import (
	"context"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Charge is a fee to put on a reader's account.
type Charge struct {
	ReaderID  int64
	Kind      Kind
	AmountFen int64
	LoanID    int64 // the loan it arises from (0: none)
	ItemID    int64 // the item concerned (0: none)
	Note      string
}

// maxNote bounds notes and reasons.
const maxNote = 500

func checkAmount(fen int64, field string) error {
	if fen < 1 || fen > MaxAmountFen {
		return invalid("error.fee_amount_invalid", field, "Amount", FormatYuan(fen), "Max", FormatYuan(MaxAmountFen))
	}
	return nil
}

func checkNote(s, field string) (string, error) {
	s = strings.TrimSpace(s)
	if len([]rune(s)) > maxNote {
		return "", invalid("error.text_too_long", field, "Max", maxNote)
	}
	return s, nil
}

// Charge puts a fee on a reader's account (circ.fees).
func (s *Service) Charge(ctx context.Context, a auth.Actor, c Charge) (Entry, error) {
	if err := a.Require(auth.PermCircFees); err != nil {
		return Entry{}, err
	}
	var e Entry
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		e, err = ChargeTx(tx, a, c)
		return err
	})
	if err != nil {
		return Entry{}, fmt.Errorf("charge reader %d: %w", c.ReaderID, err)
	}
	return e, nil
}

// ChargeTx puts a fee on a reader's account inside the caller's
// transaction (circulation charges a fine in its check-in), with an audit
// entry. The caller has checked the actor's permission.
func ChargeTx(tx *db.Tx, a auth.Actor, c Charge) (Entry, error) {
	if !c.Kind.Valid() {
		return Entry{}, invalid("error.fee_kind_invalid", "kind", "Kind", string(c.Kind))
	}
	if err := checkAmount(c.AmountFen, "amount"); err != nil {
		return Entry{}, err
	}
	note, err := checkNote(c.Note, "note")
	if err != nil {
		return Entry{}, err
	}
	if _, err := lockReader(tx, c.ReaderID); err != nil {
		return Entry{}, err
	}
	if c.ItemID != 0 {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM items WHERE id = $1`, c.ItemID).Scan(&n); err != nil {
			return Entry{}, fmt.Errorf("check item %d: %w", c.ItemID, err)
		}
		if n == 0 {
			return Entry{}, apperr.New(apperr.InvalidReference, "error.item_not_found", "ID", c.ItemID).WithField("item")
		}
	}
	e := Entry{ReaderID: c.ReaderID, Kind: c.Kind, AmountFen: c.AmountFen, LoanID: c.LoanID, ItemID: c.ItemID,
		Note: note, At: tx.Now, Actor: actorName(a)}
	e.ID, err = tx.Insert(`INSERT INTO fee_entries (reader_id, kind, amount_fen, loan_id, item_id, note, created_at, actor_id, actor_name, door)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		e.ReaderID, string(e.Kind), e.AmountFen, nullID(e.LoanID), nullID(e.ItemID), e.Note, tx.Now, nullID(a.StaffID), e.Actor, string(a.Door))
	if err != nil {
		return Entry{}, fmt.Errorf("insert fee entry: %w", err)
	}
	return e, auth.Audit(tx, a, "fee.charge", "fee_entry", e.ID, nil, map[string]any{
		"reader_id": e.ReaderID, "kind": e.Kind, "amount_fen": e.AmountFen, "loan_id": e.LoanID, "item_id": e.ItemID, "note": e.Note,
	})
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
