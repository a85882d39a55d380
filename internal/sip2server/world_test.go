package sip2server_test

import (
	"bufio"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/marc"
	"lantai.dev/lantai/internal/readers"
	"lantai.dev/lantai/internal/search"
	"lantai.dev/lantai/internal/sip2"
	"lantai.dev/lantai/internal/sip2server"
)

// t0 is 10:00 on Tuesday 2026-09-01 in Shanghai.
var t0 = time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)

// world is a library behind a SIP2 server: a migrated database with two
// branches (main, north), the real services over it, the Circulation
// handler and a listening server with the machines of start (kiosk1,
// oldkiosk, strict, retired — all at the main stacks) and northkiosk at
// the north branch.
type world struct {
	t   testing.TB
	d   *db.DB
	clk *clock.Settable
	cat *catalog.Service
	pol *policy.Service
	rd  *readers.Service
	fs  *fees.Service
	cs  *circ.Service
	h   *sip2server.Circulation
	rig *rig
}

func newWorld(t testing.TB, d *db.DB, clk *clock.Settable, pw sip2server.PasswordChecker) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{t: t, d: d, clk: clk, cat: catalog.NewService(d), pol: policy.NewService(d), rd: readers.NewService(d, nil), fs: fees.NewService(d, nil)}
	w.cs = circ.NewService(d, w.pol, w.rd)
	must(t, w.cat.SaveCode(ctx, admin, catalog.Branches, catalog.Code{Code: "north", NameZH: "北校区分馆", NameEN: "North campus"}))
	must(t, w.cat.SaveCode(ctx, admin, catalog.Locations, catalog.Code{Code: "north_stacks", Branch: "north", NameZH: "北馆书库", NameEN: "North stacks"}))
	w.h = sip2server.NewCirculation(sip2server.Deps{DB: d, Circ: w.cs, Policy: w.pol, Readers: w.rd, Fees: w.fs, Catalog: w.cat,
		Search: search.NewEngine(d), Tr: i18n.MustLoad(), Passwords: pw})
	if tt, ok := t.(*testing.T); ok {
		w.rig = start(tt, d, w.h, 0)
	} else {
		w.rig = startB(t, d, w.h)
	}
	if _, err := w.rig.machines.Create(ctx, admin, sip2server.MachineInput{Login: "northkiosk", Password: "secret-north",
		Location: "north_stacks", InstitutionID: "LT", Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return w
}

// startB is start for a benchmark: the same machines, a server on a
// loopback port.
func startB(t testing.TB, d *db.DB, h sip2server.Handler) *rig {
	t.Helper()
	if _, err := sip2server.NewMachines(d).Create(context.Background(), admin, sip2server.MachineInput{Login: "kiosk1", Password: "secret-one",
		Location: "stacks", InstitutionID: "LT", Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return serve(t, d, h)
}

// serve starts another server with handler h for the machines of d.
func serve(t testing.TB, d *db.DB, h sip2server.Handler) *rig {
	t.Helper()
	ms := sip2server.NewMachines(d)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{srv: &sip2server.Server{Machines: ms, Handler: h}, addr: ln.Addr().String(), machines: ms, done: make(chan error, 1)}
	go func() { r.done <- r.srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		r.srv.Shutdown(ctx)
	})
	return r
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// record catalogues a CNMARC book and returns its id.
func (w *world) record(title, author string) int64 {
	w.t.Helper()
	r := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
	r.Add(
		marc.NewDataField("100", ' ', ' ', "a", "20230115d2023    em y0chiy50      ea"),
		marc.NewDataField("101", '0', ' ', "a", "chi"),
		marc.NewDataField("200", '1', ' ', "a", title, "f", author+"著"),
		marc.NewDataField("210", ' ', ' ', "a", "北京", "c", "人民文学出版社", "d", "2023"),
		marc.NewDataField("701", ' ', '0', "a", author, "4", "著"),
	)
	rec, err := w.cat.CreateRecord(context.Background(), admin, r)
	if err != nil {
		w.t.Fatalf("record %s: %v", title, err)
	}
	return rec.ID
}

// items adds available copies of a record at location, of itemType.
func (w *world) items(rec int64, location, itemType string, barcodes ...string) {
	w.t.Helper()
	for _, bc := range barcodes {
		if _, err := w.cat.CreateItem(context.Background(), admin, catalog.NewItem{RecordID: rec, Barcode: bc, Location: location,
			Collection: "zw", ItemType: itemType, Status: catalog.Available, PriceFen: 3980, CallNumber: "I247.5/" + bc}); err != nil {
			w.t.Fatalf("item %s: %v", bc, err)
		}
	}
}

// reader registers a reader.
func (w *world) reader(card, name, category string) readers.Reader {
	w.t.Helper()
	r, err := w.rd.Register(context.Background(), admin, card, readers.Details{Name: name, Category: category, ExpiresOn: "2030-06-30"})
	if err != nil {
		w.t.Fatalf("reader %s: %v", card, err)
	}
	return r
}

// count runs a COUNT query.
func (w *world) count(q string, args ...any) int {
	w.t.Helper()
	var n int
	must(w.t, w.d.Read(context.Background(), func(tx *db.Tx) error { return tx.QueryRow(q, args...).Scan(&n) }))
	return n
}

// machine is a logged-in machine's connection that speaks messages.
type machine struct {
	t     testing.TB
	nc    net.Conn
	br    *bufio.Reader
	codec sip2.Codec
}

// login connects and logs in as a machine of the world.
func (w *world) login(login, password string, charset sip2.Charset) *machine {
	w.t.Helper()
	nc, err := net.Dial("tcp", w.rig.addr)
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { nc.Close() })
	m := &machine{t: w.t, nc: nc, br: bufio.NewReader(nc), codec: sip2.Codec{Charset: charset}}
	if got := m.raw("9300CN" + login + "|CO" + password + "|CPx|"); got != "941" {
		w.t.Fatalf("login %s: %q", login, got)
	}
	return m
}

// raw sends a line and returns the answer line.
func (m *machine) raw(line string) string {
	m.t.Helper()
	if _, err := m.nc.Write([]byte(line + "\r")); err != nil {
		m.t.Fatal(err)
	}
	m.nc.SetReadDeadline(time.Now().Add(20 * time.Second))
	s, err := m.br.ReadString('\r')
	if err != nil {
		m.t.Fatalf("read: %v (got %q)", err, s)
	}
	return strings.TrimSuffix(s, "\r")
}

// ask sends a request in the machine's character set and parses the
// answer.
func (m *machine) ask(req sip2.Message) sip2.Message {
	m.t.Helper()
	line := m.raw(string(m.codec.Format(req)))
	ans, err := m.codec.Parse([]byte(line))
	if err != nil {
		m.t.Fatalf("answer %q: %v", line, err)
	}
	return ans
}

var reqDate = sip2.NewTimestamp(time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC))

func (m *machine) status(card string, lang sip2.Language, password string) *sip2.PatronStatusResponse {
	m.t.Helper()
	return m.ask(&sip2.PatronStatusRequest{Language: lang, TransactionDate: reqDate, InstitutionID: "LT", PatronID: card,
		PatronPassword: password}).(*sip2.PatronStatusResponse)
}

func (m *machine) checkout(card, barcode string) *sip2.CheckoutResponse {
	m.t.Helper()
	return m.ask(&sip2.Checkout{SCRenewalPolicy: true, TransactionDate: reqDate, InstitutionID: "LT", PatronID: card,
		ItemID: barcode}).(*sip2.CheckoutResponse)
}

func (m *machine) checkin(barcode string) *sip2.CheckinResponse {
	m.t.Helper()
	return m.ask(&sip2.Checkin{TransactionDate: reqDate, ReturnDate: reqDate, CurrentLocation: "x", InstitutionID: "LT",
		ItemID: barcode}).(*sip2.CheckinResponse)
}

func (m *machine) info(card string, summary int, start, end string) *sip2.PatronInformationResponse {
	m.t.Helper()
	var s sip2.Summary
	if summary >= 0 {
		s[summary] = true
	}
	return m.ask(&sip2.PatronInformation{Language: sip2.LanguageChinese, TransactionDate: reqDate, Summary: s, InstitutionID: "LT",
		PatronID: card, StartItem: start, EndItem: end}).(*sip2.PatronInformationResponse)
}

// has reports whether one of the screen messages contains part.
func has(msgs []string, part string) bool {
	for _, s := range msgs {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

// dueOn is the SIP2 due date of the end of a day in Shanghai.
func dueOn(day string) string { return strings.ReplaceAll(day, "-", "") + "    235959" }

// allow sets unlimited loans for a category (benchmarks and the
// concurrency test lend a lot).
func (w *world) allow(category string) {
	w.t.Helper()
	if _, err := w.pol.CreateLimit(context.Background(), admin, rules.LimitRow{Category: category, Branch: "*",
		Limits: rules.Limits{MaxLoans: rules.Unlimited, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 10}}); err != nil {
		w.t.Fatal(err)
	}
}
