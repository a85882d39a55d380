package main

import (
	"context"
	"errors"
	"strings"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
)

type demoAccount struct {
	Username, Roles string
}

// seedDemo makes the demonstration accounts — admin plus one account per
// built-in role, named after the role — and gives them all a fresh
// password, printed at start. It returns the accounts and that password.
func seedDemo(ctx context.Context, a *app.App) ([]demoAccount, string, error) {
	sys := auth.SystemActor()
	pw := auth.RandomPassword()
	want := []struct {
		user  string
		roles []string
	}{{"admin", []string{auth.RoleDirector, auth.RoleSystems}}}
	for _, r := range auth.BuiltinRoles {
		want = append(want, struct {
			user  string
			roles []string
		}{r.Code, []string{r.Code}})
	}
	var out []demoAccount
	for _, w := range want {
		st, err := a.Auth.GetStaffByUsername(ctx, sys, w.user)
		if apperr.Is(err, apperr.NotFound) {
			st, err = a.Auth.CreateStaff(ctx, sys, auth.NewStaff{Username: w.user, DisplayName: w.user, Password: pw, Roles: w.roles})
		} else if err == nil {
			err = a.Auth.SetPassword(ctx, sys, st.ID, pw, false)
		}
		if err != nil {
			return nil, "", errors.Join(errors.New("account "+w.user), err)
		}
		out = append(out, demoAccount{w.user, joinRoles(w.roles)})
	}
	return out, pw, nil
}

func joinRoles(r []string) string { return strings.Join(r, ", ") }

func printDemo(e env, url, dbPath, pw string, accounts []demoAccount) {
	say(e.stdout, "")
	say(e.stdout, "  Lantai demo is running at %s  (database: %s)", url, dbPath)
	say(e.stdout, "  Staff client: %sstaff/", url)
	say(e.stdout, "  Every demo account has the password:   %s", pw)
	for _, a := range accounts {
		say(e.stdout, "    %-20s (%s)", a.Username, a.Roles)
	}
	say(e.stdout, "  Stop with Ctrl-C.")
	say(e.stdout, "")
}
