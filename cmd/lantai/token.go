package main

import (
	"context"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
)

const tokenUsage = `Usage: lantai token create --user USERNAME [--name PURPOSE]

Creates a bearer token for the JSON API (/api/v1/) that acts as the staff
account USERNAME with exactly its permissions. The token is printed once and
stored only as a hash; revoke it in the staff client (API tokens) or with
DELETE /api/v1/tokens/{id}.`

func runToken(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		say(e.stdout, "%s", tokenUsage)
		if len(args) == 0 {
			return usageError{"missing subcommand: create"}
		}
		return nil
	}
	if args[0] != "create" {
		return usageError{"unknown subcommand " + args[0] + ": use create"}
	}
	var user, name string
	cfg, pos, err := parseFlags(e, "token create", tokenUsage, args[1:], func(f *app.Flags) {
		f.Set().StringVar(&user, "user", "", "the staff account the token acts as (required)")
		f.Set().StringVar(&name, "name", "cli", "what the token is for, e.g. \"nightly export\"")
	})
	if err != nil {
		return err
	}
	if user == "" || len(pos) > 0 {
		return usageError{"token create needs --user USERNAME and no other arguments"}
	}
	a, err := openApp(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	secret, t, err := a.Auth.CreateToken(ctx, auth.CLIActor(osUser(e)), user, name)
	if err != nil {
		return explain(a, err)
	}
	say(e.stderr, "token %d for %s created; it is shown only this once:", t.ID, t.Username)
	say(e.stdout, "%s", secret)
	return nil
}

func asDomain(err error) (*apperr.Error, bool) { return apperr.As(err) }
