package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
)

// ErrNotEmpty is returned by Populate for a catalogue that has records
// already: the demo's barcodes and 种次号 would clash with them.
var ErrNotEmpty = errors.New("the catalogue already has records")

// Options tune Populate.
type Options struct {
	Records   int // how many records (from record 0)
	BatchSize int // records per transaction; 0 for the import's default (500)
	// Progress, when not nil, is called after every batch.
	Progress func(Progress)
}

// Progress tells how far Populate has got.
type Progress struct {
	Done, Total int    // records imported of those asked for
	Items       int    // items created so far
	Phase       string // "records" (the imports) or "statuses"
}

// Summary is what Populate made.
type Summary struct {
	Records, Chinese, Western, Items int
	Statuses                         map[catalog.Status]int // items by status
	Failures                         []Failure
	Imports                          time.Duration // time spent importing records and items
	StatusChanges                    time.Duration // time spent setting the statuses of missing and damaged items
	Elapsed                          time.Duration
}

// Failure is a record the import refused (which the generator should
// never make).
type Failure struct {
	Index int // the record's index in the generator
	Err   error
}

// chunk is how many record indexes each round of imports covers: within a
// round Chinese books are imported, then Western ones, so that record ids
// interleave the collections as a real catalogue's do.
const chunk = 10000

// Populate loads records 0..opt.Records-1 of g into an empty catalogue:
// the code lists first (Setup), then the records with their items through
// catalog.Service.Import (items from 905, each import one collection and
// one status: Chinese books zw, Western books wx, new acquisitions in
// processing), and last the statuses of the items that are missing or in
// repair, changed as staff would change them, with history and audit.
// Items on loan are not made: circulation does not exist yet.
func Populate(ctx context.Context, d *db.DB, svc *catalog.Service, a auth.Actor, g *Generator, opt Options) (Summary, error) {
	start := time.Now()
	sum := Summary{Statuses: map[catalog.Status]int{}}
	if opt.Records < 0 || opt.Records > MaxRecords {
		return sum, fmt.Errorf("demo: %d records asked for; a generator makes 0 to %d", opt.Records, MaxRecords)
	}
	empty, err := Empty(ctx, svc, a)
	if err != nil {
		return sum, err
	}
	if !empty {
		return sum, ErrNotEmpty
	}
	if err := Setup(ctx, svc, a); err != nil {
		return sum, err
	}
	n := opt.Records
	g.Prepare(n)
	report := func(phase string) {
		if opt.Progress != nil {
			opt.Progress(Progress{Done: sum.Records + len(sum.Failures), Total: n, Items: sum.Items, Phase: phase})
		}
	}
	run := func(lo, hi int, k Kind) error {
		rd := &reader{g: g, next: lo, end: hi, want: func(i int) bool { return g.Kind(i) == k }, track: true}
		opts := catalog.ImportOptions{OnDuplicate: catalog.DuplicateNew, ItemsFrom: catalog.Holdings905,
			Collection: k.Collection(), ItemStatus: catalog.Available, BatchSize: opt.BatchSize, Source: "lantai demo"}
		if k.Processing {
			opts.ItemStatus = catalog.InProcessing
		}
		base, baseItems := sum.Records+len(sum.Failures), sum.Items
		res, err := svc.Import(ctx, a, rd, opts, func(p catalog.ImportProgress) {
			if opt.Progress != nil {
				opt.Progress(Progress{Done: base + p.Read, Total: n, Items: baseItems + p.Items, Phase: "records"})
			}
		})
		sum.Records += res.Created
		sum.Items += res.Items
		if k.Western {
			sum.Western += res.Created
		} else {
			sum.Chinese += res.Created
		}
		for _, f := range res.Failures {
			idx := -1
			if f.Record >= 1 && f.Record <= len(rd.read) {
				idx = rd.read[f.Record-1]
			}
			sum.Failures = append(sum.Failures, Failure{idx, f.Err})
		}
		if err != nil {
			return fmt.Errorf("demo import of records %d–%d: %w", lo, hi-1, err)
		}
		return nil
	}
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		for _, k := range []Kind{{}, {Western: true}} {
			if err := run(lo, hi, k); err != nil {
				return sum, err
			}
		}
	}
	for _, k := range []Kind{{Processing: true}, {Western: true, Processing: true}} {
		if err := run(0, n, k); err != nil {
			return sum, err
		}
	}
	sum.Imports = time.Since(start)
	report("statuses")
	t := time.Now()
	if err := setStatuses(ctx, d, a, g, n, &sum); err != nil {
		return sum, err
	}
	sum.StatusChanges = time.Since(t)
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// setStatuses changes the items planned missing or in repair from
// available, 500 to a transaction, each with its history line and audit
// entry, and counts the items by status.
func setStatuses(ctx context.Context, d *db.DB, a auth.Actor, g *Generator, n int, sum *Summary) error {
	failed := map[int]bool{}
	for _, f := range sum.Failures {
		failed[f.Index] = true
	}
	var batch []Item
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := d.Write(ctx, func(tx *db.Tx) error {
			for _, it := range batch {
				item, err := catalog.ItemByBarcode(tx, it.Barcode)
				if err != nil {
					return fmt.Errorf("item %s: %w", it.Barcode, err)
				}
				note := catalog.StatusNote{Kind: catalog.NoteManual, Reason: "demo data"}
				if err := catalog.SetItemStatus(tx, a, item.ID, it.Status, note); err != nil {
					return fmt.Errorf("item %s: %w", it.Barcode, err)
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	for i := range n {
		if failed[i] {
			continue
		}
		for _, it := range g.Items(i) {
			sum.Statuses[it.Status]++
			if it.Status == catalog.Missing || it.Status == catalog.InRepair {
				batch = append(batch, it)
				if len(batch) == 500 {
					if err := flush(); err != nil {
						return fmt.Errorf("demo statuses: %w", err)
					}
				}
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("demo statuses: %w", err)
	}
	return nil
}

// Empty reports whether the catalogue has no records yet.
func Empty(ctx context.Context, svc *catalog.Service, a auth.Actor) (bool, error) {
	recs, err := svc.ListRecords(ctx, a, catalog.RecordFilter{Limit: 1})
	if err != nil {
		return false, fmt.Errorf("look for records: %w", err)
	}
	return len(recs) == 0, nil
}
