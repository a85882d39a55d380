package auth

import (
	"context"
	"fmt"
	"math"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// ThrottleCheck is one count of failed logins that refuses further
// attempts when it reaches Limit within the window: per account, per
// client address.
type ThrottleCheck struct {
	Key   string
	Limit int
}

// CheckThrottle refuses a login attempt when one of the checks has failed
// too often within window. The counts live in the database, so every serve
// node sees the same ones. Staff logins and readers' logins to the public
// catalogue use it with their own keys.
func CheckThrottle(ctx context.Context, d *db.DB, window time.Duration, checks ...ThrottleCheck) error {
	since := d.Clock().Now().Add(-window)
	for _, c := range checks {
		var n int
		err := d.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(`SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at > $2`, c.Key, since).Scan(&n)
		})
		if err != nil {
			return fmt.Errorf("login throttle: %w", err)
		}
		if n >= c.Limit {
			minutes := int(math.Ceil(window.Minutes()))
			return apperr.New(apperr.TooManyRequests, "error.login_throttled", "Minutes", minutes)
		}
	}
	return nil
}

// RecordFailure counts one failed attempt against each key.
func RecordFailure(ctx context.Context, d *db.DB, keys ...string) error {
	return d.Write(ctx, func(tx *db.Tx) error {
		for _, k := range keys {
			if _, err := tx.Exec(`INSERT INTO login_failures (key, at) VALUES ($1, $2)`, k, tx.Now); err != nil {
				return fmt.Errorf("record login failure: %w", err)
			}
		}
		return nil
	})
}

// checkThrottle applies the staff limits to an account and an address.
func (s *Service) checkThrottle(ctx context.Context, user, ip string) error {
	checks := []ThrottleCheck{{"account:" + user, s.cfg.MaxAccountFailures}}
	if ip != "" {
		checks = append(checks, ThrottleCheck{"address:" + ip, s.cfg.MaxAddressFailures})
	}
	return CheckThrottle(ctx, s.db, s.cfg.FailureWindow, checks...)
}

// recordFailure counts one failed attempt against each key.
func (s *Service) recordFailure(ctx context.Context, keys []string) error {
	return RecordFailure(ctx, s.db, keys...)
}
