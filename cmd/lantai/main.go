// Command lantai is the whole of Lantai (兰台), an integrated library
// system: the server, its migrations, accounts, tokens, backups and imports.
//
//	lantai serve [--demo] [--db FILE|URL] [--addr HOST:PORT]
//	lantai migrate
//	lantai user add|passwd|list|disable|enable
//	lantai token create --user NAME
//	lantai import marc FILE... / lantai export marc / lantai clc import FILE.tsv
//	lantai backup FILE
//	lantai restore FILE
//	lantai version
//
// Every command explains its flags with --help.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// env is what a command runs with: its streams and environment, so that
// tests run the real commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	name, summary string
	run           func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server (staff client, public catalogue, API)", runServe},
		{"migrate", "bring the database schema up to date", runMigrate},
		{"user", "manage staff accounts: add, passwd, list, disable, enable", runUser},
		{"token", "create an API token for a staff account", runToken},
		{"import", "import MARC records (ISO 2709, MARCXML, MARC-in-JSON) with their items", runImport},
		{"export", "export the catalogue's MARC records to standard output", runExport},
		{"clc", "load the Chinese Library Classification table", runCLC},
		{"demo", "fill an empty catalogue with a realistic demonstration catalogue", runDemo},
		{"reindex", "rebuild the search index from the stored records (recovery)", runReindex},
		{"bench", "measure the catalogue search on a database", runBench},
		{"backup", "write a consistent copy of the database to a file", runBackup},
		{"restore", "replace the database with a backup file", runRestore},
		{"version", "print the version", runVersion},
	}
}

// usageError marks a mistake in how a command was called (exit code 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, env{os.Stdin, os.Stdout, os.Stderr, os.Getenv}, os.Args[1:]))
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, e env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		}
		fmt.Fprintf(e.stderr, "lantai %s: %v\n", c.name, err)
		var ue usageError
		if errors.As(err, &ue) || isFlagError(err) {
			return 2
		}
		return 1
	}
	fmt.Fprintf(e.stderr, "lantai: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "lantai — the Lantai (兰台) integrated library system\n\nUsage: lantai COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `lantai COMMAND --help` for the flags of a command.")
}

// flagError marks errors the flag package reports (unknown flag, bad value).
type flagError struct{ error }

func (f flagError) Unwrap() error { return f.error }

func isFlagError(err error) bool {
	var fe flagError
	return errors.As(err, &fe)
}
