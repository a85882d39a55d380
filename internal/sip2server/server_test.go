package sip2server_test

import (
	"bufio"
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/sip2"
	"lantai.dev/lantai/internal/sip2server"
)

var admin = auth.CLIActor("test")

// titleHandler answers item information with a fixed Chinese title, and
// waits for release first when it is set (a slow answer).
type titleHandler struct {
	release chan struct{}
	started chan struct{}
}

func (h *titleHandler) Handle(ctx context.Context, s *sip2server.Session, m sip2.Message) (sip2.Message, error) {
	it, ok := m.(*sip2.ItemInformation)
	if !ok {
		return nil, nil
	}
	if h.release != nil {
		h.started <- struct{}{}
		<-h.release
	}
	return &sip2.ItemInformationResponse{CirculationStatus: "03", SecurityMarker: "00", FeeType: "01",
		TransactionDate: sip2.NewTimestamp(time.Now()), ItemID: it.ItemID, TitleID: "三体 by " + s.Machine.Login}, nil
}

func (h *titleHandler) SupportedCodes() []string { return []string{"17"} }

type rig struct {
	srv      *sip2server.Server
	addr     string
	machines *sip2server.Machines
	done     chan error
}

func start(t *testing.T, d *db.DB, h sip2server.Handler, idle time.Duration) *rig {
	t.Helper()
	ms := sip2server.NewMachines(d)
	for _, in := range []sip2server.MachineInput{
		{Login: "kiosk1", Password: "secret-one", Name: "总馆自助机", Location: "stacks", InstitutionID: "LT", Enabled: true},
		{Login: "oldkiosk", Password: "secret-two", Location: "stacks", Charset: "GB18030", Enabled: true},
		{Login: "strict", Password: "secret-three", Location: "stacks", Checksums: true, Enabled: true},
		{Login: "retired", Password: "secret-four", Location: "stacks", Enabled: false},
	} {
		if _, err := ms.Create(context.Background(), admin, in); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{srv: &sip2server.Server{Machines: ms, Handler: h, IdleTimeout: idle}, addr: ln.Addr().String(), machines: ms, done: make(chan error, 1)}
	go func() { r.done <- r.srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		r.srv.Shutdown(ctx)
	})
	return r
}

type client struct {
	t  *testing.T
	nc net.Conn
	br *bufio.Reader
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	return &client{t: t, nc: nc, br: bufio.NewReader(nc)}
}

// send writes a raw line and reads the answer line (without its CR).
func (c *client) send(line string) string {
	c.t.Helper()
	if _, err := c.nc.Write([]byte(line + "\r")); err != nil {
		c.t.Fatal(err)
	}
	return c.read()
}

func (c *client) read() string {
	c.t.Helper()
	c.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	s, err := c.br.ReadString('\r')
	if err != nil {
		c.t.Fatalf("read: %v (got %q)", err, s)
	}
	return strings.TrimSuffix(s, "\r")
}

// withSum adds a sequence number and checksum to a message.
func withSum(body string, seq int) string {
	b := []byte(body + "AY" + string(rune('0'+seq)) + "AZ")
	return string(b) + strings.ToUpper(hex4(sip2.Checksum(b)))
}

func hex4(v uint16) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

