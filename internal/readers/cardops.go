package readers

import (
	"context"
	"database/sql"
	"fmt"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
)

// change runs one change of a reader (circ.readers) in a write
// transaction: the reader is locked and loaded, refused when cleared, fn
// makes the change, and the reader's version moves on and the change is
// audited with the reader before and after.
func (s *Service) change(ctx context.Context, a auth.Actor, readerID int64, action string, fn func(tx *db.Tx, r Reader, c Card) error) (Reader, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return Reader{}, err
	}
	var out Reader
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := lockByID(tx, readerID)
		if err != nil {
			return err
		}
		if before.Status == StatusCleared {
			return conflict("error.reader_cleared", "Card", before.CardNumber)
		}
		card, err := CardByNumber(tx, before.CardNumber)
		if err != nil {
			return err
		}
		if err := fn(tx, before, card); err != nil {
			return err
		}
		if err := touch(tx, readerID); err != nil {
			return err
		}
		if out, err = ByID(tx, readerID); err != nil {
			return err
		}
		return auth.Audit(tx, a, action, "reader", readerID, before.summary(), out.summary())
	})
	if err != nil {
		return Reader{}, fmt.Errorf("%s reader %d: %w", action, readerID, err)
	}
	return out, nil
}

func setCardStatus(tx *db.Tx, c Card, to CardStatus, extra string, args ...any) error {
	q := `UPDATE cards SET status = $1, updated_at = $2` + extra + ` WHERE id = $3`
	if _, err := tx.Exec(q, append([]any{string(to), tx.Now, c.ID}, args...)...); err != nil {
		return fmt.Errorf("card %s to %s: %w", c.Number, to, err)
	}
	return nil
}

// ReportLost records that a reader's card is lost (挂失): from this moment
// ByCard refuses it (circ.readers).
func (s *Service) ReportLost(ctx context.Context, a auth.Actor, readerID int64, note string) (Reader, error) {
	note, err := checkText(note, "note", maxShort)
	if err != nil {
		return Reader{}, err
	}
	return s.change(ctx, a, readerID, "card.lost", func(tx *db.Tx, r Reader, c Card) error {
		if c.Status == CardLost {
			return conflict("error.card_already_lost", "Card", c.Number)
		}
		if err := setCardStatus(tx, c, CardLost, `, lost_at = $2`); err != nil {
			return err
		}
		return cardEvent(tx, a, c.ID, r.ID, "lost", note)
	})
}

// Unblock lifts a lost report (解挂) when the card is found: the card is
// active again (circ.readers).
func (s *Service) Unblock(ctx context.Context, a auth.Actor, readerID int64, note string) (Reader, error) {
	note, err := checkText(note, "note", maxShort)
	if err != nil {
		return Reader{}, err
	}
	return s.change(ctx, a, readerID, "card.unblock", func(tx *db.Tx, r Reader, c Card) error {
		if c.Status != CardLost {
			return conflict("error.card_not_lost", "Card", c.Number)
		}
		if err := setCardStatus(tx, c, CardActive, `, lost_at = NULL`); err != nil {
			return err
		}
		return cardEvent(tx, a, c.ID, r.ID, "unblocked", note)
	})
}

// Replacement is a new card for a reader (补办).
type Replacement struct {
	NewNumber string // the number of the new card
	// FeeFen, when not 0, charges a card-replacement fee to the reader's
	// account in the same transaction (paid through package fees).
	FeeFen int64
	Note   string
}

