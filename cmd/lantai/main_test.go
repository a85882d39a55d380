package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"lantai.dev/lantai/internal/db/dbtest"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func testEnv(stdin string, vars map[string]string) (env, *syncBuffer, *syncBuffer) {
	out, errb := &syncBuffer{}, &syncBuffer{}
	return env{stdin: strings.NewReader(stdin), stdout: out, stderr: errb,
		getenv: func(k string) string { return vars[k] }}, out, errb
}

// runCmd runs one lantai command line in-process.
func runCmd(t *testing.T, vars map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	e, out, errb := testEnv(stdin, vars)
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// startServe runs `lantai serve` exactly as main does, on a free port, and
// returns its base URL, its stdout, and a stop function that sends the
// shutdown signal (cancels the context) and waits for serve to return.
func startServe(t *testing.T, vars map[string]string, args ...string) (string, *syncBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e, out, errb := testEnv("", vars)
	addr := freeAddr(t)
	done := make(chan int, 1)
	go func() { done <- run(ctx, e, append([]string{"serve", "--addr", addr}, args...)) }()
	base := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready: %s", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				return fmt.Errorf("serve exited with %d: %s", code, errb.String())
			}
			return nil
		case <-time.After(30 * time.Second):
			return fmt.Errorf("serve did not stop")
		}
	}
	t.Cleanup(func() { stop() })
	return base, out, stop
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

type browser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t, base, &http.Client{Jar: jar, Timeout: 20 * time.Second}}
}

