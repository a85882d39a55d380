package sip2server

import (
	"crypto/sha256"
	"runtime"
	"time"
	"weak"
)

// Patron passwords (AD). An empty password is not checked: the machine
// did not ask for one. A password that is given is checked with the
// PasswordChecker — readers.Service.CheckPassword, the password of the
// reader's account in the public catalogue, whose failures count against
// the card's sign-in limit; without a PasswordChecker it is never valid,
// so a machine set to ask for passwords is refused rather than let
// through unchecked.
//
// A machine sends the password with every message of a patron's session;
// the hash check takes tens of milliseconds, so a password found valid is
// remembered for the connection — the reader and a digest of the password,
// never the password — until the session ends (35), another patron comes,
// or verifiedFor has passed.

// verifiedFor is how long a password found valid is remembered.
const verifiedFor = 10 * time.Minute

type verifiedPassword struct {
	readerID int64
	digest   [32]byte
	at       time.Time
}

// checkPassword reports whether password is the reader's: true for an
// empty password (not checked).
func (x *call) checkPassword(readerID int64, password string) (bool, error) {
	if password == "" {
		return true, nil
	}
	if x.c.pw == nil {
		return false, nil
	}
	key := weak.Make(x.s)
	digest := sha256.Sum256([]byte(password))
	if v, ok := x.c.verified.Load(key); ok {
		p := v.(verifiedPassword)
		if p.readerID == readerID && p.digest == digest && time.Since(p.at) < verifiedFor {
			return true, nil
		}
	}
	ok, err := x.c.pw.CheckPassword(x.ctx, x.s.Actor, readerID, password)
	if err != nil || !ok {
		return false, err
	}
	if _, loaded := x.c.verified.Swap(key, verifiedPassword{readerID: readerID, digest: digest, at: time.Now()}); !loaded {
		// Forget it when the connection's session is gone (the cleanup
		// must not hold the session itself).
		c := x.c
		runtime.AddCleanup(x.s, func(k weak.Pointer[Session]) { c.verified.Delete(k) }, key)
	}
	return true, nil
}

// forgetPassword ends what the connection remembers of a patron's
// password (end of the patron's session).
func (x *call) forgetPassword() { x.c.verified.Delete(weak.Make(x.s)) }

// passwordProblem checks a patron password as checkPassword does and
// returns "" when it is right or not given, else the screen message that
// says why the request is refused.
func (x *call) passwordProblem(readerID int64, password string) string {
	ok, err := x.checkPassword(readerID, password)
	if err != nil {
		x.internal(err)
		return x.t(keyInternal)
	}
	if !ok {
		return x.t(keyPasswordWrong)
	}
	return ""
}
