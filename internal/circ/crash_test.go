package circ_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
)

// crashEnv names the SQLite file a child process of TestCrashDuringCheckouts
// works on.
const crashEnv = "LANTAI_CIRC_CRASH_CHILD"

// crashItems is how many items the crash test lends.
const crashItems = 3000

// TestCrashDuringCheckouts runs a stream of checkouts (and some returns)
// in a child process on a SQLite file and kills it with SIGKILL in the
// middle, three times. The child prints each loan's id after its
// transaction committed; after each kill the parent reopens the file and
// checks that every loan the child reported exists, every return it
// reported is closed, and no item's status contradicts its loans (on loan
// exactly when it has an open loan).
func TestCrashDuringCheckouts(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	c := clock.NewSettable(t0)
	d, err := db.Open(ctx, path, db.Options{Clock: c})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, d, c)
	ok(t)(e.p.CreateLimit(ctx, admin, rules.LimitRow{Category: "external", Branch: "*",
		Limits: rules.Limits{MaxLoans: rules.Unlimited, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 10}}))
	for i := range 10 {
		e.reader(t, fmt.Sprintf("K%02d", i), "external")
	}
	for range crashItems {
		e.book(t)
	}
	d.Close()

	loans, returns := map[int64]string{}, map[string]bool{}
	for round, killAfter := range []int{40, 250, 700} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashDuringCheckouts$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		n, killed := 0, false
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			switch {
			case len(f) == 3 && f[0] == "LOAN":
				id, _ := strconv.ParseInt(f[1], 10, 64)
				loans[id] = f[2]
				delete(returns, f[2])
			case len(f) == 2 && f[0] == "RETURN":
				returns[f[1]] = true
			default:
				continue
			}
			if n++; n == killAfter && !killed {
				cmd.Process.Kill() // SIGKILL: no deferred work, no clean close
				killed = true
			}
		}
		cmd.Wait()
		if !killed {
			t.Fatalf("round %d: the child finished before it was killed (%d lines)", round, n)
		}
		checkAfterCrash(t, path, loans, returns)
	}
	if len(loans) < 500 {
		t.Fatalf("only %d loans reported", len(loans))
	}
}

// checkAfterCrash reopens the file and checks it against what the child
// reported.
func checkAfterCrash(t *testing.T, path string, loans map[int64]string, returns map[string]bool) {
	t.Helper()
	d, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	err = d.Read(ctx, func(tx *db.Tx) error {
		var integrity string
		if err := tx.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
			return fmt.Errorf("integrity check: %q %v", integrity, err)
		}
		for id, barcode := range loans {
			var got string
			var open bool
			err := tx.QueryRow(`SELECT i.barcode, l.returned_at IS NULL FROM loans l JOIN items i ON i.id = l.item_id WHERE l.id = $1`, id).Scan(&got, &open)
			if err != nil || got != barcode {
				return fmt.Errorf("reported loan %d of %s: %q %v", id, barcode, got, err)
			}
			if returns[barcode] && open {
				return fmt.Errorf("reported return of %s: loan %d still open", barcode, id)
			}
		}
		var bad int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM items i WHERE (i.status = 'on_loan') <>
			EXISTS (SELECT 1 FROM loans l WHERE l.item_id = i.id AND l.returned_at IS NULL)`).Scan(&bad); err != nil {
			return err
		}
		if bad != 0 {
			return fmt.Errorf("%d items whose status contradicts their loans", bad)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// crashChild lends the items not yet lent, one by one, returning every
// third loan after the next one, and prints each committed change.
func crashChild(path string) {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(2)
	}
	d, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		fail(err)
	}
	s := circ.NewService(d, policy.NewService(d), nil)
	var next int
	if err := d.Read(ctx, func(tx *db.Tx) error { return tx.QueryRow(`SELECT COUNT(*) FROM loans`).Scan(&next) }); err != nil {
		fail(err)
	}
	var toReturn []string
	for i := next; i < crashItems; i++ {
		barcode := fmt.Sprintf("C%06d", i+1)
		l, err := s.Checkout(ctx, desk, fmt.Sprintf("K%02d", i%10), barcode, circ.CheckoutOptions{})
		if err != nil {
			fail(err)
		}
		fmt.Printf("LOAN %d %s\n", l.ID, barcode)
		if len(toReturn) > 0 {
			if _, err := s.Checkin(ctx, desk, toReturn[0], circ.CheckinOptions{}); err != nil {
				fail(err)
			}
			fmt.Printf("RETURN %s\n", toReturn[0])
			toReturn = toReturn[1:]
		}
		if i%3 == 0 {
			toReturn = append(toReturn, barcode)
		}
	}
	os.Exit(0)
}
