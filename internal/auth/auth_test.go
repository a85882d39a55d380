package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
)

var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

func setup(t *testing.T, fn func(t *testing.T, s *auth.Service, c *clock.Settable)) {
	c := clock.NewSettable(t0)
	dbtest.EachWithClock(t, c, func(t *testing.T, d *db.DB) {
		c.Set(t0)
		s := auth.NewService(d, auth.DefaultConfig())
		if err := s.Bootstrap(context.Background()); err != nil {
			t.Fatal(err)
		}
		fn(t, s, c)
	})
}

var cli = auth.CLIActor("tester")

func mustCreate(t *testing.T, s *auth.Service, name string, roles ...string) auth.Staff {
	t.Helper()
	st, err := s.CreateStaff(context.Background(), cli, auth.NewStaff{Username: name, DisplayName: name, Password: "secret-" + name, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func login(s *auth.Service, name, pw, ip string) (string, auth.Principal, error) {
	return s.Login(context.Background(), auth.LoginRequest{Username: name, Password: pw, ClientIP: ip, Door: auth.DoorWeb})
}

func TestBootstrapSeedsRolesOnceAndKeepsEdits(t *testing.T) {
	setup(t, func(t *testing.T, s *auth.Service, c *clock.Settable) {
		ctx := context.Background()
		roles, err := s.ListRoles(ctx, cli)
		if err != nil {
			t.Fatal(err)
		}
		if len(roles) != len(auth.BuiltinRoles) {
			t.Fatalf("%d roles, want %d", len(roles), len(auth.BuiltinRoles))
		}
		cat, _ := auth.RoleByCode(roles, auth.RoleCataloguer)
		if cat.NameZH != "编目" || !contains(cat.Permissions, auth.PermCatalogEdit) {
			t.Fatalf("cataloguer role: %+v", cat)
		}
		// The library removes a permission; a restart must not bring it back.
		if _, err := s.SetRolePermissions(ctx, cli, auth.RoleCataloguer, []auth.Permission{auth.PermCatalogView}); err != nil {
			t.Fatal(err)
		}
		if err := s.Bootstrap(ctx); err != nil {
			t.Fatal(err)
		}
		roles, _ = s.ListRoles(ctx, cli)
		cat, _ = auth.RoleByCode(roles, auth.RoleCataloguer)
		if len(cat.Permissions) != 1 {
			t.Fatalf("bootstrap undid the library's edit: %v", cat.Permissions)
		}
		_, err = s.SetRolePermissions(ctx, cli, auth.RoleCataloguer, []auth.Permission{"catalog.fly"})
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("unknown permission accepted: %v", err)
		}
	})
}

func contains(ps []auth.Permission, p auth.Permission) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func TestCreateStaffValidatesAndAudits(t *testing.T) {
	setup(t, func(t *testing.T, s *auth.Service, c *clock.Settable) {
		ctx := context.Background()
		st := mustCreate(t, s, "wangli", auth.RoleCirculation, auth.RoleSerials)
		if strings.Join(st.Roles, ",") != "circulation,serials" {
			t.Fatalf("roles %v", st.Roles)
		}
		cases := []struct {
			in   auth.NewStaff
			code apperr.Code
			key  string
		}{
			{auth.NewStaff{Username: "WangLi", Password: "long-enough"}, apperr.Conflict, "error.username_taken"},
			{auth.NewStaff{Username: "x", Password: "long-enough"}, apperr.Invalid, "error.username_invalid"},
			{auth.NewStaff{Username: "zhao", Password: "short"}, apperr.Invalid, "error.password_too_short"},
			{auth.NewStaff{Username: "zhaoqian", Password: "ZHAOQIAN"}, apperr.Invalid, "error.password_is_username"},
			{auth.NewStaff{Username: "zhao", Password: "long-enough", Roles: []string{"astronaut"}}, apperr.Invalid, "error.role_unknown"},
		}
		for _, tc := range cases {
			_, err := s.CreateStaff(ctx, cli, tc.in)
			e, ok := apperr.As(err)
			if !ok || e.Code != tc.code || e.Key != tc.key {
				t.Errorf("%+v: got %v, want %s %s", tc.in, err, tc.code, tc.key)
			}
		}
		// The failed create with an unknown role left no half-made account.
		if _, err := s.GetStaffByUsername(ctx, cli, "zhao"); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("half-created account: %v", err)
		}
		entries, err := s.ListAudit(ctx, cli, auth.AuditFilter{Entity: "staff", Door: auth.DoorCLI})
		if err != nil || len(entries) != 1 || entries[0].Action != "staff.create" || !strings.Contains(entries[0].Summary, "wangli") {
			t.Fatalf("audit: %+v %v", entries, err)
		}
		// Someone without staff.manage may not create accounts.
		_, p, err := login(s, "wangli", "secret-wangli", "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.CreateStaff(ctx, p.Actor(auth.DoorWeb, "", ""), auth.NewStaff{Username: "eve", Password: "long-enough"})
		if apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("circulation desk created an account: %v", err)
		}
	})
}

func TestLoginSessionsAndExpiry(t *testing.T) {
	setup(t, func(t *testing.T, s *auth.Service, c *clock.Settable) {
		ctx := context.Background()
		mustCreate(t, s, "liming", auth.RoleCataloguer)
		if _, _, err := login(s, "liming", "wrong-password", "10.0.0.2"); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("wrong password: %v", err)
		}
		tok, p, err := login(s, "LiMing", "secret-liming", "10.0.0.2")
		if err != nil {
			t.Fatal(err)
		}
		if !p.Perms[auth.PermCatalogEdit] || p.Perms[auth.PermStaffManage] {
			t.Fatalf("perms %v", p.Perms)
		}
		if _, err := s.Session(ctx, tok); err != nil {
			t.Fatal(err)
		}
		// Used every 50 minutes, the session lives until its absolute end.
		for i := 0; i < 14; i++ {
			c.Advance(50 * time.Minute)
			_, err := s.Session(ctx, tok)
			if c.Now().Sub(t0) < s.Config().SessionMax && err != nil {
				t.Fatalf("after %v: %v", c.Now().Sub(t0), err)
			}
			if c.Now().Sub(t0) >= s.Config().SessionMax && apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Fatalf("session outlived its absolute lifetime: %v", err)
			}
		}
		// Idle too long.
		tok, _, _ = login(s, "liming", "secret-liming", "10.0.0.2")
		c.Advance(s.Config().SessionIdle)
		if _, err := s.Session(ctx, tok); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("idle session still valid: %v", err)
		}
		// Logout everywhere ends all sessions.
		t1, p1, _ := login(s, "liming", "secret-liming", "10.0.0.2")
		t2, _, _ := login(s, "liming", "secret-liming", "10.0.0.3")
		if n, err := s.LogoutEverywhere(ctx, p1.Actor(auth.DoorWeb, "", "")); err != nil || n < 2 {
			t.Fatalf("logout everywhere: %d %v", n, err)
		}
		for _, tk := range []string{t1, t2} {
			if _, err := s.Session(ctx, tk); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Fatalf("session survived logout everywhere: %v", err)
			}
		}
	})
}

