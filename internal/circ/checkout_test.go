package circ_test

import (
	"strconv"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

func TestCheckoutAndCheckin(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		r := e.reader(t, "R001", "undergraduate")
		bc := e.book(t)
		l := e.checkout(t, "R001", bc)
		if l.ReaderID != r.ID || l.Barcode != bc || l.Branch != "main" || l.Category != "undergraduate" || l.Renewals != 0 || !l.Open() {
			t.Fatalf("loan %+v", l)
		}
		// 30 days after Tuesday 1 September, at the end of the local day.
		if got := local(l.DueAt); got != "2026-10-01 23:59:59" {
			t.Fatalf("due %s", got)
		}
		if s := e.status(t, bc); s != "on_loan" {
			t.Fatalf("status %s", s)
		}
		if n := e.count(t, `SELECT loans FROM bib_records b JOIN items i ON i.bib_id = b.id WHERE i.barcode = $1`, bc); n != 1 {
			t.Fatalf("record loans %d", n)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'loan.checkout' AND entity_id = $1`, strconv.FormatInt(l.ID, 10)); n != 1 {
			t.Fatalf("audit entries %d", n)
		}
		loans, err := e.s.ReaderLoans(ctx, desk, r.ID)
		if err != nil || len(loans) != 1 || loans[0].ID != l.ID || loans[0].Overdue {
			t.Fatalf("reader loans %+v %v", loans, err)
		}
		if got, err := e.s.ItemLoan(ctx, desk, bc); err != nil || got.ID != l.ID {
			t.Fatalf("item loan %+v %v", got, err)
		}

		e.at(2026, 9, 20, 15, 0)
		ret := e.checkin(t, bc, "")
		if ret.Loan == nil || ret.Loan.Outcome != "returned" || ret.Loan.ReturnedBranch != "main" || ret.Fine == nil || ret.Fine.AmountFen != 0 {
			t.Fatalf("return %+v", ret)
		}
		if ret.Next != circ.NextShelve || ret.Location != "stacks" || ret.Receipt == nil || ret.Receipt.CardNumber != "R001" {
			t.Fatalf("routing %+v receipt %+v", ret.Routing, ret.Receipt)
		}
		if s := e.status(t, bc); s != "available" {
			t.Fatalf("status after return %s", s)
		}
		q, err := e.s.ShelvingQueue(ctx, desk, "stacks")
		if err != nil || len(q) != 1 || q[0].Barcode != bc {
			t.Fatalf("shelving queue %+v %v", q, err)
		}
		if _, err := e.s.ItemLoan(ctx, desk, bc); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("item loan after return: %v", err)
		}
		// Lent again straight from the returns cart: off the queue.
		e.checkout(t, "R001", bc)
		if q, _ := e.s.ShelvingQueue(ctx, desk, ""); len(q) != 0 {
			t.Fatalf("shelving queue after second loan %+v", q)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM loan_events`); n != 3 {
			t.Fatalf("loan events %d", n)
		}
		// The same reader presenting the same item renews it.
		again, err := e.s.Checkout(ctx, desk, "R001", bc, circ.CheckoutOptions{})
		if err != nil || !again.Renewed || again.Renewals != 1 {
			t.Fatalf("checkout of an item on loan to the reader: %+v %v", again, err)
		}
		// Unknown card and barcode are plain NotFound errors.
		if _, err := e.s.Checkout(ctx, desk, "NOPE", bc, circ.CheckoutOptions{}); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("unknown card: %v", err)
		}
		if _, err := e.s.Checkout(ctx, desk, "R001", "NOPE", circ.CheckoutOptions{}); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("unknown barcode: %v", err)
		}
		if _, err := e.s.Checkout(ctx, nobody, "R001", bc, circ.CheckoutOptions{}); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("no permission: %v", err)
		}
	})
}

