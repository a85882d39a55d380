package circ_test

import (
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/readers"
)

func TestProxyCheckout(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		prof := e.reader(t, "PROF", "staff")
		student := e.reader(t, "STU", "undergraduate")
		bc := e.book(t)
		_, err := e.s.Checkout(ctx, desk, "STU", bc, circ.CheckoutOptions{ForReader: prof.ID})
		wantReasons(t, "no authorisation", err, circ.ReasonProxyNotAuthorised)
		_, err = e.s.Checkout(ctx, head, "STU", bc, circ.CheckoutOptions{ForReader: prof.ID, Override: "电话确认"})
		wantCode(t, "proxy refusal is not overridable", err, apperr.Conflict, "error.circ_not_overridable")

		p, err := e.s.AuthoriseProxy(ctx, desk, prof.ID, student.ID, rules.Date{}, mustDate("2026-12-31"), "研究助理")
		if err != nil || p.From.String() != "2026-09-01" || p.ProxyName != student.Name {
			t.Fatalf("authorise: %+v %v", p, err)
		}
		if _, err := e.s.AuthoriseProxy(ctx, desk, prof.ID, student.ID, rules.Date{}, rules.Date{}, ""); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("second authorisation: %v", err)
		}
		if _, err := e.s.AuthoriseProxy(ctx, desk, prof.ID, prof.ID, rules.Date{}, rules.Date{}, ""); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("self: %v", err)
		}
		l, err := e.s.Checkout(ctx, desk, "STU", bc, circ.CheckoutOptions{ForReader: prof.ID})
		if err != nil || l.ReaderID != prof.ID || l.ProxyID != student.ID || l.Category != "staff" {
			t.Fatalf("proxy loan %+v %v", l, err)
		}
		// Staff rules: 90 days.
		if local(l.DueAt) != "2026-11-30 23:59:59" {
			t.Fatalf("due %s", local(l.DueAt))
		}
		if loans, _ := e.s.ReaderLoans(ctx, desk, student.ID); len(loans) != 0 {
			t.Fatalf("the proxy has no loans of their own: %+v", loans)
		}
		// The proxy's own card must be usable.
		ok(t)(e.r.Block(ctx, admin, student.ID, "test"))
		_, err = e.s.Checkout(ctx, desk, "STU", e.book(t), circ.CheckoutOptions{ForReader: prof.ID})
		wantReasons(t, "blocked proxy", err, rules.ReasonCardBlocked)
		ok(t)(e.r.LiftBlock(ctx, admin, student.ID))
		ps, err := e.s.Proxies(ctx, desk, student.ID)
		if err != nil || len(ps) != 1 || !ps[0].ActiveOn(mustDate("2026-09-01")) {
			t.Fatalf("proxies %+v %v", ps, err)
		}
		if _, err := e.s.RevokeProxy(ctx, desk, p.ID); err != nil {
			t.Fatal(err)
		}
		_, err = e.s.Checkout(ctx, desk, "STU", e.book(t), circ.CheckoutOptions{ForReader: prof.ID})
		wantReasons(t, "revoked", err, circ.ReasonProxyNotAuthorised)
		// After the last day the authorisation lapses.
		ok(t)(e.s.AuthoriseProxy(ctx, desk, prof.ID, student.ID, rules.Date{}, mustDate("2026-09-30"), ""))
		e.at(2026, 10, 1, 9, 0)
		_, err = e.s.Checkout(ctx, desk, "STU", e.book(t), circ.CheckoutOptions{ForReader: prof.ID})
		wantReasons(t, "lapsed", err, circ.ReasonProxyNotAuthorised)
	})
}

