package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/auth"
)

const userUsage = `Usage:
  lantai user add USERNAME [--name NAME] [--role ROLE,...] [--password-stdin] [--locale zh-CN|en]
  lantai user passwd USERNAME [--password-stdin] [--permanent]
  lantai user list
  lantai user disable USERNAME
  lantai user enable USERNAME

Manages staff accounts. Without --password-stdin a password is generated and
printed once; the person must change it at their first sign-in. Accounts are
never deleted (the audit log keeps their names): disable them instead.
Roles: ` + "director, office, acquisitions, cataloguer, circulation, serials, reading_room, e_reading_room, reference, special_collections, systems, security (and any the library added)."

func runUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		say(e.stdout, "%s", userUsage)
		if len(args) == 0 {
			return usageError{"missing subcommand: add, passwd, list, disable or enable"}
		}
		return nil
	}
	sub, rest := args[0], args[1:]
	var name, roles, locale string
	var pwStdin, permanent bool
	cfg, pos, err := parseFlags(e, "user "+sub, userUsage, rest, func(f *app.Flags) {
		fs := f.Set()
		switch sub {
		case "add":
			fs.StringVar(&name, "name", "", "the person's display name (default: the username)")
			fs.StringVar(&roles, "role", "", "comma-separated role codes, e.g. cataloguer,serials")
			fs.StringVar(&locale, "locale", "zh-CN", "interface language: zh-CN or en")
			fs.BoolVar(&pwStdin, "password-stdin", false, "read the password from standard input instead of generating one")
		case "passwd":
			fs.BoolVar(&pwStdin, "password-stdin", false, "read the password from standard input instead of generating one")
			fs.BoolVar(&permanent, "permanent", false, "do not ask the person to change the password at the next sign-in")
		}
	})
	if err != nil {
		return err
	}
	switch sub {
	case "add", "passwd", "disable", "enable":
		if len(pos) != 1 {
			return usageError{fmt.Sprintf("user %s needs exactly one USERNAME", sub)}
		}
	case "list":
		if len(pos) != 0 {
			return usageError{"user list takes no arguments"}
		}
	default:
		return usageError{fmt.Sprintf("unknown subcommand %q: use add, passwd, list, disable or enable", sub)}
	}
	a, err := openApp(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	actor := auth.CLIActor(osUser(e))
	readPassword := func() (string, bool, error) {
		if !pwStdin {
			return auth.RandomPassword(), true, nil
		}
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		line = strings.TrimRight(line, "\r\n")
		if line == "" && err != nil {
			return "", false, usageError{"--password-stdin: nothing on standard input"}
		}
		return line, false, nil
	}
	switch sub {
	case "add":
		pw, generated, err := readPassword()
		if err != nil {
			return err
		}
		var rl []string
		if roles != "" {
			rl = strings.Split(roles, ",")
		}
		st, err := a.Auth.CreateStaff(ctx, actor, auth.NewStaff{Username: pos[0], DisplayName: name, Password: pw,
			Roles: rl, Locale: locale, MustChangePassword: true})
		if err != nil {
			return explain(a, err)
		}
		say(e.stdout, "created staff account %s (id %d) with roles: %s", st.Username, st.ID, strings.Join(st.Roles, ", "))
		if generated {
			say(e.stdout, "one-time password (to be changed at first sign-in): %s", pw)
		}
	case "passwd":
		pw, generated, err := readPassword()
		if err != nil {
			return err
		}
		st, err := a.Auth.GetStaffByUsername(ctx, actor, pos[0])
		if err != nil {
			return explain(a, err)
		}
		if err := a.Auth.SetPassword(ctx, actor, st.ID, pw, !permanent); err != nil {
			return explain(a, err)
		}
		say(e.stdout, "password of %s set; their sessions have ended", st.Username)
		if generated {
			say(e.stdout, "new password: %s", pw)
		}
	case "disable", "enable":
		st, err := a.Auth.GetStaffByUsername(ctx, actor, pos[0])
		if err != nil {
			return explain(a, err)
		}
		disabled := sub == "disable"
		if _, err := a.Auth.UpdateStaff(ctx, actor, st.ID, auth.StaffUpdate{Disabled: &disabled}); err != nil {
			return explain(a, err)
		}
		say(e.stdout, "%sd %s", sub, st.Username)
	case "list":
		list, err := a.Auth.ListStaff(ctx, actor)
		if err != nil {
			return explain(a, err)
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tUSERNAME\tNAME\tROLES\tSTATE")
		for _, s := range list {
			state := "active"
			if s.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", s.ID, s.Username, s.DisplayName, strings.Join(s.Roles, ","), state)
		}
		tw.Flush()
	}
	return nil
}

// explain turns a domain error into its English message for the terminal.
func explain(a *app.App, err error) error {
	if _, ok := asDomain(err); ok {
		return fmt.Errorf("%s", a.Tr.Error("en", err))
	}
	return err
}

func osUser(e env) string {
	if u := e.getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}
