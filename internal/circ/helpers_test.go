package circ_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

var (
	ctx   = context.Background()
	admin = auth.CLIActor("test")
	// desk works a circulation desk: lends, takes back, renews, holds,
	// readers and fees — but may not override refusals.
	desk = auth.Actor{StaffID: 0, Name: "desk1", Door: auth.DoorWeb, Perms: auth.PermSet{
		auth.PermCircCheckout: true, auth.PermCircCheckin: true, auth.PermCircRenew: true, auth.PermCircHolds: true,
		auth.PermCircReaders: true, auth.PermCircFees: true}}
	// head is the head of circulation, who may override.
	head = auth.Actor{Name: "head", Door: auth.DoorWeb, Perms: auth.PermSet{
		auth.PermCircCheckout: true, auth.PermCircCheckin: true, auth.PermCircRenew: true, auth.PermCircHolds: true,
		auth.PermCircOverride: true}}
	// t0 is 10:00 on Tuesday 2026-09-01 in Shanghai.
	t0 = time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)
	// shanghai is the library's zone.
	shanghai = rules.DefaultLocation()
)

// env is one test's world: a migrated database with two branches (main,
// north) and the services over it.
type env struct {
	d   *db.DB
	c   *clock.Settable
	s   *circ.Service
	p   *policy.Service
	r   *readers.Service
	f   *fees.Service
	n   int // items made so far
	bib int64
}

func setup(t *testing.T, fn func(t *testing.T, e *env)) {
	c := clock.NewSettable(t0)
	dbtest.EachWithClock(t, c, func(t *testing.T, d *db.DB) {
		c.Set(t0)
		fn(t, newEnv(t, d, c))
	})
}