func TestLoginThrottling(t *testing.T) {
	setup(t, func(t *testing.T, s *auth.Service, c *clock.Settable) {
		mustCreate(t, s, "zhangsan", auth.RoleCirculation)
		cfg := s.Config()
		for i := 0; i < cfg.MaxAccountFailures; i++ {
			login(s, "zhangsan", "guess", "10.1.1."+string(rune('1'+i)))
		}
		// Even the right password is refused while the account is throttled.
		if _, _, err := login(s, "zhangsan", "secret-zhangsan", "10.9.9.9"); apperr.CodeOf(err) != apperr.TooManyRequests {
			t.Fatalf("throttled account: %v", err)
		}
		c.Advance(cfg.FailureWindow + time.Second)
		if _, _, err := login(s, "zhangsan", "secret-zhangsan", "10.9.9.9"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		// One address trying many accounts is throttled by address.
		for i := 0; i < cfg.MaxAddressFailures; i++ {
			login(s, "nobody"+string(rune('a'+i)), "guess", "10.6.6.6")
		}
		if _, _, err := login(s, "zhangsan", "secret-zhangsan", "10.6.6.6"); apperr.CodeOf(err) != apperr.TooManyRequests {
			t.Fatalf("throttled address: %v", err)
		}
		if _, _, err := login(s, "zhangsan", "secret-zhangsan", "10.7.7.7"); err != nil {
			t.Fatalf("other address: %v", err)
		}
	})
}

func TestDisableAndLastAdministrator(t *testing.T) {
	setup(t, func(t *testing.T, s *auth.Service, c *clock.Settable) {
		ctx := context.Background()
		admin := mustCreate(t, s, "sysadmin", auth.RoleSystems)
		desk := mustCreate(t, s, "desk1", auth.RoleCirculation)
		tok, _, _ := login(s, "desk1", "secret-desk1", "")
		yes := true
		if _, err := s.UpdateStaff(ctx, cli, desk.ID, auth.StaffUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, tok); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("disabled account's session still works: %v", err)
		}
		if _, _, err := login(s, "desk1", "secret-desk1", ""); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("disabled account logged in: %v", err)
		}
		_, err := s.UpdateStaff(ctx, cli, admin.ID, auth.StaffUpdate{Disabled: &yes})
		if apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("disabled the last administrator: %v", err)
		}
		none := []string{}
		if _, err := s.UpdateStaff(ctx, cli, admin.ID, auth.StaffUpdate{Roles: &none}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("removed the last administrator's roles: %v", err)
		}
		if _, err := s.SetRolePermissions(ctx, cli, auth.RoleSystems, nil); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("emptied the systems role: %v", err)
		}
	})
}