func TestLostAndFound(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		r := e.reader(t, "R1", "undergraduate")
		bc := e.item(t, 0, "book", "stacks", 4500)
		e.checkout(t, "R1", bc)
		e.at(2026, 10, 11, 10, 0) // ten days late
		lost, err := e.s.DeclareLost(ctx, desk, bc, circ.LostOptions{ChargeFine: true, Note: "读者遗失"})
		if err != nil {
			t.Fatal(err)
		}
		if lost.Loan.Outcome != "lost" || lost.Loan.ReturnedAt == nil || e.status(t, bc) != "lost" {
			t.Fatalf("lost loan %+v status %s", lost.Loan, e.status(t, bc))
		}
		var kinds []fees.Kind
		var total int64
		for _, c := range lost.Charges {
			kinds = append(kinds, c.Kind)
			total += c.AmountFen
		}
		if len(kinds) != 3 || kinds[0] != fees.KindOverdue || kinds[1] != fees.KindLost || kinds[2] != fees.KindProcessing || total != 100+4500+500 {
			t.Fatalf("charges %+v", lost.Charges)
		}
		if got := e.owed(t, r.ID); got != total {
			t.Fatalf("owed %d", got)
		}
		if c, err := e.r.CheckClearance(ctx, desk, r.ID); err != nil || c.OpenLoans != 0 {
			t.Fatalf("a lost loan is closed: %+v %v", c, err)
		}
		_, err = e.s.DeclareLost(ctx, desk, bc, circ.LostOptions{})
		wantCode(t, "lost twice", err, apperr.Conflict, "error.circ_not_on_loan")
		// Found in the book drop a month later.
		e.at(2026, 11, 12, 10, 0)
		ret := e.checkin(t, bc, "")
		if !ret.Found || ret.LostLoanID != lost.Loan.ID || ret.Loan != nil || ret.Next != circ.NextShelve || e.status(t, bc) != "available" {
			t.Fatalf("found: %+v", ret)
		}
		// No price known: only the processing fee.
		bc2 := e.item(t, 0, "book", "stacks", 0)
		rec2 := e.recordOf(t, bc2)
		noErr(t, e.d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`UPDATE bib_records SET price_fen = 0 WHERE id = $1`, rec2)
			return err
		}))
		e.reader(t, "R2", "undergraduate")
		e.checkout(t, "R2", bc2)
		lost2, err := e.s.DeclareLost(ctx, desk, bc2, circ.LostOptions{ProcessingFeeFen: 800})
		if err != nil || len(lost2.Charges) != 1 || lost2.Charges[0].AmountFen != 800 {
			t.Fatalf("lost without a price: %+v %v", lost2, err)
		}
	})
}

func TestDamageAndRepair(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		r := e.reader(t, "R1", "undergraduate")
		bc := e.book(t)
		e.checkout(t, "R1", bc)
		_, err := e.s.Checkin(ctx, head, bc, circ.CheckinOptions{Damage: "封面撕破", DamageFeeFen: 500})
		wantCode(t, "damage fee without circ.fees", err, apperr.Forbidden, "")
		ret, err := e.s.Checkin(ctx, desk, bc, circ.CheckinOptions{Damage: "封面撕破", DamageFeeFen: 500, Repair: true})
		if err != nil || ret.Next != circ.NextRepair || ret.DamageNoteID == 0 || ret.DamageEntryID == 0 || ret.Receipt.DamageFeeFen != 500 {
			t.Fatalf("damage: %+v %v", ret, err)
		}
		if e.status(t, bc) != "in_repair" || e.owed(t, r.ID) != 500 {
			t.Fatalf("status %s owed %d", e.status(t, bc), e.owed(t, r.ID))
		}
		q, err := e.s.RepairQueue(ctx, desk, "main")
		if err != nil || len(q) != 1 || q[0].Note != "封面撕破" {
			t.Fatalf("repair queue %+v %v", q, err)
		}
		// Back from repair through the return desk.
		if ret := e.checkin(t, bc, ""); ret.Next != circ.NextShelve || e.status(t, bc) != "available" {
			t.Fatalf("back from repair: %+v", ret.Routing)
		}
		_, err = e.s.Checkin(ctx, desk, bc, circ.CheckinOptions{Damage: "水渍", DamageFeeFen: 300})
		wantCode(t, "damage fee on an item not on loan", err, apperr.Invalid, "error.circ_damage_needs_loan")
		// A damage note without a fee on an item not on loan is fine.
		if ret, err := e.s.Checkin(ctx, desk, bc, circ.CheckinOptions{Damage: "书脊松动"}); err != nil || ret.DamageNoteID == 0 {
			t.Fatalf("note only: %+v %v", ret, err)
		}
	})
}

