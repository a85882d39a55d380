package fees_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

var (
	ctx  = context.Background()
	cli  = auth.CLIActor("test")
	desk = auth.Actor{Name: "desk1", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCircFees: true, auth.PermCircReaders: true}}
	boss = auth.Actor{Name: "head", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCircFees: true, auth.PermCircWaive: true}}
	// t0 is 10:00 on 2026-09-01 in Shanghai.
	t0 = time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)
)

type env struct {
	f *fees.Service
	d *db.DB
	c *clock.Settable
	r *readers.Service
}

func setup(t *testing.T, fn func(t *testing.T, e env)) {
	c := clock.NewSettable(t0)
	dbtest.EachWithClock(t, c, func(t *testing.T, d *db.DB) {
		c.Set(t0)
		fn(t, env{f: fees.NewService(d, nil), d: d, c: c, r: readers.NewService(d, nil)})
	})
}

func reader(t *testing.T, e env, card string) int64 {
	t.Helper()
	r, err := e.r.Register(ctx, cli, card, readers.Details{Name: "读者" + card, Category: "undergraduate"})
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func charge(t *testing.T, e env, readerID int64, kind fees.Kind, fen int64) fees.Entry {
	t.Helper()
	en, err := e.f.Charge(ctx, desk, fees.Charge{ReaderID: readerID, Kind: kind, AmountFen: fen})
	if err != nil {
		t.Fatal(err)
	}
	return en
}

func wantErr(t *testing.T, what string, err error, code apperr.Code, key string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || e.Key != key {
		t.Fatalf("%s: got %v, want %s %s", what, err, code, key)
	}
}

func count(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.Read(ctx, func(tx *db.Tx) error { return tx.QueryRow(q, args...).Scan(&n) }); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// states returns the outstanding fen of each of a reader's charges.
func states(t *testing.T, e env, readerID int64) string {
	t.Helper()
	st, err := e.f.Statement(ctx, desk, readerID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, en := range st.Entries {
		out = append(out, fmt.Sprintf("%s:%d/%d", en.Kind, en.OutstandingFen, en.AmountFen))
	}
	return fmt.Sprint(out)
}

func TestChargeValidation(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := reader(t, e, "F001")
		var itemID int64
		err := e.d.Write(ctx, func(tx *db.Tx) error {
			bib, err := tx.Insert(`INSERT INTO bib_records (format, marc, title, sort_title, created_at, updated_at) VALUES ('marc21', $1, '书', '书', $2, $2)`, []byte("x"), tx.Now)
			if err != nil {
				return err
			}
			itemID, err = tx.Insert(`INSERT INTO items (bib_id, barcode, accession_no, location_code, collection, item_type, status, created_at, updated_at)
				VALUES ($1, 'B0001', 'A0001', 'stacks', 'zw', 'book', 'on_loan', $2, $2)`, bib, tx.Now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		en, err := e.f.Charge(ctx, desk, fees.Charge{ReaderID: r, Kind: fees.KindLost, AmountFen: 4580, ItemID: itemID, LoanID: 77, Note: " 《书》丢失 "})
		if err != nil || en.ID == 0 || en.Note != "《书》丢失" || en.Actor != "desk1" || !en.At.Equal(t0) {
			t.Fatalf("charge: %+v %v", en, err)
		}
		bad := []struct {
			c    fees.Charge
			code apperr.Code
			key  string
		}{
			{fees.Charge{ReaderID: r, Kind: "parking", AmountFen: 100}, apperr.Invalid, "error.fee_kind_invalid"},
			{fees.Charge{ReaderID: r, Kind: fees.KindDamage, AmountFen: 0}, apperr.Invalid, "error.fee_amount_invalid"},
			{fees.Charge{ReaderID: r, Kind: fees.KindDamage, AmountFen: -5}, apperr.Invalid, "error.fee_amount_invalid"},
			{fees.Charge{ReaderID: r, Kind: fees.KindDamage, AmountFen: fees.MaxAmountFen + 1}, apperr.Invalid, "error.fee_amount_invalid"},
			{fees.Charge{ReaderID: r, Kind: fees.KindDamage, AmountFen: 100, ItemID: 9999}, apperr.InvalidReference, "error.item_not_found"},
			{fees.Charge{ReaderID: 9999, Kind: fees.KindDamage, AmountFen: 100}, apperr.NotFound, "error.reader_not_found"},
		}
		for _, b := range bad {
			_, err := e.f.Charge(ctx, desk, b.c)
			wantErr(t, fmt.Sprintf("%+v", b.c), err, b.code, b.key)
		}
		_, err = e.f.Charge(ctx, auth.Actor{Name: "x", Perms: auth.PermSet{auth.PermCircReaders: true}}, fees.Charge{ReaderID: r, Kind: fees.KindDamage, AmountFen: 100})
		wantErr(t, "charge without circ.fees", err, apperr.Forbidden, "error.forbidden")

		// ChargeTx belongs to the caller's transaction: rolled back with it.
		err = e.d.Write(ctx, func(tx *db.Tx) error {
			if _, err := fees.ChargeTx(tx, cli, fees.Charge{ReaderID: r, Kind: fees.KindOverdue, AmountFen: 30, LoanID: 78}); err != nil {
				return err
			}
			return fmt.Errorf("the check-in failed")
		})
		if err == nil {
			t.Fatal("no error")
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM fee_entries`); n != 1 {
			t.Fatalf("entries: %d", n)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM audit_log WHERE action = 'fee.charge'`); n != 1 {
			t.Fatalf("audit entries: %d", n)
		}
		var loanEntries []fees.EntryState
		e.d.Read(ctx, func(tx *db.Tx) error {
			loanEntries, err = fees.LoanEntriesTx(tx, 77)
			return err
		})
		if len(loanEntries) != 1 || loanEntries[0].ItemID != itemID || loanEntries[0].OutstandingFen != 4580 {
			t.Fatalf("loan entries: %+v", loanEntries)
		}
	})
}

func TestPartialPayments(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := reader(t, e, "F001")
		other := reader(t, e, "F002")
		fine := charge(t, e, r, fees.KindOverdue, 150)
		lost := charge(t, e, r, fees.KindLost, 4500)
		proc := charge(t, e, r, fees.KindProcessing, 500)
		otherFine := charge(t, e, other, fees.KindOverdue, 100)

		rc, err := e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 100, Method: fees.MethodCash, Desk: "main"})
		if err != nil {
			t.Fatal(err)
		}
		if rc.ReceiptNo != "SJ2026-000001" || rc.Kind != fees.TxPayment || rc.ReaderName != "读者F001" || rc.CardNumber != "F001" ||
			len(rc.Lines) != 1 || rc.Lines[0].EntryID != fine.ID || rc.Lines[0].AmountFen != 100 || rc.OwedAfterFen != 5050 {
			t.Fatalf("receipt: %+v", rc)
		}
		// Oldest first: 0.50 finishes the fine, 9.50 goes to the lost book.
		rc, err = e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 1000, Method: fees.MethodWeChat, Desk: "main"})
		if err != nil || rc.ReceiptNo != "SJ2026-000002" || fmt.Sprint(rc.Allocations) != fmt.Sprintf("[{%d 50} {%d 950}]", fine.ID, lost.ID) {
			t.Fatalf("second payment: %+v %v", rc, err)
		}
		if s := states(t, e, r); s != "[overdue:0/150 lost:3550/4500 processing:500/500]" {
			t.Fatalf("after two payments: %s", s)
		}
		// To a chosen charge.
		if _, err := e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 200, EntryIDs: []int64{proc.ID}, Method: fees.MethodAlipay}); err != nil {
			t.Fatal(err)
		}
		if s := states(t, e, r); s != "[overdue:0/150 lost:3550/4500 processing:300/500]" {
			t.Fatalf("after a chosen payment: %s", s)
		}

		receipts := count(t, e.d, `SELECT COUNT(*) FROM fee_transactions`)
		bad := []struct {
			p    fees.Payment
			code apperr.Code
			key  string
		}{
			{fees.Payment{ReaderID: r, AmountFen: 3851, Method: fees.MethodCash}, apperr.Conflict, "error.fee_amount_exceeds_owed"},
			{fees.Payment{ReaderID: r, AmountFen: 301, EntryIDs: []int64{proc.ID}, Method: fees.MethodCash}, apperr.Conflict, "error.fee_amount_exceeds_owed"},
			{fees.Payment{ReaderID: r, AmountFen: 10, EntryIDs: []int64{fine.ID}, Method: fees.MethodCash}, apperr.Conflict, "error.fee_entry_settled"},
			{fees.Payment{ReaderID: r, AmountFen: 10, EntryIDs: []int64{otherFine.ID}, Method: fees.MethodCash}, apperr.NotFound, "error.fee_entry_not_found"},
			{fees.Payment{ReaderID: r, AmountFen: 0, Method: fees.MethodCash}, apperr.Invalid, "error.fee_amount_invalid"},
			{fees.Payment{ReaderID: r, AmountFen: 10, Method: "bitcoin"}, apperr.Invalid, "error.payment_method_invalid"},
			{fees.Payment{ReaderID: r, AmountFen: 10}, apperr.Invalid, "error.payment_method_invalid"},
		}
		for _, b := range bad {
			_, err := e.f.Pay(ctx, desk, b.p)
			wantErr(t, fmt.Sprintf("%+v", b.p), err, b.code, b.key)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM fee_transactions`); n != receipts {
			t.Fatalf("refused payments were recorded: %d → %d", receipts, n)
		}
		// Paying everything, then nothing is owed.
		if _, err := e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 3850, Method: fees.MethodCard}); err != nil {
			t.Fatal(err)
		}
		_, err = e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 1, Method: fees.MethodCash})
		wantErr(t, "nothing owed", err, apperr.Conflict, "error.fee_nothing_owed")
		b, err := e.f.Balance(ctx, desk, r)
		if err != nil || b.OwedFen != 0 {
			t.Fatalf("balance: %+v %v", b, err)
		}
		if b, _ := e.f.Balance(ctx, desk, other); b.OwedFen != 100 {
			t.Fatalf("other reader: %+v", b)
		}
		again, err := e.f.Receipt(ctx, desk, "sj2026-000002")
		if err != nil || again.AmountFen != 1000 || again.Method != fees.MethodWeChat || len(again.Lines) != 2 {
			t.Fatalf("reprint: %+v %v", again, err)
		}
		_, err = e.f.Receipt(ctx, desk, "SJ2026-999999")
		wantErr(t, "unknown receipt", err, apperr.NotFound, "error.receipt_not_found")
		if n := count(t, e.d, `SELECT COUNT(*) FROM audit_log WHERE action = 'fee.payment'`); n != 4 {
			t.Fatalf("payment audit entries: %d", n)
		}
	})
}

func TestWaiverNeedsPermissionAndReason(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := reader(t, e, "W001")
		fine := charge(t, e, r, fees.KindOverdue, 800)
		damage := charge(t, e, r, fees.KindDamage, 2000)
		_, err := e.f.Waive(ctx, desk, fees.Waiver{ReaderID: r, Reason: "首次逾期"})
		wantErr(t, "waive without circ.fees.waive", err, apperr.Forbidden, "error.forbidden")
		_, err = e.f.Waive(ctx, boss, fees.Waiver{ReaderID: r, Reason: "  "})
		wantErr(t, "waive without a reason", err, apperr.Invalid, "error.fee_reason_required")
		if n := count(t, e.d, `SELECT COUNT(*) FROM fee_transactions`); n != 0 {
			t.Fatalf("refused waivers recorded: %d", n)
		}
		// Part of the damage.
		rc, err := e.f.Waive(ctx, boss, fees.Waiver{ReaderID: r, AmountFen: 500, EntryIDs: []int64{damage.ID}, Reason: "轻微污损"})
		if err != nil || rc.Kind != fees.TxWaiver || rc.Method != "" || rc.Reason != "轻微污损" || rc.OwedAfterFen != 2300 {
			t.Fatalf("partial waiver: %+v %v", rc, err)
		}
		// The whole fine (amount 0: what the chosen charges owe).
		if _, err := e.f.Waive(ctx, boss, fees.Waiver{ReaderID: r, EntryIDs: []int64{fine.ID}, Reason: "闭馆期间"}); err != nil {
			t.Fatal(err)
		}
		if s := states(t, e, r); s != "[overdue:0/800 damage:1500/2000]" {
			t.Fatalf("after waivers: %s", s)
		}
		st, _ := e.f.Statement(ctx, boss, r)
		if st.Entries[1].WaivedFen != 500 || st.Entries[0].WaivedFen != 800 || st.Entries[0].PaidFen != 0 || len(st.Transactions) != 2 {
			t.Fatalf("statement: %+v", st)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM audit_log WHERE action = 'fee.waiver' AND summary LIKE '%轻微污损%'`); n != 1 {
			t.Fatalf("waiver audit: %d", n)
		}
	})
}

