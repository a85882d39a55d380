package main

import (
	"context"
	"runtime"
)

func runVersion(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		say(e.stdout, "Usage: lantai version\n\nPrints the version of this lantai binary and the Go version it was built with.")
		return nil
	}
	if len(args) > 0 {
		return usageError{"version takes no arguments"}
	}
	say(e.stdout, "lantai %s (%s, %s/%s)", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
