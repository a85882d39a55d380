package circ

import (
	"context"
	"fmt"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
)

// Options are circulation's own settings, beside the loan rules of
// package policy.
type Options struct {
	// HistoryRetentionDays is how long a returned loan stays linked to its
	// reader; then AnonymiseLoans unlinks it, unless the reader keeps a
	// loan history (SetLoanHistory). 0 unlinks at the next run.
	HistoryRetentionDays int `json:"history_retention_days"`
	// LostProcessingFeeFen is the processing fee 加工费 charged with the
	// price of a lost item (0: none).
	LostProcessingFeeFen int64 `json:"lost_processing_fee_fen"`
	// HoldExpiryDays is how long a hold waits in the queue when the
	// reader gives no last day.
	HoldExpiryDays int `json:"hold_expiry_days"`
}

// MaxRetentionDays bounds Options.HistoryRetentionDays (ten years).
const MaxRetentionDays = 3660

func (o Options) validate() error {
	switch {
	case o.HistoryRetentionDays < 0 || o.HistoryRetentionDays > MaxRetentionDays:
		return invalid("error.circ_options_invalid", "history_retention_days", "Value", o.HistoryRetentionDays)
	case o.LostProcessingFeeFen < 0 || o.LostProcessingFeeFen > fees.MaxAmountFen:
		return invalid("error.circ_options_invalid", "lost_processing_fee_fen", "Value", o.LostProcessingFeeFen)
	case o.HoldExpiryDays < 1 || o.HoldExpiryDays > MaxRetentionDays:
		return invalid("error.circ_options_invalid", "hold_expiry_days", "Value", o.HoldExpiryDays)
	}
	return nil
}

func readOptions(tx *db.Tx) (Options, error) {
	var o Options
	err := tx.QueryRow(`SELECT history_retention_days, lost_processing_fee_fen, hold_expiry_days FROM circ_options WHERE id = 1`).
		Scan(&o.HistoryRetentionDays, &o.LostProcessingFeeFen, &o.HoldExpiryDays)
	if err != nil {
		return o, fmt.Errorf("circulation options: %w", err)
	}
	return o, nil
}

// Options returns circulation's options (whoever may read the loan rules
// or work a desk).
func (s *Service) Options(ctx context.Context, a auth.Actor) (Options, error) {
	if err := deskView(a, auth.PermCircRules); err != nil {
		return Options{}, err
	}
	var o Options
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { o, err = readOptions(tx); return err })
	return o, err
}

// SetOptions changes circulation's options (circ.rules).
func (s *Service) SetOptions(ctx context.Context, a auth.Actor, o Options) (Options, error) {
	if err := staff(a, auth.PermCircRules); err != nil {
		return Options{}, err
	}
	if err := o.validate(); err != nil {
		return Options{}, err
	}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := readOptions(tx)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE circ_options SET history_retention_days = $1, lost_processing_fee_fen = $2, hold_expiry_days = $3
			WHERE id = 1`, o.HistoryRetentionDays, o.LostProcessingFeeFen, o.HoldExpiryDays); err != nil {
			return err
		}
		return auth.Audit(tx, a, "circ_options.update", "circ_options", 1, before, o)
	})
	if err != nil {
		return Options{}, fmt.Errorf("set circulation options: %w", err)
	}
	return o, nil
}
