package readers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
)

// LoansTableCounter is the loan counter used until circulation supplies
// its own (circ.NewService does): the reader's loans without a return
// time.
func LoansTableCounter(tx *db.Tx, readerID int64) (int, error) {
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM loans WHERE reader_id = $1 AND returned_at IS NULL`, readerID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count open loans: %w", err)
	}
	return n, nil
}

// ClearanceCheck is what stands between a reader and clearance.
type ClearanceCheck struct {
	ReaderID   int64 `json:"reader_id"`
	OpenLoans  int   `json:"open_loans"`
	OwedFen    int64 `json:"owed_fen"`
	DepositFen int64 `json:"deposit_fen"` // to give back at clearance
	Cleared    bool  `json:"cleared"`     // already cleared
}

// CanClear reports whether the reader may be cleared now: no loans, no
// debts, not cleared before (a deposit is given back at clearance).
func (c ClearanceCheck) CanClear() bool { return !c.Cleared && c.OpenLoans == 0 && c.OwedFen == 0 }

// Clearance asks to clear a reader 离校.
type Clearance struct {
	// RefundDeposit gives back the deposit the reader holds in the same
	// transaction, by Method at Desk (needs circ.fees too). A reader who
	// holds a deposit is not cleared without it.
	RefundDeposit bool
	Method        fees.Method
	Desk          string
	Note          string
}

// Certificate is the printable record of a clearance 离校证明: the reader as
// they were, what was checked and who cleared them.
type Certificate struct {
	Number             string    `json:"number"`
	ReaderID           int64     `json:"reader_id"`
	CardNumber         string    `json:"card_number"`
	Name               string    `json:"name"`
	IDMasked           string    `json:"id_number_masked,omitempty"`
	Category           string    `json:"category"`
	Department         string    `json:"department,omitempty"`
	Class              string    `json:"class,omitempty"`
	At                 time.Time `json:"at"`
	Actor              string    `json:"actor"`
	OpenLoans          int       `json:"open_loans"`
	OwedFen            int64     `json:"owed_fen"`
	DepositRefundedFen int64     `json:"deposit_refunded_fen"`
	DepositReceipt     string    `json:"deposit_receipt,omitempty"`
	Note               string    `json:"note,omitempty"`
}

func (s *Service) checkTx(tx *db.Tx, r Reader) (ClearanceCheck, error) {
	c := ClearanceCheck{ReaderID: r.ID, Cleared: r.Status == StatusCleared}
	var err error
	if c.OpenLoans, err = s.loans(tx, r.ID); err != nil {
		return c, err
	}
	b, err := fees.BalanceTx(tx, r.ID)
	if err != nil {
		return c, err
	}
	c.OwedFen, c.DepositFen = b.OwedFen, b.DepositFen
	return c, nil
}

// CheckClearance tells what clearance would find now (circ.readers).
func (s *Service) CheckClearance(ctx context.Context, a auth.Actor, readerID int64) (ClearanceCheck, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return ClearanceCheck{}, err
	}
	var c ClearanceCheck
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		r, err := ByID(tx, readerID)
		if err != nil {
			return err
		}
		c, err = s.checkTx(tx, r)
		return err
	})
	if err != nil {
		return ClearanceCheck{}, fmt.Errorf("check clearance of reader %d: %w", readerID, err)
	}
	return c, nil
}

// Clear clears a reader who is leaving (离校, circ.readers): refused while
// they have loans or debts, or hold a deposit not given back with it. The
// clearance is recorded, the reader's status becomes cleared — no more
// loans — and the certificate is returned.
func (s *Service) Clear(ctx context.Context, a auth.Actor, readerID int64, req Clearance) (Certificate, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return Certificate{}, err
	}
	if req.RefundDeposit {
		if err := a.Require(auth.PermCircFees); err != nil {
			return Certificate{}, err
		}
	}
	note, err := checkText(req.Note, "note", maxShort)
	if err != nil {
		return Certificate{}, err
	}
	var cert Certificate
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		r, err := lockByID(tx, readerID)
		if err != nil {
			return err
		}
		if r.Status == StatusCleared {
			return conflict("error.reader_cleared", "Card", r.CardNumber)
		}
		chk, err := s.checkTx(tx, r)
		if err != nil {
			return err
		}
		if chk.OpenLoans > 0 {
			return conflict("error.clearance_loans", "Count", chk.OpenLoans)
		}
		if chk.OwedFen > 0 {
			return conflict("error.clearance_debts", "Owed", fees.FormatYuan(chk.OwedFen))
		}
		cert = Certificate{ReaderID: r.ID, CardNumber: r.CardNumber, Name: r.Name, IDMasked: r.IDMasked, Category: r.Category,
			Department: r.Department, Class: r.Class, At: tx.Now, Actor: actorName(a), Note: note}
		n, err := nextCounter(tx, "clearance")
		if err != nil {
			return err
		}
		cert.Number = fmt.Sprintf("LX%s-%05d", s.today(tx.Now)[:4], n)
		if chk.DepositFen > 0 {
			if !req.RefundDeposit {
				return conflict("error.clearance_deposit", "Deposit", fees.FormatYuan(chk.DepositFen))
			}
			t, err := fees.RefundDepositTx(tx, a, fees.Deposit{ReaderID: r.ID, Method: req.Method, Desk: req.Desk, Note: cert.Number})
			if err != nil {
				return err
			}
			cert.DepositRefundedFen, cert.DepositReceipt = t.AmountFen, t.ReceiptNo
		}
		if _, err := tx.Exec(`INSERT INTO clearances (certificate_no, reader_id, at, actor_id, actor_name, door, card_number, name,
			category, department, class_name, open_loans, owed_fen, deposit_refunded_fen, deposit_receipt, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			cert.Number, r.ID, tx.Now, nullID(a.StaffID), cert.Actor, string(a.Door), r.CardNumber, r.Name,
			r.Category, r.Department, r.Class, chk.OpenLoans, chk.OwedFen, cert.DepositRefundedFen, cert.DepositReceipt, note); err != nil {
			return fmt.Errorf("insert clearance: %w", err)
		}
		if _, err := tx.Exec(`UPDATE readers SET status = 'cleared', block_reason = '', updated_at = $1, version = version + 1 WHERE id = $2`,
			tx.Now, r.ID); err != nil {
			return fmt.Errorf("mark reader cleared: %w", err)
		}
		after := r.summary()
		after["status"] = StatusCleared
		after["certificate"] = cert.Number
		return auth.Audit(tx, a, "reader.clear", "reader", r.ID, r.summary(), after)
	})
	if err != nil {
		return Certificate{}, fmt.Errorf("clear reader %d: %w", readerID, err)
	}
	return cert, nil
}

// ClearanceCertificate returns a reader's clearance certificate, for a
// reprint (circ.readers).
func (s *Service) ClearanceCertificate(ctx context.Context, a auth.Actor, readerID int64) (Certificate, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return Certificate{}, err
	}
	var c Certificate
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		r, err := ByID(tx, readerID)
		if err != nil {
			return err
		}
		err = tx.QueryRow(`SELECT certificate_no, reader_id, card_number, name, category, department, class_name, at, actor_name,
			open_loans, owed_fen, deposit_refunded_fen, deposit_receipt, note FROM clearances WHERE reader_id = $1 ORDER BY id DESC LIMIT 1`, readerID).
			Scan(&c.Number, &c.ReaderID, &c.CardNumber, &c.Name, &c.Category, &c.Department, &c.Class, &c.At, &c.Actor,
				&c.OpenLoans, &c.OwedFen, &c.DepositRefundedFen, &c.DepositReceipt, &c.Note)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("error.clearance_not_found", "Card", r.CardNumber)
		}
		c.IDMasked, c.At = r.IDMasked, c.At.UTC()
		return err
	})
	if err != nil {
		return Certificate{}, fmt.Errorf("clearance certificate of reader %d: %w", readerID, err)
	}
	return c, nil
}
