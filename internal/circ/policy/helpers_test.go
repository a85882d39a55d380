package policy_test

import (
	"context"
	"path/filepath"
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
)

var (
	ctx = context.Background()
	// admin sets the rules (the command-line operator holds every permission).
	admin = auth.CLIActor("test")
	// desk is a circulation-desk member: may read the rules, not change them.
	desk = auth.Actor{StaffID: 0, Name: "desk", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCircCheckout: true}}
	// cataloguer has no circulation permission at all.
	cataloguer = auth.Actor{Name: "cataloguer", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCatalogView: true}}
)

// setup runs fn on every engine with a fresh service over a migrated
// database that has a second branch, LAW, and an item type reserve.
func setup(t *testing.T, fn func(t *testing.T, s *policy.Service, d *db.DB)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		addCodes(t, d)
		fn(t, policy.NewService(d), d)
	})
}

func addCodes(t *testing.T, d *db.DB) {
	t.Helper()
	err := d.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(`INSERT INTO branches (code, name_zh, name_en) VALUES ('LAW', '法学分馆', 'Law library')`); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO item_types (code, name_zh, name_en) VALUES ('reserve', '教参', 'Course reserve')`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// eachTwoNodes runs fn on every engine with two separate handles on one
// database, as two server nodes have.
func eachTwoNodes(t *testing.T, fn func(t *testing.T, d1, d2 *db.DB)) {
	open := func(t *testing.T, target string) *db.DB {
		d, err := db.Open(ctx, target, db.Options{Clock: clock.System{}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	run := func(t *testing.T, target string) {
		d1 := open(t, target)
		if _, err := d1.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		addCodes(t, d1)
		fn(t, d1, open(t, target))
	}
	t.Run("sqlite", func(t *testing.T) { run(t, filepath.Join(t.TempDir(), "lantai.db")) })
	t.Run("postgres", func(t *testing.T) { run(t, dbtest.PostgresURL(t)) })
}

// wantErr fails unless err is a domain error with code and key (and field,
// when given).
func wantErr(t *testing.T, err error, code apperr.Code, key, field string) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok {
		t.Fatalf("err = %v, want a %s domain error %s", err, code, key)
	}
	if e.Code != code || e.Key != key || (field != "" && e.Field != field) {
		t.Fatalf("err = %v, want %s %s field %q", err, code, key, field)
	}
	return e
}

// audits returns the audit entries of entity, newest first.
func audits(t *testing.T, d *db.DB, entity string) []auth.AuditEntry {
	t.Helper()
	es, err := auth.NewService(d, auth.Config{}).ListAudit(ctx, admin, auth.AuditFilter{Entity: entity})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// twoWeek is a 14-day loan with one 14-day renewal, 0.20 元 a day.
var twoWeek = rules.Policy{Period: 14, Unit: rules.Days, MaxOfType: rules.Unlimited, Renewals: 1, RenewalPeriod: 14,
	RenewFrom: rules.FromDue, FinePerDayFen: 20, GraceMode: rules.GraceForgive, HoldsAllowed: true}
