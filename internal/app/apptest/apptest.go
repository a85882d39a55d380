// Package apptest starts a real Lantai — the wiring of `lantai serve` on a
// fresh SQLite or PostgreSQL database — behind an HTTP test server, and
// gives tests a browser-like client for it.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db/dbtest"
)

// Server is a running Lantai for a test.
type Server struct {
	App   *app.App
	URL   string
	Clock *clock.Settable
}

// Each starts a server per available database (SQLite always, PostgreSQL
// when LANTAI_TEST_POSTGRES is set) and runs fn against it.
func Each(t *testing.T, fn func(t *testing.T, s *Server)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, Start(t, "")) })
	t.Run("postgres", func(t *testing.T) {
		fn(t, Start(t, dbtest.PostgresURL(t)))
	})
}

// Start opens Lantai on target ("" = a new SQLite file) and serves it.
func Start(t testing.TB, target string) *Server {
	t.Helper()
	var w io.Writer = io.Discard
	if testing.Verbose() {
		w = testWriter{t}
	}
	return StartWithLog(t, target, w)
}

// StartWithLog is Start with the server's log written to w.
func StartWithLog(t testing.TB, target string, w io.Writer) *Server {
	t.Helper()
	if target == "" {
		target = filepath.Join(t.TempDir(), "lantai.db")
	}
	cfg := app.Defaults()
	cfg.DB = target
	c := clock.NewSettable(time.Now())
	log := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := app.Open(context.Background(), cfg, log, c)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(a.Handler)
	t.Cleanup(func() { ts.Close(); a.Close() })
	return &Server{App: a, URL: ts.URL, Clock: c}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// CreateStaff opens an account with the given roles and password
// "pw-"+username, which need not be changed.
func (s *Server) CreateStaff(t testing.TB, username string, roles ...string) auth.Staff {
	t.Helper()
	st, err := s.App.Auth.CreateStaff(context.Background(), auth.CLIActor("test"),
		auth.NewStaff{Username: username, DisplayName: "名" + username, Password: "password-" + username, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Client is a browser-like client: it keeps cookies, does not follow
// redirects by itself, and sends the headers a same-origin browser form
// would.
type Client struct {
	t    testing.TB
	s    *Server
	HTTP *http.Client
}

// NewClient returns a client with an empty cookie jar.
func (s *Server) NewClient(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, s: s, HTTP: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Get fetches a path and returns the status and body.
func (c *Client) Get(path string) (int, string, http.Header) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.s.URL+path, nil)
	return c.do(req)
}

// PostForm posts a form the way a page of the same site does.
func (c *Client) PostForm(path string, form url.Values) (int, string, http.Header) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.s.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.s.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func (c *Client) do(req *http.Request) (int, string, http.Header) {
	c.t.Helper()
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// Login signs in and fails the test unless it succeeds.
func (c *Client) Login(username, password string) {
	c.t.Helper()
	status, body, h := c.PostForm("/staff/login", url.Values{"username": {username}, "password": {password}})
	if status != http.StatusSeeOther {
		c.t.Fatalf("login %s: status %d, body %.300s", username, status, body)
	}
	_ = h
}
