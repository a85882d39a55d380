package app_test

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/opac"
)

// TestBrowserOPAC is a reader in a real browser, without JavaScript of
// our own: a two-character Chinese word typed into the home page's box, the
// results narrowed to what is available now, a record opened with its
// holdings; on a phone the facets fold away until asked for. With
// LANTAI_SCREENSHOTS set it saves the public pages at desk and phone sizes.
func TestBrowserOPAC(t *testing.T) {
	s := apptest.Start(t, "")
	ids := opacCatalogue(t, s)
	ctx := context.Background()
	l, err := s.App.Opac.CreateList(ctx, cli, opac.ListInput{TitleZH: "中国现当代小说", TitleEN: "Modern Chinese fiction", DescriptionZH: "从鲁迅到刘慈欣，馆员推荐的中国小说。"})
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"呐喊", "围城", "平凡的世界", "三体"} {
		if _, err := s.App.Opac.AddEntry(ctx, cli, l.ID, ids[title], ""); err != nil {
			t.Fatal(err)
		}
	}
	s.App.Opac.SetEntryNote(ctx, cli, l.ID, ids["呐喊"], "鲁迅的第一部小说集，收《狂人日记》《阿Q正传》等十四篇。")
	if _, err := s.App.Opac.Publish(ctx, cli, l.ID, true); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(b, chromedp.Text(chromedp.CSS(sel)))
		must(err)
		return s
	}
	id := func(s string) chromedp.ID { return chromedp.ID(s) }

	must(chromedp.Do(b, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(id("q"))))
	screenshots(t, b, "opac-home", s.URL+"/")
	must(chromedp.Do(b,
		chromedp.WaitVisible(id("q")),
		chromedp.SendKeys(id("q"), "小说"),
		chromedp.Click(id("search-submit")),
		chromedp.WaitVisible(id("hits")),
	))
	all := text("#hits")
	for _, title := range []string{"呐喊", "三体", "围城"} {
		if !strings.Contains(all, title) {
			t.Errorf("results for 小说 lack %s: %q", title, all)
		}
	}
	resultsURL, err := chromedp.Run(b, chromedp.Location())
	must(err)
	screenshots(t, b, "opac-results", resultsURL)

	// Narrow to what is available now: the chip appears, 呐喊 (in repair)
	// goes.
	must(chromedp.Do(b,
		chromedp.WaitVisible(id("hits")),
		chromedp.Click(chromedp.CSS("#facet-available a")),
		chromedp.WaitVisible(id("chips")),
	))
	narrowed := text("#hits")
	if strings.Contains(narrowed, "呐喊") || !strings.Contains(narrowed, "三体") {
		t.Errorf("available now: %q", narrowed)
	}
	if c := text("#chips"); !strings.Contains(c, "现在可借") {
		t.Errorf("chips: %q", c)
	}

	// Open 三体: its holdings, by branch.
	must(chromedp.Do(b,
		chromedp.Click(`//ol[@id="hits"]//h3/a[starts-with(normalize-space(.), "三体")]`), // a plain string is a DOM search: XPath
		chromedp.WaitVisible(id("holdings")),
	))
	if h := text("h1"); !strings.HasPrefix(h, "三体") {
		t.Errorf("record heading %q", h)
	}
	holdings := text("#holdings")
	for _, w := range []string{"总馆", "东区分馆", "下落不明", "在架", "I247.55/1022"} {
		if !strings.Contains(holdings, w) {
			t.Errorf("holdings lack %q: %q", w, holdings)
		}
	}
	recordURL, err := chromedp.Run(b, chromedp.Location())
	must(err)
	screenshots(t, b, "opac-record", recordURL)

	// On a phone the facets fold under their summary until opened.
	folded := func() bool {
		t.Helper()
		shown, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.getElementById("facet-class").checkVisibility()`))
		must(err)
		return !shown
	}
	must(chromedp.Do(b,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(resultsURL),
		chromedp.WaitVisible(id("hits")),
		chromedp.WaitVisible(chromedp.CSS("#facets summary")),
	))
	if !folded() {
		t.Error("on a phone the facets are not folded")
	}
	must(chromedp.Do(b,
		chromedp.Click(chromedp.CSS("#facets summary")),
		chromedp.WaitVisible(id("facet-class")),
	))
	if folded() {
		t.Error("the facets do not open on a phone")
	}
	must(chromedp.Do(b, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(resultsURL), chromedp.WaitVisible(id("hits"))))
	if folded() {
		t.Error("on a desk screen the facets are folded")
	}

	if os.Getenv("LANTAI_SCREENSHOTS") == "" {
		return
	}
	shoot := func(name, path string) {
		t.Helper()
		must(chromedp.Do(b, chromedp.Navigate(s.URL+path), chromedp.WaitVisible(id("main"))))
		screenshots(t, b, name, s.URL+path)
	}
	shoot("opac-zero", "/search?q="+url.QueryEscape("三体 红楼梦 哈利波特"))
	shoot("opac-error", "/search?q="+url.QueryEscape(`"三体`))
	shoot("opac-list", "/lists/"+itoa(l.ID))
	shoot("opac-help", "/search/help")
	shoot("opac-gone", "/record/99999")
	shoot("opac-record-nahan", "/record/"+itoa(ids["呐喊"]))
	must(chromedp.Do(b, chromedp.Navigate(s.URL+"/language?to=en&back=/"), chromedp.WaitVisible(id("q"))))
	shoot("opac-results-en", "/search?q="+url.QueryEscape("小说")+"&facet.available=true")
	shoot("opac-record-en", "/record/"+itoa(ids["三体"]))
	s.CreateStaff(t, "ref", auth.RoleReference)
	must(chromedp.Do(b,
		chromedp.Navigate(s.URL+"/staff/opac/lists/"+itoa(l.ID)),
		chromedp.WaitVisible(id("username")),
		chromedp.SendKeys(id("username"), "ref"),
		chromedp.SendKeys(id("password"), "password-ref"),
		chromedp.Click(id("login-submit")),
		chromedp.WaitVisible(id("entries")),
	))
	shoot("opac-staff-list", "/staff/opac/lists/"+itoa(l.ID)+"?q="+url.QueryEscape("鲁迅"))
	shoot("opac-staff-lists", "/staff/opac/lists")
}
