package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/web"
)

// TestOPACAccount is a reader in the public catalogue: sign-in with the
// password staff set, the forced change, their loans renewed, a hold
// placed from a record's page and cancelled, someone else's loan and hold
// out of reach even with a tampered form, and the loan history they opt
// in to.
func TestOPACAccount(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		recs := deskLibrary(t, s)
		zhang, li := mustReader(t, s, "R001"), mustReader(t, s, "R002")
		for _, id := range []int64{zhang, li} {
			if err := s.App.Readers.SetPassword(ctx, cli, id, "start-123"); err != nil {
				t.Fatal(err)
			}
		}
		mine, err := s.App.Circ.Checkout(ctx, cli, "R001", "D0001", circ.CheckoutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := s.App.Circ.Checkout(ctx, cli, "R002", "D0002", circ.CheckoutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		theirHold, err := s.App.Circ.PlaceHold(ctx, cli, circ.HoldRequest{Card: "R002", RecordID: recs[2], PickupBranch: "main", Override: "t"})
		if err != nil {
			t.Fatal(err)
		}

		c := s.NewClient(t)
		if st, _, h := c.Get("/account"); st != http.StatusSeeOther || h.Get("Location") != "/account/login" {
			t.Fatalf("account signed out: %d %s", st, h.Get("Location"))
		}
		want(t, "login page", getOK(t, c, "/account/login"), `id="account-login"`, "读者证号")
		st, body, _ := c.PostForm("/account/login", url.Values{"card": {"R001"}, "password": {"wrong-pass"}})
		if st == http.StatusSeeOther || !strings.Contains(body, `id="login-error"`) {
			t.Fatalf("wrong password: %d %.500s", st, mainOf(body))
		}
		st, _, h := c.PostForm("/account/login", url.Values{"card": {"R001"}, "password": {"start-123"}})
		if st != http.StatusSeeOther || h.Get("Location") != "/account/password" {
			t.Fatalf("sign in: %d %s", st, h.Get("Location"))
		}
		cookie := h.Get("Set-Cookie")
		for _, attr := range []string{web.ReaderCookie + "=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, attr) {
				t.Errorf("cookie %q lacks %s", cookie, attr)
			}
		}
		// Forced change: the account waits for the new password.
		if st, _, h := c.Get("/account"); st != http.StatusSeeOther || h.Get("Location") != "/account/password" {
			t.Fatalf("must change: %d %s", st, h.Get("Location"))
		}
		want(t, "password page", getOK(t, c, "/account/password"), `id="must-change"`)
		st, _, h = c.PostForm("/account/password", url.Values{"old_password": {"start-123"}, "password": {"mine-456"}, "confirm": {"mine-456"}})
		if st != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/account") {
			t.Fatalf("change: %d %s", st, h.Get("Location"))
		}
		body = getOK(t, c, "/account")
		want(t, "account", body, "张三", `id="loan-`+itoa(mine.ID)+`"`, "平凡的世界", `id="renew-`+itoa(mine.ID)+`"`, "借阅历史默认不保存")
		if strings.Contains(body, "围城") {
			t.Fatal("someone else's loan shown")
		}
		noKeys(t, "account", body)

		// Renew my loan.
		st, _, h = c.PostForm("/account/loans/"+itoa(mine.ID)+"/renew", url.Values{})
		if st != http.StatusSeeOther {
			t.Fatalf("renew: %d", st)
		}
		if l, _ := s.App.Circ.Loan(ctx, cli, mine.ID); l.Renewals != 1 {
			t.Fatalf("renewals: %d", l.Renewals)
		}
		// Someone else's loan and hold: not found, nothing changes.
		st, body, _ = c.PostForm("/account/loans/"+itoa(theirs.ID)+"/renew", url.Values{})
		if st == http.StatusSeeOther || st == http.StatusOK {
			t.Fatalf("renew someone else's loan: %d %.500s", st, mainOf(body))
		}
		if l, _ := s.App.Circ.Loan(ctx, cli, theirs.ID); l.Renewals != 0 {
			t.Fatal("someone else's loan renewed")
		}
		st, _, _ = c.PostForm("/account/holds/"+itoa(theirHold.ID)+"/cancel", url.Values{})
		if st == http.StatusSeeOther {
			t.Fatal("cancelled someone else's hold")
		}
		if hs, _ := s.App.Circ.ReaderHolds(ctx, cli, li); len(hs) != 1 || hs[0].Status != circ.HoldPlaced {
			t.Fatalf("their hold: %+v", hs)
		}

		// A hold from a record's page, then cancelled.
		want(t, "record", getOK(t, c, "/record/"+itoa(recs[1])), `href="/account/hold?record=`+itoa(recs[1])+`"`)
		want(t, "hold form", getOK(t, c, "/account/hold?record="+itoa(recs[1])), `id="account-hold"`, "围城")
		st, _, h = c.PostForm("/account/holds", url.Values{"record_id": {itoa(recs[1])}, "pickup_branch": {"main"}, "reader_id": {itoa(li)}})
		if st != http.StatusSeeOther {
			t.Fatalf("place hold: %d", st)
		}
		hs, _ := s.App.Circ.ReaderHolds(ctx, cli, zhang)
		if len(hs) != 1 || hs[0].RecordID != recs[1] {
			t.Fatalf("my holds: %+v", hs)
		}
		want(t, "account holds", getOK(t, c, "/account"), `id="hold-`+itoa(hs[0].ID)+`"`, "围城")
		if st, _, _ := c.PostForm("/account/holds/"+itoa(hs[0].ID)+"/cancel", url.Values{}); st != http.StatusSeeOther {
			t.Fatalf("cancel: %d", st)
		}
		if hs, _ := s.App.Circ.ReaderHolds(ctx, cli, zhang); len(hs) != 0 && hs[0].Status.Active() {
			t.Fatalf("still held: %+v", hs)
		}

		// History: opt in, return, and the loan is listed.
		if st, _, _ := c.PostForm("/account/history", url.Values{"keep": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("history on: %d", st)
		}
		if _, err := s.App.Circ.Checkin(ctx, cli, "D0001", circ.CheckinOptions{}); err != nil {
			t.Fatal(err)
		}
		want(t, "history", getOK(t, c, "/account"), "正在保存您的借阅历史", `id="my-history"`, "平凡的世界")

		// Sign out: the account is closed again.
		if st, _, _ := c.PostForm("/account/logout", url.Values{}); st != http.StatusSeeOther {
			t.Fatalf("sign out: %d", st)
		}
		if st, _, _ := c.Get("/account"); st != http.StatusSeeOther {
			t.Fatalf("after sign out: %d", st)
		}
	})
}