func TestCheckoutRefusals(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		ok(t)(e.p.CreateLimit(ctx, admin, rules.LimitRow{Category: "child", Branch: "*",
			Limits: rules.Limits{MaxLoans: 1, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 5}}))
		ok(t)(e.p.CreateLimit(ctx, admin, rules.LimitRow{Category: "external", Branch: "*",
			Limits: rules.Limits{MaxLoans: 5, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 5, DepositCoversLoans: true}}))
		ok(t)(e.p.CreateRule(ctx, admin, rules.Row{Category: "postgraduate", ItemType: "disc", Branch: "*",
			Policy: rules.Policy{Period: 7, MaxOfType: 1, HoldsAllowed: true}}))
		refused := func(what, card, barcode string, want ...rules.Reason) {
			t.Helper()
			before := e.count(t, `SELECT COUNT(*) FROM circ_refusals`)
			_, err := e.s.Checkout(ctx, desk, card, barcode, circ.CheckoutOptions{})
			wantCode(t, what, err, apperr.Conflict, "error.circ_checkout_refused")
			wantReasons(t, what, err, want...)
			if n := e.count(t, `SELECT COUNT(*) FROM circ_refusals`); n != before+1 {
				t.Fatalf("%s: refusal not recorded (%d → %d)", what, before, n)
			}
		}
		book := e.book(t)

		lost := e.reader(t, "LOST", "undergraduate")
		ok(t)(e.r.ReportLost(ctx, admin, lost.ID, ""))
		refused("card_lost", "LOST", book, rules.ReasonCardLost)

		old := e.reader(t, "OLD", "undergraduate")
		ok(t)(e.r.Replace(ctx, admin, old.ID, readers.Replacement{NewNumber: "NEW"}))
		refused("card_replaced", "OLD", book, circ.ReasonCardReplaced)
		e.checkout(t, "NEW", e.book(t)) // the new card lends

		blocked := e.reader(t, "BLOCKED", "undergraduate")
		ok(t)(e.r.Block(ctx, admin, blocked.ID, "misconduct"))
		refused("card_blocked", "BLOCKED", book, rules.ReasonCardBlocked)

		left := e.reader(t, "LEFT", "undergraduate")
		ok(t)(e.r.Clear(ctx, admin, left.ID, readers.Clearance{}))
		refused("card_cleared", "LEFT", book, rules.ReasonCardCleared)

		expired := e.reader(t, "EXPIRED", "undergraduate")
		ok(t)(e.r.Expire(ctx, admin, expired.ID, ""))
		refused("card_expired (status)", "EXPIRED", book, rules.ReasonCardExpired)
		if _, err := e.r.Register(ctx, admin, "OUTDATED", readers.Details{Name: "过期", Category: "undergraduate", ExpiresOn: "2026-08-31"}); err != nil {
			t.Fatal(err)
		}
		refused("card_expired (date)", "OUTDATED", book, rules.ReasonCardExpired)

		debtor := e.reader(t, "DEBTOR", "undergraduate")
		ok(t)(e.f.Charge(ctx, admin, fees.Charge{ReaderID: debtor.ID, Kind: fees.KindOther, AmountFen: 1001}))
		refused("fees_over_limit", "DEBTOR", book, rules.ReasonFeesOverLimit)

		e.reader(t, "LATE", "undergraduate")
		e.checkout(t, "LATE", e.book(t))
		e.at(2026, 10, 2, 9, 0)
		refused("has_overdue", "LATE", book, rules.ReasonHasOverdue)
		e.c.Set(t0)

		e.reader(t, "CHILD", "child")
		e.checkout(t, "CHILD", e.book(t))
		refused("too_many_items", "CHILD", book, rules.ReasonTooManyItems)

		e.reader(t, "PG", "postgraduate")
		e.checkout(t, "PG", e.item(t, 0, "disc", "stacks", 0))
		refused("too_many_of_type", "PG", e.item(t, 0, "disc", "stacks", 0), rules.ReasonTooManyOfType)

		ext := e.reader(t, "EXT", "external")
		refused("deposit_insufficient", "EXT", book, rules.ReasonDepositInsufficient)
		ok(t)(e.f.TakeDeposit(ctx, admin, fees.Deposit{ReaderID: ext.ID, AmountFen: 5000, Method: fees.MethodCash}))
		e.checkout(t, "EXT", e.book(t))

		e.reader(t, "R1", "undergraduate")
		refused("item_not_for_loan", "R1", e.item(t, 0, "reference", "stacks", 0), rules.ReasonItemNotForLoan)

		missing := e.book(t)
		noErr(t, e.d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`UPDATE items SET status = 'missing' WHERE barcode = $1`, missing)
			return err
		}))
		refused("item_not_available", "R1", missing, rules.ReasonItemNotAvailable)

		wanted := e.book(t)
		holder := e.reader(t, "HOLDER", "undergraduate")
		if _, err := e.s.PlaceHold(ctx, desk, circ.HoldRequest{ReaderID: holder.ID, Barcode: wanted, PickupBranch: "main"}); err != nil {
			t.Fatal(err)
		}
		refused("item_held_for_other", "R1", wanted, rules.ReasonItemHeldForOther)
		e.checkout(t, "HOLDER", wanted) // fulfils the hold
		if h, _ := e.s.ReaderHolds(ctx, desk, holder.ID); len(h) != 0 {
			t.Fatalf("hold not fulfilled: %+v", h)
		}

		// Every reason at once: a lost card, debts, a reference book.
		ok(t)(e.f.Charge(ctx, admin, fees.Charge{ReaderID: lost.ID, Kind: fees.KindOther, AmountFen: 2000}))
		refused("several", "LOST", e.item(t, 0, "reference", "stacks", 0),
			rules.ReasonCardLost, rules.ReasonFeesOverLimit, rules.ReasonItemNotForLoan)

		if n := e.count(t, `SELECT COUNT(*) FROM loans WHERE returned_at IS NULL`); n != 6 {
			t.Fatalf("open loans %d", n)
		}
	})
}