func newEnv(t testing.TB, d *db.DB, c *clock.Settable) *env {
	t.Helper()
	err := d.Write(ctx, func(tx *db.Tx) error {
		for _, q := range []string{
			`INSERT INTO branches (code, name_zh, name_en) VALUES ('north', '北校区分馆', 'North campus')`,
			`INSERT INTO locations (code, branch_code, name_zh, name_en) VALUES ('north_stacks', 'north', '北馆书库', 'North stacks')`,
		} {
			if _, err := tx.Exec(q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p := policy.NewService(d)
	r := readers.NewService(d, nil)
	return &env{d: d, c: c, p: p, r: r, f: fees.NewService(d, nil), s: circ.NewService(d, p, r)}
}

// record adds a bibliographic record and returns its id.
func (e *env) record(t testing.TB, title string) int64 {
	t.Helper()
	var id int64
	err := e.d.Write(ctx, func(tx *db.Tx) (err error) {
		id, err = tx.Insert(`INSERT INTO bib_records (format, marc, title, sort_title, price_fen, created_at, updated_at)
			VALUES ('marc21', $1, $2, $2, 2500, $3, $3)`, []byte("x"), title, tx.Now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// item adds an available item of record bib (a new record when 0) of
// itemType at location, priced priceFen, and returns its barcode.
func (e *env) item(t testing.TB, bib int64, itemType, location string, priceFen int64) string {
	t.Helper()
	if bib == 0 {
		bib = e.record(t, fmt.Sprintf("书名 %d", e.n+1))
	}
	e.n++
	barcode := fmt.Sprintf("C%06d", e.n)
	err := e.d.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(`INSERT INTO items (bib_id, barcode, accession_no, call_number, call_sort, location_code, collection, item_type,
			status, price_fen, created_at, updated_at) VALUES ($1, $2, $3, $4, $4, $5, 'zw', $6, 'available', $7, $8, $8)`,
			bib, barcode, "A"+barcode, fmt.Sprintf("I247/%d", e.n), location, itemType, priceFen, tx.Now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return barcode
}

// book is an available book at the main library's stacks, priced 30 元.
func (e *env) book(t testing.TB) string { return e.item(t, 0, "book", "stacks", 3000) }

// reader registers a reader of category with card number card.
func (e *env) reader(t testing.TB, card, category string) readers.Reader {
	t.Helper()
	r, err := e.r.Register(ctx, admin, card, readers.Details{Name: "读者" + card, Category: category, ExpiresOn: "2030-06-30"})
	if err != nil {
		t.Fatalf("register %s: %v", card, err)
	}
	return r
}

// checkout lends and fails the test on error.
func (e *env) checkout(t testing.TB, card, barcode string) circ.Loan {
	t.Helper()
	l, err := e.s.Checkout(ctx, desk, card, barcode, circ.CheckoutOptions{})
	if err != nil {
		t.Fatalf("checkout %s to %s: %v", barcode, card, err)
	}
	return l
}

// checkin takes back at branch and fails the test on error.
func (e *env) checkin(t testing.TB, barcode, branch string) circ.Return {
	t.Helper()
	r, err := e.s.Checkin(ctx, desk, barcode, circ.CheckinOptions{Branch: branch})
	if err != nil {
		t.Fatalf("checkin %s: %v", barcode, err)
	}
	return r
}

// status reads an item's status.
func (e *env) status(t testing.TB, barcode string) string {
	t.Helper()
	var s string
	if err := e.d.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT status FROM items WHERE barcode = $1`, barcode).Scan(&s)
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

// count runs a COUNT query.
func (e *env) count(t testing.TB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := e.d.Read(ctx, func(tx *db.Tx) error { return tx.QueryRow(q, args...).Scan(&n) }); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// owed is what a reader owes.
func (e *env) owed(t testing.TB, readerID int64) int64 {
	t.Helper()
	b, err := e.f.Balance(ctx, admin, readerID)
	if err != nil {
		t.Fatal(err)
	}
	return b.OwedFen
}

// at sets the clock to a local time in Shanghai.
func (e *env) at(year int, month time.Month, day, hour, min int) {
	e.c.Set(time.Date(year, month, day, hour, min, 0, 0, shanghai))
}

// reasons returns the refusal reasons inside err, sorted, or fails.
func reasons(t testing.TB, err error) []string {
	t.Helper()
	rs, ok := circ.RefusalsOf(err)
	if !ok {
		t.Fatalf("want a refusal, got %v", err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, string(r.Reason))
	}
	slices.Sort(out)
	return out
}

// wantReasons fails unless err is a refusal with exactly these reasons.
func wantReasons(t testing.TB, what string, err error, want ...rules.Reason) {
	t.Helper()
	got := reasons(t, err)
	var w []string
	for _, r := range want {
		w = append(w, string(r))
	}
	slices.Sort(w)
	if !slices.Equal(got, w) {
		t.Fatalf("%s: reasons %v, want %v (error %v)", what, got, w, err)
	}
}

// wantCode fails unless err is a domain error with the code and key.
func wantCode(t testing.TB, what string, err error, code apperr.Code, key string) {
	t.Helper()
	ae, ok := apperr.As(err)
	if !ok || ae.Code != code || (key != "" && ae.Key != key) {
		t.Fatalf("%s: got %v, want %s %s", what, err, code, key)
	}
}

// local writes an instant as local time in Shanghai.
func local(t time.Time) string { return t.In(shanghai).Format("2006-01-02 15:04:05") }

// mustDate parses YYYY-MM-DD.
func mustDate(s string) rules.Date {
	d, err := rules.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// isRefusal reports whether err is a refusal of one of these reasons.
func isRefusal(err error, r rules.Reason) bool {
	rs, ok := circ.RefusalsOf(err)
	return ok && slices.ContainsFunc(rs, func(x rules.Refusal) bool { return x.Reason == r })
}

// ok returns a function that fails the test when a call's error is not
// nil: ok(t)(svc.Method(…)).
func ok(t testing.TB) func(any, error) {
	return func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// noErr fails the test on an error.
func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// nobody holds no permission (a reader at the OPAC, say).
var nobody = auth.Actor{Name: "nobody", Door: auth.DoorOPAC}

// recordOf is the record id of the item with barcode.
func (e *env) recordOf(t testing.TB, barcode string) int64 {
	t.Helper()
	var id int64
	if err := e.d.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT bib_id FROM items WHERE barcode = $1`, barcode).Scan(&id)
	}); err != nil {
		t.Fatal(err)
	}
	return id
}