func TestReplacementCopy(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := reader(t, e, "R001")
		lost := charge(t, e, r, fees.KindLost, 3900)
		proc := charge(t, e, r, fees.KindProcessing, 500)
		if _, err := e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 900, EntryIDs: []int64{lost.ID}, Method: fees.MethodCash}); err != nil {
			t.Fatal(err)
		}
		_, err := e.f.AcceptReplacement(ctx, desk, fees.ReplacementCopy{ReaderID: r, EntryID: proc.ID, Note: "ISBN 9787020100012"})
		wantErr(t, "replacement for a processing fee", err, apperr.Conflict, "error.replacement_not_lost")
		rc, err := e.f.AcceptReplacement(ctx, desk, fees.ReplacementCopy{ReaderID: r, EntryID: lost.ID, Note: "ISBN 9787020100012", Desk: "main"})
		if err != nil || rc.Kind != fees.TxReplacement || rc.AmountFen != 3000 || rc.OwedAfterFen != 500 {
			t.Fatalf("replacement: %+v %v", rc, err)
		}
		if s := states(t, e, r); s != "[lost:0/3900 processing:500/500]" {
			t.Fatalf("after the replacement copy: %s", s)
		}
		_, err = e.f.AcceptReplacement(ctx, desk, fees.ReplacementCopy{ReaderID: r, EntryID: lost.ID})
		wantErr(t, "replacement twice", err, apperr.Conflict, "error.fee_entry_settled")
	})
}

