package circ_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/readers"
)

// hold places a title-level hold and fails the test on error.
func (e *env) hold(t testing.TB, reader readers.Reader, record int64, pickup string) circ.Hold {
	t.Helper()
	h, err := e.s.PlaceHold(ctx, desk, circ.HoldRequest{ReaderID: reader.ID, RecordID: record, PickupBranch: pickup})
	if err != nil {
		t.Fatalf("hold for %s: %v", reader.CardNumber, err)
	}
	return h
}

func holdByID(t testing.TB, e *env, reader int64, id int64) circ.Hold {
	t.Helper()
	hs, err := e.s.ReaderHolds(ctx, desk, reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.ID == id {
			return h
		}
	}
	return circ.Hold{ID: id}
}

func TestPlaceHoldRefusals(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		ok(t)(e.p.CreateLimit(ctx, admin, rules.LimitRow{Category: "child", Branch: "*",
			Limits: rules.Limits{MaxLoans: 5, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 1}}))
		r := e.reader(t, "R1", "undergraduate")
		child := e.reader(t, "C1", "child")
		bc := e.book(t)
		rec := e.recordOf(t, bc)
		refused := func(what string, req circ.HoldRequest, want ...rules.Reason) {
			t.Helper()
			_, err := e.s.PlaceHold(ctx, desk, req)
			wantCode(t, what, err, apperr.Conflict, "error.circ_hold_refused")
			wantReasons(t, what, err, want...)
		}
		h := e.hold(t, r, rec, "main")
		if h.Status != circ.HoldPlaced || h.Position != 1 || h.ExpiresOn != "2027-02-28" {
			t.Fatalf("hold %+v", h)
		}
		refused("hold_exists", circ.HoldRequest{ReaderID: r.ID, RecordID: rec, PickupBranch: "main"}, circ.ReasonHoldExists)
		refused("hold_not_allowed", circ.HoldRequest{Card: "R1", Barcode: e.item(t, 0, "reference", "stacks", 0), PickupBranch: "main"},
			circ.ReasonHoldNotAllowed)
		e.hold(t, child, rec, "main")
		refused("too_many_holds", circ.HoldRequest{ReaderID: child.ID, Barcode: e.book(t), PickupBranch: "main"}, circ.ReasonTooManyHolds)
		mine := e.book(t)
		e.checkout(t, "R1", mine)
		refused("already_on_loan", circ.HoldRequest{ReaderID: r.ID, Barcode: mine, PickupBranch: "north"}, circ.ReasonAlreadyOnLoan)
		ok(t)(e.r.ReportLost(ctx, admin, child.ID, ""))
		refused("card_lost", circ.HoldRequest{Card: "C1", RecordID: e.record(t, "另一本书"), PickupBranch: "main"},
			rules.ReasonCardLost, circ.ReasonTooManyHolds, circ.ReasonHoldNotAllowed)
		// Overridable reasons give way to circ.override.
		over, err := e.s.PlaceHold(ctx, head, circ.HoldRequest{ReaderID: r.ID, Barcode: mine, PickupBranch: "north", Override: "续读"})
		if err != nil || over.Status != circ.HoldPlaced {
			t.Fatalf("override: %+v %v", over, err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM circ_refusals WHERE op = 'hold'`); n != 6 {
			t.Fatalf("hold refusals recorded: %d", n)
		}
		// Bad requests are not refusals.
		_, err = e.s.PlaceHold(ctx, desk, circ.HoldRequest{ReaderID: r.ID, RecordID: rec, PickupBranch: "nowhere"})
		wantCode(t, "unknown branch", err, apperr.InvalidReference, "error.branch_unknown")
		_, err = e.s.PlaceHold(ctx, desk, circ.HoldRequest{ReaderID: r.ID, PickupBranch: "main"})
		wantCode(t, "no target", err, apperr.Invalid, "error.circ_hold_target")
		// Cancel, and only once; the OPAC cancels only its reader's holds.
		_, err = e.s.CancelHold(ctx, desk, h.ID, circ.CancelOptions{ReaderID: child.ID})
		wantCode(t, "another reader's hold", err, apperr.NotFound, "error.circ_hold_not_found")
		rel, err := e.s.CancelHold(ctx, desk, h.ID, circ.CancelOptions{ReaderID: r.ID, Note: "不需要了"})
		if err != nil || rel.Hold.Status != circ.HoldCancelled || rel.Item != nil {
			t.Fatalf("cancel: %+v %v", rel, err)
		}
		_, err = e.s.CancelHold(ctx, desk, h.ID, circ.CancelOptions{})
		wantCode(t, "cancel twice", err, apperr.Conflict, "error.circ_hold_closed")
	})
}

// TestHoldQueueConcurrentReturns returns several copies of one record at
// the same instant: each of the first holds in the queue gets exactly one
// copy, in queue order, and the next hold keeps waiting.
func TestHoldQueueConcurrentReturns(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		rec := e.record(t, "红楼梦")
		const copies = 4
		var barcodes []string
		for i := range copies {
			bc := e.item(t, rec, "book", "stacks", 0)
			barcodes = append(barcodes, bc)
			card := fmt.Sprintf("L%d", i)
			e.reader(t, card, "undergraduate")
			e.checkout(t, card, bc)
		}
		var holds []circ.Hold
		var holders []readers.Reader
		for i := range copies + 2 {
			e.c.Advance(time.Minute)
			r := e.reader(t, fmt.Sprintf("H%d", i), "undergraduate")
			holders = append(holders, r)
			holds = append(holds, e.hold(t, r, rec, "main"))
			if holds[i].Position != i+1 {
				t.Fatalf("hold %d: position %d", i, holds[i].Position)
			}
		}
		e.c.Advance(time.Hour)
		var wg sync.WaitGroup
		start := make(chan struct{})
		results := make([]circ.Return, copies)
		errs := make([]error, copies)
		for i, bc := range barcodes {
			wg.Go(func() {
				<-start
				results[i], errs[i] = e.s.Checkin(ctx, desk, bc, circ.CheckinOptions{})
			})
		}
		close(start)
		wg.Wait()
		got := map[int64]int64{} // hold → item
		for i, err := range errs {
			if err != nil {
				t.Fatalf("checkin %d: %v", i, err)
			}
			r := results[i]
			if r.Next != circ.NextHoldShelf || r.Hold == nil {
				t.Fatalf("copy %s: %+v", r.Barcode, r.Routing)
			}
			if _, dup := got[r.Hold.ID]; dup {
				t.Fatalf("hold %d got two copies", r.Hold.ID)
			}
			got[r.Hold.ID] = r.ItemID
		}
		for i, h := range holds {
			now := holdByID(t, e, holders[i].ID, h.ID)
			if i < copies {
				if now.Status != circ.HoldReady || now.TrappedItemID != got[h.ID] || now.TrappedItemID == 0 {
					t.Errorf("hold %d (#%d): %+v", h.ID, i+1, now)
				}
			} else if now.Status != circ.HoldPlaced || now.Position != i-copies+1 {
				t.Errorf("hold %d (#%d) should still wait: %+v", h.ID, i+1, now)
			}
		}
		shelf, err := e.s.HoldShelf(ctx, desk, "main")
		if err != nil || len(shelf) != copies {
			t.Fatalf("hold shelf %d %v", len(shelf), err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM circ_notices WHERE kind = 'hold_ready'`); n != copies {
			t.Fatalf("notices %d", n)
		}
		// A held copy goes only to its reader.
		_, err = e.s.Checkout(ctx, desk, holders[copies].CardNumber, barcodes[0], circ.CheckoutOptions{})
		wantReasons(t, "held copy to another", err, rules.ReasonItemHeldForOther)
		for i := range copies {
			var bc string
			for _, r := range results {
				if r.Hold.ReaderID == holders[i].ID {
					bc = r.Barcode
				}
			}
			l := e.checkout(t, holders[i].CardNumber, bc)
			if now := holdByID(t, e, holders[i].ID, holds[i].ID); now.Status != "" {
				t.Errorf("hold %d still active after the loan: %+v", holds[i].ID, now)
			}
			if n := e.count(t, `SELECT COUNT(*) FROM holds WHERE id = $1 AND status = 'fulfilled' AND loan_id = $2`, holds[i].ID, l.ID); n != 1 {
				t.Errorf("hold %d not fulfilled by loan %d", holds[i].ID, l.ID)
			}
		}
	})
}

