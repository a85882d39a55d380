package main

import (
	"context"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
)

const reindexUsage = `Usage: lantai reindex [flags]

Rebuilds the whole search index and the search attributes from the stored
MARC records and their items, in one transaction. Never needed for
correctness — every change writes the index in its own transaction — but
there for recovery. Searches keep using the old index until the new one is
complete; catalogue changes wait for it (SQLite: every write waits).`

func runReindex(ctx context.Context, e env, args []string) error {
	cfg, pos, err := parseFlags(e, "reindex", reindexUsage, args, nil)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"reindex takes no arguments"}
	}
	a, err := openApp(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	start := time.Now()
	next := 100000
	n, err := a.Catalog.Reindex(ctx, auth.CLIActor("reindex"), func(p catalog.ReindexProgress) {
		if p.Done >= next || p.Done == p.Total {
			say(e.stderr, "reindex: %d of %d records, %v", p.Done, p.Total, time.Since(start).Round(time.Second))
			next = p.Done + 100000
		}
	})
	if err != nil {
		return err
	}
	say(e.stdout, "search index rebuilt: %d records in %v", n, time.Since(start).Round(time.Millisecond))
	return nil
}
