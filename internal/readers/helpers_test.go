package readers_test

import (
	"context"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

var (
	ctx = context.Background()
	cli = auth.CLIActor("test")
	// desk is a circulation-desk person with the readers' and fees'
	// permissions but not the waiver or rules ones.
	desk = auth.Actor{Name: "desk1", Door: auth.DoorWeb, Perms: auth.PermSet{
		auth.PermCircReaders: true, auth.PermCircFees: true, auth.PermCircCheckout: true}}
	// t0 is 10:00 on 2026-09-01 in Shanghai.
	t0 = time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)
)

type env struct {
	r *readers.Service
	f *fees.Service
	d *db.DB
	c *clock.Settable
}

func setup(t *testing.T, fn func(t *testing.T, e env)) {
	c := clock.NewSettable(t0)
	dbtest.EachWithClock(t, c, func(t *testing.T, d *db.DB) {
		c.Set(t0)
		fn(t, env{r: readers.NewService(d, nil), f: fees.NewService(d, nil), d: d, c: c})
	})
}

func register(t *testing.T, e env, card, name string) readers.Reader {
	t.Helper()
	r, err := e.r.Register(ctx, desk, card, readers.Details{Name: name, Category: "undergraduate", ExpiresOn: "2030-06-30"})
	if err != nil {
		t.Fatalf("register %s: %v", card, err)
	}
	return r
}

// wantErr fails unless err is a domain error with the code and key.
func wantErr(t *testing.T, what string, err error, code apperr.Code, key string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || e.Key != key {
		t.Fatalf("%s: got %v, want %s %s", what, err, code, key)
	}
}

// count runs a COUNT query.
func count(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.Read(ctx, func(tx *db.Tx) error { return tx.QueryRow(q, args...).Scan(&n) }); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