// TestTransitAndHoldShelf follows an item returned away from home
// (通借通还) and an item trapped for a hold at another branch.
func TestTransitAndHoldShelf(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		a := e.reader(t, "A", "undergraduate")
		b := e.reader(t, "B", "undergraduate")

		// Returned at north, home at main: in transit home.
		home := e.book(t)
		e.checkout(t, "A", home)
		ret := e.checkin(t, home, "north")
		if ret.Next != circ.NextTransit || ret.ToBranch != "main" || ret.TransitID == 0 || e.status(t, home) != "in_transit" {
			t.Fatalf("return away from home: %+v", ret.Routing)
		}
		tr, err := e.s.Transits(ctx, desk, "main")
		if err != nil || len(tr) != 1 || tr[0].Reason != circ.TransitReturnHome || tr[0].FromBranch != "north" {
			t.Fatalf("transits %+v %v", tr, err)
		}
		_, err = e.s.ReceiveTransit(ctx, desk, e.book(t), "main")
		wantCode(t, "receive an item not in transit", err, apperr.Conflict, "error.circ_no_transit")
		rt, err := e.s.ReceiveTransit(ctx, desk, home, "main")
		if err != nil || rt.Next != circ.NextShelve || e.status(t, home) != "available" {
			t.Fatalf("received home: %+v %v", rt, err)
		}
		if tr, _ := e.s.Transits(ctx, desk, ""); len(tr) != 0 {
			t.Fatalf("transit still open: %+v", tr)
		}

		// Trapped at main for a hold to be collected at north.
		bc := e.book(t)
		e.checkout(t, "A", bc)
		h := e.hold(t, b, e.recordOf(t, bc), "north")
		e.at(2026, 9, 10, 16, 0)
		ret = e.checkin(t, bc, "main")
		if ret.Next != circ.NextTransit || ret.ToBranch != "north" || ret.Hold == nil || ret.Hold.Status != circ.HoldWaiting {
			t.Fatalf("trapped for north: %+v", ret.Routing)
		}
		_, err = e.s.Checkout(ctx, desk, "B", bc, circ.CheckoutOptions{Branch: "north"})
		wantReasons(t, "in transit", err, rules.ReasonItemNotAvailable)
		e.at(2026, 9, 11, 9, 0)
		rt, err = e.s.ReceiveTransit(ctx, desk, bc, "north")
		if err != nil || rt.Next != circ.NextHoldShelf || rt.Hold.Status != circ.HoldReady || e.status(t, bc) != "on_hold_shelf" {
			t.Fatalf("received at north: %+v %v", rt, err)
		}
		// Seven pickup days from 11 September.
		if local(*rt.Hold.PickupDeadline) != "2026-09-18 23:59:59" {
			t.Fatalf("pickup deadline %s", local(*rt.Hold.PickupDeadline))
		}
		shelf, err := e.s.HoldShelf(ctx, desk, "north")
		if err != nil || len(shelf) != 1 || shelf[0].ID != h.ID || shelf[0].TrappedBarcode != bc {
			t.Fatalf("hold shelf %+v %v", shelf, err)
		}
		// Scanning it again at north leaves it on the hold shelf.
		if again := e.checkin(t, bc, "north"); again.Next != circ.NextHoldShelf || again.Loan != nil {
			t.Fatalf("checkin of a held item: %+v", again)
		}
		l, err := e.s.Checkout(ctx, desk, "B", bc, circ.CheckoutOptions{Branch: "north"})
		if err != nil || l.Branch != "north" || l.ReaderID != b.ID {
			t.Fatalf("checkout of the held item: %+v %v", l, err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM holds WHERE id = $1 AND status = 'fulfilled'`, h.ID); n != 1 {
			t.Fatal("hold not fulfilled")
		}
		// Returned at north where it was lent, the item still goes home.
		if ret := e.checkin(t, bc, "north"); ret.Next != circ.NextTransit || ret.ToBranch != "main" {
			t.Fatalf("return of a main item at north: %+v", ret.Routing)
		}
		_ = a
	})
}

func TestHoldExpiry(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		e.reader(t, "A", "undergraduate")
		b := e.reader(t, "B", "undergraduate")
		c := e.reader(t, "C", "undergraduate")
		d := e.reader(t, "D", "undergraduate")
		bc := e.book(t)
		rec := e.recordOf(t, bc)
		e.checkout(t, "A", bc)
		hb := e.hold(t, b, rec, "main")
		e.c.Advance(time.Minute)
		hc := e.hold(t, c, rec, "main")
		// D wants it only until 5 September.
		hd, err := e.s.PlaceHold(ctx, desk, circ.HoldRequest{ReaderID: d.ID, RecordID: rec, PickupBranch: "main", ExpiresOn: mustDate("2026-09-05")})
		if err != nil {
			t.Fatal(err)
		}
		e.at(2026, 9, 2, 10, 0)
		if ret := e.checkin(t, bc, ""); ret.Hold == nil || ret.Hold.ID != hb.ID {
			t.Fatalf("trapped for %+v, want B's hold", ret.Hold)
		}
		// Not collected by the end of 9 September.
		e.at(2026, 9, 9, 22, 0)
		if rel, err := e.s.ExpirePickups(ctx, admin); err != nil || len(rel) != 0 {
			t.Fatalf("too early: %+v %v", rel, err)
		}
		e.at(2026, 9, 10, 8, 0)
		n, err := e.s.ExpireHolds(ctx, admin)
		if err != nil || n != 1 {
			t.Fatalf("expire holds: %d %v", n, err)
		}
		if now := holdByID(t, e, d.ID, hd.ID); now.Status != "" {
			t.Fatalf("D's hold should have expired: %+v", now)
		}
		rel, err := e.s.ExpirePickups(ctx, admin)
		if err != nil || len(rel) != 1 || rel[0].Hold.ID != hb.ID || rel[0].Hold.Status != circ.HoldExpired {
			t.Fatalf("expire pickups: %+v %v", rel, err)
		}
		if it := rel[0].Item; it == nil || it.Next != circ.NextHoldShelf || it.Hold.ID != hc.ID {
			t.Fatalf("the item should pass to C: %+v", rel[0].Item)
		}
		if now := holdByID(t, e, c.ID, hc.ID); now.Status != circ.HoldReady || local(*now.PickupDeadline) != "2026-09-17 23:59:59" {
			t.Fatalf("C's hold %+v", now)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM circ_notices WHERE kind = 'hold_expired' AND reader_id = $1`, b.ID); n != 1 {
			t.Fatalf("expiry notice %d", n)
		}
		// C cancels: the item goes back to its shelves.
		rel2, err := e.s.CancelHold(ctx, desk, hc.ID, circ.CancelOptions{})
		if err != nil || rel2.Item == nil || rel2.Item.Next != circ.NextShelve || e.status(t, bc) != "available" {
			t.Fatalf("cancel a ready hold: %+v %v", rel2, err)
		}
	})
}

