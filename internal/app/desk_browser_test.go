package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
)

// TestBrowserDeskAndAccount scans a card and an item at the loan desk in a
// real browser (the scan input has the focus; Enter posts), sees the loan
// in the reader panel, and the reader signs in to the public catalogue
// and sees it in their account.
func TestBrowserDeskAndAccount(t *testing.T) {
	s := apptest.Start(t, "")
	deskLibrary(t, s)
	if err := s.App.Readers.SetPassword(t.Context(), cli, mustReader(t, s, "R001"), "start-123"); err != nil {
		t.Fatal(err)
	}
	s.CreateStaff(t, "desk", auth.RoleCirculation)
	ctx := newBrowser(t)
	id := func(s string) chromedp.ID { return chromedp.ID(s) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/staff/circ/desk"),
		chromedp.WaitVisible(id("username")),
		chromedp.SendKeys(id("username"), "desk"),
		chromedp.SendKeys(id("password"), "password-desk"),
		chromedp.Click(id("login-submit")),
		chromedp.WaitVisible(id("f-scan")),
		// The scan field has the focus: a scanner types and sends Enter.
		chromedp.SendKeys(":focus", "R001\n"),
		chromedp.WaitVisible(id("reader-panel")),
		chromedp.SendKeys(":focus", "D0001\n"),
		chromedp.WaitVisible(id("visit-list")),
	))
	panel, err := chromedp.Run(ctx, chromedp.Text(id("panel-loans")))
	must(err)
	if !strings.Contains(panel, "平凡的世界") || !strings.Contains(panel, "D0001") {
		t.Fatalf("the loan is not in the panel: %q", panel)
	}
	screenshots(t, ctx, "desk-loan", s.URL+"/staff/circ/desk")

	// The reader signs in (a new browser context: no staff cookie).
	rctx := newBrowser(t)
	must(chromedp.Do(rctx,
		chromedp.Navigate(s.URL+"/"),
		chromedp.Click(id("my-account")),
		chromedp.WaitVisible(id("account-login")),
		chromedp.SendKeys(id("f-card"), "R001"),
		chromedp.SendKeys(id("f-password"), "start-123"),
		chromedp.Click(id("login-submit")),
		chromedp.WaitVisible(id("must-change")),
		chromedp.SendKeys(id("f-old"), "start-123"),
		chromedp.SendKeys(id("f-new"), "mine-4567"),
		chromedp.SendKeys(id("f-confirm"), "mine-4567"),
		chromedp.Click(id("password-submit")),
		chromedp.WaitVisible(id("my-loans")),
	))
	loans, err := chromedp.Run(rctx, chromedp.Text(id("my-loans")))
	must(err)
	if !strings.Contains(loans, "平凡的世界") {
		t.Fatalf("the reader does not see the loan: %q", loans)
	}
	screenshots(t, rctx, "opac-account", s.URL+"/account")
}
