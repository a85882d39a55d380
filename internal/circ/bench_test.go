package circ_test

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
)

// BenchmarkCheckoutReturn lends b.N items from 16 desks at once, as fast
// as they can, then takes them all back from 16 desks, on SQLite and on
// PostgreSQL (with LANTAI_TEST_POSTGRES), and reports each operation's
// server time (p50, p99), the checkouts and returns per second, and the
// bare durable-commit rate of the same database measured the same way —
// 16 goroutines each committing one-row INSERT transactions through
// db.Write — with the ratio of the two. The catalogue holds 20,000
// records (more when b.N is larger), so that the desks touch different
// records as in a real library.
//
//	go test -run '^$' -bench CheckoutReturn -benchtime 4000x ./internal/circ/
func BenchmarkCheckoutReturn(b *testing.B) {
	eachEngine(b, func(b *testing.B, d *db.DB, c *clock.Settable) { benchCirculation(b, d, c, 16, 0) })
}

// BenchmarkCheckoutReturnOneDesk is BenchmarkCheckoutReturn with a single
// desk: the time of an operation when nothing else is going on.
func BenchmarkCheckoutReturnOneDesk(b *testing.B) {
	eachEngine(b, func(b *testing.B, d *db.DB, c *clock.Settable) { benchCirculation(b, d, c, 1, 0) })
}

// BenchmarkCheckoutReturnPaced is BenchmarkCheckoutReturn with each of the
// 16 desks starting an operation every 40 ms (400 operations a second
// offered in all, far more than the busiest desks of a library): the
// operations' time under a steady load rather than at saturation.
func BenchmarkCheckoutReturnPaced(b *testing.B) {
	eachEngine(b, func(b *testing.B, d *db.DB, c *clock.Settable) { benchCirculation(b, d, c, 16, 40*time.Millisecond) })
}

func eachEngine(b *testing.B, fn func(b *testing.B, d *db.DB, c *clock.Settable)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			c := clock.NewSettable(t0)
			if engine == "sqlite" {
				fn(b, dbtest.SQLite(b, c), c)
			} else {
				fn(b, dbtest.Postgres(b, c), c)
			}
		})
	}
}

func benchCirculation(b *testing.B, d *db.DB, c *clock.Settable, desks int, pace time.Duration) {
	e := newEnv(b, d, c)
	ok(b)(e.p.CreateLimit(ctx, admin, rules.LimitRow{Category: "external", Branch: "*",
		Limits: rules.Limits{MaxLoans: rules.Unlimited, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 10}}))
	readersPerDesk := 20
	cards := make([]string, desks*readersPerDesk)
	for i := range cards {
		cards[i] = fmt.Sprintf("B%05d", i)
		e.reader(b, cards[i], "external")
	}
	barcodes := benchItems(b, d, b.N)
	bare := runDesks(b, desks, max(b.N, 2000), pace, bareCommit(b, d))

	b.ResetTimer()
	checkouts := runDesks(b, desks, len(barcodes), pace, func(desk, i int) error {
		card := cards[desk*readersPerDesk+i%readersPerDesk]
		_, err := e.s.Checkout(ctx, deskActor(desk), card, barcodes[i], circ.CheckoutOptions{Desk: fmt.Sprint(desk)})
		return err
	})
	returns := runDesks(b, desks, len(barcodes), pace, func(desk, i int) error {
		_, err := e.s.Checkin(ctx, deskActor(desk), barcodes[i], circ.CheckinOptions{})
		return err
	})
	b.StopTimer()

	b.ReportMetric(checkouts.pct(50), "checkout-p50-ms")
	b.ReportMetric(checkouts.pct(99), "checkout-p99-ms")
	b.ReportMetric(returns.pct(50), "return-p50-ms")
	b.ReportMetric(returns.pct(99), "return-p99-ms")
	b.ReportMetric(bare.pct(50), "bare-p50-ms")
	b.ReportMetric(bare.pct(99), "bare-p99-ms")
	if pace == 0 {
		b.ReportMetric(checkouts.rate(), "checkouts/s")
		b.ReportMetric(returns.rate(), "returns/s")
		b.ReportMetric(bare.rate(), "bare-commits/s")
		b.ReportMetric(100*checkouts.rate()/bare.rate(), "checkout-%-of-bare")
	}
	b.ReportMetric(0, "ns/op")
}

