package main

import (
	"bufio"
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/sip2server"
)

// TestServeWithSIP2 starts the real serve command with --sip2-addr: a
// machine account made in the database logs in over TCP and gets the
// ACS status; stopping the server closes the SIP2 listener too.
func TestServeWithSIP2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lantai.db")
	sip := freeAddr(t)
	_, _, stop := startServe(t, map[string]string{"LANTAI_DB": path}, "--sip2-addr", sip)
	d, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = sip2server.NewMachines(d).Create(context.Background(), auth.CLIActor("test"),
		sip2server.MachineInput{Login: "kiosk", Password: "kiosk-secret", Location: "stacks", InstitutionID: "LT", Enabled: true})
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	nc, err := net.DialTimeout("tcp", sip, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	br := bufio.NewReader(nc)
	ask := func(line string) string {
		t.Helper()
		nc.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := nc.Write([]byte(line + "\r")); err != nil {
			t.Fatal(err)
		}
		got, err := br.ReadString('\r')
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		return strings.TrimSuffix(got, "\r")
	}
	if got := ask("9300CNkiosk|COkiosk-secret|CPstacks|"); got != "941" {
		t.Fatalf("login: %q", got)
	}
	if got := ask("9900302.00"); !strings.HasPrefix(got, "98YYY") || !strings.Contains(got, "AOLT|") {
		t.Fatalf("status (checkin and checkout allowed): %q", got)
	}
	// The circulation front door answers: an unknown patron is not valid.
	if got := ask("2300120261122    120000AOLT|AANOSUCH|AC|"); !strings.HasPrefix(got, "24") || !strings.Contains(got, "BLN") {
		t.Fatalf("patron status of an unknown card: %q", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if c, err := net.DialTimeout("tcp", sip, time.Second); err == nil {
		c.Close()
		t.Fatal("SIP2 still listening after the server stopped")
	}
}
