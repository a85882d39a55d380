package db

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver, registered as "pgx"
)

func openPostgres(ctx context.Context, target string, opts Options) (*DB, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("the database URL is malformed (expected postgres://user@host:5432/dbname): %w", err)
	}
	if u.Host == "" || len(u.Path) < 2 {
		return nil, fmt.Errorf("the database URL %q needs a host and a database name (postgres://user@host:5432/dbname)", redact(u))
	}
	q := u.Query()
	if q.Get("timezone") == "" {
		q.Set("timezone", "UTC")
	}
	u.RawQuery = q.Encode()
	p, err := sql.Open("pgx", u.String())
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL %s: %w", redact(u), err)
	}
	max := opts.MaxConns
	if max <= 0 {
		max = 16
	}
	p.SetMaxOpenConns(max)
	p.SetMaxIdleConns(max / 2)
	p.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := p.PingContext(pctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("cannot reach PostgreSQL at %s (is the server running, and do the user and database exist?): %w", redact(u), Normalize(err))
	}
	return &DB{dialect: Postgres, w: p, r: p, clock: opts.Clock, url: u.String()}, nil
}

// redact hides the password of a URL for messages and logs.
func redact(u *url.URL) string {
	c := *u
	if _, has := c.User.Password(); has {
		c.User = url.UserPassword(c.User.Username(), "xxxxx")
	}
	c.RawQuery = ""
	return c.String()
}
