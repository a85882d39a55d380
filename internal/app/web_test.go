package app_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/web"
)

// allowedRoles says, by hand, which built-in roles may use each staff route
// with the default permissions. "*" means every signed-in person.
var allowedRoles = map[string][]string{
	"GET /staff/{$}":                     {"*"},
	"GET /staff/password":                {"*"},
	"POST /staff/password":               {"*"},
	"POST /staff/logout":                 {"*"},
	"POST /staff/logout-everywhere":      {"*"},
	"POST /staff/language":               {"*"},
	"GET /staff/tokens":                  {"*"},
	"POST /staff/tokens":                 {"*"},
	"POST /staff/tokens/{id}/revoke":     {"*"},
	"GET /staff/audit":                   {"director", "systems"},
	"GET /staff/accounts":                {"systems"},
	"POST /staff/accounts":               {"systems"},
	"GET /staff/accounts/{id}":           {"systems"},
	"POST /staff/accounts/{id}":          {"systems"},
	"POST /staff/accounts/{id}/password": {"systems"},
	"GET /staff/roles":                   {"systems"},
	"POST /staff/roles":                  {"systems"},
	"GET /staff/roles/{code}":            {"systems"},
	"POST /staff/roles/{code}":           {"systems"},
	"GET /staff/modules/{module}":        {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},

	// Cataloguing, distribution and the stacks' receiving.
	"GET /staff/catalog":                         {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},
	"GET /staff/catalog/records/new":             {"cataloguer", "special_collections"},
	"POST /staff/catalog/records/new":            {"cataloguer", "special_collections"},
	"GET /staff/catalog/records/{id}":            {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},
	"GET /staff/catalog/records/{id}/edit":       {"cataloguer", "special_collections"},
	"POST /staff/catalog/records/{id}/edit":      {"cataloguer", "special_collections"},
	"POST /staff/catalog/records/{id}/merge":     {"cataloguer", "special_collections"},
	"GET /staff/catalog/records/{id}/delete":     {"cataloguer", "special_collections"},
	"POST /staff/catalog/records/{id}/delete":    {"cataloguer", "special_collections"},
	"GET /staff/catalog/records/{id}/items/new":  {"cataloguer", "special_collections"},
	"POST /staff/catalog/records/{id}/items/new": {"cataloguer", "special_collections"},
	"GET /staff/catalog/items/{id}":              {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},
	"POST /staff/catalog/items/{id}":             {"cataloguer", "special_collections"},
	"POST /staff/catalog/items/{id}/status":      {"cataloguer", "special_collections"},
	"GET /staff/catalog/withdrawals":             {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},
	"POST /staff/catalog/withdrawals":            {"cataloguer"},
	"GET /staff/catalog/withdrawals/print":       {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},
	"GET /staff/catalog/batches":                 {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},
	"POST /staff/catalog/batches":                {"cataloguer"},
	"GET /staff/catalog/classes":                 {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},
	"GET /staff/catalog/new-books":               {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections"},
	"GET /staff/catalog/codes":                   {"director", "office", "acquisitions", "cataloguer", "circulation", "serials", "reading_room", "reference", "special_collections", "systems"},
	"POST /staff/catalog/codes":                  {"systems"},
	"GET /staff/catalog/labels":                  {"cataloguer"},
	"POST /staff/catalog/labels":                 {"cataloguer"},
	"POST /staff/catalog/book-number-rule":       {"cataloguer"},
	"GET /staff/catalog/import":                  {"acquisitions", "cataloguer"},
	"POST /staff/catalog/import":                 {"acquisitions", "cataloguer"},
	"GET /staff/catalog/import/{id}":             {"acquisitions", "cataloguer"},
	"GET /staff/catalog/export":                  {"cataloguer"},
	"GET /staff/stacks/batches":                  {"circulation", "reading_room"},
	"GET /staff/stacks/batches/{id}":             {"circulation"},
	"POST /staff/stacks/batches/{id}":            {"circulation"},

	// Loan rules, limits, calendars and circulation settings: the desk
	// reads them (circ.checkout, circ.checkin, …), circ.rules changes them.
	"GET /staff/circ/rules":                      {"director", "circulation", "reading_room"},
	"POST /staff/circ/rules":                     {"director"},
	"GET /staff/circ/rules/{id}":                 {"director", "circulation", "reading_room"},
	"POST /staff/circ/rules/{id}":                {"director"},
	"POST /staff/circ/rules/{id}/delete":         {"director"},
	"GET /staff/circ/limits":                     {"director", "circulation", "reading_room"},
	"POST /staff/circ/limits":                    {"director"},
	"GET /staff/circ/limits/{id}":                {"director", "circulation", "reading_room"},
	"POST /staff/circ/limits/{id}":               {"director"},
	"POST /staff/circ/limits/{id}/delete":        {"director"},
	"GET /staff/circ/calendars":                  {"director", "circulation", "reading_room"},
	"GET /staff/circ/calendars/{branch}":         {"director", "circulation", "reading_room"},
	"POST /staff/circ/calendars/{branch}":        {"director"},
	"POST /staff/circ/calendars/{branch}/delete": {"director"},
	"GET /staff/circ/settings":                   {"director", "circulation", "reading_room"},
	"POST /staff/circ/settings":                  {"director"},
	"GET /staff/circ/explain":                    {"director", "circulation", "reading_room"},

	// Reader categories: read with the loan rules, changed with circ.rules.
	"GET /staff/circ/categories":                {"director", "circulation", "reading_room"},
	"POST /staff/circ/categories":               {"director"},
	"GET /staff/circ/categories/{code}":         {"director", "circulation", "reading_room"},
	"POST /staff/circ/categories/{code}":        {"director"},
	"POST /staff/circ/categories/{code}/delete": {"director"},

	// Readers and cards: looked up by the readers' office and the loan and
	// fee desks (circ.readers, circ.checkout, circ.fees), changed with
	// circ.readers — by default all the circulation desk's.
	"GET /staff/circ/readers":                           {"circulation"},
	"GET /staff/circ/readers/new":                       {"circulation"},
	"POST /staff/circ/readers/new":                      {"circulation"},
	"GET /staff/circ/readers/import":                    {"circulation"},
	"POST /staff/circ/readers/import":                   {"circulation"},
	"GET /staff/circ/readers/{id}":                      {"circulation"},
	"GET /staff/circ/readers/{id}/edit":                 {"circulation"},
	"POST /staff/circ/readers/{id}/edit":                {"circulation"},
	"POST /staff/circ/readers/{id}/lost":                {"circulation"},
	"POST /staff/circ/readers/{id}/unblock":             {"circulation"},
	"POST /staff/circ/readers/{id}/replace":             {"circulation"},
	"POST /staff/circ/readers/{id}/extend":              {"circulation"},
	"POST /staff/circ/readers/{id}/expire":              {"circulation"},
	"POST /staff/circ/readers/{id}/block":               {"circulation"},
	"POST /staff/circ/readers/{id}/lift-block":          {"circulation"},
	"GET /staff/circ/readers/{id}/photo":                {"circulation"},
	"POST /staff/circ/readers/{id}/photo":               {"circulation"},
	"POST /staff/circ/readers/{id}/photo/delete":        {"circulation"},
	"GET /staff/circ/readers/{id}/clearance":            {"circulation"},
	"POST /staff/circ/readers/{id}/clearance":           {"circulation"},
	"GET /staff/circ/readers/{id}/certificate":          {"circulation"},
	"GET /staff/circ/readers/{id}/fees":                 {"circulation"},
	"POST /staff/circ/readers/{id}/fees/charge":         {"circulation"},
	"POST /staff/circ/readers/{id}/fees/pay":            {"circulation"},
	"POST /staff/circ/readers/{id}/fees/replacement":    {"circulation"},
	"POST /staff/circ/readers/{id}/fees/deposit":        {"circulation"},
	"POST /staff/circ/readers/{id}/fees/deposit-refund": {"circulation"},
	"GET /staff/circ/receipts/{number}":                 {"circulation"},
	// Waivers and refunds need circ.fees.waive: the director's by default.
	"POST /staff/circ/readers/{id}/fees/waive":  {"director"},
	"POST /staff/circ/readers/{id}/fees/refund": {"director"},
	// The cash report: the fee desk and whoever reads the reports.
	"GET /staff/circ/cash-report": {"director", "office", "circulation"},

	// The loan desk: circ.checkout, renewals circ.renew, holds circ.holds
	// (the circulation role); returns circ.checkin (the reading room too).
	"POST /staff/circ/readers/{id}/password": {"circulation"},
	"GET /staff/circ/desk":                   {"circulation"},
	"POST /staff/circ/desk":                  {"circulation"},
	"POST /staff/circ/desk/renew":            {"circulation"},
	"POST /staff/circ/desk/renew-all":        {"circulation"},
	"POST /staff/circ/desk/hold":             {"circulation"},
	"POST /staff/circ/holds/{id}/cancel":     {"circulation"},
	"GET /staff/circ/returns":                {"circulation", "reading_room"},
	"POST /staff/circ/returns":               {"circulation", "reading_room"},
	"GET /staff/circ/loans/{id}/receipt":     {"circulation", "reading_room"},

	// The desk's lists: whoever works a desk (deskPerms); receiving a
	// transit and shelving need circ.checkin, a recall circ.holds,
	// declaring lost circ.fees, proxies circ.readers; the statistics also
	// the reports (reports.view) and the loan rules (circ.rules).
	"GET /staff/circ/hold-shelf":            {"circulation", "reading_room"},
	"GET /staff/circ/holds-to-pull":         {"circulation", "reading_room"},
	"GET /staff/circ/transits":              {"circulation", "reading_room"},
	"POST /staff/circ/transits":             {"circulation", "reading_room"},
	"GET /staff/circ/shelving":              {"circulation", "reading_room"},
	"POST /staff/circ/shelving":             {"circulation", "reading_room"},
	"GET /staff/circ/repairs":               {"circulation", "reading_room"},
	"GET /staff/circ/overdue":               {"circulation", "reading_room"},
	"GET /staff/circ/recall":                {"circulation"},
	"POST /staff/circ/recall":               {"circulation"},
	"GET /staff/circ/lost":                  {"circulation"},
	"POST /staff/circ/lost":                 {"circulation"},
	"GET /staff/circ/stats":                 {"director", "office", "circulation", "reading_room"},
	"POST /staff/circ/readers/{id}/proxies": {"circulation"},
	"POST /staff/circ/proxies/{id}/revoke":  {"circulation"},

	// Self-service machine accounts (SIP2): sip2.manage, the systems
	// office's by default.
	"GET /staff/sip2/machines":       {"systems"},
	"POST /staff/sip2/machines":      {"systems"},
	"GET /staff/sip2/machines/{id}":  {"systems"},
	"POST /staff/sip2/machines/{id}": {"systems"},

	// Recommended reading lists of the public catalogue.
	"GET /staff/opac/lists":                        {"cataloguer", "reference"},
	"POST /staff/opac/lists":                       {"cataloguer", "reference"},
	"GET /staff/opac/lists/{id}":                   {"cataloguer", "reference"},
	"POST /staff/opac/lists/{id}":                  {"cataloguer", "reference"},
	"POST /staff/opac/lists/{id}/publish":          {"cataloguer", "reference"},
	"POST /staff/opac/lists/{id}/delete":           {"cataloguer", "reference"},
	"POST /staff/opac/lists/{id}/entries":          {"cataloguer", "reference"},
	"POST /staff/opac/lists/{id}/entries/{record}": {"cataloguer", "reference"},
}

// concrete fills a route pattern's wildcards with values that exist.
// Catalogue records, items, distribution batches, loan-rule rows, branch
// calendars, reader categories, readers, receipts and machine accounts are
// given an id or code that does not exist: the permission gate answers
// before the page looks (the catalogue's own test opens them with real
// ids, see concreteCatalog).
func concrete(pattern string, staffID string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	if strings.HasPrefix(path, "/staff/catalog/") || strings.HasPrefix(path, "/staff/stacks/") {
		return concreteCatalog(pattern, catalogIDs{Record: "999999", Item: "999999", Batch: "999999", Job: "999999"})
	}
	if strings.HasPrefix(path, "/staff/circ/") {
		// Rows and branches that do not exist: the gate answers before the
		// page looks, and an empty form changes nothing.
		return method, strings.NewReplacer("{id}", "999999", "{branch}", "no_such_branch", "{code}", "no_such_category",
			"{number}", "SJ2000-999999").Replace(path)
	}
	if strings.HasPrefix(path, "/staff/sip2/") {
		// A machine account that does not exist: the gate answers first.
		return method, strings.ReplaceAll(path, "{id}", "999999")
	}
	r := strings.NewReplacer("{$}", "", "{id}", staffID, "{code}", "test_dummy", "{module}", "catalog")
	path = r.Replace(path)
	if strings.HasPrefix(path, "/staff/tokens/") {
		path = "/staff/tokens/999999/revoke"
	}
	return
}

func TestEveryStaffRouteForEveryRole(t *testing.T) {
	s := apptest.Start(t, "")
	routes := web.StaffRoutes()
	if len(routes) != len(allowedRoles) {
		t.Fatalf("the table names %d routes, the web client has %d: update the table", len(allowedRoles), len(routes))
	}
	target := s.CreateStaff(t, "target", auth.RoleCirculation)
	if _, err := s.App.Auth.CreateRole(t.Context(), auth.CLIActor("t"), "test_dummy", "测试", "Test"); err != nil {
		t.Fatal(err)
	}
	// Nobody signed in: every staff route leads to the login page.
	anon := s.NewClient(t)
	for _, rt := range routes {
		method, path := concrete(rt.Pattern, "1")
		var status int
		var h http.Header
		if method == "GET" {
			status, _, h = anon.Get(path)
		} else {
			status, _, h = anon.PostForm(path, url.Values{})
		}
		if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/staff/login") {
			t.Errorf("anonymous %s: %d %s", rt.Pattern, status, h.Get("Location"))
		}
	}
	staffID := itoa(target.ID)
	for _, role := range auth.BuiltinRoles {
		s.CreateStaff(t, "u_"+role.Code, role.Code)
		c := s.NewClient(t)
		c.Login("u_"+role.Code, "password-u_"+role.Code)
		var last []web.StaffRoute
		for _, rt := range routes {
			if strings.Contains(rt.Pattern, "logout") {
				last = append(last, rt) // these end the session: try them at the end
				continue
			}
			checkRoute(t, c, rt.Pattern, role.Code, staffID)
		}
		for _, rt := range last {
			checkRoute(t, c, rt.Pattern, role.Code, staffID)
			c.Login("u_"+role.Code, "password-u_"+role.Code)
		}
	}
}

