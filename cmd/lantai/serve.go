package main

import (
	"context"
	"fmt"
	"net/url"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/db"
)

const serveUsage = `Usage: lantai serve [flags]

Runs the staff web client (/staff/), the public catalogue (/) and the JSON
API (/api/v1/) on one address, plus /healthz and /metrics. On first start with
no staff account it creates "admin" and prints a one-time password. Stops
gracefully on SIGINT or SIGTERM: requests in flight finish first.`

func runServe(ctx context.Context, e env, args []string) error {
	cfg, _, err := parseFlags(e, "serve", serveUsage, args, func(f *app.Flags) { f.Server() })
	if err != nil {
		return err
	}
	return serve(ctx, e, cfg, nil)
}

// serve runs the server until ctx ends. ready, when not nil, receives the
// listening address once requests are being answered.
func serve(ctx context.Context, e env, cfg app.Config, ready chan<- string) error {
	log := cfg.Logger(e.stderr)
	ln, err := app.Listen(cfg.Addr)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, log, nil)
	if err != nil {
		ln.Close()
		return err
	}
	defer a.Close()
	scheme := "http"
	if cfg.TLSCert != "" {
		scheme = "https"
	}
	url := fmt.Sprintf("%s://%s/", scheme, ln.Addr().String())
	if cfg.Demo {
		accounts, pw, err := seedDemo(ctx, a)
		if err != nil {
			ln.Close()
			return fmt.Errorf("demo data: %w", err)
		}
		printDemo(e, url, cfg.DB, pw, accounts)
	} else {
		pw, err := a.Auth.EnsureAdmin(ctx)
		if err != nil {
			ln.Close()
			return fmt.Errorf("first account: %w", err)
		}
		if pw != "" {
			printFirstAdmin(e, url, pw)
		}
	}
	log.Info("lantai is ready", "url", url, "db", describeDB(cfg.DB), "version", version)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	return a.Serve(ctx, ln)
}

func describeDB(target string) string {
	if !db.IsPostgresURL(target) {
		return target
	}
	u, err := url.Parse(target)
	if err != nil {
		return "postgres://…"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx") // never log a password
	}
	return u.String()
}

func printFirstAdmin(e env, url, pw string) {
	say(e.stdout, "")
	say(e.stdout, "  Lantai is starting for the first time.")
	say(e.stdout, "  Sign in at %sstaff/ as:   admin", url)
	say(e.stdout, "  with this one-time password:   %s", pw)
	say(e.stdout, "  You will be asked to choose your own password. This password is not shown again.")
	say(e.stdout, "")
}
