package policy

import (
	"context"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // every node must read the library's zone the same way, whatever its system files

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// MaxHoldPickupDays bounds Settings.HoldPickupDays.
const MaxHoldPickupDays = 90

// Settings are the circulation settings of the library.
type Settings struct {
	// TimeZone is the IANA name of the library's time zone, which decides
	// local days for due dates and fines (default Asia/Shanghai).
	TimeZone string `json:"time_zone"`
	// FinesOpenDaysOnly: overdue fines count only the days the branch is
	// open (rules.OverdueFine's openDaysOnly); otherwise every day counts.
	FinesOpenDaysOnly bool `json:"fines_open_days_only"`
	// HoldPickupDays is how long a hold waits on the hold shelf for its
	// reader (1 to MaxHoldPickupDays).
	HoldPickupDays int `json:"hold_pickup_days"`
}

// loadZone reads an IANA zone name; "" and "Local" are refused, since they
// would mean different zones on different servers.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("time zone %q: not an IANA zone name", name)
	}
	return time.LoadLocation(name)
}

// validate checks the settings and names the wrong field.
func (st Settings) validate() error {
	if _, err := loadZone(st.TimeZone); err != nil {
		return apperr.New(apperr.Invalid, "error.circ_time_zone", "Value", st.TimeZone).WithField("time_zone").WithCause(err)
	}
	if st.HoldPickupDays < 1 || st.HoldPickupDays > MaxHoldPickupDays {
		return apperr.New(apperr.Invalid, "error.circ_hold_pickup_days", "Value", st.HoldPickupDays, "Max", MaxHoldPickupDays).WithField("hold_pickup_days")
	}
	return nil
}

// readSettings reads the settings and the version of the rules.
func readSettings(tx *db.Tx) (Settings, int64, error) {
	var st Settings
	var version int64
	err := tx.QueryRow(`SELECT time_zone, fines_open_days_only, hold_pickup_days, version FROM circ_settings WHERE id = 1`).
		Scan(&st.TimeZone, &st.FinesOpenDaysOnly, &st.HoldPickupDays, &version)
	if err != nil {
		return Settings{}, 0, fmt.Errorf("read circulation settings: %w", err)
	}
	return st, version, nil
}

// Settings returns the circulation settings.
func (s *Service) Settings(ctx context.Context, a auth.Actor) (Settings, error) {
	var st Settings
	err := s.read(ctx, a, func(tx *db.Tx) (err error) { st, _, err = readSettings(tx); return err })
	if err != nil {
		return Settings{}, fmt.Errorf("circulation settings: %w", err)
	}
	return st, nil
}

// SetSettings changes the circulation settings (circ.rules) and returns
// them as stored.
func (s *Service) SetSettings(ctx context.Context, a auth.Actor, st Settings) (Settings, error) {
	st.TimeZone = strings.TrimSpace(st.TimeZone)
	if err := a.Require(auth.PermCircRules); err != nil {
		return Settings{}, err
	}
	if err := st.validate(); err != nil {
		return Settings{}, err
	}
	err := s.write(ctx, a, func(tx *db.Tx) error {
		before, _, err := readSettings(tx)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE circ_settings SET time_zone = $1, fines_open_days_only = $2, hold_pickup_days = $3 WHERE id = 1`,
			st.TimeZone, st.FinesOpenDaysOnly, st.HoldPickupDays); err != nil {
			return err
		}
		return auth.Audit(tx, a, "circ_settings.update", "circ_settings", 1, before, st)
	})
	if err != nil {
		return Settings{}, fmt.Errorf("set circulation settings: %w", err)
	}
	return st, nil
}
