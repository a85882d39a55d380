package readers_test

import (
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/readers"
)

func TestReaderAccount(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := register(t, e, "A0001", "张三")
		other := register(t, e, "A0002", "李四")
		// No password yet: cannot sign in, and the answer says nothing
		// about whether the card exists.
		_, _, err := e.r.SignIn(ctx, "A0001", "whatever", "10.0.0.1")
		wantErr(t, "no password", err, apperr.Unauthenticated, "error.reader_bad_credentials")
		_, _, err = e.r.SignIn(ctx, "NOSUCH", "whatever", "10.0.0.1")
		wantErr(t, "unknown card", err, apperr.Unauthenticated, "error.reader_bad_credentials")

		wantErr(t, "short password", e.r.SetPassword(ctx, desk, r.ID, "12345"), apperr.Invalid, "error.reader_password_short")
		fees := auth.Actor{Name: "cashier", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCircFees: true}}
		wantErr(t, "set by the cashier", e.r.SetPassword(ctx, fees, r.ID, "start-123"), apperr.Forbidden, "error.forbidden")
		if err := e.r.SetPassword(ctx, desk, r.ID, "start-123"); err != nil {
			t.Fatal(err)
		}
		if ok, err := e.r.HasPassword(ctx, desk, r.ID); err != nil || !ok {
			t.Fatalf("HasPassword %v %v", ok, err)
		}
		token, sess, err := e.r.SignIn(ctx, " a0001 ", "start-123", "10.0.0.1")
		if err != nil || sess.ReaderID != r.ID || !sess.MustChange || sess.Name != "张三" {
			t.Fatalf("sign in: %+v %v", sess, err)
		}
		got, err := e.r.Session(ctx, token)
		if err != nil || got.ReaderID != r.ID {
			t.Fatalf("session: %+v %v", got, err)
		}
		a := got.Actor("10.0.0.1")
		if a.Door != auth.DoorOPAC || a.ForReader(r.ID) != nil || a.ForReader(other.ID) == nil || a.Can(auth.PermCircCheckout) {
			t.Fatalf("reader actor %+v", a)
		}
		// The reader changes the password: the old one must be right.
		wantErr(t, "wrong old password", e.r.ChangePassword(ctx, a, "nope", "mine-4567"), apperr.Invalid, "error.reader_password_wrong")
		if err := e.r.ChangePassword(ctx, a, "start-123", "mine-4567"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.r.Session(ctx, token); err == nil {
			t.Fatal("session alive after the password changed")
		}
		token, sess, err = e.r.SignIn(ctx, "A0001", "mine-4567", "10.0.0.1")
		if err != nil || sess.MustChange {
			t.Fatalf("sign in with the new password: %+v %v", sess, err)
		}
		// Idle too long: signed out.
		e.c.Set(t0.Add(readers.ReaderSessionIdle + time.Minute))
		_, err = e.r.Session(ctx, token)
		wantErr(t, "idle session", err, apperr.Unauthenticated, "error.reader_signed_out")
		// A card reported lost ends every session at once and cannot
		// sign in.
		token, _, err = e.r.SignIn(ctx, "A0001", "mine-4567", "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.r.ReportLost(ctx, desk, r.ID, "phone call"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.r.Session(ctx, token); err == nil {
			t.Fatal("session of a lost card alive")
		}
		_, _, err = e.r.SignIn(ctx, "A0001", "mine-4567", "10.0.0.1")
		wantErr(t, "lost card", err, apperr.Unauthenticated, "error.reader_bad_credentials")
		// Too many failures for one card: refused before any check, even
		// with the right password.
		if err := e.r.SetPassword(ctx, desk, other.ID, "other-123"); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 5; i++ {
			e.r.SignIn(ctx, "A0002", "wrong-one", "10.0.0.2")
		}
		_, _, err = e.r.SignIn(ctx, "A0002", "other-123", "10.0.0.3")
		wantErr(t, "throttled", err, apperr.TooManyRequests, "error.login_throttled")
		e.c.Set(t0.Add(time.Hour))
		if _, _, err := e.r.SignIn(ctx, "A0002", "other-123", "10.0.0.3"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}

func TestCheckPassword(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := register(t, e, "P0001", "王五")
		if ok, err := e.r.CheckPassword(ctx, desk, r.ID, "anything"); ok || err != nil {
			t.Fatalf("no password yet: %v %v", ok, err)
		}
		if err := e.r.SetPassword(ctx, desk, r.ID, "kiosk-pin-1"); err != nil {
			t.Fatal(err)
		}
		if ok, err := e.r.CheckPassword(ctx, desk, r.ID, "kiosk-pin-1"); !ok || err != nil {
			t.Fatalf("right password: %v %v", ok, err)
		}
		for i := 0; i < 5; i++ {
			if ok, _ := e.r.CheckPassword(ctx, desk, r.ID, "guess"); ok {
				t.Fatal("a wrong password matched")
			}
		}
		// Past the limit even the right password is refused for a while.
		if ok, _ := e.r.CheckPassword(ctx, desk, r.ID, "kiosk-pin-1"); ok {
			t.Fatal("guessing is not limited")
		}
		nobody := auth.Actor{Name: "x", Door: auth.DoorWeb}
		if _, err := e.r.CheckPassword(ctx, nobody, r.ID, "kiosk-pin-1"); err == nil {
			t.Fatal("checked without permission")
		}
	})
}
