package main

import (
	"context"

	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/search"
)

const migrateUsage = `Usage: lantai migrate [flags]

Applies every pending database migration (forward only) and reports the
schema version. Safe to run while other nodes start: on PostgreSQL one node
migrates at a time.`

func runMigrate(ctx context.Context, e env, args []string) error {
	cfg, _, err := parseFlags(e, "migrate", migrateUsage, args, nil)
	if err != nil {
		return err
	}
	d, err := db.Open(ctx, cfg.DB, db.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	n, err := d.Migrate(ctx)
	if err != nil {
		return err
	}
	st, err := d.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	say(e.stdout, "applied %d migration(s); schema version %d", n, st.Current)
	built, err := search.EnsureAttrs(ctx, d)
	if err != nil {
		return err
	}
	if built > 0 {
		say(e.stdout, "search attributes built for %d records", built)
	}
	return nil
}