func TestStatistics(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		e.reader(t, "U", "undergraduate")
		e.reader(t, "S", "staff")
		a, b, c := e.book(t), e.book(t), e.item(t, 0, "book", "north_stacks", 0)
		e.checkout(t, "U", a)
		e.checkout(t, "S", b)
		if _, err := e.s.Checkout(ctx, desk, "U", c, circ.CheckoutOptions{Branch: "north"}); err != nil {
			t.Fatal(err)
		}
		_, err := e.s.Checkout(ctx, desk, "U", e.item(t, 0, "reference", "stacks", 0), circ.CheckoutOptions{})
		wantReasons(t, "reference", err, rules.ReasonItemNotForLoan)
		e.at(2026, 9, 2, 10, 0)
		e.checkin(t, a, "")
		e.checkin(t, c, "north")
		if _, err := e.s.Renew(ctx, desk, b, circ.RenewOptions{}); err != nil {
			t.Fatal(err)
		}
		_, err = e.s.Checkout(ctx, desk, "S", b, circ.CheckoutOptions{}) // renews, not refused
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.s.Checkout(ctx, desk, "U", b, circ.CheckoutOptions{})
		wantReasons(t, "on loan", err, rules.ReasonItemNotAvailable)

		q := circ.StatsQuery{From: mustDate("2026-09-01"), To: mustDate("2026-09-30")}
		st, err := e.s.CirculationStats(ctx, desk, q)
		if err != nil {
			t.Fatal(err)
		}
		type key struct{ day, branch, cat string }
		got := map[key]circ.CircStat{}
		var loans, returns, renewals int
		for _, s := range st {
			got[key{s.Day, s.Branch, s.Category}] = s
			loans, returns, renewals = loans+s.Loans, returns+s.Returns, renewals+s.Renewals
		}
		if loans != 3 || returns != 2 || renewals != 2 {
			t.Fatalf("totals %d loans %d returns %d renewals: %+v", loans, returns, renewals, st)
		}
		if s := got[key{"2026-09-01", "main", "undergraduate"}]; s.Loans != 1 {
			t.Errorf("main undergraduate 1 Sept: %+v", s)
		}
		if s := got[key{"2026-09-01", "north", "undergraduate"}]; s.Loans != 1 {
			t.Errorf("north 1 Sept: %+v", s)
		}
		if s := got[key{"2026-09-02", "main", "staff"}]; s.Renewals != 2 {
			t.Errorf("staff renewals 2 Sept: %+v", s)
		}
		if s := got[key{"2026-09-02", "north", "undergraduate"}]; s.Returns != 1 {
			t.Errorf("north returns 2 Sept: %+v", s)
		}
		rs, err := e.s.RefusalStats(ctx, desk, q)
		if err != nil || len(rs) != 2 {
			t.Fatalf("refusal stats %+v %v", rs, err)
		}
		if rs[0].Day != "2026-09-01" || rs[0].Reason != rules.ReasonItemNotForLoan || rs[0].Count != 1 || rs[0].Category != "undergraduate" ||
			rs[1].Day != "2026-09-02" || rs[1].Reason != rules.ReasonItemNotAvailable || rs[1].Op != circ.OpCheckout {
			t.Fatalf("refusal stats %+v", rs)
		}
		only, err := e.s.CirculationStats(ctx, desk, circ.StatsQuery{From: q.From, To: q.To, Branch: "north"})
		if err != nil || len(only) != 2 {
			t.Fatalf("north only %+v %v", only, err)
		}
		_, err = e.s.CirculationStats(ctx, desk, circ.StatsQuery{From: q.To, To: q.From})
		wantCode(t, "reversed range", err, apperr.Invalid, "error.circ_stats_range")
		_, err = e.s.CirculationStats(ctx, nobody, q)
		wantCode(t, "no permission", err, apperr.Forbidden, "")
	})
}

func TestClearanceCountsOpenLoans(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		r := e.reader(t, "R1", "undergraduate")
		bc := e.book(t)
		e.checkout(t, "R1", bc)
		c, err := e.r.CheckClearance(ctx, desk, r.ID)
		if err != nil || c.OpenLoans != 1 || c.CanClear() {
			t.Fatalf("clearance with a loan: %+v %v", c, err)
		}
		if _, err := e.r.Clear(ctx, desk, r.ID, readers.Clearance{}); err == nil {
			t.Fatal("cleared with a loan")
		}
		e.checkin(t, bc, "")
		if c, err := e.r.CheckClearance(ctx, desk, r.ID); err != nil || c.OpenLoans != 0 || !c.CanClear() {
			t.Fatalf("clearance after the return: %+v %v", c, err)
		}
	})
}

