package auth

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// TokenPrefix starts every API token, so that a leaked token is easy to
// recognise in logs and secret scanners.
const TokenPrefix = "lantai_"

// APIToken describes a bearer token (never the token itself, which is shown
// once when it is created and stored only as a hash).
type APIToken struct {
	ID         int64      `json:"id"`
	StaffID    int64      `json:"staff_id"`
	Username   string     `json:"username"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// CreateToken issues a token for an account. Anyone may create one for
// themselves; creating one for another account needs staff.manage. The
// token carries exactly the permissions of the account.
func (s *Service) CreateToken(ctx context.Context, a Actor, username, name string) (string, APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "api"
	}
	secret := TokenPrefix + RandomSecret(32)
	var t APIToken
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		id, err := staffIDByName(tx, username)
		if err != nil {
			return err
		}
		if id != a.StaffID {
			if err := a.Require(PermStaffManage); err != nil {
				return err
			}
		}
		st, err := getStaff(tx, id)
		if err != nil {
			return err
		}
		if st.Disabled {
			return apperr.New(apperr.Invalid, "error.account_disabled")
		}
		t = APIToken{StaffID: id, Username: st.Username, Name: name, Prefix: secret[:len(TokenPrefix)+6], CreatedAt: tx.Now}
		t.ID, err = tx.Insert(`INSERT INTO api_tokens (staff_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5)`,
			id, name, hashToken(secret), t.Prefix, tx.Now)
		if err != nil {
			return err
		}
		return Audit(tx, a, "token.create", "api_token", t.ID, nil, t)
	})
	if err != nil {
		return "", APIToken{}, err
	}
	return secret, t, nil
}

// ListTokens lists the tokens of the actor's own account, or of every
// account for someone with staff.manage when all is true.
func (s *Service) ListTokens(ctx context.Context, a Actor, all bool) ([]APIToken, error) {
	if all {
		if err := a.Require(PermStaffManage); err != nil {
			return nil, err
		}
	}
	q := `SELECT t.id, t.staff_id, s.username, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at
		FROM api_tokens t JOIN staff s ON s.id = t.staff_id`
	var args []any
	if !all {
		q += ` WHERE t.staff_id = $1`
		args = append(args, a.StaffID)
	}
	q += ` ORDER BY t.id DESC`
	var out []APIToken
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(q, args...)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (APIToken, error) {
			var t APIToken
			var used, revoked db.Time
			err := r.Scan(&t.ID, &t.StaffID, &t.Username, &t.Name, &t.Prefix, &t.CreatedAt, &used, &revoked)
			t.LastUsedAt, t.RevokedAt, t.CreatedAt = used.Ptr(), revoked.Ptr(), t.CreatedAt.UTC()
			return t, err
		})
		return err
	})
	return out, err
}

// RevokeToken revokes a token of one's own, or anyone's with staff.manage.
func (s *Service) RevokeToken(ctx context.Context, a Actor, id int64) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		var owner int64
		var revoked sql.NullTime
		err := tx.QueryRow(`SELECT staff_id, revoked_at FROM api_tokens WHERE id = $1`, id).Scan(&owner, &revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "error.token_not_found", "ID", id)
		}
		if err != nil {
			return err
		}
		if owner != a.StaffID {
			if err := a.Require(PermStaffManage); err != nil {
				return err
			}
		}
		if revoked.Valid {
			return nil
		}
		if _, err := tx.Exec(`UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, tx.Now, id); err != nil {
			return err
		}
		return Audit(tx, a, "token.revoke", "api_token", id, nil, nil)
	})
}

// TokenPrincipal returns the account a bearer token belongs to, with its
// current permissions. Revoked tokens and disabled accounts are refused.
func (s *Service) TokenPrincipal(ctx context.Context, token string) (Principal, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return Principal{}, apperr.New(apperr.Unauthenticated, "error.token_invalid")
	}
	h := hashToken(token)
	var p Principal
	var id int64
	var lastUsed sql.NullTime
	now := s.db.Clock().Now()
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var staffID int64
		var revoked sql.NullTime
		err := tx.QueryRow(`SELECT id, staff_id, revoked_at, last_used_at FROM api_tokens WHERE token_hash = $1`, h).Scan(&id, &staffID, &revoked, &lastUsed)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && revoked.Valid) {
			return apperr.New(apperr.Unauthenticated, "error.token_invalid")
		}
		if err != nil {
			return err
		}
		p.Staff, p.Perms, err = activeStaff(tx, staffID)
		return err
	})
	if err != nil {
		return Principal{}, err
	}
	if !lastUsed.Valid || now.Sub(lastUsed.Time) >= touchEvery {
		err = s.db.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, tx.Now, id)
			return err
		})
	}
	return p, err
}
