package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/demo"
	"lantai.dev/lantai/internal/search"
)

// TestDemoCommand runs `lantai demo --records 500` in-process on a new
// database (SQLite, and PostgreSQL when available) and checks the records,
// their items and that search finds them; a second run is refused.
func TestDemoCommand(t *testing.T) {
	targets := map[string]string{"sqlite": filepath.Join(t.TempDir(), "demo", "lantai.db")}
	if os.Getenv(dbtest.EnvPostgres) != "" {
		targets["postgres"] = dbtest.PostgresURL(t)
	}
	for name, target := range targets {
		t.Run(name, func(t *testing.T) {
			vars := map[string]string{"LANTAI_DB": target, "USER": "tester"}
			code, out, errs := runCmd(t, vars, "", "demo", "--records", "500")
			if code != 0 || !strings.Contains(out, ": 500 records (") || !strings.Contains(errs, "records/s") {
				t.Fatalf("lantai demo: exit %d\n%s%s", code, out, errs)
			}
			ctx := context.Background()
			d, err := db.Open(ctx, target, db.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			svc := catalog.NewService(d)
			a := auth.CLIActor("tester")
			recs, err := svc.ListRecords(ctx, a, catalog.RecordFilter{Limit: 1000})
			if err != nil || len(recs) != 500 {
				t.Fatalf("%d records, %v", len(recs), err)
			}
			g := demo.New(1) // the default seed
			for i := 0; i < 500; i += 7 {
				for _, it := range g.Items(i) {
					got, err := svc.GetItemByBarcode(ctx, a, it.Barcode)
					if err != nil || got.Status != it.Status || got.Location != it.Location {
						t.Fatalf("record %d: item %s: %+v %v, planned %+v", i, it.Barcode, got, err, it)
					}
				}
			}
			res, err := search.NewEngine(d).Search(ctx, search.Request{Query: "中国"})
			if err != nil || res.Total == 0 || len(res.Hits) == 0 || res.Hits[0].Items == 0 {
				t.Fatalf("search 中国: %+v %v", res, err)
			}
			code, _, errs = runCmd(t, vars, "", "demo", "--records", "10")
			if code != 1 || !strings.Contains(errs, "already has records") {
				t.Fatalf("second lantai demo: exit %d %s", code, errs)
			}
		})
	}
}

// TestDemoOut writes a demo catalogue to a file and imports it with
// `lantai import marc`: every record and item goes in.
func TestDemoOut(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "demo.mrc")
	code, out, errs := runCmd(t, nil, "", "demo", "--records", "300", "--seed", "5", "--out", file)
	if code != 0 || !strings.Contains(out, "wrote 300 records") {
		t.Fatalf("demo --out: exit %d\n%s%s", code, out, errs)
	}
	vars := map[string]string{"LANTAI_DB": filepath.Join(dir, "lantai.db")}
	code, out, errs = runCmd(t, vars, "", "import", "marc", "--items-from", "905", "--on-duplicate", "new", file)
	items, g := 0, demo.New(5)
	for i := range 300 {
		items += len(g.Items(i))
	}
	if code != 0 || !strings.Contains(out, "imported 300,") || !strings.Contains(out, fmt.Sprintf("; %d items;", items)) {
		t.Fatalf("import of the demo file: exit %d (want 300 records, %d items)\n%s%s", code, items, out, errs)
	}
}

func TestDemoCommandErrors(t *testing.T) {
	vars := map[string]string{"LANTAI_DB": filepath.Join(t.TempDir(), "x.db")}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"demo", "--records", "0"}, "--records 0"},
		{[]string{"demo", "--records", "many"}, "invalid value"},
		{[]string{"demo", "extra"}, "unexpected argument"},
	} {
		code, out, errs := runCmd(t, vars, "", tc.args...)
		if code != 2 || !strings.Contains(out+errs, tc.want) {
			t.Errorf("lantai %s: exit %d, want 2 with %q:\n%s%s", strings.Join(tc.args, " "), code, tc.want, out, errs)
		}
	}
	code, out, errs := runCmd(t, nil, "", "demo", "--help")
	if code != 0 || !strings.Contains(out+errs, "-records") || !strings.Contains(out+errs, "lantai-demo") {
		t.Errorf("demo --help: exit %d\n%s%s", code, out, errs)
	}
}

// TestServeDemoCatalogue checks that `serve --demo` fills an empty demo
// database with a catalogue the public search finds, says so, and keeps it
// at the next start.
func TestServeDemoCatalogue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	base, out, stop := startServe(t, nil, "--demo", "--db", path)
	if !strings.Contains(out.String(), "Demo catalogue: 2000 records") {
		t.Fatalf("serve --demo output: %s", out.String())
	}
	resp, err := http.Get(base + "/api/v1/search?q=" + url.QueryEscape("中国"))
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Total int `json:"total"`
	}
	err = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || body.Total == 0 {
		t.Fatalf("search 中国: %d, %d hits, %v", resp.StatusCode, body.Total, err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	_, out, _ = startServe(t, nil, "--demo", "--db", path)
	if strings.Contains(out.String(), "Demo catalogue:") {
		t.Fatalf("second start made another catalogue: %s", out.String())
	}
}