func TestRefunds(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := reader(t, e, "U001")
		lost := charge(t, e, r, fees.KindLost, 4500)
		fine := charge(t, e, r, fees.KindOverdue, 300)
		if _, err := e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 4500, EntryIDs: []int64{lost.ID}, Method: fees.MethodCash}); err != nil {
			t.Fatal(err)
		}
		refund := fees.Refund{ReaderID: r, EntryID: lost.ID, AmountFen: 2000, Method: fees.MethodCash, Reason: "书找到了"}
		_, err := e.f.Refund(ctx, desk, refund)
		wantErr(t, "refund without circ.fees.waive", err, apperr.Forbidden, "error.forbidden")
		_, err = e.f.Refund(ctx, boss, fees.Refund{ReaderID: r, EntryID: lost.ID, Method: fees.MethodCash})
		wantErr(t, "refund without a reason", err, apperr.Invalid, "error.fee_reason_required")
		_, err = e.f.Refund(ctx, boss, fees.Refund{ReaderID: r, EntryID: fine.ID, Method: fees.MethodCash, Reason: "x"})
		wantErr(t, "refund of an unpaid charge", err, apperr.Conflict, "error.refund_nothing_paid")
		_, err = e.f.Refund(ctx, boss, fees.Refund{ReaderID: r, EntryID: lost.ID, AmountFen: 4501, Method: fees.MethodCash, Reason: "x"})
		wantErr(t, "refund of more than was paid", err, apperr.Conflict, "error.refund_exceeds_paid")

		rc, err := e.f.Refund(ctx, boss, refund)
		if err != nil || rc.Kind != fees.TxRefund || rc.AmountFen != 2000 || rc.OwedAfterFen != 300 {
			t.Fatalf("refund: %+v %v", rc, err)
		}
		// The refunded part is annulled, not owed again; the rest of the
		// money paid can still be refunded, and no more.
		rc, err = e.f.Refund(ctx, boss, fees.Refund{ReaderID: r, EntryID: lost.ID, Method: fees.MethodWeChat, Reason: "书找到了"})
		if err != nil || rc.AmountFen != 2500 || rc.OwedAfterFen != 300 {
			t.Fatalf("refund of the rest: %+v %v", rc, err)
		}
		_, err = e.f.Refund(ctx, boss, fees.Refund{ReaderID: r, EntryID: lost.ID, Method: fees.MethodCash, Reason: "x"})
		wantErr(t, "refund beyond the payment", err, apperr.Conflict, "error.refund_nothing_paid")
		st, _ := e.f.Statement(ctx, desk, r)
		if l := st.Entries[0]; l.PaidFen != 4500 || l.RefundedFen != 4500 || l.OutstandingFen != 0 || l.RefundableFen() != 0 {
			t.Fatalf("refunded charge: %+v", l)
		}
	})
}

