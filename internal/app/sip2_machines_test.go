package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/sip2server"
)

// addLawStacks adds the branch LAW with one location, law_stacks.
func addLawStacks(t *testing.T, s *apptest.Server) {
	t.Helper()
	addLawBranch(t, s)
	if err := s.App.Catalog.SaveCode(t.Context(), cli, catalog.Locations,
		catalog.Code{Code: "law_stacks", NameZH: "法学书库", NameEN: "Law stacks", Branch: "LAW", Kind: "stacks"}); err != nil {
		t.Fatal(err)
	}
}

// machineForm is the machine form as the systems office fills it in: the
// self-check kiosk on the ground floor of the main library's stacks.
func machineForm() url.Values {
	return url.Values{"login": {"kiosk1"}, "password": {"kiosk-pass-1"}, "name": {"总馆一楼自助借还机"}, "branch": {""},
		"location": {"stacks"}, "institution_id": {"LANTAI"}, "charset": {"gb18030"}, "checksums": {"1"}, "enabled": {"1"}, "notes": {""}}
}

var machineCreated = regexp.MustCompile(`^/staff/sip2/machines\?done=flash\.sip2_machine_created#machine-(\d+)$`)

// machineAudit counts the audit entries of machine accounts by action,
// done through door, and fails when one of them holds a password.
func machineAudit(t *testing.T, s *apptest.Server, door auth.Door, secrets ...string) map[string]int {
	t.Helper()
	es, err := s.App.Auth.ListAudit(t.Context(), cli, auth.AuditFilter{Entity: "sip2_machine", Door: door, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, e := range es {
		got[e.Action]++
		for _, secret := range append(secrets, "argon2", "password_hash") {
			if strings.Contains(e.Summary, secret) {
				t.Errorf("audit entry %s holds %q: %s", e.Action, secret, e.Summary)
			}
		}
	}
	return got
}

// TestSIP2MachinesWeb is the systems office setting up self-check
// machines: the system administration module leads to the machine
// accounts; mistakes are shown next to their field and save nothing; a
// new kiosk, its first login shown on the list, a change that keeps the
// password, a new password, a disabled machine refused at login — each
// change in the audit log — while the circulation desk may not come in.
func TestSIP2MachinesWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		addLawStacks(t, s)
		s.CreateStaff(t, "sys", auth.RoleSystems)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		c := s.NewClient(t)
		c.Login("sys", "password-sys")

		want(t, "home", getOK(t, c, "/staff/"), `href="/staff/modules/system"`, "系统管理")
		want(t, "system module", getOK(t, c, "/staff/modules/system"), `href="/staff/sip2/machines"`, "自助设备账户", `href="/staff/catalog/codes"`)

		// The empty list says how machines reach Lantai: SIP2 is off here.
		body := getOK(t, c, "/staff/sip2/machines")
		want(t, "empty list", body, "还没有自助设备账户", "SIP2 服务尚未开启", "--sip2-addr", `type="password" id="f-password" name="password" value="" required`,
			`<option value="gb18030">GB18030（较早的中文自助机）</option>`, `<option value="stacks">书库 (stacks) · 总馆</option>`,
			`<option value="law_stacks">法学书库 (law_stacks) · 法学分馆</option>`, `id="f-enabled" name="enabled" value="1" checked`)

		// Mistakes are shown next to their field, the password is never
		// shown back, and nothing is saved.
		for _, c2 := range []struct {
			field, value, err string
			status            int
		}{
			{"password", "short", `<span class="row-error" id="err-password">机器密码至少 8 个字符`, http.StatusUnprocessableEntity},
			{"location", "mars", `<span class="row-error" id="err-location">没有馆藏地点“mars”</span>`, http.StatusUnprocessableEntity},
			{"location", "", `<span class="row-error" id="err-location">请选择机器所在的馆藏地点</span>`, http.StatusUnprocessableEntity},
			{"login", "", `<span class="row-error" id="err-login">机器登录名不能为空`, http.StatusUnprocessableEntity},
			{"charset", "big5", `<span class="row-error" id="err-charset">不支持的字符集“big5”`, http.StatusUnprocessableEntity},
		} {
			f := machineForm()
			f.Set(c2.field, c2.value)
			status, body, _ := c.PostForm("/staff/sip2/machines", f)
			if status != c2.status {
				t.Fatalf("%s %q: %d %.1500s", c2.field, c2.value, status, mainOf(body))
			}
			want(t, c2.field+" "+c2.value, body, c2.err, `aria-invalid="true" aria-describedby="err-`+c2.field, `name="name" value="总馆一楼自助借还机"`)
			if strings.Contains(body, "kiosk-pass-1") {
				t.Errorf("%s %q: the password is shown back", c2.field, c2.value)
			}
		}
		f := machineForm()
		f.Set("branch", "LAW")
		status, body, _ := c.PostForm("/staff/sip2/machines", f)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("location not in the branch: %d", status)
		}
		want(t, "location not in the branch", body, `<span class="row-error" id="err-location">馆藏地点“stacks”不属于分馆“LAW”</span>`,
			`<option value="LAW" selected>法学分馆 (LAW)</option>`)
		if ms, _ := s.App.Machines.List(ctx, cli); len(ms) != 0 {
			t.Fatalf("a refused machine was saved: %+v", ms)
		}

		// The kiosk: its branch is the location's.
		status, body, h := c.PostForm("/staff/sip2/machines", machineForm())
		m := machineCreated.FindStringSubmatch(h.Get("Location"))
		if status != http.StatusSeeOther || m == nil {
			t.Fatalf("create: %d %q %.1500s", status, h.Get("Location"), mainOf(body))
		}
		id := m[1]
		mach, err := s.App.Machines.Get(ctx, cli, mustID(t, id))
		if err != nil || mach.Branch != "main" || mach.Location != "stacks" || mach.Charset != "gb18030" || !mach.Checksums || !mach.Enabled || mach.InstitutionID != "LANTAI" {
			t.Fatalf("stored machine: %+v %v", mach, err)
		}
		body = getOK(t, c, h.Get("Location"))
		want(t, "list after create", body, "自助设备账户已新增", `id="machine-`+id+`"`, `<code>kiosk1</code>`, "总馆一楼自助借还机", "<td>总馆</td>", "<td>书库</td>",
			"<td>GB18030</td>", "<td>是</td>", "从未登录")
		status, body, _ = c.PostForm("/staff/sip2/machines", machineForm())
		if status != http.StatusConflict {
			t.Fatalf("the same login twice: %d", status)
		}
		want(t, "the same login twice", body, `<span class="row-error" id="err-login">已有登录名为“kiosk1”的机器</span>`)

		// The machine logs in: the list shows when and from where.
		if _, err := s.App.Machines.Authenticate(ctx, "kiosk1", "kiosk-pass-1", "10.0.0.7"); err != nil {
			t.Fatalf("first login: %v", err)
		}
		body = getOK(t, c, "/staff/sip2/machines")
		want(t, "list after login", body, "<code>10.0.0.7</code>")
		if strings.Contains(body, "从未登录") {
			t.Error("the list says the machine never logged in")
		}

		// The machine's page: the password field is empty, and nothing of
		// the password is on the page.
		body = getOK(t, c, "/staff/sip2/machines/"+id)
		want(t, "machine page", body, `name="login" value="kiosk1"`, `name="password" value=""`, "留空则保留原密码", `<option value="gb18030" selected>`,
			`<option value="stacks" selected>`, `id="f-checksums" name="checksums" value="1" checked`, "<code>10.0.0.7</code>", `id="machine-save"`)
		if strings.Contains(body, "argon2") || strings.Contains(body, `name="password" value="" required`) {
			t.Errorf("machine page: the password is required or shown: %.2000s", mainOf(body))
		}

		// Move it to the law library, keeping the password.
		edit := machineForm()
		edit.Set("password", "")
		edit.Set("branch", "LAW")
		edit.Set("location", "law_stacks")
		edit.Set("name", "法学分馆自助借还机")
		status, _, h = c.PostForm("/staff/sip2/machines/"+id, edit)
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/sip2/machines?done=flash.sip2_machine_saved#machine-"+id {
			t.Fatalf("move the machine: %d %s", status, h.Get("Location"))
		}
		want(t, "list after the move", getOK(t, c, h.Get("Location")), "自助设备账户已保存", "法学分馆自助借还机", "<td>法学分馆</td>", "<td>法学书库</td>")
		if mach, err := s.App.Machines.Authenticate(ctx, "kiosk1", "kiosk-pass-1", "10.0.0.8"); err != nil || mach.Branch != "LAW" || mach.Location != "law_stacks" {
			t.Fatalf("login with the kept password after the move: %+v %v", mach, err)
		}

		// Mistakes on the machine's page are shown next to their field.
		bad := machineForm()
		bad.Set("password", "short")
		status, body, _ = c.PostForm("/staff/sip2/machines/"+id, bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("short new password: %d", status)
		}
		want(t, "short new password", body, `<span class="row-error" id="err-password">机器密码至少 8 个字符`, `action="/staff/sip2/machines/`+id+`"`)
		bad = machineForm()
		bad.Set("password", "")
		bad.Set("branch", "main")
		bad.Set("location", "law_stacks")
		status, body, _ = c.PostForm("/staff/sip2/machines/"+id, bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("location not in the branch: %d", status)
		}
		want(t, "location not in the branch (edit)", body, `<span class="row-error" id="err-location">馆藏地点“law_stacks”不属于分馆“main”</span>`)
		if status, _, _ := c.PostForm("/staff/sip2/machines/999999", edit); status != http.StatusNotFound {
			t.Fatalf("a machine that does not exist: %d", status)
		}

		// A new password: the old one is refused, the new one works.
		pw := machineForm()
		pw.Set("password", "kiosk-pass-2")
		pw.Set("branch", "LAW")
		pw.Set("location", "law_stacks")
		if status, _, _ := c.PostForm("/staff/sip2/machines/"+id, pw); status != http.StatusSeeOther {
			t.Fatalf("new password: %d", status)
		}
		if _, err := s.App.Machines.Authenticate(ctx, "kiosk1", "kiosk-pass-1", "10.0.0.8"); !errors.Is(err, sip2server.ErrLoginRefused) {
			t.Fatalf("old password after the change: %v", err)
		}
		if _, err := s.App.Machines.Authenticate(ctx, "kiosk1", "kiosk-pass-2", "10.0.0.8"); err != nil {
			t.Fatalf("new password: %v", err)
		}

		// Disable it: its next login is refused.
		off := machineForm()
		off.Set("password", "")
		off.Set("branch", "LAW")
		off.Set("location", "law_stacks")
		off.Del("enabled")
		if status, _, _ := c.PostForm("/staff/sip2/machines/"+id, off); status != http.StatusSeeOther {
			t.Fatalf("disable: %d", status)
		}
		if _, err := s.App.Machines.Authenticate(ctx, "kiosk1", "kiosk-pass-2", "10.0.0.8"); !errors.Is(err, sip2server.ErrLoginRefused) {
			t.Fatalf("login of a disabled machine: %v", err)
		}
		want(t, "list with the machine disabled", getOK(t, c, "/staff/sip2/machines"), `<span class="status">停用</span>`)

		// In English, every word is translated.
		c.PostForm("/staff/language", url.Values{"locale": {"en"}, "back": {"/staff/"}})
		for path, w := range map[string]string{
			"/staff/sip2/machines":       "The SIP2 server is off",
			"/staff/sip2/machines/" + id: "Leave empty to keep the current password",
			"/staff/modules/system":      "Self-service machines",
		} {
			body := getOK(t, c, path)
			want(t, path, body, `lang="en"`, w)
			noRawKeys(t, path, body)
		}

		// The circulation desk may not come in.
		d := s.NewClient(t)
		d.Login("desk", "password-desk")
		if strings.Contains(getOK(t, d, "/staff/"), `href="/staff/modules/system"`) {
			t.Error("the desk's home leads to system administration")
		}
		for _, try := range []func() (int, string, http.Header){
			func() (int, string, http.Header) { return d.Get("/staff/sip2/machines") },
			func() (int, string, http.Header) { return d.Get("/staff/sip2/machines/" + id) },
			func() (int, string, http.Header) { return d.PostForm("/staff/sip2/machines", machineForm()) },
			func() (int, string, http.Header) { return d.PostForm("/staff/sip2/machines/"+id, machineForm()) },
		} {
			if status, _, _ := try(); status != http.StatusForbidden {
				t.Errorf("the desk: %d, want 403", status)
			}
		}

		// Each change is in the audit log, made through the web, without
		// the passwords.
		got := machineAudit(t, s, auth.DoorWeb, "kiosk-pass-1", "kiosk-pass-2")
		if got["sip2_machine.create"] != 1 || got["sip2_machine.update"] != 3 {
			t.Errorf("audit: %v, want 1 create and 3 updates", got)
		}
	})
}