// TestCheckinRoutesItemsNotOnLoan: an item not on loan (found in the
// book drop, on the shelves while a hold waits) is routed all the same.
func TestCheckinRoutesItemsNotOnLoan(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		r := e.reader(t, "R1", "undergraduate")
		bc := e.book(t)
		ret := e.checkin(t, bc, "")
		if ret.Loan != nil || ret.Next != circ.NextShelve || ret.Found {
			t.Fatalf("checkin of an available item: %+v", ret)
		}
		// A hold placed while the copy sits on the shelves: the pull list
		// shows it, and checking the copy in traps it.
		h := e.hold(t, r, e.recordOf(t, bc), "main")
		pull, err := e.s.HoldsToPull(ctx, desk, "main")
		if err != nil || len(pull) != 1 || pull[0].ID != h.ID {
			t.Fatalf("pull list %+v %v", pull, err)
		}
		if ret := e.checkin(t, bc, ""); ret.Next != circ.NextHoldShelf || ret.Hold.ID != h.ID {
			t.Fatalf("trap from the shelves: %+v", ret.Routing)
		}
		q, _ := e.s.ShelvingQueue(ctx, desk, "stacks")
		if len(q) != 0 {
			t.Fatalf("a trapped item left in the shelving queue: %+v", q)
		}
		if err := func() error { _, err := e.s.Checkin(ctx, desk, "NOPE", circ.CheckinOptions{}); return err }(); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("unknown barcode: %v", err)
		}
	})
}