func TestLoginStatusAndResend(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := start(t, d, &titleHandler{}, 0)
		c := dial(t, r.addr)
		// Before login a status request is answered "off line"; anything
		// else closes the connection.
		if got := c.send("9900302.00"); !strings.HasPrefix(got, "98NNNNNN") {
			t.Fatalf("status before login: %q", got)
		}
		if got := c.send("9300CNkiosk1|COwrong-password|CPstacks|"); got != "940" {
			t.Fatalf("wrong password: %q", got)
		}
		if got := c.send("9300CNkiosk1|COsecret-one|CPstacks|"); got != "941" {
			t.Fatalf("login: %q", got)
		}
		got := c.send("9900302.00")
		if !strings.HasPrefix(got, "98YNNNNN") && !strings.HasPrefix(got, "98Y") {
			t.Fatalf("status: %q", got)
		}
		st, err := sip2.Parse([]byte(got))
		if err != nil {
			t.Fatal(err)
		}
		acs := st.(*sip2.ACSStatus)
		if !acs.OnlineStatus || acs.InstitutionID != "LT" || acs.LibraryName != "总馆自助机" || acs.TerminalLocation != "stacks" ||
			acs.SupportedMessages[10] != 'Y' || acs.SupportedMessages[1] != 'N' {
			t.Fatalf("ACS status %+v", acs)
		}
		// The handler answers in UTF-8; a resend request repeats it.
		first := c.send("1720261122    120000AOLT|ABT0001|")
		if !strings.Contains(first, "AJ三体 by kiosk1|") {
			t.Fatalf("item information: %q", first)
		}
		if again := c.send("97"); again != first {
			t.Fatalf("resend: %q, want %q", again, first)
		}
		// The machine's account notes the login.
		list, err := r.machines.List(context.Background(), admin)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range list {
			if m.Login == "kiosk1" && (m.LastLoginAt == nil || m.LastAddress != "127.0.0.1") {
				t.Fatalf("last login not noted: %+v", m)
			}
		}
		// A message before login on a new connection closes it.
		c2 := dial(t, r.addr)
		c2.nc.Write([]byte("1720261122    120000AOLT|ABT0001|\r"))
		c2.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := c2.br.ReadString('\r'); err == nil {
			t.Fatal("a message before login was answered")
		}
	})
}

func TestChecksumsAndCharsets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := start(t, d, &titleHandler{}, 0)
		// A machine that numbers its messages gets numbered, checksummed
		// answers; a bad checksum is answered with a request to resend.
		c := dial(t, r.addr)
		got := c.send(withSum("9300CNkiosk1|COsecret-one|CPstacks|", 1))
		if err := sip2.Verify([]byte(got)); err != nil || !strings.HasPrefix(got, "941AY1AZ") {
			t.Fatalf("checksummed login answer %q: %v", got, err)
		}
		bad := withSum("1720261122    120000AOLT|ABT0001|", 2)
		bad = bad[:len(bad)-4] + "0000"
		if got := c.send(bad); got != "96" && !strings.HasPrefix(got, "96") {
			t.Fatalf("bad checksum answered %q, want 96", got)
		}
		got = c.send(withSum("1720261122    120000AOLT|ABT0001|", 3))
		if err := sip2.Verify([]byte(got)); err != nil || !strings.Contains(got, "AY3AZ") {
			t.Fatalf("answer %q: %v", got, err)
		}
		// A machine whose account requires checksums: a message without
		// one is refused.
		s := dial(t, r.addr)
		if got := s.send("9300CNstrict|COsecret-three|CPstacks|"); !strings.HasPrefix(got, "941") {
			t.Fatalf("strict login: %q", got)
		}
		if got := s.send("1720261122    120000AOLT|ABT0001|"); !strings.HasPrefix(got, "96") {
			t.Fatalf("no checksum on a strict machine answered %q", got)
		}
		// A GB18030 machine gets GB18030 bytes.
		g := dial(t, r.addr)
		if got := g.send("9300CNoldkiosk|COsecret-two|CPstacks|"); got != "941" {
			t.Fatalf("gb18030 login: %q", got)
		}
		raw := g.send("1720261122    120000AOLT|ABT0001|")
		if strings.Contains(raw, "三体") {
			t.Fatal("answer in UTF-8 to a GB18030 machine")
		}
		m, err := sip2.Codec{Charset: sip2.GB18030}.Parse([]byte(raw))
		if err != nil || m.(*sip2.ItemInformationResponse).TitleID != "三体 by oldkiosk" {
			t.Fatalf("GB18030 answer %q: %v", raw, err)
		}
		// A disabled account cannot log in; three refusals close the line.
		x := dial(t, r.addr)
		for i := 0; i < 3; i++ {
			if got := x.send("9300CNretired|COsecret-four|CPstacks|"); got != "940" {
				t.Fatalf("disabled login %d: %q", i, got)
			}
		}
		x.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := x.br.ReadString('\r'); err == nil {
			t.Fatal("connection open after three refused logins")
		}
	})
}

