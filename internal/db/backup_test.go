package db_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
)

// TestBackupWhileWritingThenRestore takes a backup while another goroutine
// keeps committing writes, restores it, and checks that every write
// committed before the backup began is in the restored database.
func TestBackupWhileWritingThenRestore(t *testing.T) {
	d := dbtest.SQLite(t, nil)
	ctx := context.Background()
	write := func(i int64) error {
		return d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)`,
				"k"+itoa(i), strings.Repeat("x", 200), tx.Now)
			return err
		})
	}
	for i := int64(0); i < 2000; i++ {
		if err := write(i); err != nil {
			t.Fatal(err)
		}
	}
	var committed atomic.Int64 // highest i committed so far (writes are sequential)
	committed.Store(1999)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	stopWriter := sync.OnceFunc(func() { close(stop); wg.Wait() })
	defer stopWriter()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := int64(2000); ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := write(i); err != nil {
				t.Error(err)
				return
			}
			committed.Store(i)
		}
	}()
	// Let the writer get going, then back up while it writes.
	for committed.Load() < 2100 {
	}
	before := committed.Load()
	file := filepath.Join(t.TempDir(), "backup.db")
	if err := d.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	stopWriter()
	after := committed.Load()
	if after <= before {
		t.Fatalf("the writer did not write during the backup (%d then %d)", before, after)
	}
	if err := d.Backup(ctx, file); err == nil {
		t.Fatal("backup overwrote an existing file")
	}

	// Restore into a new place and count.
	target := filepath.Join(t.TempDir(), "restored", "lantai.db")
	if _, err := db.Restore(ctx, target, file, "test"); err != nil {
		t.Fatal(err)
	}
	r, err := db.Open(ctx, target, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var n, missing int64
	err = r.Read(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(`SELECT COUNT(*) FROM settings`).Scan(&n); err != nil {
			return err
		}
		return tx.QueryRow(`SELECT $1 - COUNT(*) FROM settings WHERE CAST(substr(key, 2) AS INTEGER) <= $2`, before+1, before).Scan(&missing)
	})
	if err != nil {
		t.Fatal(err)
	}
	if missing != 0 {
		t.Fatalf("%d writes committed before the backup are missing", missing)
	}
	if n < before+1 || n > after+1 {
		t.Fatalf("restored %d rows; committed %d before and %d after the backup", n, before+1, after+1)
	}
	t.Logf("backup held %d rows; %d were committed when it began, %d when it ended", n, before+1, after+1)
}

func TestRestoreChecksTheFileFirst(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	target := filepath.Join(dir, "lantai.db")
	d, err := db.Open(ctx, target, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	d.Close()
	orig, _ := os.ReadFile(target)

	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("hello"), 0o600)
	otherDB := filepath.Join(dir, "other.db")
	o, _ := db.Open(ctx, otherDB, db.Options{}) // a SQLite file without Lantai's schema
	o.Close()
	damaged := filepath.Join(dir, "damaged.db")
	good := filepath.Join(dir, "good.db")
	d, _ = db.Open(ctx, target, db.Options{})
	if err := d.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	d.Close()
	b, _ := os.ReadFile(good)
	for i := 4096; i < len(b) && i < 4096*3; i++ {
		b[i] ^= 0x5a
	}
	os.WriteFile(damaged, b, 0o600)

	cases := map[string]string{
		notDB:                         "not a SQLite database",
		otherDB:                       "not a Lantai database",
		damaged:                       "",
		filepath.Join(dir, "missing"): "no such file",
	}
	for file, want := range cases {
		_, err := db.Restore(ctx, target, file, "x")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("restore from %s: %v (want %q)", filepath.Base(file), err, want)
		}
		now, _ := os.ReadFile(target)
		if string(now) != string(orig) {
			t.Fatalf("a failed restore from %s changed the database", filepath.Base(file))
		}
	}
	// A running server's lock makes restore refuse.
	lock, err := db.LockServer(target)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Restore(ctx, target, good, "x"); err == nil || !strings.Contains(err.Error(), "running lantai server") {
		t.Fatalf("restore under a running server: %v", err)
	}
	lock.Release()
	kept, err := db.Restore(ctx, target, good, "x")
	if err != nil || !strings.HasSuffix(kept, ".before-restore-x") {
		t.Fatalf("restore: %q %v", kept, err)
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
