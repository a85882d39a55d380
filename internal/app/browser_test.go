package app_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
)

// chromiumPath finds Debian's chromium; the browser tests skip, saying so,
// only when it is not installed (.ci/run installs it).
func chromiumPath(t *testing.T) string {
	for _, name := range []string{os.Getenv("LANTAI_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("browser test skipped: chromium is not installed (apt-get install -y chromium)")
	return ""
}

// newBrowser starts headless chromium with the flags this machine needs.
func newBrowser(t *testing.T) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("accept-lang", "zh-CN,zh"),
		chromedp.WindowSize(1366, 768),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}

// TestBrowserStaffLoginLanguageLogout signs in as a cataloguer in Chinese,
// switches to English, sees the module list and signs out — in a real
// browser, without JavaScript of our own.
func TestBrowserStaffLoginLanguageLogout(t *testing.T) {
	s := apptest.Start(t, "")
	s.CreateStaff(t, "liwei", auth.RoleCataloguer, auth.RoleSerials)
	ctx := newBrowser(t)

	id := func(s string) chromedp.ID { return chromedp.ID(s) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/staff/"),
		chromedp.WaitVisible(id("username")),
	))
	title, err := chromedp.Run(ctx, chromedp.Title())
	must(err)
	must(chromedp.Do(ctx,
		chromedp.SendKeys(id("username"), "liwei"),
		chromedp.SendKeys(id("password"), "password-liwei"),
		chromedp.Click(id("login-submit")),
		chromedp.WaitVisible(id("modules")),
	))
	home, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	must(err)
	screenshots(t, ctx, "staff-home", s.URL+"/staff/")
	must(chromedp.Do(ctx,
		chromedp.Click(id("lang-switch")),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #modules`)),
	))
	modulesEN, err := chromedp.Run(ctx, chromedp.Text(id("modules")))
	must(err)
	must(chromedp.Do(ctx,
		chromedp.Click(id("logout")),
		chromedp.WaitVisible(id("login-submit")),
	))
	afterLogout, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	must(err)
	if !strings.Contains(title, "工作人员登录") {
		t.Errorf("login page title %q is not Chinese", title)
	}
	if !strings.Contains(home, "工作台") || !strings.Contains(home, "编目") || !strings.Contains(home, "期刊") {
		t.Errorf("Chinese home page: %q", home)
	}
	for _, want := range []string{"Cataloguing", "Serials"} {
		if !strings.Contains(modulesEN, want) {
			t.Errorf("English module list lacks %q: %q", want, modulesEN)
		}
	}
	if strings.Contains(modulesEN, "Staff accounts") || strings.Contains(modulesEN, "Audit") {
		t.Errorf("a cataloguer sees modules beyond their roles: %q", modulesEN)
	}
	if !strings.Contains(afterLogout, "Staff sign-in") {
		t.Errorf("after sign-out (in English, the person's choice): %q", afterLogout)
	}
	// The session is really gone.
	c := s.NewClient(t)
	if status, _, _ := c.Get("/staff/"); status != 303 {
		t.Errorf("staff home without a session: %d", status)
	}
}

// screenshots saves the current page at a desk and a phone size into the
// folder LANTAI_SCREENSHOTS names, for people to look at; it does nothing
// when the variable is unset.
func screenshots(t *testing.T, ctx context.Context, name, reload string) {
	dir := os.Getenv("LANTAI_SCREENSHOTS")
	if dir == "" {
		return
	}
	for _, size := range []struct {
		label string
		w, h  int64
	}{{"desk", 1366, 768}, {"phone", 390, 844}} {
		png, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(c context.Context, tg *chromedp.Target) ([]byte, error) {
			if err := chromedp.Do(c, chromedp.EmulateViewport(size.w, size.h)); err != nil {
				return nil, err
			}
			return chromedp.Run(c, chromedp.FullScreenshot(100))
		}))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name+"-"+size.label+".png"), png, 0o644)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(reload)); err != nil {
		t.Fatal(err)
	}
}