// TestSIP2MachinesAddress shows the staff where machines connect when
// lantai serve was given --sip2-addr.
func TestSIP2MachinesAddress(t *testing.T) {
	for addr, wants := range map[string][]string{
		"0.0.0.0:6001":      {"机器连接本服务器地址的 6001 端口", "--sip2-addr 0.0.0.0:6001"},
		"[::]:6002":         {"机器连接本服务器地址的 6002 端口"},
		"10.1.2.3:6001":     {"机器连接 10.1.2.3:6001"},
		"sip.example:16001": {"机器连接 sip.example:16001"},
	} {
		cfg := app.Defaults()
		cfg.DB = filepath.Join(t.TempDir(), "lantai.db")
		cfg.SIP2Addr = addr
		clk := clock.NewSettable(time.Now())
		a, err := app.Open(context.Background(), cfg, slog.New(slog.DiscardHandler), clk)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(a.Handler)
		s := &apptest.Server{App: a, URL: ts.URL, Clock: clk}
		s.CreateStaff(t, "sys", auth.RoleSystems)
		c := s.NewClient(t)
		c.Login("sys", "password-sys")
		body := getOK(t, c, "/staff/sip2/machines")
		want(t, addr, body, wants...)
		if strings.Contains(body, "SIP2 服务尚未开启") {
			t.Errorf("%s: the page says SIP2 is off", addr)
		}
		ts.Close()
		a.Close()
	}
}

