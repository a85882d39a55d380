package circ_test

import (
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/fees"
)

func TestRenewAndItsRefusals(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		r := e.reader(t, "R1", "undergraduate")
		refused := func(what, barcode string, want ...rules.Reason) {
			t.Helper()
			before := e.count(t, `SELECT COUNT(*) FROM circ_refusals WHERE op = 'renew'`)
			_, err := e.s.Renew(ctx, desk, barcode, circ.RenewOptions{})
			wantCode(t, what, err, apperr.Conflict, "error.circ_renewal_refused")
			wantReasons(t, what, err, want...)
			if n := e.count(t, `SELECT COUNT(*) FROM circ_refusals WHERE op = 'renew'`); n != before+1 {
				t.Fatalf("%s: refusal not recorded", what)
			}
		}

		// One renewal of 30 days, counted from the due date.
		bc := e.book(t)
		l := e.checkout(t, "R1", bc)
		e.at(2026, 9, 20, 9, 0)
		got, err := e.s.Renew(ctx, desk, bc, circ.RenewOptions{})
		if err != nil || got.Renewals != 1 || local(got.DueAt) != "2026-10-31 23:59:59" {
			t.Fatalf("renew: %+v %v", got, err)
		}
		refused("renewals_exhausted", bc, rules.ReasonRenewalsExhausted)
		// An override renews once more, under the rules' period.
		got, err = e.s.RenewLoan(ctx, head, l.ID, circ.RenewOptions{Override: "论文写作"})
		if err != nil || got.Renewals != 2 || local(got.DueAt) != "2026-11-30 23:59:59" {
			t.Fatalf("renew by override: %+v %v", got, err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM loan_events WHERE kind = 'renew' AND loan_id = $1`, l.ID); n != 2 {
			t.Fatalf("renew events %d", n)
		}

		// Overdue loans may not be renewed under the default rules.
		e.c.Set(t0)
		late := e.book(t)
		e.checkout(t, "R1", late)
		e.at(2026, 10, 2, 9, 0)
		refused("overdue_blocks_renewal", late, rules.ReasonOverdueBlocksRenewal)

		// Another reader's hold, with no other copy on the shelves.
		e.c.Set(t0)
		held := e.book(t)
		e.checkout(t, "R1", held)
		other := e.reader(t, "R2", "undergraduate")
		rec := e.recordOf(t, held)
		if _, err := e.s.PlaceHold(ctx, desk, circ.HoldRequest{ReaderID: other.ID, RecordID: rec, PickupBranch: "main"}); err != nil {
			t.Fatal(err)
		}
		refused("item_held_for_other", held, rules.ReasonItemHeldForOther)
		// A second copy on the shelves serves the hold: renewal allowed.
		e.item(t, rec, "book", "stacks", 0)
		if _, err := e.s.Renew(ctx, desk, held, circ.RenewOptions{}); err != nil {
			t.Fatalf("renew with a spare copy: %v", err)
		}

		// A recalled loan.
		recalled := e.book(t)
		e.checkout(t, "R1", recalled)
		if _, err := e.s.Recall(ctx, desk, recalled, ""); err != nil {
			t.Fatal(err)
		}
		refused("loan_recalled", recalled, rules.ReasonLoanRecalled)

		// Debts over the limit, a blocked card, rules that stopped lending.
		plain := e.book(t)
		e.checkout(t, "R1", plain)
		ok(t)(e.f.Charge(ctx, admin, fees.Charge{ReaderID: r.ID, Kind: fees.KindOther, AmountFen: 1500}))
		refused("fees_over_limit", plain, rules.ReasonFeesOverLimit)
		ok(t)(e.r.Block(ctx, admin, r.ID, "test"))
		refused("card_blocked", plain, rules.ReasonCardBlocked, rules.ReasonFeesOverLimit)
		ok(t)(e.r.LiftBlock(ctx, admin, r.ID))
		ok(t)(e.r.ReportLost(ctx, admin, r.ID, ""))
		refused("card_lost", plain, rules.ReasonCardLost, rules.ReasonFeesOverLimit)
		ok(t)(e.r.Unblock(ctx, admin, r.ID, ""))
		ok(t)(e.r.Expire(ctx, admin, r.ID, ""))
		refused("card_expired", plain, rules.ReasonCardExpired, rules.ReasonFeesOverLimit)
		ok(t)(e.r.Extend(ctx, admin, r.ID, "2030-06-30"))
		ok(t)(e.p.CreateRule(ctx, admin, rules.Row{Category: "undergraduate", ItemType: "book", Branch: "*", Policy: rules.Policy{NotForLoan: true}}))
		refused("item_not_for_loan", plain, rules.ReasonItemNotForLoan, rules.ReasonFeesOverLimit, rules.ReasonRenewalsExhausted)

		// The OPAC renews only the signed-in reader's loans.
		_, err = e.s.Renew(ctx, desk, plain, circ.RenewOptions{ReaderID: other.ID})
		wantCode(t, "another reader's loan", err, apperr.Conflict, "error.circ_not_on_loan")
		_, err = e.s.Renew(ctx, desk, e.book(t), circ.RenewOptions{})
		wantCode(t, "not on loan", err, apperr.Conflict, "error.circ_not_on_loan")
	})
}

func TestRenewAll(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		r := e.reader(t, "R1", "undergraduate")
		a, b, c := e.book(t), e.book(t), e.book(t)
		for _, bc := range []string{a, b, c} {
			e.checkout(t, "R1", bc)
		}
		other := e.reader(t, "R2", "undergraduate")
		if _, err := e.s.PlaceHold(ctx, desk, circ.HoldRequest{ReaderID: other.ID, Barcode: b, PickupBranch: "main"}); err != nil {
			t.Fatal(err)
		}
		e.at(2026, 9, 25, 9, 0)
		out, err := e.s.RenewAll(ctx, desk, r.ID, circ.RenewOptions{})
		if err != nil || len(out) != 3 {
			t.Fatalf("renew all: %+v %v", out, err)
		}
		for _, rn := range out {
			want := rn.Loan.Barcode != b
			if rn.Renewed != want {
				t.Errorf("%s: renewed %v", rn.Loan.Barcode, rn.Renewed)
			}
			if !want && (len(rn.Refusals) != 1 || rn.Refusals[0].Reason != rules.ReasonItemHeldForOther) {
				t.Errorf("%s: refusals %+v", rn.Loan.Barcode, rn.Refusals)
			}
			if want && local(rn.Loan.DueAt) != "2026-10-31 23:59:59" {
				t.Errorf("%s: due %s", rn.Loan.Barcode, local(rn.Loan.DueAt))
			}
		}
		if n := e.count(t, `SELECT COUNT(*) FROM circ_refusals WHERE op = 'renew'`); n != 1 {
			t.Errorf("refusals recorded %d", n)
		}
	})
}

func TestRecall(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		r := e.reader(t, "R1", "undergraduate")
		bc := e.book(t)
		l := e.checkout(t, "R1", bc)
		e.at(2026, 9, 3, 11, 0)
		got, err := e.s.Recall(ctx, desk, bc, "教师急需")
		if err != nil {
			t.Fatal(err)
		}
		// Seven days after the recall, at the end of the day.
		if local(got.DueAt) != "2026-09-10 23:59:59" || got.RecalledAt == nil {
			t.Fatalf("recalled loan %+v", got)
		}
		if _, err := e.s.Recall(ctx, desk, bc, ""); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("second recall: %v", err)
		}
		n, err := e.s.PendingNotices(ctx, desk, 0)
		if err != nil || len(n) != 1 || n[0].Kind != circ.NoticeRecall || n[0].ReaderID != r.ID || n[0].LoanID != l.ID {
			t.Fatalf("notices %+v %v", n, err)
		}
		if sent, err := e.s.MarkNoticesSent(ctx, desk, []int64{n[0].ID}); err != nil || sent != 1 {
			t.Fatalf("mark sent: %d %v", sent, err)
		}
		// A recall never lengthens a loan: a loan due sooner keeps its date.
		short := e.book(t)
		e.at(2026, 8, 29, 10, 0) // lent earlier: due 28 September
		e.checkout(t, "R1", short)
		e.at(2026, 9, 25, 10, 0)
		got, err = e.s.Recall(ctx, desk, short, "")
		if err != nil || local(got.DueAt) != "2026-09-28 23:59:59" {
			t.Fatalf("recall of a loan due soon: %+v %v", got, err)
		}
	})
}