func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	resp, err := b.c.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (b *browser) post(path string, form url.Values) (int, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.base)
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServeEndToEnd starts the real server on SQLite (and on PostgreSQL when
// available), takes the first-start admin password from its output, signs
// in, is made to change the password, creates an API token and uses it.
func TestServeEndToEnd(t *testing.T) {
	targets := map[string]string{"sqlite": filepath.Join(t.TempDir(), "data", "lantai.db")}
	if os.Getenv(dbtest.EnvPostgres) != "" {
		targets["postgres"] = dbtest.PostgresURL(t)
	}
	for name, target := range targets {
		t.Run(name, func(t *testing.T) {
			base, out, stop := startServe(t, map[string]string{"LANTAI_DB": target})
			m := regexp.MustCompile(`one-time password:\s+(\S+)`).FindStringSubmatch(out.String())
			if m == nil {
				t.Fatalf("no first-start password in: %s", out.String())
			}
			b := newBrowser(t, base)
			status, body := b.post("/staff/login", url.Values{"username": {"admin"}, "password": {m[1]}})
			if status != 200 || !strings.Contains(body, "首次登录") {
				t.Fatalf("first login should land on the password page: %d %.300s", status, body)
			}
			status, body = b.post("/staff/password", url.Values{"current": {m[1]}, "password": {"my-own-secret"}, "confirm": {"my-own-secret"}})
			if status != 200 || !strings.Contains(body, "密码已修改") || !strings.Contains(body, "审计日志") {
				t.Fatalf("after changing the password: %d %.500s", status, body)
			}
			status, body = b.post("/staff/tokens", url.Values{"name": {"e2e"}})
			tok := regexp.MustCompile(`lantai_[A-Za-z0-9_-]+`).FindString(body)
			if status != 200 || tok == "" {
				t.Fatalf("token page: %d", status)
			}
			req, _ := http.NewRequest("GET", base+"/api/v1/me", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			me, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(me), `"username":"admin"`) {
				t.Fatalf("API with the token: %d %s", resp.StatusCode, me)
			}
			if err := stop(); err != nil {
				t.Fatal(err)
			}
			// A second start prints no new password and keeps the account.
			base, out, _ = startServe(t, map[string]string{"LANTAI_DB": target})
			if strings.Contains(out.String(), "one-time password") {
				t.Fatal("second start made a new admin password")
			}
			b = newBrowser(t, base)
			if status, body := b.post("/staff/login", url.Values{"username": {"admin"}, "password": {"my-own-secret"}}); status != 200 || !strings.Contains(body, "工作台") {
				t.Fatalf("login after restart: %d", status)
			}
		})
	}
}

// TestGracefulShutdown checks that a request in flight when the signal
// comes is answered before serve returns.
func TestGracefulShutdown(t *testing.T) {
	base, _, stop := startServe(t, map[string]string{"LANTAI_DB": filepath.Join(t.TempDir(), "x.db")})
	u, _ := url.Parse(base)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := "username=nobody&password=wrong-password"
	// Send the headers and half the body, then ask the server to stop.
	fmt.Fprintf(conn, "POST /staff/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s", u.Host, len(body), body[:10])
	time.Sleep(100 * time.Millisecond)
	stopErr := make(chan error, 1)
	go func() { stopErr <- stop() }()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-stopErr:
		t.Fatalf("serve returned while a request was in flight: %v", err)
	default:
	}
	io.WriteString(conn, body[10:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the in-flight request got no answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("in-flight request: status %d", resp.StatusCode)
	}
	if err := <-stopErr; err != nil {
		t.Fatal(err)
	}
}

func TestDemoPrintsURLAndPassword(t *testing.T) {
	dir := t.TempDir()
	base, out, stop := startServe(t, nil, "--demo", "--db", filepath.Join(dir, "demo.db"))
	m := regexp.MustCompile(`password:\s+(\S+)`).FindStringSubmatch(out.String())
	if m == nil || !strings.Contains(out.String(), base) {
		t.Fatalf("demo output: %s", out.String())
	}
	b := newBrowser(t, base)
	if status, body := b.post("/staff/login", url.Values{"username": {"cataloguer"}, "password": {m[1]}}); status != 200 || !strings.Contains(body, "编目") {
		t.Fatalf("demo cataloguer: %d %.300s", status, body)
	}
	// A demo reader signs in to the public catalogue with the same
	// password (and is asked to choose their own).
	if !strings.Contains(out.String(), "D0001") {
		t.Fatalf("no demo readers in: %s", out.String())
	}
	r := newBrowser(t, base)
	if status, body := r.post("/account/login", url.Values{"card": {"D0001"}, "password": {m[1]}}); status != 200 || !strings.Contains(body, `id="must-change"`) {
		t.Fatalf("demo reader sign-in: %d %.300s", status, body)
	}
	stop()
}

func TestCommandLineErrors(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "lantai.db")
	vars := map[string]string{"LANTAI_DB": dbPath}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	blocker := filepath.Join(dir, "afile")
	os.WriteFile(blocker, []byte("x"), 0o600)
	cfgFile := filepath.Join(dir, "bad.conf")
	os.WriteFile(cfgFile, []byte("addr = 127.0.0.1:1\nwibble = 3\n"), 0o600)
	cases := []struct {
		args []string
		vars map[string]string
		code int
		want string
	}{
		{[]string{}, nil, 2, "Usage"},
		{[]string{"frobnicate"}, nil, 2, `unknown command "frobnicate"`},
		{[]string{"serve", "--no-such-flag"}, vars, 2, "flag provided but not defined: -no-such-flag"},
		{[]string{"serve", "--addr", busy.Addr().String()}, vars, 1, "already in use"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, nil, 1, "cannot reach PostgreSQL"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(blocker, "sub", "x.db")}, nil, 1, "cannot create the data folder"},
		{[]string{"serve", "--log-format", "xml"}, vars, 2, "use text or json"},
		{[]string{"serve", "--session-idle", "soon"}, vars, 2, "invalid value"},
		{[]string{"serve", "--timezone", "Mars/Olympus"}, vars, 2, "not a known time zone"},
		{[]string{"serve"}, map[string]string{"LANTAI_DB": dbPath, "LANTAI_SESSION_MAX": "forever"}, 2, "LANTAI_SESSION_MAX"},
		{[]string{"serve", "--config", cfgFile}, vars, 2, "line 2: unknown setting \"wibble\""},
		{[]string{"serve", "--config", filepath.Join(dir, "missing.conf")}, vars, 2, "config file"},
		{[]string{"user", "add"}, vars, 2, "exactly one USERNAME"},
		{[]string{"user", "explode", "x"}, vars, 2, "unknown subcommand"},
		{[]string{"token", "create"}, vars, 2, "--user"},
		{[]string{"backup"}, vars, 2, "exactly one BACKUP-FILE"},
		{[]string{"restore", filepath.Join(dir, "nope.db")}, vars, 1, "no such file"},
		{[]string{"backup", "x.dump"}, map[string]string{"LANTAI_DB": "postgres://u@h/db"}, 2, "pg_dump"},
		{[]string{"version", "extra"}, nil, 2, "no arguments"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--migrate=false", "--db", filepath.Join(dir, "fresh", "new.db")}, nil, 1, "migration(s) (schema 0, this lantai expects"},
	}
	for _, tc := range cases {
		code, out, errs := runCmd(t, tc.vars, "", tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.want) {
			t.Errorf("lantai %s: exit %d, want %d with %q; got:\n%s%s", strings.Join(tc.args, " "), code, tc.code, tc.want, out, errs)
		}
	}
	// Nothing half-created: the failed serve with a folder under a file
	// made no folder, and the port-in-use failure left no database behind.
	if _, err := os.Stat(dbPath); err == nil {
		t.Error("a failed serve created the database")
	}
}

func TestEveryCommandExplainsItsFlags(t *testing.T) {
	for _, c := range commands() {
		code, out, errs := runCmd(t, nil, "", c.name, "--help")
		if code != 0 || !strings.Contains(out+errs, "Usage") {
			t.Errorf("lantai %s --help: exit %d\n%s%s", c.name, code, out, errs)
		}
	}
	_, out, errs := runCmd(t, nil, "", "serve", "--help")
	for _, flag := range []string{"-addr", "-db", "-demo", "-migrate", "-tls-cert", "-session-idle", "-timezone", "-log-format", "-config", "LANTAI_"} {
		if !strings.Contains(out+errs, flag) {
			t.Errorf("serve --help does not explain %s", flag)
		}
	}
}

func TestUserAndTokenCommands(t *testing.T) {
	vars := map[string]string{"LANTAI_DB": filepath.Join(t.TempDir(), "lantai.db"), "USER": "tester"}
	code, out, errs := runCmd(t, vars, "", "migrate")
	if code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %s %s", code, out, errs)
	}
	code, out, errs = runCmd(t, vars, "", "user", "add", "wangfang", "--name", "王芳", "--role", "cataloguer,serials")
	if code != 0 || !regexp.MustCompile(`one-time password .*: \S+`).MatchString(out) {
		t.Fatalf("user add: %d %s %s", code, out, errs)
	}
	code, _, errs = runCmd(t, vars, "", "user", "add", "WANGFANG")
	if code != 1 || !strings.Contains(errs, "already taken") {
		t.Fatalf("duplicate user add: %d %s", code, errs)
	}
	code, _, errs = runCmd(t, vars, "", "user", "add", "li", "--role", "astronaut")
	if code != 1 || !strings.Contains(errs, "no role called astronaut") {
		t.Fatalf("unknown role: %d %s", code, errs)
	}
	code, out, _ = runCmd(t, vars, "short\n", "user", "passwd", "wangfang", "--password-stdin")
	if code != 1 {
		t.Fatalf("short password accepted: %d %s", code, out)
	}
	code, out, errs = runCmd(t, vars, "a-good-password\n", "user", "passwd", "wangfang", "--password-stdin")
	if code != 0 {
		t.Fatalf("passwd: %d %s", code, errs)
	}
	code, out, errs = runCmd(t, vars, "", "token", "create", "--user", "wangfang", "--name", "nightly export")
	if code != 0 || !strings.HasPrefix(strings.TrimSpace(out), "lantai_") {
		t.Fatalf("token create: %d %q %s", code, out, errs)
	}
	if code, _, _ = runCmd(t, vars, "", "user", "disable", "wangfang"); code != 0 {
		t.Fatal("disable")
	}
	code, out, _ = runCmd(t, vars, "", "user", "list")
	if code != 0 || !regexp.MustCompile(`wangfang\s+王芳\s+cataloguer,serials\s+disabled`).MatchString(out) {
		t.Fatalf("user list: %s", out)
	}
	code, out, _ = runCmd(t, vars, "", "version")
	if code != 0 || !strings.HasPrefix(out, "lantai ") {
		t.Fatalf("version: %s", out)
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"LANTAI_DB": filepath.Join(dir, "lantai.db")}
	runCmd(t, vars, "", "user", "add", "before")
	backup := filepath.Join(dir, "b.db")
	if code, out, errs := runCmd(t, vars, "", "backup", backup); code != 0 || !strings.Contains(out, "checked") {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	runCmd(t, vars, "", "user", "add", "after")
	if code, out, errs := runCmd(t, vars, "", "restore", backup); code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %s %s", code, out, errs)
	}
	_, out, _ := runCmd(t, vars, "", "user", "list")
	if !strings.Contains(out, "before") || strings.Contains(out, "after") {
		t.Fatalf("after restore: %s", out)
	}
	// Restore refuses while a server runs on the database.
	startServe(t, vars)
	if code, _, errs := runCmd(t, vars, "", "restore", backup); code != 1 || !strings.Contains(errs, "running lantai server") {
		t.Fatalf("restore under a running server: %d %s", code, errs)
	}
}

func TestDescribeDBHidesPasswords(t *testing.T) {
	cases := map[string]string{
		"postgres://lantai:s3cret@db:5432/lantai": "postgres://lantai:xxxxx@db:5432/lantai",
		"postgres://lantai@db:5432/lantai":        "postgres://lantai@db:5432/lantai",
		"./lantai-data/lantai.db":                 "./lantai-data/lantai.db",
	}
	for in, want := range cases {
		if got := describeDB(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}
