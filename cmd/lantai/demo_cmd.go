package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/demo"
	"lantai.dev/lantai/internal/marc"
)

const demoUsage = `Usage: lantai demo [--records N] [--seed S] [--db FILE|URL]
       lantai demo [--records N] [--seed S] --out FILE.mrc

Fills an empty catalogue with a realistic demonstration catalogue, for
demonstrations and benchmarks: Chinese books in CNMARC (four in five) and
Western books in MARC 21, with titles, names, publishers and ISBNs, classes,
subjects and summaries as a Chinese library's catalogue has them, and 1–5
items each across three branches (missing, in repair and in processing
items included). The same seed gives the same catalogue. Without --db it
writes ` + app.DemoDB + `, the database of ` + "`lantai serve --demo`" + `.
A catalogue that has records already is refused. On a terminal a progress
bar shows records/s.

With --out the records are written to a file as ISO 2709 (UTF-8) instead,
items in 905, for ` + "`lantai import marc --items-from 905`" + ` and other tools; no
database is opened.`

func runDemo(ctx context.Context, e env, args []string) error {
	cfg := app.Defaults()
	cfg.DB = app.DemoDB
	f := app.NewFlags("lantai demo", demoUsage, &cfg, e.stderr)
	var records int
	var seed int64
	var out string
	f.Set().IntVar(&records, "records", 2000, "how many bibliographic records to generate")
	f.Set().Int64Var(&seed, "seed", 1, "the random seed: the same seed gives the same catalogue")
	f.Set().StringVar(&out, "out", "", "write the records to this file as ISO 2709 instead of loading them into the database")
	if err := f.Parse(args, e.getenv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return flagError{err}
	}
	if len(f.Args()) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q: lantai demo takes only flags (see --help)", f.Args()[0])}
	}
	if records < 1 || records > demo.MaxRecords {
		return usageError{fmt.Sprintf("--records %d: give a number from 1 to %d", records, demo.MaxRecords)}
	}
	if out != "" {
		return writeDemo(ctx, e, out, records, seed)
	}
	a, err := openApp(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	bar := newProgress(e.stderr, int64(records))
	bar.file("demo", fmt.Sprintf("%d records, seed %d", records, seed))
	statuses := false
	sum, err := demo.Populate(ctx, a.DB, a.Catalog, auth.CLIActor(osUser(e)), demo.New(seed), demo.Options{Records: records,
		Progress: func(p demo.Progress) {
			if p.Phase == "statuses" {
				if !statuses {
					bar.done(int64(records))
					say(e.stderr, "setting the status of missing and damaged items …")
					statuses = true
				}
				return
			}
			bar.update(int64(p.Done), catalog.ImportProgress{Read: p.Done, Items: p.Items})
		}})
	if !statuses {
		bar.done(int64(records))
	}
	if errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("%s already has records: lantai demo fills an empty catalogue only; give a new database with --db", describeDB(cfg.DB))
	}
	if err != nil {
		return explain(a, err)
	}
	printDemoSummary(e.stdout, sum, describeDB(cfg.DB))
	for i, f := range sum.Failures {
		if i == 20 {
			say(e.stdout, "  … and %d more failures", len(sum.Failures)-20)
			break
		}
		say(e.stdout, "  record %d: %s", f.Index, failureReason(a, f.Err))
	}
	if len(sum.Failures) > 0 {
		return fmt.Errorf("%d generated records were refused (listed above)", len(sum.Failures))
	}
	return nil
}

// printDemoSummary tells what Populate made and how fast.
func printDemoSummary(w io.Writer, s demo.Summary, where string) {
	rate := float64(s.Records) / s.Imports.Seconds()
	say(w, "demo catalogue in %s: %d records (%d Chinese CNMARC, %d Western MARC 21), %d items (%d available, %d in processing, %d missing, %d in repair)",
		where, s.Records, s.Chinese, s.Western, s.Items, s.Statuses[catalog.Available], s.Statuses[catalog.InProcessing],
		s.Statuses[catalog.Missing], s.Statuses[catalog.InRepair])
	say(w, "records and items imported in %v (%.0f records/s), statuses set in %v; %v in all",
		s.Imports.Round(time.Millisecond), rate, s.StatusChanges.Round(time.Millisecond), s.Elapsed.Round(time.Millisecond))
}

// writeDemo writes the records of a demo catalogue to a MARC file.
func writeDemo(ctx context.Context, e env, path string, records int, seed int64) (err error) {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
	}()
	start := time.Now()
	buf := bufio.NewWriterSize(fh, 1<<20)
	w := marc.NewWriter(buf)
	rr := demo.New(seed).Reader(records)
	for i := range records {
		if i%10000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := rr.Next()
		if err != nil {
			return fmt.Errorf("record %d: %w", i, err)
		}
		if err := w.Write(rec); err != nil {
			return fmt.Errorf("write record %d to %s: %w", i, path, err)
		}
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	el := time.Since(start)
	say(e.stdout, "wrote %d records (seed %d) to %s in %v (%.0f records/s)", records, seed, path, el.Round(time.Millisecond), float64(records)/el.Seconds())
	return nil
}
