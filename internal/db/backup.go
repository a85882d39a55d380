package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Backup writes a consistent copy of a SQLite database to target with
// VACUUM INTO. It runs on a reader connection, so the server keeps serving
// and writing meanwhile; the copy is the state of one committed moment.
// PostgreSQL is backed up with pg_dump.
func (d *DB) Backup(ctx context.Context, target string) error {
	if d.dialect != SQLite {
		return errors.New("backup of PostgreSQL: use pg_dump -Fc (and pg_restore to restore); see README")
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("backup target %s already exists: choose a new file name", abs)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return fmt.Errorf("backup folder: %w", err)
	}
	tmp := abs + ".partial"
	os.Remove(tmp)
	// VACUUM INTO cannot run on a query_only connection, so use a plain
	// one; it reads one snapshot and does not block the writer.
	conn, err := sql.Open("sqlite", sqliteDSN(d.path, plainConn))
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if _, err := conn.ExecContext(ctx, `VACUUM INTO `+quoteLiteral(tmp)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup into %s: %w", abs, Normalize(err))
	}
	if err := CheckBackup(ctx, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// CheckBackup makes sure file is an intact Lantai SQLite database that this
// binary can open: the integrity check passes and its schema is not newer
// than the binary's.
func CheckBackup(ctx context.Context, file string) error {
	st, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("backup file: %w", err)
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a folder, not a backup file", file)
	}
	head := make([]byte, 16)
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("backup file: %w", err)
	}
	_, err = f.Read(head)
	f.Close()
	if err != nil || string(head) != "SQLite format 3\x00" {
		return fmt.Errorf("%s is not a SQLite database file", file)
	}
	conn, err := sql.Open("sqlite", "file:"+file+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer conn.Close()
	var res string
	if err := conn.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("%s: integrity check failed: %w", file, Normalize(err))
	}
	if res != "ok" {
		return fmt.Errorf("%s is damaged: %s", file, res)
	}
	var version int64
	if err := conn.QueryRowContext(ctx, `SELECT MAX(version_id) FROM goose_db_version`).Scan(&version); err != nil {
		return fmt.Errorf("%s is not a Lantai database (no schema version table): %w", file, Normalize(err))
	}
	fsys, err := renderMigrations(SQLite)
	if err != nil {
		return err
	}
	entries, _ := readDirNames(fsys)
	if latest := latestVersion(entries); version > latest {
		return fmt.Errorf("%s has schema version %d, newer than this lantai (%d): upgrade lantai first", file, version, latest)
	}
	return nil
}

// Restore replaces the SQLite database at dbPath with the backup file,
// after checking the file, while no server uses the database. The previous
// database is kept beside it as dbPath.before-restore-<time>.
func Restore(ctx context.Context, dbPath, file, stamp string) (string, error) {
	if IsPostgresURL(dbPath) {
		return "", errors.New("restore of PostgreSQL: use pg_restore with a pg_dump file; see README")
	}
	if err := CheckBackup(ctx, file); err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return "", fmt.Errorf("data folder: %w", err)
	}
	lock, err := LockExclusive(abs)
	if err != nil {
		return "", err
	}
	defer lock.Release()
	// Copy to a temporary file beside the target first, so that a full disk
	// or an interruption never leaves half a database in place.
	tmp := abs + ".restoring"
	if err := copyFile(file, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("restore: %w", err)
	}
	kept := ""
	if _, err := os.Stat(abs); err == nil {
		kept = abs + ".before-restore-" + stamp
		// Fold the write-ahead log into the old file so that the kept copy
		// is complete on its own.
		if old, err := sql.Open("sqlite", sqliteDSN(abs, writerConn)); err == nil {
			old.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
			old.Close()
		}
		if err := os.Rename(abs, kept); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("restore: keep the old database: %w", err)
		}
	}
	os.Remove(abs + "-wal")
	os.Remove(abs + "-shm")
	if err := os.Rename(tmp, abs); err != nil {
		return kept, fmt.Errorf("restore: %w", err)
	}
	return kept, nil
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