func TestOverride(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		e.reader(t, "R1", "undergraduate")
		ref := e.item(t, 0, "reference", "stacks", 0)

		_, err := e.s.Checkout(ctx, desk, "R1", ref, circ.CheckoutOptions{Override: "教师上课用"})
		wantCode(t, "override without permission", err, apperr.Forbidden, "error.circ_override_forbidden")
		wantReasons(t, "override without permission", err, rules.ReasonItemNotForLoan)

		_, err = e.s.Checkout(ctx, desk, "R1", ref, circ.CheckoutOptions{DueOn: mustDate("2026-09-03")})
		wantCode(t, "due date without override", err, apperr.Invalid, "error.circ_due_needs_override")

		l, err := e.s.Checkout(ctx, head, "R1", ref, circ.CheckoutOptions{Override: "教师上课用"})
		if err != nil {
			t.Fatal(err)
		}
		if l.Override != "教师上课用" || l.OverrideBy != "head" || len(l.OverrideReasons) != 1 || l.OverrideReasons[0] != rules.ReasonItemNotForLoan {
			t.Fatalf("override not kept: %+v", l)
		}
		if got := local(l.DueAt); got != "2026-09-01 23:59:59" {
			t.Fatalf("a reference book lent by exception is due tonight, got %s", got)
		}
		ref2 := e.item(t, 0, "reference", "stacks", 0)
		l2, err := e.s.Checkout(ctx, head, "R1", ref2, circ.CheckoutOptions{Override: "周末借阅", DueOn: mustDate("2026-09-03")})
		if err != nil || local(l2.DueAt) != "2026-09-03 23:59:59" {
			t.Fatalf("override with a due day: %+v %v", l2, err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM circ_refusals WHERE overridden = TRUE`); n != 2 {
			t.Fatalf("overridden refusals recorded: %d", n)
		}

		lost := e.reader(t, "LOST", "undergraduate")
		ok(t)(e.r.ReportLost(ctx, admin, lost.ID, ""))
		_, err = e.s.Checkout(ctx, head, "LOST", e.book(t), circ.CheckoutOptions{Override: "认识本人"})
		wantCode(t, "not overridable", err, apperr.Conflict, "error.circ_not_overridable")
		wantReasons(t, "not overridable", err, rules.ReasonCardLost)
		if rs, _ := circ.RefusalsOf(err); rs[0].Overridable {
			t.Fatal("card_lost reported overridable")
		}
		// Overriding with nothing to override lends normally.
		l3, err := e.s.Checkout(ctx, head, "R1", e.book(t), circ.CheckoutOptions{Override: "无"})
		if err != nil || l3.Override != "" || local(l3.DueAt) != "2026-10-01 23:59:59" {
			t.Fatalf("needless override: %+v %v", l3, err)
		}
	})
}

func TestDueDatesCalendarAndZone(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		e.reader(t, "R1", "undergraduate")
		ok(t)(e.p.SetCalendar(ctx, admin, rules.Calendar{Branch: "*", ClosedWeekdays: []time.Weekday{time.Monday}}))
		cases := []struct {
			loan time.Time
			want string
		}{
			// 00:30 on Tuesday 8 September in Shanghai is still Monday in
			// UTC: the library's day counts, 8 October (a Thursday).
			{time.Date(2026, 9, 8, 0, 30, 0, 0, shanghai), "2026-10-08 23:59:59"},
			// 30 days after Saturday 5 September is Monday 5 October,
			// closed: due on Tuesday.
			{time.Date(2026, 9, 5, 14, 0, 0, 0, shanghai), "2026-10-06 23:59:59"},
			// Late evening counts as the same day.
			{time.Date(2026, 9, 8, 23, 50, 0, 0, shanghai), "2026-10-08 23:59:59"},
		}
		for _, c := range cases {
			e.c.Set(c.loan)
			l := e.checkout(t, "R1", e.book(t))
			if got := local(l.DueAt); got != c.want {
				t.Errorf("loan at %s: due %s, want %s", local(c.loan), got, c.want)
			}
		}
		// 国庆节: closed 1–7 October; a loan due on 1 October moves to the 8th.
		ok(t)(e.p.SetCalendar(ctx, admin, rules.Calendar{Branch: "*", ClosedWeekdays: []time.Weekday{time.Monday},
			Exceptions: []rules.Exception{{From: mustDate("2026-10-01"), To: mustDate("2026-10-07"), Note: "国庆节"}}}))
		e.c.Set(t0)
		if l := e.checkout(t, "R1", e.book(t)); local(l.DueAt) != "2026-10-08 23:59:59" {
			t.Errorf("holiday: due %s", local(l.DueAt))
		}
		// A branch calendar of its own: north is open every day.
		ok(t)(e.p.SetCalendar(ctx, admin, rules.Calendar{Branch: "north"}))
		l, err := e.s.Checkout(ctx, desk, "R1", e.item(t, 0, "book", "north_stacks", 0), circ.CheckoutOptions{Branch: "north"})
		if err != nil || local(l.DueAt) != "2026-10-01 23:59:59" || l.Branch != "north" {
			t.Errorf("north calendar: %+v %v", l, err)
		}
		// The library's zone decides the day: in UTC the loan of 00:30
		// Shanghai time is made on Monday 7 September.
		st, err := e.p.Settings(ctx, admin)
		if err != nil {
			t.Fatal(err)
		}
		st.TimeZone = "UTC"
		ok(t)(e.p.SetSettings(ctx, admin, st))
		noErr(t, e.p.DeleteCalendar(ctx, admin, "*"))
		e.c.Set(time.Date(2026, 9, 8, 0, 30, 0, 0, shanghai))
		if l := e.checkout(t, "R1", e.book(t)); l.DueAt.Format("2006-01-02 15:04:05") != "2026-10-07 23:59:59" {
			t.Errorf("UTC zone: due %s UTC", l.DueAt.Format("2006-01-02 15:04:05"))
		}
	})
}

func TestFines(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		ug := e.reader(t, "UG", "undergraduate")
		staff := e.reader(t, "ST", "staff")
		cases := []struct {
			what   string
			card   string
			price  int64
			back   time.Time
			fine   int64
			reader int64
		}{
			{"on the due day", "UG", 3000, time.Date(2026, 10, 1, 23, 0, 0, 0, shanghai), 0, ug.ID},
			{"five days late", "UG", 3000, time.Date(2026, 10, 6, 10, 0, 0, 0, shanghai), 50, ug.ID},
			{"capped at the price", "UG", 30, time.Date(2026, 10, 11, 10, 0, 0, 0, shanghai), 30, ug.ID},
			// staff: 90 days, 3 grace days forgiven when back within them.
			{"within grace", "ST", 3000, time.Date(2026, 12, 3, 10, 0, 0, 0, shanghai), 0, staff.ID},
			{"after grace", "ST", 3000, time.Date(2026, 12, 4, 10, 0, 0, 0, shanghai), 40, staff.ID},
		}
		var owed = map[int64]int64{}
		for _, c := range cases {
			e.c.Set(t0)
			bc := e.item(t, 0, "book", "stacks", c.price)
			e.checkout(t, c.card, bc)
			e.c.Set(c.back)
			ret := e.checkin(t, bc, "")
			if ret.Fine.AmountFen != c.fine || ret.Loan.FineFen != c.fine || ret.Receipt.FineFen != c.fine {
				t.Errorf("%s: fine %+v, want %d", c.what, ret.Fine, c.fine)
			}
			if (ret.FineEntryID != 0) != (c.fine > 0) {
				t.Errorf("%s: fine entry %d", c.what, ret.FineEntryID)
			}
			owed[c.reader] += c.fine
			if got := e.owed(t, c.reader); got != owed[c.reader] || ret.Receipt.OwedFen != got {
				t.Errorf("%s: owed %d (receipt %d), want %d", c.what, got, ret.Receipt.OwedFen, owed[c.reader])
			}
		}
		// Open days only: closed 2–4 October, back on the 6th: two open
		// days late (5th and 6th), not five.
		ok(t)(e.p.SetCalendar(ctx, admin, rules.Calendar{Branch: "*",
			Exceptions: []rules.Exception{{From: mustDate("2026-10-02"), To: mustDate("2026-10-04")}}}))
		st, err := e.p.Settings(ctx, admin)
		if err != nil {
			t.Fatal(err)
		}
		st.FinesOpenDaysOnly = true
		ok(t)(e.p.SetSettings(ctx, admin, st))
		e.c.Set(t0)
		bc := e.book(t)
		e.checkout(t, "UG", bc)
		e.at(2026, 10, 6, 10, 0)
		ret := e.checkin(t, bc, "")
		if ret.Fine.AmountFen != 20 || ret.Fine.Late != 5 || ret.Fine.Counted != 2 || ret.Receipt.DaysLate != 5 {
			t.Errorf("open days only: %+v", ret.Fine)
		}
		stm, err := e.f.Statement(ctx, admin, ug.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := stm.Entries[len(stm.Entries)-1]
		if last.Kind != fees.KindOverdue || last.AmountFen != 20 || last.LoanID != ret.Loan.ID || last.ItemID != ret.ItemID {
			t.Errorf("fee entry %+v", last)
		}
	})
}
