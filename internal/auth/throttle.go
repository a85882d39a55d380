package auth

import (
	"context"
	"fmt"
	"math"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// checkThrottle refuses a login attempt when the account or the client
// address has failed too often within the window. The counts live in the
// database, so every serve node sees the same ones.
func (s *Service) checkThrottle(ctx context.Context, user, ip string) error {
	now := s.db.Clock().Now()
	since := now.Add(-s.cfg.FailureWindow)
	type check struct {
		key   string
		limit int
	}
	checks := []check{{"account:" + user, s.cfg.MaxAccountFailures}}
	if ip != "" {
		checks = append(checks, check{"address:" + ip, s.cfg.MaxAddressFailures})
	}
	for _, c := range checks {
		var n int
		err := s.db.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(`SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at > $2`, c.key, since).Scan(&n)
		})
		if err != nil {
			return fmt.Errorf("login throttle: %w", err)
		}
		if n >= c.limit {
			minutes := int(math.Ceil(s.cfg.FailureWindow.Minutes()))
			return apperr.New(apperr.TooManyRequests, "error.login_throttled", "Minutes", minutes)
		}
	}
	return nil
}

// recordFailure counts one failed attempt against each key.
func (s *Service) recordFailure(ctx context.Context, keys []string) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		for _, k := range keys {
			if _, err := tx.Exec(`INSERT INTO login_failures (key, at) VALUES ($1, $2)`, k, tx.Now); err != nil {
				return fmt.Errorf("record login failure: %w", err)
			}
		}
		return nil
	})
}
