// Package dbtest opens real, migrated Lantai databases for tests: always a
// SQLite file in a temporary folder, and a fresh PostgreSQL database when
// LANTAI_TEST_POSTGRES holds a server URL (the database is created for the
// test and dropped after it).
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
)

// EnvPostgres names the environment variable holding the PostgreSQL URL.
const EnvPostgres = "LANTAI_TEST_POSTGRES"

// Each runs fn once per available database engine, as subtests named after
// the dialect, each on a fresh migrated database with the system clock.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	EachWithClock(t, clock.System{}, fn)
}

// EachWithClock is Each with a chosen clock.
func EachWithClock(t *testing.T, c clock.Clock, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t, c)) })
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv(EnvPostgres) == "" {
			t.Skip("PostgreSQL tests skipped: set " + EnvPostgres + " to a server URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them")
		}
		fn(t, Postgres(t, c))
	})
}

// SQLite opens a migrated SQLite database in a temporary folder.
func SQLite(t testing.TB, c clock.Clock) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "lantai.db"), db.Options{Clock: c})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

// PostgresURL creates an empty PostgreSQL database and returns its URL; the
// database is dropped when the test ends. The test is skipped when
// LANTAI_TEST_POSTGRES is unset.
func PostgresURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		t.Skip("PostgreSQL tests skipped: set " + EnvPostgres)
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "lantai_test_" + hex.EncodeToString(b[:])
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Like a Chinese library's server: the default collation is ICU zh-CN,
	// not C, so tests catch any ordering that relies on the collation.
	if _, err := conn.Exec("CREATE DATABASE " + name + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' LOCALE 'C.UTF-8'"); err != nil {
		if _, err := conn.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatalf("create test database on %s: %v", u.Host, err)
		}
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer c.Close()
		c.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u.Path = "/" + name
	return u.String()
}

// Postgres opens a fresh migrated PostgreSQL database.
func Postgres(t testing.TB, c clock.Clock) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), PostgresURL(t), db.Options{Clock: c})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}