func TestDeposits(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := reader(t, e, "D001")
		_, err := e.f.RefundDeposit(ctx, desk, fees.Deposit{ReaderID: r, Method: fees.MethodCash})
		wantErr(t, "refund without a deposit", err, apperr.Conflict, "error.deposit_none")
		rc, err := e.f.TakeDeposit(ctx, desk, fees.Deposit{ReaderID: r, AmountFen: 10000, Method: fees.MethodCash, Desk: "main"})
		if err != nil || rc.Kind != fees.TxDeposit || rc.DepositAfterFen != 10000 || rc.OwedAfterFen != 0 {
			t.Fatalf("take deposit: %+v %v", rc, err)
		}
		_, err = e.f.TakeDeposit(ctx, desk, fees.Deposit{ReaderID: r, AmountFen: 0, Method: fees.MethodCash})
		wantErr(t, "deposit of nothing", err, apperr.Invalid, "error.fee_amount_invalid")
		// A deposit is not a payment: it settles no charge.
		charge(t, e, r, fees.KindOverdue, 100)
		if b, _ := e.f.Balance(ctx, desk, r); b.OwedFen != 100 || b.DepositFen != 10000 {
			t.Fatalf("balance: %+v", b)
		}
		_, err = e.f.RefundDeposit(ctx, desk, fees.Deposit{ReaderID: r, AmountFen: 10001, Method: fees.MethodCash})
		wantErr(t, "refund more than held", err, apperr.Conflict, "error.deposit_refund_exceeds")
		if rc, err := e.f.RefundDeposit(ctx, desk, fees.Deposit{ReaderID: r, AmountFen: 3000, Method: fees.MethodCash}); err != nil || rc.DepositAfterFen != 7000 {
			t.Fatalf("partial deposit refund: %+v %v", rc, err)
		}
		if rc, err := e.f.RefundDeposit(ctx, desk, fees.Deposit{ReaderID: r, Method: fees.MethodTransfer}); err != nil || rc.AmountFen != 7000 || rc.DepositAfterFen != 0 {
			t.Fatalf("refund of the rest: %+v %v", rc, err)
		}
	})
}

