package circ_test

import (
	"fmt"
	"sync"
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
)

// TestConcurrentCheckoutOfOneItem has two desks lend the same item to two
// readers at the same instant, twenty times: each time exactly one loan is
// made and the other desk gets one clear refusal, recorded.
func TestConcurrentCheckoutOfOneItem(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		e.reader(t, "A", "postgraduate")
		e.reader(t, "B", "postgraduate")
		const rounds = 20
		for round := range rounds {
			bc := e.book(t)
			var wg sync.WaitGroup
			start := make(chan struct{})
			var loans [2]circ.Loan
			var errs [2]error
			for i, card := range []string{"A", "B"} {
				wg.Go(func() {
					<-start
					loans[i], errs[i] = e.s.Checkout(ctx, desk, card, bc, circ.CheckoutOptions{Desk: fmt.Sprintf("desk %d", i)})
				})
			}
			close(start)
			wg.Wait()
			won, lost := 0, 0
			for i := range 2 {
				switch {
				case errs[i] == nil:
					won++
				case apperr.Is(errs[i], apperr.Conflict) && isRefusal(errs[i], rules.ReasonItemNotAvailable):
					lost++
					if rs, _ := circ.RefusalsOf(errs[i]); len(rs) != 1 || rs[0].Args["Status"] != "on_loan" {
						t.Fatalf("round %d: refusal %+v", round, rs)
					}
				default:
					t.Fatalf("round %d: unexpected error %v", round, errs[i])
				}
			}
			if won != 1 || lost != 1 {
				t.Fatalf("round %d: %d loans and %d refusals (%v)", round, won, lost, errs)
			}
			if n := e.count(t, `SELECT COUNT(*) FROM loans l JOIN items i ON i.id = l.item_id WHERE i.barcode = $1`, bc); n != 1 {
				t.Fatalf("round %d: %d loans of the item", round, n)
			}
		}
		if n := e.count(t, `SELECT COUNT(*) FROM circ_refusals WHERE op = 'checkout'`); n != rounds {
			t.Fatalf("%d refusals recorded, want %d", n, rounds)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM items WHERE status = 'on_loan'`); n != rounds {
			t.Fatalf("%d items on loan", n)
		}
	})
}

// TestConcurrentCheckoutsOfOneReader: one reader at two desks may not go
// over the limit of loans, whatever the timing.
func TestConcurrentCheckoutsOfOneReader(t *testing.T) {
	setup(t, func(t *testing.T, e *env) {
		ok(t)(e.p.CreateLimit(ctx, admin, rules.LimitRow{Category: "child", Branch: "*",
			Limits: rules.Limits{MaxLoans: 3, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 5}}))
		e.reader(t, "C", "child")
		var barcodes []string
		for range 8 {
			barcodes = append(barcodes, e.book(t))
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, len(barcodes))
		for i, bc := range barcodes {
			wg.Go(func() {
				<-start
				_, errs[i] = e.s.Checkout(ctx, desk, "C", bc, circ.CheckoutOptions{})
			})
		}
		close(start)
		wg.Wait()
		okN := 0
		for _, err := range errs {
			if err == nil {
				okN++
			} else if !isRefusal(err, rules.ReasonTooManyItems) {
				t.Fatalf("unexpected error %v", err)
			}
		}
		if okN != 3 || e.count(t, `SELECT COUNT(*) FROM loans`) != 3 {
			t.Fatalf("%d loans made, want 3", okN)
		}
	})
}
