package auth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// Principal is a signed-in staff member as seen by a front door: the account,
// what it may do, and (for web sessions) when the session ends.
type Principal struct {
	Staff     Staff
	Perms     PermSet
	ExpiresAt time.Time
}

// Actor returns the actor for a request made through door.
func (p Principal) Actor(door Door, requestID, clientIP string) Actor {
	return Actor{StaffID: p.Staff.ID, Name: p.Staff.Username, Door: door, Perms: p.Perms, RequestID: requestID, ClientIP: clientIP}
}

// LoginRequest is a sign-in attempt.
type LoginRequest struct {
	Username, Password string
	ClientIP           string
	UserAgent          string
	Door               Door
	RequestID          string
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Login checks a username and password and opens a session. Failed attempts
// are counted per account and per client address; past the limits, further
// attempts are refused (before the password is even checked) until the
// window has passed. It returns the session token for the cookie.
func (s *Service) Login(ctx context.Context, req LoginRequest) (string, Principal, error) {
	user := strings.ToLower(strings.TrimSpace(req.Username))
	keys := []string{"account:" + user}
	if req.ClientIP != "" {
		keys = append(keys, "address:"+req.ClientIP)
	}
	if err := s.checkThrottle(ctx, user, req.ClientIP); err != nil {
		return "", Principal{}, err
	}
	var id int64
	var hash string
	var disabled bool
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT id, password_hash, disabled FROM staff WHERE lower(username) = $1`, user).Scan(&id, &hash, &disabled)
	})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", Principal{}, fmt.Errorf("login: %w", err)
	}
	known := err == nil
	if !known {
		hash = dummyHash()
	}
	ok := VerifyPassword(hash, req.Password) && known
	if !ok {
		if err := s.recordFailure(ctx, keys); err != nil {
			return "", Principal{}, err
		}
		return "", Principal{}, apperr.New(apperr.Unauthenticated, "error.bad_credentials")
	}
	if disabled {
		return "", Principal{}, apperr.New(apperr.Forbidden, "error.account_disabled")
	}
	token := RandomSecret(32)
	var p Principal
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(`DELETE FROM login_failures WHERE key = $1`, keys[0]); err != nil {
			return err
		}
		var err error
		p, err = s.insertSession(tx, token, id, req.ClientIP, req.UserAgent)
		if err != nil {
			return err
		}
		a := p.Actor(req.Door, req.RequestID, req.ClientIP)
		return Audit(tx, a, "staff.login", "staff", id, nil, map[string]any{"client_ip": req.ClientIP})
	})
	if err != nil {
		return "", Principal{}, fmt.Errorf("login: %w", err)
	}
	return token, p, nil
}

func (s *Service) insertSession(tx *db.Tx, token string, staffID int64, ip, ua string) (Principal, error) {
	if len(ua) > 300 {
		ua = ua[:300]
	}
	expires := tx.Now.Add(s.cfg.SessionMax)
	if _, err := tx.Exec(`INSERT INTO sessions (token_hash, staff_id, created_at, last_seen_at, expires_at, client_ip, user_agent)
		VALUES ($1, $2, $3, $3, $4, $5, $6)`, hashToken(token), staffID, tx.Now, expires, ip, ua); err != nil {
		return Principal{}, err
	}
	st, err := getStaff(tx, staffID)
	if err != nil {
		return Principal{}, err
	}
	perms, err := permissionsOf(tx, staffID)
	if err != nil {
		return Principal{}, err
	}
	return Principal{Staff: st, Perms: perms, ExpiresAt: expires}, nil
}

// NewSession opens a fresh session for the actor's own account — used right
// after ChangeOwnPassword, which ends every session of the account.
func (s *Service) NewSession(ctx context.Context, a Actor, userAgent string) (string, Principal, error) {
	if a.StaffID == 0 {
		return "", Principal{}, apperr.New(apperr.Unauthenticated, "error.login_required")
	}
	token := RandomSecret(32)
	var p Principal
	err := s.db.Write(ctx, func(tx *db.Tx) (err error) {
		p, err = s.insertSession(tx, token, a.StaffID, a.ClientIP, userAgent)
		return err
	})
	return token, p, err
}

// activeStaff loads an enabled account and its permissions for a session
// or a token; a disabled account is refused.
func activeStaff(tx *db.Tx, staffID int64) (Staff, PermSet, error) {
	st, err := getStaff(tx, staffID)
	if err != nil {
		return Staff{}, nil, err
	}
	if st.Disabled {
		return Staff{}, nil, apperr.New(apperr.Unauthenticated, "error.account_disabled")
	}
	perms, err := permissionsOf(tx, staffID)
	return st, perms, err
}

// touchEvery limits how often a session's last-seen time is written.
const touchEvery = time.Minute

// Session returns the person signed in with token. It fails with
// Unauthenticated when the session is unknown, idle for too long, past its
// absolute lifetime, or the account is disabled.
func (s *Service) Session(ctx context.Context, token string) (Principal, error) {
	if token == "" {
		return Principal{}, apperr.New(apperr.Unauthenticated, "error.login_required")
	}
	h := hashToken(token)
	var p Principal
	var lastSeen time.Time
	now := s.db.Clock().Now()
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var staffID int64
		err := tx.QueryRow(`SELECT staff_id, last_seen_at, expires_at FROM sessions WHERE token_hash = $1`, h).Scan(&staffID, &lastSeen, &p.ExpiresAt)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.Unauthenticated, "error.session_expired")
		}
		if err != nil {
			return err
		}
		if !now.Before(p.ExpiresAt) || now.Sub(lastSeen) >= s.cfg.SessionIdle {
			return apperr.New(apperr.Unauthenticated, "error.session_expired")
		}
		p.Staff, p.Perms, err = activeStaff(tx, staffID)
		return err
	})
	if err != nil {
		return Principal{}, err
	}
	if now.Sub(lastSeen) >= touchEvery {
		err := s.db.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2`, tx.Now, h)
			return err
		})
		if err != nil {
			return Principal{}, fmt.Errorf("session touch: %w", err)
		}
	}
	return p, nil
}

// Logout ends the session with token.
func (s *Service) Logout(ctx context.Context, a Actor, token string) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.ExecAffected(`DELETE FROM sessions WHERE token_hash = $1`, hashToken(token))
		if err != nil || n == 0 {
			return err
		}
		return Audit(tx, a, "staff.logout", "staff", a.StaffID, nil, nil)
	})
}

// LogoutEverywhere ends every session of the actor's own account.
func (s *Service) LogoutEverywhere(ctx context.Context, a Actor) (int64, error) {
	if a.StaffID == 0 {
		return 0, apperr.New(apperr.Unauthenticated, "error.login_required")
	}
	var n int64
	err := s.db.Write(ctx, func(tx *db.Tx) (err error) {
		n, err = tx.ExecAffected(`DELETE FROM sessions WHERE staff_id = $1`, a.StaffID)
		if err != nil {
			return err
		}
		return Audit(tx, a, "staff.logout_everywhere", "staff", a.StaffID, nil, map[string]any{"sessions": n})
	})
	return n, err
}

// PurgeExpired deletes expired sessions and old login failures. It is
// housekeeping, run now and then by the server; sessions are not a ledger.
func (s *Service) PurgeExpired(ctx context.Context) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(`DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2`, tx.Now, tx.Now.Add(-s.cfg.SessionIdle)); err != nil {
			return err
		}
		_, err := tx.Exec(`DELETE FROM login_failures WHERE at <= $1`, tx.Now.Add(-s.cfg.FailureWindow))
		return err
	})
}