// TestLedgerIsAppendOnly: the database refuses to change or delete ledger
// rows, whoever asks.
func TestLedgerIsAppendOnly(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := reader(t, e, "A001")
		charge(t, e, r, fees.KindOverdue, 100)
		if _, err := e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 60, Method: fees.MethodCash}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`UPDATE fee_entries SET amount_fen = 1`,
			`DELETE FROM fee_entries`,
			`UPDATE fee_transactions SET amount_fen = 1`,
			`DELETE FROM fee_transactions`,
			`UPDATE fee_allocations SET amount_fen = 1`,
			`DELETE FROM fee_allocations`,
		} {
			err := e.d.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(q); return err })
			if err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
		if s := states(t, e, r); s != "[overdue:40/100]" {
			t.Fatalf("ledger after the attempts: %s", s)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM fee_allocations WHERE amount_fen = 60`); n != 1 {
			t.Fatalf("allocations: %d", n)
		}
	})
}

// TestConcurrentPaymentsDoNotOverAllocate: desks paying for the same reader
// at the same moment never settle more than is owed.
func TestConcurrentPaymentsDoNotOverAllocate(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := reader(t, e, "P001")
		charge(t, e, r, fees.KindOverdue, 4000)
		charge(t, e, r, fees.KindDamage, 6000)
		const desks = 10
		var wg sync.WaitGroup
		errs := make([]error, desks)
		start := make(chan struct{})
		for i := 0; i < desks; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				_, errs[i] = e.f.Pay(ctx, desk, fees.Payment{ReaderID: r, AmountFen: 3000, Method: fees.MethodCash, Desk: fmt.Sprint("desk", i)})
			}(i)
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case apperr.Is(err, apperr.Conflict):
			default:
				t.Fatalf("payment failed: %v", err)
			}
		}
		if ok != 3 {
			t.Fatalf("%d payments of 30.00 against 100.00 succeeded, want 3", ok)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM fee_entries e WHERE e.amount_fen < (SELECT COALESCE(SUM(a.amount_fen), 0) FROM fee_allocations a WHERE a.entry_id = e.id)`); n != 0 {
			t.Fatalf("%d charges over-allocated", n)
		}
		if b, _ := e.f.Balance(ctx, desk, r); b.OwedFen != 1000 {
			t.Fatalf("owed after the race: %+v", b)
		}
		if s := states(t, e, r); s != "[overdue:0/4000 damage:1000/6000]" {
			t.Fatalf("charges after the race: %s", s)
		}
	})
}