func TestIdleTimeoutAndGracefulShutdown(t *testing.T) {
	d := dbtest.SQLite(t, nil)
	h := &titleHandler{release: make(chan struct{}), started: make(chan struct{}, 1)}
	r := start(t, d, h, 300*time.Millisecond)
	idle := dial(t, r.addr)
	idle.send("9300CNkiosk1|COsecret-one|CPstacks|")
	idle.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := idle.br.ReadString('\r'); err == nil {
		t.Fatal("idle connection not closed")
	}
	// A slow answer in flight when the server shuts down is still sent.
	c := dial(t, r.addr)
	c.send("9300CNkiosk1|COsecret-one|CPstacks|")
	c.nc.Write([]byte("1720261122    120000AOLT|ABT0001|\r"))
	<-h.started
	var wg sync.WaitGroup
	wg.Add(1)
	var shutErr error
	go func() {
		defer wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		shutErr = r.srv.Shutdown(ctx)
	}()
	time.Sleep(100 * time.Millisecond)
	close(h.release)
	if got := c.read(); !strings.Contains(got, "AJ三体") {
		t.Fatalf("answer in flight: %q", got)
	}
	wg.Wait()
	if shutErr != nil {
		t.Fatal(shutErr)
	}
	if err := <-r.done; !errors.Is(err, sip2server.ErrServerClosed) {
		t.Fatalf("Serve returned %v", err)
	}
	if _, err := net.DialTimeout("tcp", r.addr, time.Second); err == nil {
		t.Fatal("still listening after shutdown")
	}
}

func TestMachineAccounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ms := sip2server.NewMachines(d)
		ctx := context.Background()
		for _, c := range []struct {
			in    sip2server.MachineInput
			field string
		}{
			{sip2server.MachineInput{Login: "", Password: "long-enough", Location: "stacks"}, "login"},
			{sip2server.MachineInput{Login: "a", Password: "short", Location: "stacks"}, "password"},
			{sip2server.MachineInput{Login: "a", Password: "long-enough", Location: "nowhere"}, "location"},
			{sip2server.MachineInput{Login: "a", Password: "long-enough", Location: "stacks", Charset: "big5"}, "charset"},
			{sip2server.MachineInput{Login: "a", Password: "long-enough", Location: "stacks", Branch: "east"}, "location"},
		} {
			_, err := ms.Create(ctx, admin, c.in)
			e, ok := apperr.As(err)
			if !ok || e.Field != c.field {
				t.Errorf("%+v: %v, want an error on %s", c.in, err, c.field)
			}
		}
		desk := auth.Actor{Name: "desk", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCircCheckout: true}}
		if _, err := ms.Create(ctx, desk, sip2server.MachineInput{Login: "k", Password: "long-enough", Location: "stacks"}); err == nil {
			t.Fatal("a desk account created a machine")
		}
		m, err := ms.Create(ctx, admin, sip2server.MachineInput{Login: "k", Password: "long-enough", Location: "stacks", Enabled: true})
		if err != nil || m.Branch != "main" || m.Charset != "utf-8" {
			t.Fatalf("%+v %v", m, err)
		}
		if _, err := ms.Create(ctx, admin, sip2server.MachineInput{Login: "k", Password: "long-enough", Location: "stacks"}); err == nil {
			t.Fatal("a second machine with the same login")
		}
		// An update without a password keeps the old one.
		if _, err := ms.Update(ctx, admin, m.ID, sip2server.MachineInput{Login: "k", Location: "stacks", Charset: "gb18030", Enabled: true}); err != nil {
			t.Fatal(err)
		}
		if got, err := ms.Authenticate(ctx, "k", "long-enough", "10.0.0.9"); err != nil || got.Charset != "gb18030" {
			t.Fatalf("login after update: %+v %v", got, err)
		}
		if _, err := ms.Authenticate(ctx, "k", "wrong", "10.0.0.9"); !errors.Is(err, sip2server.ErrLoginRefused) {
			t.Fatalf("wrong password: %v", err)
		}
		if _, err := ms.Authenticate(ctx, "nobody", "long-enough", "10.0.0.9"); !errors.Is(err, sip2server.ErrLoginRefused) {
			t.Fatalf("unknown login: %v", err)
		}
		// A machine acts with the self-service permissions only.
		a := m.Actor("10.0.0.9")
		if a.Door != auth.DoorSIP2 || !a.Can(auth.PermCircCheckout) || a.Can(auth.PermCircOverride) || a.Can(auth.PermCircWaive) || a.Can(auth.PermCircReaders) {
			t.Fatalf("machine actor %+v", a)
		}
	})
}