func deskActor(n int) auth.Actor {
	a := desk
	a.Name = fmt.Sprintf("desk%d", n)
	return a
}

// run is the timing of one phase: each operation's duration and the
// wall time of the whole phase.
type run struct {
	took []time.Duration
	wall time.Duration
}

func (r run) pct(p int) float64 {
	if len(r.took) == 0 {
		return 0
	}
	s := slices.Clone(r.took)
	slices.Sort(s)
	i := min(len(s)-1, len(s)*p/100)
	return float64(s[i].Microseconds()) / 1000
}

func (r run) rate() float64 { return float64(len(r.took)) / r.wall.Seconds() }

// runDesks runs n operations from desks goroutines, operation i on desk
// i mod desks, and times each; with pace, a desk starts an operation every
// pace (or at once when it is behind).
func runDesks(b *testing.B, desks, n int, pace time.Duration, op func(desk, i int) error) run {
	b.Helper()
	var out run
	var mu sync.Mutex
	var failed atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for desk := range desks {
		wg.Go(func() {
			var mine []time.Duration
			next := start.Add(time.Duration(desk) * pace / time.Duration(desks))
			for i := desk; i < n; i += desks {
				if pace > 0 {
					time.Sleep(time.Until(next))
					next = next.Add(pace)
				}
				t := time.Now()
				if err := op(desk, i); err != nil {
					failed.Store(err)
					return
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			out.took = append(out.took, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	out.wall = time.Since(start)
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	return out
}

// bareCommit makes the table of the bare durable-commit measure and
// returns its operation: one transaction of one INSERT through db.Write.
func bareCommit(b *testing.B, d *db.DB) func(desk, i int) error {
	b.Helper()
	id, ts := "INTEGER PRIMARY KEY AUTOINCREMENT", "TIMESTAMP"
	if d.Dialect() == db.Postgres {
		id, ts = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "TIMESTAMPTZ"
	}
	noErr(b, d.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(`CREATE TABLE bench_commits (id ` + id + `, desk INTEGER NOT NULL, at ` + ts + ` NOT NULL)`)
		return err
	}))
	return func(desk, i int) error {
		return d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`INSERT INTO bench_commits (desk, at) VALUES ($1, $2)`, desk, tx.Now)
			return err
		})
	}
}

// benchItems makes n available books on as many records, spread over a
// catalogue of at least 20,000 records, and returns their barcodes.
func benchItems(b *testing.B, d *db.DB, n int) []string {
	b.Helper()
	records := max(n, 20000)
	out := make([]string, n)
	err := d.Write(ctx, func(tx *db.Tx) error {
		ids := make([]int64, records)
		for i := range ids {
			var err error
			if ids[i], err = tx.Insert(`INSERT INTO bib_records (format, marc, title, sort_title, price_fen, created_at, updated_at)
				VALUES ('marc21', $1, $2, $2, 2500, $3, $3)`, []byte("x"), fmt.Sprintf("书 %d", i), tx.Now); err != nil {
				return err
			}
		}
		for i := range n {
			out[i] = fmt.Sprintf("BK%07d", i)
			if _, err := tx.Exec(`INSERT INTO items (bib_id, barcode, accession_no, call_number, call_sort, location_code, collection,
				item_type, status, price_fen, created_at, updated_at) VALUES ($1, $2, $2, 'I247', 'I247', 'stacks', 'zw', 'book', 'available', 3000, $3, $3)`,
				ids[(i*7919)%records], out[i], tx.Now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}