func checkRoute(t *testing.T, c *apptest.Client, pattern, role, staffID string) {
	t.Helper()
	method, path := concrete(pattern, staffID)
	var status int
	var body string
	var h http.Header
	if method == "GET" {
		status, body, h = c.Get(path)
	} else {
		status, body, h = c.PostForm(path, url.Values{})
	}
	allowed := false
	for _, r := range allowedRoles[pattern] {
		allowed = allowed || r == "*" || r == role
	}
	if status == http.StatusSeeOther && strings.HasPrefix(h.Get("Location"), "/staff/login") {
		if !strings.Contains(pattern, "logout") {
			t.Errorf("%s as %s: sent to the login page", pattern, role)
		}
		return // signing out leads to the login page
	}
	if allowed && status == http.StatusForbidden {
		t.Errorf("%s as %s: forbidden, want allowed", pattern, role)
	}
	if !allowed && status != http.StatusForbidden {
		t.Errorf("%s as %s: status %d, want 403 (%.200s)", pattern, role, status, body)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestCrossSitePostIsRejected(t *testing.T) {
	s := apptest.Start(t, "")
	s.CreateStaff(t, "desk", auth.RoleCirculation)
	c := s.NewClient(t)
	form := url.Values{"username": {"desk"}, "password": {"password-desk"}}
	for _, hdr := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "https://evil.example"},
	} {
		req, _ := http.NewRequest("POST", s.URL+"/staff/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site login with %v: status %d, want 403", hdr, resp.StatusCode)
		}
	}
	// The same post from the site itself works.
	c.Login("desk", "password-desk")
}

