package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/demo"
	"lantai.dev/lantai/internal/readers"
)

type demoAccount struct {
	Username, Roles string
}

// demoSeeded is what `serve --demo` prepared: the accounts, and the
// catalogue it generated (nil when the catalogue had records already).
type demoSeeded struct {
	Accounts  []demoAccount
	Catalogue *demo.Summary
	Readers   []string
}

// demoRecords is the size of the catalogue `serve --demo` generates: big
// enough for searching and browsing to show something, small enough to
// start in a few seconds. `lantai demo --records N` makes bigger ones.
const demoRecords = 2000

// seedDemo makes the demonstration accounts — admin plus one account per
// built-in role, named after the role — gives them all a fresh password,
// printed at start, and fills an empty catalogue with demoRecords
// generated records (seed 1) and their items.
func seedDemo(ctx context.Context, a *app.App) (demoSeeded, string, error) {
	accounts, pw, err := seedDemoAccounts(ctx, a)
	if err != nil {
		return demoSeeded{}, "", err
	}
	out := demoSeeded{Accounts: accounts}
	sys := auth.SystemActor()
	if out.Readers, err = seedDemoReaders(ctx, a, pw); err != nil {
		return demoSeeded{}, "", fmt.Errorf("demo readers: %w", err)
	}
	empty, err := demo.Empty(ctx, a.Catalog, sys)
	if err != nil {
		return demoSeeded{}, "", err
	}
	if empty {
		sum, err := demo.Populate(ctx, a.DB, a.Catalog, sys, demo.New(1), demo.Options{Records: demoRecords})
		if err == nil && len(sum.Failures) > 0 {
			err = fmt.Errorf("record %d: %w", sum.Failures[0].Index, sum.Failures[0].Err)
		}
		if err != nil {
			return demoSeeded{}, "", fmt.Errorf("demo catalogue: %w", err)
		}
		out.Catalogue = &sum
	}
	return out, pw, nil
}

// seedDemoAccounts makes the demonstration accounts and returns them with
// their password.
func seedDemoAccounts(ctx context.Context, a *app.App) ([]demoAccount, string, error) {
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

// demoReaders are the readers a demo starts with, one per usual category;
// they sign in to the public catalogue with the demo password.
var demoReaders = []struct{ card, name, category string }{
	{"D0001", "王小明", "undergraduate"},
	{"D0002", "李华", "postgraduate"},
	{"D0003", "张老师", "staff"},
}

// seedDemoReaders registers the demo readers (once) and sets their
// catalogue password to pw.
func seedDemoReaders(ctx context.Context, a *app.App, pw string) ([]string, error) {
	sys := auth.SystemActor()
	var cards []string
	for _, d := range demoReaders {
		r, _, err := a.Readers.GetByCard(ctx, sys, d.card)
		if apperr.Is(err, apperr.NotFound) {
			r, err = a.Readers.Register(ctx, sys, d.card, readers.Details{Name: d.name, Category: d.category,
				ExpiresOn: time.Now().AddDate(4, 0, 0).Format("2006-01-02")})
		}
		if err != nil {
			return nil, fmt.Errorf("reader %s: %w", d.card, err)
		}
		if err := a.Readers.SetPassword(ctx, sys, r.ID, pw); err != nil {
			return nil, fmt.Errorf("reader %s: %w", d.card, err)
		}
		cards = append(cards, fmt.Sprintf("%s %s (%s)", d.card, d.name, d.category))
	}
	return cards, nil
}

func printDemo(e env, url, dbPath, pw string, seeded demoSeeded) {
	say(e.stdout, "")
	say(e.stdout, "  Lantai demo is running at %s  (database: %s)", url, dbPath)
	say(e.stdout, "  Staff client: %sstaff/", url)
	if c := seeded.Catalogue; c != nil {
		say(e.stdout, "  Demo catalogue: %d records (%d Chinese, %d Western) and %d items (%d available, %d in processing, %d missing, %d in repair), made in %v",
			c.Records, c.Chinese, c.Western, c.Items, c.Statuses[catalog.Available], c.Statuses[catalog.InProcessing],
			c.Statuses[catalog.Missing], c.Statuses[catalog.InRepair], c.Elapsed.Round(100*time.Millisecond))
	}
	say(e.stdout, "  Every demo account has the password:   %s", pw)
	for _, a := range seeded.Accounts {
		say(e.stdout, "    %-20s (%s)", a.Username, a.Roles)
	}
	if len(seeded.Readers) > 0 {
		say(e.stdout, "  Demo readers (card numbers; they sign in to the catalogue at %saccount with the same password):", url)
		for _, r := range seeded.Readers {
			say(e.stdout, "    %s", r)
		}
	}
	say(e.stdout, "  Stop with Ctrl-C.")
	say(e.stdout, "")
}
