package sip2server_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/demo"
)

// benchMachines is how many self-check machines work at once.
const benchMachines = 20

// BenchmarkCheckoutRoundTrip has 20 machines, each on its own loopback
// connection, lend and take back items through the SIP2 server with the
// Circulation handler, on SQLite and on PostgreSQL (with
// LANTAI_TEST_POSTGRES), in the demo catalogue of 20,000 records. Each machine starts a checkout every 100 ms and
// takes the item back in between — ten checkouts a second per machine,
// far more than a patron at a kiosk manages. It reports the round trip
// (request written → answer read) of the checkouts and checkins, p50 and
// p99. b.N is the number of checkouts in all.
//
//	go test -run '^$' -bench CheckoutRoundTrip -benchtime 4000x ./internal/sip2server/
func BenchmarkCheckoutRoundTrip(b *testing.B) { benchEngines(b, 100*time.Millisecond) }

// BenchmarkCheckoutRoundTripKiosk is BenchmarkCheckoutRoundTrip at a
// pace closer to real kiosks, still faster than any patron: each machine
// starts a checkout every second.
//
//	go test -run '^$' -bench CheckoutRoundTripKiosk -benchtime 1000x ./internal/sip2server/
func BenchmarkCheckoutRoundTripKiosk(b *testing.B) { benchEngines(b, time.Second) }

// BenchmarkCheckoutRoundTripSaturated is BenchmarkCheckoutRoundTrip with
// every machine sending its next message as soon as it has the answer:
// the latency when the server is the bottleneck, and the throughput.
func BenchmarkCheckoutRoundTripSaturated(b *testing.B) { benchEngines(b, 0) }

func benchEngines(b *testing.B, pace time.Duration) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			clk := clock.NewSettable(t0)
			var d *db.DB
			if engine == "sqlite" {
				d = dbtest.SQLite(b, clk)
			} else {
				if os.Getenv(dbtest.EnvPostgres) == "" {
					b.Skip("set " + dbtest.EnvPostgres)
				}
				d = dbtest.Postgres(b, clk)
			}
			benchRoundTrip(b, newWorld(b, d, clk, nil), pace)
		})
	}
}

func benchRoundTrip(b *testing.B, w *world, pace time.Duration) {
	const itemsPerMachine = 10
	w.allow("external")
	// A catalogue like a library's: the demo's 20,000 records, and books
	// of the main library spread over it (as a real catalogue's loans are:
	// the search attributes rewritten with each loan are one row per 128
	// records).
	if _, err := demo.Populate(context.Background(), w.d, w.cat, admin, demo.New(1), demo.Options{Records: 20000}); err != nil {
		b.Fatal(err)
	}
	var books []string
	must(b, w.d.Read(context.Background(), func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT i.barcode FROM items i JOIN locations l ON l.code = i.location_code
			WHERE l.branch_code = 'main' AND i.status = 'available' AND i.item_type = 'book' ORDER BY i.id`)
		books, err = db.Collect(rows, err, func(r *sql.Rows) (string, error) { var s string; return s, r.Scan(&s) })
		return err
	}))
	need := benchMachines * itemsPerMachine
	if len(books) < need {
		b.Fatalf("%d books in the demo catalogue", len(books))
	}
	barcodes := make([][]string, benchMachines)
	for i := range benchMachines {
		w.reader(fmt.Sprintf("B%03d", i), fmt.Sprintf("读者%d", i), "external")
		for j := range itemsPerMachine {
			barcodes[i] = append(barcodes[i], books[(i*itemsPerMachine+j)*len(books)/need])
		}
	}
	lines := make([]*line, benchMachines)
	for i := range lines {
		l, err := dialLine(w.rig.addr, "kiosk1", "secret-one")
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { l.nc.Close() })
		lines[i] = l
	}
	var mu sync.Mutex
	var outs, ins []time.Duration
	var failed error
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for i := range benchMachines {
		wg.Go(func() {
			l, card := lines[i], fmt.Sprintf("B%03d", i)
			var myOuts, myIns []time.Duration
			next := start.Add(time.Duration(i) * pace / benchMachines)
			for n := i; n < b.N; n += benchMachines {
				if pace > 0 {
					time.Sleep(time.Until(next))
					next = next.Add(pace)
				}
				bc := barcodes[i][(n/benchMachines)%itemsPerMachine]
				t := time.Now()
				ok, err := l.checkout(card, bc)
				myOuts = append(myOuts, time.Since(t))
				if err == nil && !ok {
					err = fmt.Errorf("checkout %s refused", bc)
				}
				if err == nil {
					t = time.Now()
					ok, err = l.checkin(bc)
					myIns = append(myIns, time.Since(t))
					if err == nil && !ok {
						err = fmt.Errorf("checkin %s refused", bc)
					}
				}
				if err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
					return
				}
			}
			mu.Lock()
			outs, ins = append(outs, myOuts...), append(ins, myIns...)
			mu.Unlock()
		})
	}
	wg.Wait()
	wall := time.Since(start)
	b.StopTimer()
	if failed != nil {
		b.Fatal(failed)
	}
	b.ReportMetric(pct(outs, 50), "checkout-p50-ms")
	b.ReportMetric(pct(outs, 99), "checkout-p99-ms")
	b.ReportMetric(pct(ins, 50), "checkin-p50-ms")
	b.ReportMetric(pct(ins, 99), "checkin-p99-ms")
	b.ReportMetric(float64(len(outs)+len(ins))/wall.Seconds(), "messages/s")
	b.ReportMetric(0, "ns/op")
}

// pct is the p-th percentile of ds in milliseconds.
func pct(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[min(len(s)-1, len(s)*p/100)].Microseconds()) / 1000
}
