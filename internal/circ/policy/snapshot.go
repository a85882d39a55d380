package policy

import (
	"context"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// Snapshot is everything circulation needs of the loan rules, as of one
// version: the rule and limit rows, the calendars, the settings and the
// library's time zone. A Snapshot is shared between goroutines and cached:
// treat it as read-only.
type Snapshot struct {
	// Version is the rules' version counter, bumped by every change.
	Version  int64
	Rules    []rules.Row
	Limits   []rules.LimitRow
	Settings Settings
	// Location is Settings.TimeZone, loaded.
	Location *time.Location
	// Calendars by branch code; "*" is the calendar of every branch
	// without its own.
	Calendars map[string]*rules.Calendar
}

// Resolve picks the policy for a reader of category borrowing an item of
// itemType at branch (rules.Resolve over the snapshot's rows).
func (s *Snapshot) Resolve(category, itemType, branch string) (rules.Resolution, error) {
	return rules.Resolve(s.Rules, category, itemType, branch)
}

// ResolveLimits picks the limits of a reader of category at branch
// (rules.ResolveLimits over the snapshot's rows).
func (s *Snapshot) ResolveLimits(category, branch string) (rules.LimitsResolution, error) {
	return rules.ResolveLimits(s.Limits, category, branch)
}

// Calendar returns the calendar of branch: its own, else the calendar of
// "*", else nil, which the rules read as open every day.
func (s *Snapshot) Calendar(branch string) *rules.Calendar {
	if c, ok := s.Calendars[branch]; ok {
		return c
	}
	return s.Calendars[rules.Any]
}

// version reads the rules' version counter.
func version(tx *db.Tx) (int64, error) {
	var v int64
	if err := tx.QueryRow(`SELECT version FROM circ_settings WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read loan-rule version: %w", err)
	}
	return v, nil
}

// Read loads a Snapshot inside tx, without any cache.
func Read(tx *db.Tx) (*Snapshot, error) {
	st, v, err := readSettings(tx)
	if err != nil {
		return nil, err
	}
	loc, err := loadZone(st.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("circulation settings: %w", err)
	}
	snap := &Snapshot{Version: v, Settings: st, Location: loc}
	if snap.Rules, err = readRules(tx); err != nil {
		return nil, err
	}
	if snap.Limits, err = readLimits(tx); err != nil {
		return nil, err
	}
	if snap.Calendars, err = readCalendars(tx, ""); err != nil {
		return nil, err
	}
	return snap, nil
}

// Load returns the Snapshot of the rules inside tx — the caller's own
// transaction, such as a checkout's — from the cache when the version
// stored in the database is the cached one, else read afresh. It reads the
// version in tx every time, so a change committed by any node is seen by
// the next transaction on every node. Do not call it in a transaction that
// has changed the rules itself.
func (s *Service) Load(tx *db.Tx) (*Snapshot, error) {
	v, err := version(tx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	c := s.cached
	s.mu.Unlock()
	if c != nil && c.Version == v {
		return c, nil
	}
	snap, err := Read(tx)
	if err != nil {
		return nil, err
	}
	// On PostgreSQL each statement of a READ COMMITTED transaction sees
	// the latest commits: cache the snapshot only when no change committed
	// while it was read, so the cache never holds rows of another version.
	again, err := version(tx)
	if err != nil {
		return nil, err
	}
	if snap.Version == v && again == v {
		s.mu.Lock()
		s.cached = snap
		s.mu.Unlock()
	}
	return snap, nil
}

// Snapshot loads the Snapshot of the rules in a read transaction of its
// own, for callers outside a transaction.
func (s *Service) Snapshot(ctx context.Context) (*Snapshot, error) {
	var snap *Snapshot
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { snap, err = s.Load(tx); return err })
	if err != nil {
		return nil, fmt.Errorf("load loan rules: %w", err)
	}
	return snap, nil
}