func TestLoanHistoryAndAnonymising(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		keeper := e.reader(t, "K", "undergraduate")
		other := e.reader(t, "O", "undergraduate")
		noErr(t, e.s.SetLoanHistory(ctx, desk, keeper.ID, true))
		if keeps, err := e.s.KeepsLoanHistory(ctx, desk, keeper.ID); err != nil || !keeps {
			t.Fatalf("keeps %v %v", keeps, err)
		}
		a, b := e.book(t), e.book(t)
		e.checkout(t, "K", a)
		e.checkout(t, "O", b)
		e.at(2026, 9, 5, 10, 0)
		e.checkin(t, a, "")
		e.checkin(t, b, "")
		for _, r := range []int64{keeper.ID, other.ID} {
			if h, err := e.s.LoanHistory(ctx, desk, r, 0); err != nil || len(h) != 1 {
				t.Fatalf("history of %d within retention: %+v %v", r, h, err)
			}
		}
		// Thirty days later only the keeper's loan stays linked.
		e.at(2026, 10, 10, 3, 0)
		n, err := e.s.AnonymiseLoans(ctx, admin)
		if err != nil || n != 1 {
			t.Fatalf("anonymised %d %v", n, err)
		}
		if h, _ := e.s.LoanHistory(ctx, desk, keeper.ID, 0); len(h) != 1 {
			t.Fatalf("keeper's history %+v", h)
		}
		if h, _ := e.s.LoanHistory(ctx, desk, other.ID, 0); len(h) != 0 {
			t.Fatalf("other's history should be gone: %+v", h)
		}
		// The anonymised loan still counts in the statistics.
		st, err := e.s.CirculationStats(ctx, desk, circ.StatsQuery{From: mustDate("2026-09-01"), To: mustDate("2026-09-01")})
		if err != nil || len(st) != 1 || st[0].Loans != 2 {
			t.Fatalf("statistics after anonymising %+v %v", st, err)
		}
		if e.count(t, `SELECT COUNT(*) FROM loans WHERE reader_id IS NULL AND anonymised = TRUE AND category = 'undergraduate'`) != 1 {
			t.Fatal("anonymised loan lost its category")
		}
		// Options: retention and fees are the library's.
		o, err := e.s.Options(ctx, desk)
		if err != nil || o.HistoryRetentionDays != 30 || o.LostProcessingFeeFen != 500 {
			t.Fatalf("options %+v %v", o, err)
		}
		o.HistoryRetentionDays = -1
		_, err = e.s.SetOptions(ctx, admin, o)
		wantCode(t, "bad options", err, apperr.Invalid, "error.circ_options_invalid")
		_, err = e.s.SetOptions(ctx, desk, circ.Options{HistoryRetentionDays: 1, HoldExpiryDays: 1})
		wantCode(t, "options need circ.rules", err, apperr.Forbidden, "")
		e.c.Advance(time.Hour)
	})
}

// TestTranslations: every key circulation produces exists in both
// languages.
func TestTranslations(t *testing.T) {
	c := i18n.MustLoad()
	for _, k := range circ.ErrorKeys() {
		for _, loc := range i18n.Locales {
			if !c.Has(loc, k) {
				t.Errorf("%s is missing in %s", k, loc)
			}
		}
	}
}

func TestCheckinRefusesItemsOutOfCirculation(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		gone, fresh := e.book(t), e.book(t)
		noErr(t, e.d.Write(ctx, func(tx *db.Tx) error {
			if _, err := tx.Exec(`UPDATE items SET status = 'withdrawn' WHERE barcode = $1`, gone); err != nil {
				return err
			}
			_, err := tx.Exec(`UPDATE items SET status = 'in_processing' WHERE barcode = $1`, fresh)
			return err
		}))
		_, err := e.s.Checkin(ctx, desk, gone, circ.CheckinOptions{})
		wantCode(t, "withdrawn", err, apperr.Conflict, "error.circ_item_withdrawn")
		_, err = e.s.Checkin(ctx, desk, fresh, circ.CheckinOptions{})
		wantCode(t, "in processing", err, apperr.Conflict, "error.circ_item_not_circulating")
		if e.status(t, fresh) != "in_processing" {
			t.Fatal("status changed")
		}
	})
}

