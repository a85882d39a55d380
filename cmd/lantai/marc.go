package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/marc"
)

const importUsage = `Usage: lantai import marc [flags] FILE...

Imports bibliographic records (and optionally their items) from ISO 2709,
MARCXML or MARC-in-JSON files; the serialization is detected from each
file's first bytes. A record that cannot be read or stored is reported with
its number and the reason and never stops the others or leaves half of
itself behind. On a terminal a progress bar shows records/s and the time
left; otherwise progress lines are printed. Exits 1 when any record failed.`

const exportUsage = `Usage: lantai export marc [--format iso2709|marcxml|json] [--since DATE]

Streams the catalogue's records to standard output, in id order: ISO 2709
(UTF-8), a MARCXML collection, or MARC-in-JSON (one object per line).
--since (YYYY-MM-DD or RFC 3339) exports only records changed since then.`

const clcUsage = `Usage: lantai clc import FILE.tsv

Loads the Chinese Library Classification from a TSV file with the columns
code, caption, level, parent (a header line first), replacing the table in
one transaction: a bad line is named by its number and changes nothing.
Lantai ships no classification table of its own.`

func runImport(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		say(e.stdout, "%s", importUsage)
		if len(args) == 0 {
			return usageError{"missing what to import: marc"}
		}
		return nil
	}
	if args[0] != "marc" {
		return usageError{"unknown import " + args[0] + ": use marc"}
	}
	var format, encoding, onDup, itemsFrom, location, collection, itemType string
	cfg, files, err := parseFlags(e, "import marc", importUsage, args[1:], func(f *app.Flags) {
		fs := f.Set()
		fs.StringVar(&format, "format", "auto", "MARC format of ISO 2709 input: auto, marc21, unimarc or cnmarc")
		fs.StringVar(&encoding, "encoding", "auto", "character set of ISO 2709 input: auto, utf-8, marc8 or gb18030")
		fs.StringVar(&onDup, "on-duplicate", "skip", "a record matching one in the catalogue (ISBN, or title+author+year): skip, overlay or new")
		fs.StringVar(&itemsFrom, "items-from", "none", "create items from a holdings field: none, 852, 905 or 952")
		fs.StringVar(&location, "location", "stacks", "location of imported items whose field gives none")
		fs.StringVar(&collection, "collection", "zw", "collection of imported items whose field gives none")
		fs.StringVar(&itemType, "item-type", "book", "item type of imported items whose field gives none")
	})
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{"import marc needs at least one FILE"}
	}
	policy, err := catalog.ParseDuplicatePolicy(onDup)
	if err != nil {
		return usageError{err.Error()}
	}
	holdings, err := catalog.ParseHoldingsField(itemsFrom)
	if err != nil {
		return usageError{err.Error()}
	}
	if _, _, err := catalog.OpenMARC(strings.NewReader(""), format, encoding); err != nil {
		return usageError{err.Error()}
	}
	var total int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if st.IsDir() {
			return fmt.Errorf("%s is a folder, not a MARC file", f)
		}
		total += st.Size()
	}
	a, err := openApp(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	actor := auth.CLIActor(osUser(e))
	bar := newProgress(e.stderr, total)
	var grand catalog.ImportSummary
	failed := 0
	for _, name := range files {
		fh, err := os.Open(name)
		if err != nil {
			return err
		}
		counter := &catalog.CountingReader{R: fh}
		rr, ser, err := catalog.OpenMARC(counter, format, encoding)
		if err != nil {
			fh.Close()
			return err
		}
		bar.file(filepath.Base(name), ser.String())
		sum, err := a.Catalog.Import(ctx, actor, rr, catalog.ImportOptions{OnDuplicate: policy, ItemsFrom: holdings,
			Location: location, Collection: collection, ItemType: itemType, Source: filepath.Base(name)},
			func(p catalog.ImportProgress) { bar.update(counter.N(), p) })
		fh.Close()
		bar.done(counter.N())
		if err != nil {
			return explain(a, err)
		}
		say(e.stdout, "%s: read %d, imported %d, overlaid %d, skipped %d as duplicates, failed %d; %d items; %d records repaired while reading; %v",
			name, sum.Read, sum.Created, sum.Overlaid, sum.Skipped, sum.Failed, sum.Items, sum.Warnings, sum.Elapsed.Round(time.Millisecond))
		for i, f := range sum.Failures {
			if i == 50 {
				say(e.stdout, "  … and %d more failures", len(sum.Failures)-50)
				break
			}
			say(e.stdout, "  record %d: %s", f.Record, failureReason(a, f.Err))
		}
		failed += sum.Failed
		grand.Read += sum.Read
		grand.Created += sum.Created
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d records failed (listed above); the others were imported", failed, grand.Read)
	}
	return nil
}