// TestSIP2MachinesAPI drives the machine accounts through the JSON API:
// create, list, read, replace (keeping or changing the password,
// disabling), never a password in an answer, the same refusals as the
// form, and a token of the circulation desk refused.
func TestSIP2MachinesAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		addLawStacks(t, s)
		s.CreateStaff(t, "sys", auth.RoleSystems)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		token := func(user string) string {
			tok, _, err := s.App.Auth.CreateToken(ctx, cli, user, "test")
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}
		sys, desk := apiClient{t, s.URL, token("sys")}, apiClient{t, s.URL, token("desk")}

		st, body := sys.call("GET", "/sip2/machines", "")
		if st != 200 || len(body["machines"].([]any)) != 0 {
			t.Fatalf("empty list: %d %v", st, body)
		}
		kiosk := `{"login":"kiosk1","password":"kiosk-pass-1","name":"总馆一楼自助借还机","location":"stacks","institution_id":"LANTAI","charset":"GB18030","checksums":true}`
		if st, body := desk.call("POST", "/sip2/machines", kiosk); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("the desk creates a machine: %d %v", st, body)
		}
		for _, c := range []struct{ body, code, field string }{
			{strings.Replace(kiosk, "kiosk-pass-1", "short", 1), "invalid", "password"},
			{strings.Replace(kiosk, `"password":"kiosk-pass-1",`, "", 1), "invalid", "password"},
			{strings.Replace(kiosk, `"stacks"`, `"mars"`, 1), "invalid", "location"},
			{strings.Replace(kiosk, `"location"`, `"branch":"LAW","location"`, 1), "invalid", "location"},
			{strings.Replace(kiosk, `"GB18030"`, `"big5"`, 1), "invalid", "charset"},
			{strings.Replace(kiosk, `"checksums":true`, `"checksums":true,"password_hash":"x"`, 1), "invalid", ""},
		} {
			if st, body := sys.call("POST", "/sip2/machines", c.body); st != 422 || errorCode(t, body) != c.code || errorField(body) != c.field {
				t.Errorf("%s: %d %v", c.body, st, body)
			}
		}
		st, body = sys.call("POST", "/sip2/machines", kiosk)
		if st != 201 || body["login"] != "kiosk1" || body["branch"] != "main" || body["charset"] != "gb18030" || body["enabled"] != true || body["checksums"] != true {
			t.Fatalf("create: %d %v", st, body)
		}
		noPassword := func(what string, body map[string]any) {
			t.Helper()
			for k := range body {
				if strings.Contains(k, "password") {
					t.Errorf("%s: the answer holds %s: %v", what, k, body)
				}
			}
		}
		noPassword("create", body)
		id := itoa(int64(body["id"].(float64)))
		if st, body := sys.call("POST", "/sip2/machines", kiosk); st != 409 || errorCode(t, body) != "conflict" || errorField(body) != "login" {
			t.Fatalf("the same login twice: %d %v", st, body)
		}
		if _, err := s.App.Machines.Authenticate(ctx, "kiosk1", "kiosk-pass-1", "10.0.0.7"); err != nil {
			t.Fatal(err)
		}
		st, body = sys.call("GET", "/sip2/machines", "")
		list, _ := body["machines"].([]any)
		if st != 200 || len(list) != 1 {
			t.Fatalf("list: %d %v", st, body)
		}
		first := list[0].(map[string]any)
		noPassword("list", first)
		if first["last_address"] != "10.0.0.7" || first["last_login_at"] == nil {
			t.Fatalf("listed machine: %v", first)
		}
		if st, body := desk.call("GET", "/sip2/machines", ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("the desk lists the machines: %d %v", st, body)
		}
		if st, body := desk.call("GET", "/sip2/machines/"+id, ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("the desk reads a machine: %d %v", st, body)
		}
		if st, body := sys.call("GET", "/sip2/machines/999999", ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("a machine that does not exist: %d %v", st, body)
		}

		// Replace what a GET answered, moved to the law library: the
		// password is kept.
		st, body = sys.call("GET", "/sip2/machines/"+id, "")
		if st != 200 || body["location"] != "stacks" {
			t.Fatalf("get: %d %v", st, body)
		}
		noPassword("get", body)
		body["branch"], body["location"] = "LAW", "law_stacks"
		raw, _ := json.Marshal(body)
		moved := string(raw)
		if st, body := desk.call("PUT", "/sip2/machines/"+id, moved); st != 403 {
			t.Fatalf("the desk changes a machine: %d %v", st, body)
		}
		st, body = sys.call("PUT", "/sip2/machines/"+id, moved)
		if st != 200 || body["branch"] != "LAW" || body["location"] != "law_stacks" || body["last_address"] != "10.0.0.7" {
			t.Fatalf("move: %d %v", st, body)
		}
		noPassword("put", body)
		if m, err := s.App.Machines.Authenticate(ctx, "kiosk1", "kiosk-pass-1", "10.0.0.8"); err != nil || m.Branch != "LAW" {
			t.Fatalf("login with the kept password: %+v %v", m, err)
		}
		if st, body := sys.call("PUT", "/sip2/machines/"+id, `{"login":"kiosk1","location":"law_stacks"}`); st != 422 || errorField(body) != "enabled" {
			t.Fatalf("a replacement without enabled: %d %v", st, body)
		}
		if st, body := sys.call("PUT", "/sip2/machines/"+id, `{"login":"kiosk1","location":"stacks","branch":"LAW","enabled":true}`); st != 422 || errorField(body) != "location" {
			t.Fatalf("location not in the branch: %d %v", st, body)
		}

		// A new password and disabled: no login at all.
		st, body = sys.call("PUT", "/sip2/machines/"+id, `{"login":"kiosk1","password":"kiosk-pass-2","location":"law_stacks","enabled":false}`)
		if st != 200 || body["enabled"] != false || body["charset"] != "utf-8" || body["checksums"] != false {
			t.Fatalf("disable: %d %v", st, body)
		}
		for _, pw := range []string{"kiosk-pass-1", "kiosk-pass-2"} {
			if _, err := s.App.Machines.Authenticate(ctx, "kiosk1", pw, "10.0.0.8"); !errors.Is(err, sip2server.ErrLoginRefused) {
				t.Errorf("login of the disabled machine with %s: %v", pw, err)
			}
		}
		st, body = sys.call("PUT", "/sip2/machines/"+id, `{"login":"kiosk1","location":"law_stacks","enabled":true}`)
		if st != 200 || body["enabled"] != true {
			t.Fatalf("enable: %d %v", st, body)
		}
		if _, err := s.App.Machines.Authenticate(ctx, "kiosk1", "kiosk-pass-2", "10.0.0.8"); err != nil {
			t.Fatalf("the new password after enabling: %v", err)
		}

		// Each change is audited as made through the API.
		got := machineAudit(t, s, auth.DoorAPI, "kiosk-pass-1", "kiosk-pass-2")
		if got["sip2_machine.create"] != 1 || got["sip2_machine.update"] != 3 {
			t.Errorf("audit: %v, want 1 create and 3 updates", got)
		}
	})
}