// TestReaderActsForThemselves: a reader signed in to the public catalogue
// (auth.ReaderActor) renews their own loans and places and cancels their
// own holds, and sees nothing of anyone else.
func TestReaderActsForThemselves(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		me := e.reader(t, "ME", "undergraduate")
		other := e.reader(t, "OTHER", "undergraduate")
		opac := auth.ReaderActor(me.ID, "ME", "10.0.0.1")
		mine, theirs := e.book(t), e.book(t)
		e.checkout(t, "ME", mine)
		e.checkout(t, "OTHER", theirs)

		if l, err := e.s.Renew(ctx, opac, mine, circ.RenewOptions{}); err != nil || l.Renewals != 1 {
			t.Fatalf("renew my loan: %+v %v", l, err)
		}
		_, err := e.s.Renew(ctx, opac, theirs, circ.RenewOptions{})
		wantCode(t, "renew another's loan", err, apperr.Conflict, "error.circ_not_on_loan")
		_, err = e.s.Renew(ctx, opac, theirs, circ.RenewOptions{ReaderID: other.ID})
		wantCode(t, "renew as another", err, apperr.Forbidden, "error.not_your_account")
		_, err = e.s.RenewAll(ctx, opac, other.ID, circ.RenewOptions{})
		wantCode(t, "renew all of another", err, apperr.Forbidden, "error.not_your_account")
		if loans, err := e.s.ReaderLoans(ctx, opac, me.ID); err != nil || len(loans) != 1 {
			t.Fatalf("my loans: %+v %v", loans, err)
		}
		_, err = e.s.ReaderLoans(ctx, opac, other.ID)
		wantCode(t, "another's loans", err, apperr.Forbidden, "error.not_your_account")

		h, err := e.s.PlaceHold(ctx, opac, circ.HoldRequest{RecordID: e.recordOf(t, theirs), PickupBranch: "north"})
		if err != nil || h.ReaderID != me.ID {
			t.Fatalf("my hold: %+v %v", h, err)
		}
		_, err = e.s.PlaceHold(ctx, opac, circ.HoldRequest{ReaderID: other.ID, RecordID: e.recordOf(t, mine), PickupBranch: "main"})
		wantCode(t, "a hold for another", err, apperr.Forbidden, "error.not_your_account")
		theirHold := e.hold(t, other, e.recordOf(t, mine), "main")
		_, err = e.s.CancelHold(ctx, opac, theirHold.ID, circ.CancelOptions{})
		wantCode(t, "cancel another's hold", err, apperr.NotFound, "error.circ_hold_not_found")
		if _, err := e.s.CancelHold(ctx, opac, h.ID, circ.CancelOptions{}); err != nil {
			t.Fatalf("cancel my hold: %v", err)
		}
		noErr(t, e.s.SetLoanHistory(ctx, opac, me.ID, true))
		wantCode(t, "another's history", e.s.SetLoanHistory(ctx, opac, other.ID, true), apperr.Forbidden, "error.not_your_account")

		for what, err := range map[string]error{
			"hold shelf": func() error { _, err := e.s.HoldShelf(ctx, opac, "main"); return err }(),
			"hold queue": func() error { _, err := e.s.HoldQueue(ctx, opac, e.recordOf(t, mine)); return err }(),
			"recall":     func() error { _, err := e.s.Recall(ctx, opac, theirs, ""); return err }(),
			"expire":     func() error { _, err := e.s.ExpirePickups(ctx, opac); return err }(),
			"item loan":  func() error { _, err := e.s.ItemLoan(ctx, opac, theirs); return err }(),
			"statistics": func() error {
				_, err := e.s.RefusalStats(ctx, opac, circ.StatsQuery{From: mustDate("2026-09-01"), To: mustDate("2026-09-01")})
				return err
			}(),
		} {
			if !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("%s: %v", what, err)
			}
		}
	})
}
