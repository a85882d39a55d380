package readers_test

import (
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

func TestClearance(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := register(t, e, "G001", "毕业生")
		openLoans := 0
		e.r.SetLoanCounter(func(tx *db.Tx, readerID int64) (int, error) {
			if readerID == r.ID {
				return openLoans, nil
			}
			return 0, nil
		})
		if _, err := e.f.TakeDeposit(ctx, desk, fees.Deposit{ReaderID: r.ID, AmountFen: 10000, Method: fees.MethodCash, Desk: "main"}); err != nil {
			t.Fatal(err)
		}
		fine, err := e.f.Charge(ctx, desk, fees.Charge{ReaderID: r.ID, Kind: fees.KindOverdue, AmountFen: 350})
		if err != nil {
			t.Fatal(err)
		}
		openLoans = 2

		// Loans first, then debts, then the deposit.
		clear := func(req readers.Clearance) error {
			_, err := e.r.Clear(ctx, desk, r.ID, req)
			return err
		}
		wantErr(t, "with loans", clear(readers.Clearance{}), apperr.Conflict, "error.clearance_loans")
		chk, err := e.r.CheckClearance(ctx, desk, r.ID)
		if err != nil || chk.OpenLoans != 2 || chk.OwedFen != 350 || chk.DepositFen != 10000 || chk.CanClear() {
			t.Fatalf("check: %+v %v", chk, err)
		}
		openLoans = 0
		wantErr(t, "with debts", clear(readers.Clearance{}), apperr.Conflict, "error.clearance_debts")
		if _, err := e.f.Pay(ctx, desk, fees.Payment{ReaderID: r.ID, AmountFen: 350, Method: fees.MethodWeChat, EntryIDs: []int64{fine.ID}}); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "with a deposit held", clear(readers.Clearance{}), apperr.Conflict, "error.clearance_deposit")
		noFees := auth.Actor{Name: "readers office", Perms: auth.PermSet{auth.PermCircReaders: true}}
		_, err = e.r.Clear(ctx, noFees, r.ID, readers.Clearance{RefundDeposit: true, Method: fees.MethodCash})
		wantErr(t, "deposit refund without circ.fees", err, apperr.Forbidden, "error.forbidden")
		wantErr(t, "deposit refund without a method", clear(readers.Clearance{RefundDeposit: true}), apperr.Invalid, "error.payment_method_invalid")
		if got, _ := e.r.Get(ctx, desk, r.ID); got.Status != readers.StatusActive {
			t.Fatalf("refused clearances changed the reader: %+v", got)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM clearances`); n != 0 {
			t.Fatalf("refused clearances recorded: %d", n)
		}

		cert, err := e.r.Clear(ctx, desk, r.ID, readers.Clearance{RefundDeposit: true, Method: fees.MethodCash, Desk: "main", Note: "2026届"})
		if err != nil {
			t.Fatal(err)
		}
		if cert.Number != "LX2026-00001" || cert.CardNumber != "G001" || cert.Name != "毕业生" || cert.OpenLoans != 0 ||
			cert.OwedFen != 0 || cert.DepositRefundedFen != 10000 || cert.DepositReceipt == "" || cert.Actor != "desk1" || !cert.At.Equal(t0) {
			t.Fatalf("certificate: %+v", cert)
		}
		got, err := e.r.Get(ctx, desk, r.ID)
		if err != nil || got.Status != readers.StatusCleared || got.LoanStatus() != "cleared" {
			t.Fatalf("cleared reader: %+v %v", got, err)
		}
		if b, _ := e.f.Balance(ctx, desk, r.ID); b.DepositFen != 0 || b.OwedFen != 0 {
			t.Fatalf("balance after clearance: %+v", b)
		}
		reprint, err := e.r.ClearanceCertificate(ctx, desk, r.ID)
		if err != nil || reprint != cert {
			t.Fatalf("reprint:\n%+v\n%+v %v", reprint, cert, err)
		}

		// Cleared is final: no second clearance, no card changes.
		wantErr(t, "clear twice", clear(readers.Clearance{}), apperr.Conflict, "error.reader_cleared")
		_, err = e.r.ReportLost(ctx, desk, r.ID, "")
		wantErr(t, "card change after clearance", err, apperr.Conflict, "error.reader_cleared")

		// A reader with nothing outstanding is cleared straight away.
		other := register(t, e, "G002", "另一位")
		if _, err := e.r.Clear(ctx, desk, other.ID, readers.Clearance{}); err != nil {
			t.Fatalf("plain clearance: %v", err)
		}
		_, err = e.r.ClearanceCertificate(ctx, desk, register(t, e, "G003", "未离校").ID)
		wantErr(t, "no certificate", err, apperr.NotFound, "error.clearance_not_found")
	})
}

// TestAppendOnlyTables: the database itself refuses to change or delete
// card events and clearances.
func TestAppendOnlyTables(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := register(t, e, "X001", "甲")
		if _, err := e.r.Clear(ctx, desk, r.ID, readers.Clearance{}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`UPDATE card_events SET note = 'changed'`,
			`DELETE FROM card_events`,
			`UPDATE clearances SET note = 'changed'`,
			`DELETE FROM clearances`,
		} {
			err := e.d.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(q); return err })
			if err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM card_events WHERE note = ''`); n != 1 {
			t.Fatalf("card events: %d", n)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM clearances WHERE note = ''`); n != 1 {
			t.Fatalf("clearances: %d", n)
		}
	})
}
