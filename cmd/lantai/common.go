package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"lantai.dev/lantai/internal/app"
)

// parseFlags builds a command's flag set, lets extra add its own flags, and
// parses args merged with the environment and config file.
func parseFlags(e env, name, usage string, args []string, extra func(f *app.Flags)) (app.Config, []string, error) {
	cfg := app.Defaults()
	f := app.NewFlags("lantai "+name, usage, &cfg, e.stderr)
	if extra != nil {
		extra(f)
	}
	if err := f.Parse(args, e.getenv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, nil, err
		}
		return cfg, nil, flagError{err}
	}
	return cfg, f.Args(), nil
}

// openApp opens the database (migrating it when needed) for a command.
func openApp(ctx context.Context, e env, cfg app.Config) (*app.App, error) {
	return app.Open(ctx, cfg, cfg.Logger(e.stderr), nil)
}

func say(w io.Writer, format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
