package db_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		st, err := d.MigrationStatus(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.Pending() || st.Current == 0 {
			t.Fatalf("after migration: %+v", st)
		}
		n, err := d.Migrate(context.Background())
		if err != nil || n != 0 {
			t.Fatalf("second migrate applied %d, err %v", n, err)
		}
	})
}

func TestErrorsNormalizedByCode(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		insert := func(tx *db.Tx, name string) error {
			_, err := tx.Exec(`INSERT INTO staff (username, display_name, password_hash, created_at, updated_at, password_changed_at)
				VALUES ($1, $1, 'x', $2, $2, $2)`, name, tx.Now)
			return err
		}
		if err := d.Write(ctx, func(tx *db.Tx) error { return insert(tx, "wang") }); err != nil {
			t.Fatal(err)
		}
		err := d.Write(ctx, func(tx *db.Tx) error { return insert(tx, "WANG") })
		if db.KindOf(err) != db.KindUnique {
			t.Fatalf("duplicate username (case-insensitive): want unique violation, got %v", err)
		}
		err = d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`INSERT INTO staff_roles (staff_id, role_id) VALUES (999999, 999999)`)
			return err
		})
		if db.KindOf(err) != db.KindForeignKey {
			t.Fatalf("dangling reference: want foreign key violation, got %v", err)
		}
		err = d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`INSERT INTO staff (username, display_name, password_hash, created_at, updated_at, password_changed_at)
				VALUES ($1, NULL, 'x', $2, $2, $2)`, "li", tx.Now)
			return err
		})
		if db.KindOf(err) != db.KindNotNull {
			t.Fatalf("missing name: want not-null violation, got %v", err)
		}
	})
}

func TestWriteRollsBackOnError(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.Write(ctx, func(tx *db.Tx) error {
			if _, err := tx.Exec(`INSERT INTO settings (key, value, updated_at) VALUES ('a', 'b', $1)`, tx.Now); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("want boom, got %v", err)
		}
		err = d.Read(ctx, func(tx *db.Tx) error {
			var v string
			return tx.QueryRow(`SELECT value FROM settings WHERE key = 'a'`).Scan(&v)
		})
		if !errors.Is(err, sql.ErrNoRows) {
			t.Fatalf("the rolled-back row is visible: %v", err)
		}
	})
}

func TestNowComesFromTheClockAndRoundTrips(t *testing.T) {
	at := time.Date(2026, 9, 1, 8, 30, 15, 123456000, time.UTC)
	c := clock.NewSettable(at)
	dbtest.EachWithClock(t, c, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		err := d.Write(ctx, func(tx *db.Tx) error {
			if !tx.Now.Equal(at) {
				t.Errorf("tx.Now = %v, want %v", tx.Now, at)
			}
			_, err := tx.Exec(`INSERT INTO settings (key, value, updated_at) VALUES ('k', 'v', $1)`, tx.Now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var got time.Time
		err = d.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(`SELECT updated_at FROM settings WHERE key = 'k' AND updated_at <= $1`, at).Scan(&got)
		})
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(at) {
			t.Fatalf("stored %v, read back %v", at, got)
		}
	})
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		err := d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`INSERT INTO audit_log (at, actor_name, door, action, entity, entity_id, summary)
				VALUES ($1, 'test', 'cli', 'x', 'y', '1', '{}')`, tx.Now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`UPDATE audit_log SET action = 'changed'`, `DELETE FROM audit_log`} {
			err := d.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(q); return err })
			if err == nil {
				t.Fatalf("%s succeeded on the append-only audit log", q)
			}
		}
	})
}

func TestSQLiteBadPaths(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("this is not a database\n", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := db.Open(context.Background(), notDB, db.Options{})
	if err == nil || !strings.Contains(err.Error(), "not a SQLite database") {
		t.Fatalf("opening a text file: %v", err)
	}
	if os.Geteuid() != 0 { // root can write anywhere
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o500)
		_, err = db.Open(context.Background(), filepath.Join(ro, "x.db"), db.Options{})
		if err == nil || !strings.Contains(err.Error(), "not writable") {
			t.Fatalf("opening in a read-only folder: %v", err)
		}
	}
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o600)
	_, err = db.Open(context.Background(), filepath.Join(blocker, "sub", "x.db"), db.Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot create the data folder") {
		t.Fatalf("folder under a file: %v", err)
	}
}

func TestPostgresBadURL(t *testing.T) {
	for _, u := range []string{"postgres://", "postgres://127.0.0.1:1/x?connect_timeout=2"} {
		_, err := db.Open(context.Background(), u, db.Options{})
		if err == nil {
			t.Fatalf("%s opened", u)
		}
	}
}

// TestMigrationsOutOfOrder: a database migrated by a build in which a
// lower-numbered migration had not landed yet still gets it.
func TestMigrationsOutOfOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		// Undo migration 13 (a column on items) as if it had never been
		// applied, keeping the later ones.
		err := d.Write(ctx, func(tx *db.Tx) error {
			if _, err := tx.Exec(`ALTER TABLE items DROP COLUMN sip2_properties`); err != nil {
				return err
			}
			_, err := tx.Exec(`DELETE FROM goose_db_version WHERE version_id = 13`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		st, err := d.MigrationStatus(ctx)
		if err != nil || !st.Pending() {
			t.Fatalf("a missing migration is not pending: %+v %v", st, err)
		}
		n, err := d.Migrate(ctx)
		if err != nil || n != 1 {
			t.Fatalf("migrate: applied %d, %v", n, err)
		}
		if st, err := d.MigrationStatus(ctx); err != nil || st.Pending() {
			t.Fatalf("after migrating: %+v %v", st, err)
		}
		err = d.Read(ctx, func(tx *db.Tx) error {
			var n int
			return tx.QueryRow(`SELECT COUNT(sip2_properties) FROM items`).Scan(&n)
		})
		if err != nil {
			t.Fatalf("the missing migration was not applied: %v", err)
		}
	})
}