// Replace issues a reader a new card (补办) in place of the current one,
// lost or not: the old card stays in the history as replaced and is refused
// from now on (circ.readers; a fee also needs circ.fees).
func (s *Service) Replace(ctx context.Context, a auth.Actor, readerID int64, rep Replacement) (Reader, error) {
	number, err := checkCard(rep.NewNumber, "new_number")
	if err != nil {
		return Reader{}, err
	}
	note, err := checkText(rep.Note, "note", maxShort)
	if err != nil {
		return Reader{}, err
	}
	if rep.FeeFen != 0 {
		if err := a.Require(auth.PermCircFees); err != nil {
			return Reader{}, err
		}
	}
	return s.change(ctx, a, readerID, "card.replace", func(tx *db.Tx, r Reader, c Card) error {
		if err := cardFree(tx, number, "new_number"); err != nil {
			return err
		}
		// The new card first (readers.card_number must always name a card),
		// then the old one is marked replaced and the reader moves over.
		newID, err := tx.Insert(`INSERT INTO cards (reader_id, number, status, issued_at, updated_at) VALUES ($1, $2, 'active', $3, $3)`,
			r.ID, number, tx.Now)
		if err != nil {
			return fmt.Errorf("insert card %s: %w", number, err)
		}
		if err := setCardStatus(tx, c, CardReplaced, `, replaced_at = $2, replaced_by = $4`, newID); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE readers SET card_number = $1 WHERE id = $2`, number, r.ID); err != nil {
			return fmt.Errorf("move reader to card %s: %w", number, err)
		}
		if err := cardEvent(tx, a, c.ID, r.ID, "replaced", "→ "+number); err != nil {
			return err
		}
		if err := cardEvent(tx, a, newID, r.ID, "issued", note); err != nil {
			return err
		}
		if rep.FeeFen != 0 {
			_, err := fees.ChargeTx(tx, a, fees.Charge{ReaderID: r.ID, Kind: fees.KindCardReplacement, AmountFen: rep.FeeFen,
				Note: c.Number + " → " + number})
			return err
		}
		return nil
	})
}

// Extend sets a new expiry date, the last day the card is valid, which
// must not be in the past; an expired card becomes active again
// (circ.readers).
func (s *Service) Extend(ctx context.Context, a auth.Actor, readerID int64, expiresOn string) (Reader, error) {
	date, ok := ParseDate(expiresOn)
	if !ok {
		return Reader{}, invalid("error.expiry_invalid", "expires_on", "Value", expiresOn)
	}
	return s.change(ctx, a, readerID, "card.extend", func(tx *db.Tx, r Reader, c Card) error {
		if date < s.today(tx.Now) {
			return invalid("error.expiry_past", "expires_on", "Value", date)
		}
		if _, err := tx.Exec(`UPDATE readers SET expires_on = $1 WHERE id = $2`, date, r.ID); err != nil {
			return fmt.Errorf("extend reader: %w", err)
		}
		if c.Status == CardExpired {
			if err := setCardStatus(tx, c, CardActive, ``); err != nil {
				return err
			}
		}
		return cardEvent(tx, a, c.ID, r.ID, "extended", date)
	})
}

// Expire ends a reader's card now, whatever its expiry date (circ.readers);
// Extend revives it.
func (s *Service) Expire(ctx context.Context, a auth.Actor, readerID int64, note string) (Reader, error) {
	note, err := checkText(note, "note", maxShort)
	if err != nil {
		return Reader{}, err
	}
	return s.change(ctx, a, readerID, "card.expire", func(tx *db.Tx, r Reader, c Card) error {
		if c.Status != CardActive {
			return conflict("error.card_not_active", "Card", c.Number, "Status", string(c.Status))
		}
		if err := setCardStatus(tx, c, CardExpired, ``); err != nil {
			return err
		}
		return cardEvent(tx, a, c.ID, r.ID, "expired", note)
	})
}

// ExpireDue expires every active card whose expiry date has passed, for a
// daily job (circ.readers), and returns how many it expired.
func (s *Service) ExpireDue(ctx context.Context, a auth.Actor) (int, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return 0, err
	}
	var n int
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		today := s.today(tx.Now)
		rows, err := tx.Query(`SELECT r.id, c.id FROM readers r JOIN cards c ON c.number = r.card_number
			WHERE c.status = 'active' AND r.status <> 'cleared' AND r.expires_on <> '' AND r.expires_on < $1 ORDER BY r.id`, today)
		type pair struct{ reader, card int64 }
		due, err := db.Collect(rows, err, func(r *sql.Rows) (pair, error) {
			var p pair
			return p, r.Scan(&p.reader, &p.card)
		})
		if err != nil {
			return err
		}
		for _, p := range due {
			if _, err := tx.Exec(`UPDATE cards SET status = 'expired', updated_at = $1 WHERE id = $2`, tx.Now, p.card); err != nil {
				return err
			}
			if err := cardEvent(tx, a, p.card, p.reader, "expired", "expires_on < "+today); err != nil {
				return err
			}
			if err := touch(tx, p.reader); err != nil {
				return err
			}
		}
		n = len(due)
		if n == 0 {
			return nil
		}
		return auth.Audit(tx, a, "card.expire_due", "reader", "*", nil, map[string]any{"expired": n, "before": today})
	})
	if err != nil {
		return 0, fmt.Errorf("expire due cards: %w", err)
	}
	return n, nil
}

// Block stops a reader from borrowing until the block is lifted, giving a
// reason (circ.readers).
func (s *Service) Block(ctx context.Context, a auth.Actor, readerID int64, reason string) (Reader, error) {
	reason, err := checkText(reason, "reason", maxShort)
	if err != nil {
		return Reader{}, err
	}
	if reason == "" {
		return Reader{}, invalid("error.block_reason_required", "reason")
	}
	return s.change(ctx, a, readerID, "reader.block", func(tx *db.Tx, r Reader, c Card) error {
		if r.Status == StatusBlocked {
			return conflict("error.reader_already_blocked", "Card", r.CardNumber)
		}
		_, err := tx.Exec(`UPDATE readers SET status = 'blocked', block_reason = $1 WHERE id = $2`, reason, r.ID)
		return err
	})
}

// LiftBlock lets a blocked reader borrow again (circ.readers).
func (s *Service) LiftBlock(ctx context.Context, a auth.Actor, readerID int64) (Reader, error) {
	return s.change(ctx, a, readerID, "reader.lift_block", func(tx *db.Tx, r Reader, c Card) error {
		if r.Status != StatusBlocked {
			return conflict("error.reader_not_blocked", "Card", r.CardNumber)
		}
		_, err := tx.Exec(`UPDATE readers SET status = 'active', block_reason = '' WHERE id = $1`, r.ID)
		return err
	})
}