// failureReason explains one failed record to the operator.
func failureReason(a *app.App, err error) string {
	var pe *marc.ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	if _, ok := apperr.As(err); ok {
		return a.Tr.Error("en", err)
	}
	return err.Error()
}

// progress draws a progress bar on a terminal, or prints a line now and
// then when the output is a file or a pipe.
type progress struct {
	w        io.Writer
	tty      bool
	total    int64
	base     int64 // bytes of the files already done
	start    time.Time
	lastLine time.Time
	name     string
}

func newProgress(w io.Writer, total int64) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &progress{w: w, tty: tty, total: total, start: time.Now()}
}

func (p *progress) file(name, serialization string) {
	p.name = name
	if !p.tty {
		fmt.Fprintf(p.w, "importing %s (%s)\n", name, serialization)
	}
}

func (p *progress) update(bytes int64, s catalog.ImportProgress) {
	done := p.base + bytes
	elapsed := time.Since(p.start)
	rate := float64(s.Read) / elapsed.Seconds()
	eta := "?"
	if done > 0 && p.total > 0 {
		left := time.Duration(float64(elapsed) * float64(p.total-done) / float64(done))
		eta = left.Round(time.Second).String()
	}
	frac := 0.0
	if p.total > 0 {
		frac = float64(done) / float64(p.total)
	}
	if p.tty {
		width := 30
		filled := int(frac * float64(width))
		fmt.Fprintf(p.w, "\r%s [%s%s] %3.0f%% %d records %6.0f rec/s ETA %s   ",
			p.name, strings.Repeat("#", filled), strings.Repeat(".", width-filled), frac*100, s.Read, rate, eta)
		return
	}
	if time.Since(p.lastLine) >= 2*time.Second {
		p.lastLine = time.Now()
		fmt.Fprintf(p.w, "%s: %d records read (%.0f%%), %.0f records/s, about %s left\n", p.name, s.Read, frac*100, rate, eta)
	}
}

func (p *progress) done(bytes int64) {
	p.base += bytes
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

func runExport(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		say(e.stdout, "%s", exportUsage)
		if len(args) == 0 {
			return usageError{"missing what to export: marc"}
		}
		return nil
	}
	if args[0] != "marc" {
		return usageError{"unknown export " + args[0] + ": use marc"}
	}
	var format, since string
	cfg, pos, err := parseFlags(e, "export marc", exportUsage, args[1:], func(f *app.Flags) {
		f.Set().StringVar(&format, "format", "iso2709", "iso2709, marcxml or json")
		f.Set().StringVar(&since, "since", "", "only records changed since this date (YYYY-MM-DD, in the library's time zone) or time (RFC 3339)")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"export marc takes no FILE: it writes to standard output"}
	}
	var t time.Time
	if since != "" {
		zone, _ := time.LoadLocation(cfg.TimeZone)
		if t, err = time.ParseInLocation("2006-01-02", since, zone); err != nil {
			if t, err = time.Parse(time.RFC3339, since); err != nil {
				return usageError{fmt.Sprintf("--since %q: use YYYY-MM-DD or an RFC 3339 time", since)}
			}
		}
	}
	w, err := catalog.NewMARCWriter(e.stdout, format)
	if err != nil {
		return usageError{"--" + err.Error()}
	}
	a, err := openApp(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	n, _, err := a.Catalog.ExportTo(ctx, auth.CLIActor(osUser(e)), t, w, nil)
	if err != nil {
		return explain(a, err)
	}
	say(e.stderr, "exported %d records", n)
	return nil
}

func runCLC(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		say(e.stdout, "%s", clcUsage)
		if len(args) == 0 {
			return usageError{"missing subcommand: import"}
		}
		return nil
	}
	if args[0] != "import" {
		return usageError{"unknown subcommand " + args[0] + ": use import"}
	}
	cfg, pos, err := parseFlags(e, "clc import", clcUsage, args[1:], nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"clc import needs exactly one FILE.tsv"}
	}
	fh, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer fh.Close()
	a, err := openApp(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := a.Catalog.ImportCLC(ctx, auth.CLIActor(osUser(e)), fh)
	if err != nil {
		return explain(a, err)
	}
	say(e.stdout, "loaded %d classes from %s", n, pos[0])
	return nil
}