func TestPasswordChange(t *testing.T) {
	setup(t, func(t *testing.T, s *auth.Service, c *clock.Settable) {
		ctx := context.Background()
		st := mustCreate(t, s, "chenjing", auth.RoleReference)
		if err := s.SetPassword(ctx, cli, st.ID, "temporary-1", true); err != nil {
			t.Fatal(err)
		}
		_, p, err := login(s, "chenjing", "temporary-1", "")
		if err != nil || !p.Staff.MustChangePassword {
			t.Fatalf("after reset: %v %+v", err, p.Staff)
		}
		a := p.Actor(auth.DoorWeb, "", "")
		if err := s.ChangeOwnPassword(ctx, a, "wrong", "new-password-9"); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("wrong current password: %v", err)
		}
		if err := s.ChangeOwnPassword(ctx, a, "temporary-1", "new-password-9"); err != nil {
			t.Fatal(err)
		}
		_, p, err = login(s, "chenjing", "new-password-9", "")
		if err != nil || p.Staff.MustChangePassword {
			t.Fatalf("after change: %v %+v", err, p.Staff)
		}
	})
}

func TestTokens(t *testing.T) {
	setup(t, func(t *testing.T, s *auth.Service, c *clock.Settable) {
		ctx := context.Background()
		st := mustCreate(t, s, "api-user", auth.RoleCataloguer)
		secret, tok, err := s.CreateToken(ctx, cli, "api-user", "import script")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, auth.TokenPrefix) || !strings.HasPrefix(secret, tok.Prefix) {
			t.Fatalf("token %q prefix %q", secret, tok.Prefix)
		}
		p, err := s.TokenPrincipal(ctx, secret)
		if err != nil || p.Staff.ID != st.ID || !p.Perms[auth.PermCatalogImport] {
			t.Fatalf("token principal %+v %v", p, err)
		}
		if _, err := s.TokenPrincipal(ctx, secret+"x"); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("forged token: %v", err)
		}
		if err := s.RevokeToken(ctx, p.Actor(auth.DoorAPI, "", ""), tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TokenPrincipal(ctx, secret); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("revoked token works: %v", err)
		}
		list, err := s.ListTokens(ctx, p.Actor(auth.DoorAPI, "", ""), false)
		if err != nil || len(list) != 1 || list[0].RevokedAt == nil {
			t.Fatalf("list: %+v %v", list, err)
		}
	})
}

func TestEnsureAdmin(t *testing.T) {
	setup(t, func(t *testing.T, s *auth.Service, c *clock.Settable) {
		ctx := context.Background()
		pw, err := s.EnsureAdmin(ctx)
		if err != nil || pw == "" {
			t.Fatalf("first start: %q %v", pw, err)
		}
		_, p, err := login(s, "admin", pw, "")
		if err != nil || !p.Staff.MustChangePassword || !p.Perms[auth.PermAuditView] || !p.Perms[auth.PermStaffManage] {
			t.Fatalf("admin: %+v %v", p, err)
		}
		pw2, err := s.EnsureAdmin(ctx)
		if err != nil || pw2 != "" {
			t.Fatalf("second start made another admin: %q %v", pw2, err)
		}
	})
}

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("图书馆 password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash format %q", h)
	}
	if !auth.VerifyPassword(h, "图书馆 password") || auth.VerifyPassword(h, "图书馆 Password") {
		t.Fatal("verify")
	}
	for _, bad := range []string{"", "$argon2id$", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA", strings.Replace(h, "m=19456", "m=999999999", 1)} {
		if auth.VerifyPassword(bad, "x") {
			t.Fatalf("accepted %q", bad)
		}
	}
}
