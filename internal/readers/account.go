package readers

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// The reader's account in the public catalogue: the card number and a
// password sign in. Staff set or reset the password (circ.readers); the
// reader changes it. Failed sign-ins are counted per card and per address
// in the same table as staff logins, so every server node sees them.
const (
	// MinReaderPassword is the shortest password a reader may have.
	MinReaderPassword = 6
	// ReaderSessionIdle ends a reader's session unused this long;
	// ReaderSessionMax ends it anyway.
	ReaderSessionIdle = 30 * time.Minute
	ReaderSessionMax  = 12 * time.Hour

	readerFailureWindow = 15 * time.Minute
	maxCardFailures     = 5
	maxAddressFailures  = 30
)

// ReaderSession is a signed-in reader.
type ReaderSession struct {
	ReaderID   int64
	Name       string
	CardNumber string
	MustChange bool // the password was set by staff: the reader should change it
}

// Actor is the reader acting for themselves.
func (p ReaderSession) Actor(clientIP string) auth.Actor {
	return auth.ReaderActor(p.ReaderID, p.CardNumber, clientIP)
}

func checkReaderPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinReaderPassword {
		return invalid("error.reader_password_short", "password", "Min", MinReaderPassword)
	}
	if len(pw) > 256 {
		return invalid("error.reader_password_long", "password")
	}
	return nil
}

// SetPassword sets or resets a reader's password for the public catalogue
// (circ.readers); the reader is asked to change it at the next sign-in,
// and every session of the reader ends.
func (s *Service) SetPassword(ctx context.Context, a auth.Actor, readerID int64, password string) error {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return err
	}
	if err := checkReaderPassword(password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := ByID(tx, readerID); err != nil {
			return err
		}
		if err := storePassword(tx, readerID, hash, true, a.Name); err != nil {
			return err
		}
		return auth.Audit(tx, a, "reader.password_set", "reader", readerID, nil, map[string]any{"must_change": true})
	})
}

func storePassword(tx *db.Tx, readerID int64, hash string, mustChange bool, by string) error {
	if _, err := tx.Exec(`INSERT INTO reader_passwords (reader_id, hash, must_change, set_at, set_by) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (reader_id) DO UPDATE SET hash = EXCLUDED.hash, must_change = EXCLUDED.must_change, set_at = EXCLUDED.set_at, set_by = EXCLUDED.set_by`,
		readerID, hash, mustChange, tx.Now, by); err != nil {
		return fmt.Errorf("store reader password: %w", err)
	}
	_, err := tx.Exec(`DELETE FROM reader_sessions WHERE reader_id = $1`, readerID)
	return err
}

// ChangePassword is the reader changing their own password (the actor is
// the reader, auth.ReaderActor): the old one must be right. Other sessions
// of the reader end; the caller signs the reader in again.
func (s *Service) ChangePassword(ctx context.Context, a auth.Actor, old, password string) error {
	if a.ReaderID == 0 {
		return apperr.New(apperr.Forbidden, "error.not_your_account")
	}
	if err := checkReaderPassword(password); err != nil {
		return err
	}
	var hash string
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT hash FROM reader_passwords WHERE reader_id = $1`, a.ReaderID).Scan(&hash)
	})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("change reader password: %w", err)
	}
	if err != nil || !auth.VerifyPassword(hash, old) {
		return invalid("error.reader_password_wrong", "old_password")
	}
	newHash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		if err := storePassword(tx, a.ReaderID, newHash, false, a.Name); err != nil {
			return err
		}
		return auth.Audit(tx, a, "reader.password_change", "reader", a.ReaderID, nil, nil)
	})
}

// SignIn checks a card number and password and opens a session for the
// public catalogue, returning its token. A lost, replaced or expired card,
// a cleared reader, a reader without a password and a wrong password are
// all refused with the same answer (nothing tells a stranger which cards
// exist); past the limits, attempts are refused before any check.
func (s *Service) SignIn(ctx context.Context, card, password, clientIP string) (string, ReaderSession, error) {
	card = NormalizeCard(card)
	keys := []string{"reader:" + card}
	checks := []auth.ThrottleCheck{{Key: keys[0], Limit: maxCardFailures}}
	if clientIP != "" {
		keys = append(keys, "reader-address:"+clientIP)
		checks = append(checks, auth.ThrottleCheck{Key: keys[1], Limit: maxAddressFailures})
	}
	if err := auth.CheckThrottle(ctx, s.db, readerFailureWindow, checks...); err != nil {
		return "", ReaderSession{}, err
	}
	refuse := func() (string, ReaderSession, error) {
		if err := auth.RecordFailure(ctx, s.db, keys...); err != nil {
			return "", ReaderSession{}, err
		}
		return "", ReaderSession{}, apperr.New(apperr.Unauthenticated, "error.reader_bad_credentials")
	}
	var r Reader
	var hash string
	var mustChange bool
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var err error
		if r, err = ByCard(tx, card); err != nil {
			return err
		}
		return tx.QueryRow(`SELECT hash, must_change FROM reader_passwords WHERE reader_id = $1`, r.ID).Scan(&hash, &mustChange)
	})
	if err != nil {
		if _, domain := apperr.As(err); domain || errors.Is(err, sql.ErrNoRows) {
			auth.VerifyNothing(password)
			return refuse()
		}
		return "", ReaderSession{}, fmt.Errorf("reader sign-in: %w", err)
	}
	if !auth.VerifyPassword(hash, password) || r.Status == StatusCleared {
		return refuse()
	}
	token := auth.RandomSecret(32)
	sess := ReaderSession{ReaderID: r.ID, Name: r.Name, CardNumber: r.CardNumber, MustChange: mustChange}
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(`DELETE FROM login_failures WHERE key = $1`, keys[0]); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO reader_sessions (token_hash, reader_id, created_at, last_seen_at, expires_at, client_ip) VALUES ($1, $2, $3, $3, $4, $5)`,
			tokenHash(token), r.ID, tx.Now, tx.Now.Add(ReaderSessionMax), clientIP); err != nil {
			return err
		}
		return auth.Audit(tx, sess.Actor(clientIP), "reader.sign_in", "reader", r.ID, nil, map[string]any{"client_ip": clientIP})
	})
	if err != nil {
		return "", ReaderSession{}, fmt.Errorf("reader sign-in: %w", err)
	}
	return token, sess, nil
}

