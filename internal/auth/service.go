package auth

import (
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// Config holds the session and login-throttling policy.
type Config struct {
	SessionIdle        time.Duration // a session unused this long expires
	SessionMax         time.Duration // no session lives longer than this
	FailureWindow      time.Duration // failed logins are counted over this window
	MaxAccountFailures int           // failures per account within the window before it is throttled
	MaxAddressFailures int           // failures per client address within the window
}

// DefaultConfig is a policy that suits a library desk: a shift-long session
// that ends when the desk is left alone for an hour.
func DefaultConfig() Config {
	return Config{
		SessionIdle:        time.Hour,
		SessionMax:         12 * time.Hour,
		FailureWindow:      15 * time.Minute,
		MaxAccountFailures: 5,
		MaxAddressFailures: 20,
	}
}

// Service is the staff-accounts capability.
type Service struct {
	db  *db.DB
	cfg Config
}

// NewService returns the service over d.
func NewService(d *db.DB, cfg Config) *Service {
	def := DefaultConfig()
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = def.SessionIdle
	}
	if cfg.SessionMax <= 0 {
		cfg.SessionMax = def.SessionMax
	}
	if cfg.FailureWindow <= 0 {
		cfg.FailureWindow = def.FailureWindow
	}
	if cfg.MaxAccountFailures <= 0 {
		cfg.MaxAccountFailures = def.MaxAccountFailures
	}
	if cfg.MaxAddressFailures <= 0 {
		cfg.MaxAddressFailures = def.MaxAddressFailures
	}
	return &Service{db: d, cfg: cfg}
}

// Config returns the policy in force.
func (s *Service) Config() Config { return s.cfg }

func newInvalid(key, field string, args ...any) error {
	return apperr.New(apperr.Invalid, key, args...).WithField(field)
}