func TestDailyCashReport(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r1, r2 := reader(t, e, "K001"), reader(t, e, "K002")
		charge(t, e, r1, fees.KindOverdue, 5000)
		charge(t, e, r2, fees.KindLost, 8000)
		zhang := auth.Actor{Name: "张老师", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCircFees: true, auth.PermCircWaive: true}}
		li := auth.Actor{Name: "李老师", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCircFees: true}}
		at := func(local string) {
			t.Helper()
			tm, err := time.ParseInLocation("2006-01-02 15:04", local, fees.DefaultLocation())
			if err != nil {
				t.Fatal(err)
			}
			e.c.Set(tm)
		}
		must := func(_ fees.Receipt, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		at("2026-09-01 23:59") // the evening before: not in the report
		must(e.f.Pay(ctx, zhang, fees.Payment{ReaderID: r1, AmountFen: 100, Method: fees.MethodCash, Desk: "总台"}))
		at("2026-09-02 00:00")
		must(e.f.Pay(ctx, zhang, fees.Payment{ReaderID: r1, AmountFen: 1000, Method: fees.MethodCash, Desk: "总台"}))
		at("2026-09-02 09:30")
		must(e.f.Pay(ctx, zhang, fees.Payment{ReaderID: r1, AmountFen: 500, Method: fees.MethodWeChat, Desk: "总台"}))
		must(e.f.TakeDeposit(ctx, zhang, fees.Deposit{ReaderID: r2, AmountFen: 10000, Method: fees.MethodCash, Desk: "总台"}))
		must(e.f.Waive(ctx, zhang, fees.Waiver{ReaderID: r1, AmountFen: 400, Reason: "系统故障", Desk: "总台"}))
		at("2026-09-02 14:00")
		must(e.f.Pay(ctx, li, fees.Payment{ReaderID: r2, AmountFen: 8000, Method: fees.MethodAlipay, Desk: "还书台"}))
		must(e.f.RefundDeposit(ctx, li, fees.Deposit{ReaderID: r2, AmountFen: 2000, Method: fees.MethodCash, Desk: "还书台"}))
		at("2026-09-02 23:59")
		must(e.f.Pay(ctx, li, fees.Payment{ReaderID: r1, AmountFen: 200, Method: fees.MethodCash, Desk: "还书台"}))
		at("2026-09-03 00:00") // the next day: not in the report
		must(e.f.Pay(ctx, li, fees.Payment{ReaderID: r1, AmountFen: 300, Method: fees.MethodCash, Desk: "还书台"}))

		_, err := e.f.DailyCashReport(ctx, auth.Actor{Name: "x", Perms: auth.PermSet{auth.PermCircReaders: true}}, "2026-09-02")
		wantErr(t, "report without permission", err, apperr.Forbidden, "error.forbidden")
		_, err = e.f.DailyCashReport(ctx, li, "2026-9-2x")
		wantErr(t, "bad date", err, apperr.Invalid, "error.report_date_invalid")
		rep, err := e.f.DailyCashReport(ctx, auth.Actor{Name: "director", Perms: auth.PermSet{auth.PermReportsView: true}}, "2026-09-02")
		if err != nil {
			t.Fatal(err)
		}
		if !rep.From.Equal(time.Date(2026, 9, 1, 16, 0, 0, 0, time.UTC)) || !rep.To.Equal(time.Date(2026, 9, 2, 16, 0, 0, 0, time.UTC)) {
			t.Fatalf("bounds: %v – %v", rep.From, rep.To)
		}
		line := func(l fees.CashLine) string {
			return fmt.Sprintf("%s/%s/%s n%d pay%d dep%d ref%d depref%d in%d out%d net%d waived%d",
				l.Desk, l.Actor, l.Method, l.Count, l.PaymentsFen, l.DepositsFen, l.RefundsFen, l.DepositRefundsFen, l.InFen, l.OutFen, l.NetFen, l.WaivedFen)
		}
		lines := func(ls []fees.CashLine) []string {
			var out []string
			for _, l := range ls {
				out = append(out, line(l))
			}
			return out
		}
		same := func(what string, got, want []string) {
			t.Helper()
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
				t.Fatalf("%s:\n got %q\nwant %q", what, got, want)
			}
		}
		same("lines", lines(rep.Lines), []string{
			"总台/张老师/cash n2 pay1000 dep10000 ref0 depref0 in11000 out0 net11000 waived0",
			"总台/张老师/wechat n1 pay500 dep0 ref0 depref0 in500 out0 net500 waived0",
			"总台/张老师/ n1 pay0 dep0 ref0 depref0 in0 out0 net0 waived400",
			"还书台/李老师/cash n2 pay200 dep0 ref0 depref2000 in200 out2000 net-1800 waived0",
			"还书台/李老师/alipay n1 pay8000 dep0 ref0 depref0 in8000 out0 net8000 waived0",
		})
		same("people", lines(rep.People), []string{
			"总台/张老师/ n4 pay1500 dep10000 ref0 depref0 in11500 out0 net11500 waived400",
			"还书台/李老师/ n3 pay8200 dep0 ref0 depref2000 in8200 out2000 net6200 waived0",
		})
		same("methods", lines(rep.Methods), []string{
			"//cash n4 pay1200 dep10000 ref0 depref2000 in11200 out2000 net9200 waived0",
			"//wechat n1 pay500 dep0 ref0 depref0 in500 out0 net500 waived0",
			"//alipay n1 pay8000 dep0 ref0 depref0 in8000 out0 net8000 waived0",
			"// n1 pay0 dep0 ref0 depref0 in0 out0 net0 waived400",
		})
		same("total", []string{line(rep.Total)}, []string{"// n7 pay9700 dep10000 ref0 depref2000 in19700 out2000 net17700 waived400"})
	})
}
