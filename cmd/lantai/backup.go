package main

import (
	"context"
	"time"

	"lantai.dev/lantai/internal/db"
)

const backupUsage = `Usage: lantai backup [--db FILE] BACKUP-FILE

Writes a consistent copy of the SQLite database to BACKUP-FILE (which must
not exist yet) while the server keeps running and writing: the copy holds
every transaction committed before it began. The copy is checked before the
command reports success.

PostgreSQL: use the server's own tools, e.g.
  pg_dump -Fc -f lantai.dump postgres://user@host/lantai`

const restoreUsage = `Usage: lantai restore [--db FILE] BACKUP-FILE

Replaces the SQLite database with BACKUP-FILE. The file is checked first
(a SQLite database, intact, a Lantai schema this binary can run); nothing is
replaced when it fails. The server must be stopped. The replaced database is
kept beside it as <db>.before-restore-<time>.

PostgreSQL: use pg_restore, e.g.
  pg_restore --clean --if-exists -d postgres://user@host/lantai lantai.dump`

func runBackup(ctx context.Context, e env, args []string) error {
	cfg, pos, err := parseFlags(e, "backup", backupUsage, args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"backup needs exactly one BACKUP-FILE"}
	}
	if db.IsPostgresURL(cfg.DB) {
		say(e.stderr, "%s", backupUsage[len("Usage: lantai backup [--db FILE] BACKUP-FILE\n\n"):])
		return usageError{"lantai backup copies SQLite databases; back up PostgreSQL with pg_dump (see above)"}
	}
	d, err := db.Open(ctx, cfg.DB, db.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	if _, err := d.MigrationStatus(ctx); err != nil {
		return err
	}
	start := time.Now()
	if err := d.Backup(ctx, pos[0]); err != nil {
		return err
	}
	say(e.stdout, "backup written to %s in %v and checked", pos[0], time.Since(start).Round(time.Millisecond))
	return nil
}

func runRestore(ctx context.Context, e env, args []string) error {
	cfg, pos, err := parseFlags(e, "restore", restoreUsage, args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"restore needs exactly one BACKUP-FILE"}
	}
	if db.IsPostgresURL(cfg.DB) {
		return usageError{"lantai restore replaces SQLite databases; restore PostgreSQL with pg_restore (see lantai restore --help)"}
	}
	kept, err := db.Restore(ctx, cfg.DB, pos[0], time.Now().UTC().Format("20060102T150405Z"))
	if err != nil {
		return err
	}
	say(e.stdout, "restored %s from %s", cfg.DB, pos[0])
	if kept != "" {
		say(e.stdout, "the previous database is kept as %s", kept)
	}
	return nil
}
