package circ

import (
	"errors"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// borrower is a reader as the checks see them: the reader, the status
// their card gives the rules, and refusals the rules do not know about
// (a replaced card).
type borrower struct {
	readers.Reader
	status rules.CardStatus
	extra  []rules.Refusal
}

// identify finds the holder of the card presented at a desk. A card that
// may not be used (lost, replaced, expired) still identifies its reader,
// so that the desk is told every reason at once and the refusal is
// recorded against the reader; an unknown number is NotFound.
func identify(tx *db.Tx, number string) (borrower, error) {
	r, err := readers.ByCard(tx, number)
	if err == nil {
		return borrower{Reader: r, status: rules.CardStatus(r.LoanStatus())}, nil
	}
	lost, replaced, expired := errors.Is(err, readers.ErrCardLost), errors.Is(err, readers.ErrCardReplaced), errors.Is(err, readers.ErrCardExpired)
	if !lost && !replaced && !expired {
		return borrower{}, err
	}
	c, err := readers.CardByNumber(tx, number)
	if err != nil {
		return borrower{}, err
	}
	if r, err = readers.ByID(tx, c.ReaderID); err != nil {
		return borrower{}, err
	}
	b := borrower{Reader: r, status: rules.CardStatus(r.LoanStatus())}
	if b.status == rules.CardActive || b.status == rules.CardExpired {
		switch {
		case lost:
			b.status = rules.CardLost
		case expired:
			b.status = rules.CardExpired
		}
	}
	if replaced {
		b.extra = append(b.extra, refusal(ReasonCardReplaced, "Card", c.Number))
	}
	return b, nil
}

// byID loads a reader known by id (a loan's reader, a proxy's principal)
// with the status of their current card.
func byID(tx *db.Tx, id int64) (borrower, error) {
	r, err := readers.ByID(tx, id)
	if err != nil {
		return borrower{}, err
	}
	return borrower{Reader: r, status: rules.CardStatus(r.LoanStatus())}, nil
}

// account is what the checks need of a reader's loans and money.
type account struct {
	loans, loansOfType, overdue int
	loansValueFen               int64
	balance                     fees.Balance
}

// accountOf reads a reader's open loans (all of them, those of itemType,
// those overdue at now, and — for deposit cards, withValue — their total
// price) and their balance.
func accountOf(tx *db.Tx, readerID int64, itemType string, now time.Time, withValue bool) (account, error) {
	var ac account
	err := tx.QueryRow(`SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN item_type = $2 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN due_at < $3 THEN 1 ELSE 0 END), 0)
		FROM loans WHERE reader_id = $1 AND returned_at IS NULL`, readerID, itemType, now).
		Scan(&ac.loans, &ac.loansOfType, &ac.overdue)
	if err == nil && withValue {
		err = tx.QueryRow(`SELECT CAST(COALESCE(SUM(i.price_fen), 0) AS BIGINT) FROM loans l JOIN items i ON i.id = l.item_id
			WHERE l.reader_id = $1 AND l.returned_at IS NULL`, readerID).Scan(&ac.loansValueFen)
	}
	if err != nil {
		return ac, fmt.Errorf("loans of reader %d: %w", readerID, err)
	}
	if ac.balance, err = fees.BalanceTx(tx, readerID); err != nil {
		return ac, err
	}
	return ac, nil
}

// state is the rules' view of a reader with their account.
func (b borrower) state(ac account) (rules.ReaderState, error) {
	rs := rules.ReaderState{Card: b.status, FeesOwedFen: ac.balance.OwedFen, OverdueItems: ac.overdue,
		Loans: ac.loans, LoansOfType: ac.loansOfType, DepositFen: ac.balance.DepositFen, LoansValueFen: ac.loansValueFen}
	if b.ExpiresOn != "" {
		d, err := rules.ParseDate(b.ExpiresOn)
		if err != nil {
			return rs, fmt.Errorf("reader %d: expiry date: %w", b.ID, err)
		}
		rs.ExpiresOn = d
	}
	return rs, nil
}

// cardRefusals returns the refusals a reader's card and debts give on
// their own, whatever the item: the card checks and the fee limit of the
// rules (asked of rules.CanRenew with a loan that could otherwise be
// renewed), plus the reasons the rules do not know.
func cardRefusals(b borrower, rs rules.ReaderState, lim rules.Limits, now time.Time, loc *time.Location) []rules.Refusal {
	refs := rules.CanRenew(rules.RenewalState{Now: now, Loc: loc, Reader: rs, Limits: lim,
		Policy: rules.Policy{Period: 1, Renewals: 1, RenewalPeriod: 1}, Due: now})
	return merge(refs, b.extra...)
}

// standing is what a checkout or a renewal checks besides the item
// itself: the reader's limits at the branch, their account and state, and
// whether another reader's hold claims the item.
type standing struct {
	lim    rules.Limits
	reader rules.ReaderState
	claim  claim
}

// standingOf works out the standing of borrower b for an item of type
// itemType of record recordID at branch, locking the record so that holds
// and loans on it are decided one at a time. For a checkout the deposit
// may have to cover the loans' value (the limits say); a renewal adds no
// value.
func standingOf(tx *db.Tx, snap *policy.Snapshot, b borrower, branch, itemType string, itemID, recordID int64, checkout bool) (standing, error) {
	var st standing
	var err error
	if st.lim, err = limits(snap, b.Category, branch); err != nil {
		return st, err
	}
	ac, err := accountOf(tx, b.ID, itemType, tx.Now, checkout && st.lim.DepositCoversLoans)
	if err != nil {
		return st, err
	}
	if st.reader, err = b.state(ac); err != nil {
		return st, err
	}
	if err := lockRecord(tx, recordID); err != nil {
		return st, err
	}
	holds, err := activeHolds(tx, recordID)
	if err != nil {
		return st, err
	}
	st.claim, err = claimOf(tx, holds, itemID, recordID, b.ID)
	return st, err
}