func TestLoginThrottledOverHTTP(t *testing.T) {
	s := apptest.Start(t, "")
	s.CreateStaff(t, "cat1", auth.RoleCataloguer)
	c := s.NewClient(t)
	var status int
	var body string
	for i := 0; i < 6; i++ {
		status, body, _ = c.PostForm("/staff/login", url.Values{"username": {"cat1"}, "password": {"nope"}})
	}
	if status != http.StatusTooManyRequests || !strings.Contains(body, "登录失败次数过多") {
		t.Fatalf("6th wrong password: %d %.300s", status, body)
	}
	status, _, _ = c.PostForm("/staff/login", url.Values{"username": {"cat1"}, "password": {"password-cat1"}})
	if status != http.StatusTooManyRequests {
		t.Fatalf("right password while throttled: %d", status)
	}
}

func TestSessionExpiresAndFirstLoginForcesPasswordChange(t *testing.T) {
	s := apptest.Start(t, "")
	pw, err := s.App.Auth.EnsureAdmin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c := s.NewClient(t)
	c.Login("admin", pw)
	if status, _, h := c.Get("/staff/audit"); status != http.StatusSeeOther || h.Get("Location") != "/staff/password" {
		t.Fatalf("before changing the one-time password: %d %s", status, h.Get("Location"))
	}
	status, body, _ := c.PostForm("/staff/password", url.Values{"current": {pw}, "password": {"new-secret-1"}, "confirm": {"new-secret-2"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "两次输入的新密码不一致") {
		t.Fatalf("mismatched confirmation: %d %.300s", status, body)
	}
	status, _, h := c.PostForm("/staff/password", url.Values{"current": {pw}, "password": {"new-secret-1"}, "confirm": {"new-secret-1"}})
	if status != http.StatusSeeOther {
		t.Fatalf("change password: %d %v", status, h)
	}
	if status, body, _ := c.Get("/staff/audit"); status != 200 || !strings.Contains(body, "staff.password_change") {
		t.Fatalf("audit after password change: %d", status)
	}
	s.Clock.Advance(s.App.Auth.Config().SessionIdle + 1)
	status, _, h = c.Get("/staff/")
	if status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "session_expired") {
		t.Fatalf("idle session: %d %s", status, h.Get("Location"))
	}
	status, body, _ = c.Get(h.Get("Location"))
	if status != 200 || !strings.Contains(body, "登录已过期") {
		t.Fatalf("login page after expiry: %d %.300s", status, body)
	}
}

func TestLanguages(t *testing.T) {
	s := apptest.Start(t, "")
	s.CreateStaff(t, "ref", auth.RoleReference)
	c := s.NewClient(t)
	_, body, _ := c.Get("/")
	if !strings.Contains(body, `lang="zh-CN"`) || !strings.Contains(body, "欢迎使用") {
		t.Fatalf("default public page is not Chinese: %.300s", body)
	}
	req, _ := http.NewRequest("GET", s.URL+"/", nil)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	resp, _ := c.HTTP.Do(req)
	b := readAll(resp)
	if !strings.Contains(b, `lang="en"`) || !strings.Contains(b, "Welcome to") {
		t.Fatalf("Accept-Language en: %.300s", b)
	}
	if status, _, h := c.Get("/language?to=en&back=/"); status != http.StatusSeeOther || h.Get("Location") != "/" {
		t.Fatalf("language switch: %d %s", status, h.Get("Location"))
	}
	if _, body, _ = c.Get("/"); !strings.Contains(body, "Welcome to") {
		t.Fatal("language cookie ignored")
	}
	if status, _, h := c.Get("/language?to=en&back=//evil.example/"); h.Get("Location") != "/" {
		t.Fatalf("open redirect: %d %s", status, h.Get("Location"))
	}
	// A staff member's own language, chosen once, follows them.
	c2 := s.NewClient(t)
	c2.Login("ref", "password-ref")
	_, body, _ = c2.Get("/staff/")
	if !strings.Contains(body, "工作台") || !strings.Contains(body, "参考咨询") {
		t.Fatalf("Chinese home: %.400s", body)
	}
	c2.PostForm("/staff/language", url.Values{"locale": {"en"}, "back": {"/staff/"}})
	_, body, _ = c2.Get("/staff/")
	if !strings.Contains(body, "Workbench") || !strings.Contains(body, "Reference") || strings.Contains(body, "Staff accounts") {
		t.Fatalf("English home: %.600s", body)
	}
}

func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestStaticAssetsAreHashedAndCached(t *testing.T) {
	s := apptest.Start(t, "")
	c := s.NewClient(t)
	_, body, _ := c.Get("/")
	m := regexp.MustCompile(`/static/app\.[0-9a-f]{8}\.css`).FindString(body)
	if m == "" {
		t.Fatalf("no hashed stylesheet link in %.300s", body)
	}
	status, css, h := c.Get(m)
	if status != 200 || !strings.Contains(h.Get("Cache-Control"), "immutable") || !strings.Contains(css, ":focus-visible") {
		t.Fatalf("stylesheet: %d %v", status, h)
	}
	if status, _, _ := c.Get("/static/app.00000000.css"); status != 404 {
		t.Fatalf("stale asset name: %d", status)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	s := apptest.Start(t, "")
	c := s.NewClient(t)
	if status, body, _ := c.Get("/healthz"); status != 200 || body != "ok\n" {
		t.Fatalf("healthz: %d %q", status, body)
	}
	c.Get("/")
	status, body, _ := c.Get("/metrics")
	if status != 200 || !strings.Contains(body, `lantai_http_requests_total{method="GET",route="GET /{$}",status="200"}`) ||
		!strings.Contains(body, "go_sql_open_connections") {
		t.Fatalf("metrics: %d %.2000s", status, body)
	}
	s.App.DB.Close()
	if status, _, _ := c.Get("/healthz"); status != http.StatusServiceUnavailable {
		t.Fatalf("healthz with the database closed: %d", status)
	}
}

func TestAccountAndRoleScreens(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		s.CreateStaff(t, "sys", auth.RoleSystems)
		c := s.NewClient(t)
		c.Login("sys", "password-sys")
		status, _, h := c.PostForm("/staff/accounts", url.Values{"username": {"liu"}, "display_name": {"刘芳"},
			"password": {"initial-pw"}, "roles": {"cataloguer", "serials"}, "must_change": {"1"}})
		if status != http.StatusSeeOther {
			t.Fatalf("create account: %d", status)
		}
		_, body, _ := c.Get(h.Get("Location"))
		if !strings.Contains(body, "刘芳") || !strings.Contains(body, "账号已开设") {
			t.Fatalf("account page: %.500s", body)
		}
		status, body, _ = c.PostForm("/staff/accounts", url.Values{"username": {"LIU"}, "password": {"initial-pw"}})
		if status != http.StatusConflict || !strings.Contains(body, "用户名 LIU 已被使用") {
			t.Fatalf("duplicate: %d %.300s", status, body)
		}
		status, _, _ = c.PostForm("/staff/roles/serials", url.Values{"perms": {"serials.view", "serials.checkin"}})
		if status != http.StatusSeeOther {
			t.Fatalf("save role: %d", status)
		}
		_, body, _ = c.Get("/staff/roles/serials")
		if !strings.Contains(body, `value="serials.checkin" checked`) || strings.Contains(body, `value="serials.manage" checked`) {
			t.Fatalf("role page after save: %.200s", body)
		}
		_, body, _ = c.Get("/staff/audit?entity=role")
		if !strings.Contains(body, "role.permissions") {
			t.Fatal("role change not in the audit page")
		}
		_, body, _ = c.Get("/staff/audit?door=cli")
		if strings.Contains(body, "role.permissions") {
			t.Fatal("door filter ignored")
		}
		status, body, _ = c.Get("/staff/audit?from=2026-13-01")
		if status != 200 || !strings.Contains(body, "不是有效日期") {
			t.Fatalf("bad date: %d", status)
		}
	})
}

func TestSessionCookieFlags(t *testing.T) {
	s := apptest.Start(t, "")
	s.CreateStaff(t, "desk2", auth.RoleCirculation)
	for _, tlsOn := range []bool{false, true} {
		srv := httptest.NewUnstartedServer(s.App.Handler)
		if tlsOn {
			srv.StartTLS()
		} else {
			srv.Start()
		}
		client := srv.Client()
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		form := url.Values{"username": {"desk2"}, "password": {"password-desk2"}}
		req, _ := http.NewRequest("POST", srv.URL+"/staff/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var cookie string
		for _, c := range resp.Header.Values("Set-Cookie") {
			if strings.HasPrefix(c, web.SessionCookie+"=") {
				cookie = c
			}
		}
		if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") || strings.Contains(cookie, "Secure") != tlsOn {
			t.Errorf("TLS %v: session cookie %q", tlsOn, cookie)
		}
		srv.Close()
	}
}
