package circ

import (
	"context"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
)

// LostOptions are the choices when a loan is declared lost.
type LostOptions struct {
	// ProcessingFeeFen is the processing fee to charge; 0 charges the
	// library's (Options.LostProcessingFeeFen) unless NoProcessingFee.
	ProcessingFeeFen int64
	NoProcessingFee  bool
	// ChargeFine charges the overdue fine up to now as well.
	ChargeFine bool
	Note       string
}

// Lost is the outcome of DeclareLost: the loan closed as lost and what
// was charged.
type Lost struct {
	Loan    Loan         `json:"loan"`
	Fine    *rules.Fine  `json:"fine,omitempty"`
	Charges []fees.Entry `json:"charges"`
}

// DeclareLost closes the loan of the item with barcode as lost (circ.fees):
// the item's status becomes lost and the reader is charged its price (the
// record's when the item has none; nothing when neither is known, for
// staff to charge by hand) and the processing fee, and the overdue fine
// when asked. The reader may settle by paying or by a replacement copy
// 赔书 in the fee ledger. An item found later is taken back by Checkin,
// which says so (Return.Found).
func (s *Service) DeclareLost(ctx context.Context, a auth.Actor, barcode string, o LostOptions) (Lost, error) {
	if err := staff(a, auth.PermCircFees); err != nil {
		return Lost{}, err
	}
	if o.ProcessingFeeFen < 0 || o.ProcessingFeeFen > fees.MaxAmountFen {
		return Lost{}, invalid("error.circ_fee_invalid", "processing_fee_fen", "Amount", policy.Yuan(o.ProcessingFeeFen))
	}
	note, err := text(o.Note, "note")
	if err != nil {
		return Lost{}, err
	}
	var out Lost
	err = s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		out = Lost{}
		it, err := lockItem(tx, barcode)
		if err != nil {
			return err
		}
		l, ok, err := openLoan(tx, it.ID)
		if err != nil {
			return err
		}
		if !ok {
			return conflict("error.circ_not_on_loan", "Barcode", it.Barcode)
		}
		closed, fine, fineEntry, err := closeLoan(tx, a, snap, it, l, l.Branch, "lost", o.ChargeFine)
		if err != nil {
			return err
		}
		if o.ChargeFine {
			out.Fine = &fine
		}
		fee := o.ProcessingFeeFen
		if fee == 0 && !o.NoProcessingFee {
			opts, err := readOptions(tx)
			if err != nil {
				return err
			}
			fee = opts.LostProcessingFeeFen
		}
		for _, c := range []fees.Charge{
			{ReaderID: l.ReaderID, Kind: fees.KindLost, AmountFen: it.price(), LoanID: l.ID, ItemID: it.ID, Note: note},
			{ReaderID: l.ReaderID, Kind: fees.KindProcessing, AmountFen: fee, LoanID: l.ID, ItemID: it.ID, Note: note},
		} {
			if c.AmountFen <= 0 {
				continue
			}
			e, err := fees.ChargeTx(tx, a, c)
			if err != nil {
				return err
			}
			out.Charges = append(out.Charges, e)
		}
		if fineEntry != 0 {
			entries, err := fees.LoanEntriesTx(tx, l.ID)
			if err != nil {
				return err
			}
			for _, e := range entries {
				if e.ID == fineEntry {
					out.Charges = append([]fees.Entry{e.Entry}, out.Charges...)
				}
			}
		}
		if err := catalog.SetItemStatus(tx, a, it.ID, catalog.Lost, catalog.StatusNote{Kind: noteLost, Ref: ref("L", l.ID), Reason: note}); err != nil {
			return err
		}
		out.Loan = closed
		return auth.Audit(tx, a, "loan.lost", "loan", l.ID, l.summary(), out.Loan.summary())
	})
	if err != nil {
		return Lost{}, fmt.Errorf("declare %s lost: %w", strings.TrimSpace(barcode), err)
	}
	return out, nil
}