// Session returns the reader signed in with token, keeping the session
// alive; an unknown, idle or expired session, or one whose card has since
// been lost or replaced, is Unauthenticated.
func (s *Service) Session(ctx context.Context, token string) (ReaderSession, error) {
	var sess ReaderSession
	none := apperr.New(apperr.Unauthenticated, "error.reader_signed_out")
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var last, expires db.Time
		err := tx.QueryRow(`SELECT s.reader_id, s.last_seen_at, s.expires_at, p.must_change FROM reader_sessions s
			JOIN reader_passwords p ON p.reader_id = s.reader_id WHERE s.token_hash = $1`, tokenHash(token)).
			Scan(&sess.ReaderID, &last, &expires, &sess.MustChange)
		if errors.Is(err, sql.ErrNoRows) {
			return none
		}
		if err != nil {
			return err
		}
		if !tx.Now.Before(expires.Time) || tx.Now.Sub(last.Time) > ReaderSessionIdle {
			_, err := tx.Exec(`DELETE FROM reader_sessions WHERE token_hash = $1`, tokenHash(token))
			if err != nil {
				return err
			}
			return none
		}
		r, err := ByID(tx, sess.ReaderID)
		if err != nil {
			return err
		}
		if r.CardStatus != CardActive || r.Status == StatusCleared {
			return none
		}
		sess.Name, sess.CardNumber = r.Name, r.CardNumber
		if tx.Now.Sub(last.Time) > time.Minute {
			_, err = tx.Exec(`UPDATE reader_sessions SET last_seen_at = $1 WHERE token_hash = $2`, tx.Now, tokenHash(token))
		}
		return err
	})
	if err != nil {
		if _, ok := apperr.As(err); ok {
			return ReaderSession{}, err
		}
		return ReaderSession{}, fmt.Errorf("reader session: %w", err)
	}
	return sess, nil
}

// SignOut ends the session of token.
func (s *Service) SignOut(ctx context.Context, token string) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(`DELETE FROM reader_sessions WHERE token_hash = $1`, tokenHash(token))
		return err
	})
}

// HasPassword reports whether a reader can sign in to the public catalogue
// (circ.readers and the like may see it on the reader's page).
func (s *Service) HasPassword(ctx context.Context, a auth.Actor, readerID int64) (bool, error) {
	if err := canView(a); err != nil {
		return false, err
	}
	var n int
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT COUNT(*) FROM reader_passwords WHERE reader_id = $1`, readerID).Scan(&n)
	})
	return n > 0, err
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return hex.EncodeToString(sum[:])
}

// CheckPassword reports whether password is the reader's password for the
// public catalogue, without opening a session: self-check machines send
// it with the card (SIP2 field AD). A reader without a password never
// matches. Failures count towards the card's sign-in limit, so a machine
// cannot be used to guess passwords faster than the catalogue's sign-in
// page allows.
func (s *Service) CheckPassword(ctx context.Context, a auth.Actor, readerID int64, password string) (bool, error) {
	if err := canView(a); err != nil {
		return false, err
	}
	var hash, card string
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		r, err := ByID(tx, readerID)
		if err != nil {
			return err
		}
		card = r.CardNumber
		return tx.QueryRow(`SELECT hash FROM reader_passwords WHERE reader_id = $1`, readerID).Scan(&hash)
	})
	if errors.Is(err, sql.ErrNoRows) {
		auth.VerifyNothing(password)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	key := "reader:" + card
	if err := auth.CheckThrottle(ctx, s.db, readerFailureWindow, auth.ThrottleCheck{Key: key, Limit: maxCardFailures}); err != nil {
		return false, nil
	}
	if auth.VerifyPassword(hash, password) {
		return true, nil
	}
	return false, auth.RecordFailure(ctx, s.db, key)
}
