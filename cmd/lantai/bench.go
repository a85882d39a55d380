package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/search"
)

const benchUsage = `Usage: lantai bench search [--db …] [--clients 8] [--duration 30s] [--url http://host:port]

Measures the catalogue search on the database (for example one made by
lantai demo --records 1000000): keyword queries of one and two words drawn
from the catalogue's own titles, with facets, run by --clients concurrent
clients for --duration; then every "hard" query form once (a single common
character, an empty query, a whole main class, a long year range, a big OR,
a pinyin prefix), each of which must stay under one second. Prints p50, p90,
p99 and the maximum latency and the throughput. With --url the queries go to
a running server's /api/v1/search over HTTP instead of in-process.`

func runBench(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		say(e.stdout, "%s", benchUsage)
		if len(args) == 0 {
			return usageError{"missing what to measure: search"}
		}
		return nil
	}
	if args[0] != "search" {
		return usageError{"unknown bench " + args[0] + ": use search"}
	}
	var clients int
	var duration time.Duration
	var target, cpuProfile string
	cfg, pos, err := parseFlags(e, "bench search", benchUsage, args[1:], func(f *app.Flags) {
		f.Set().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
		f.Set().IntVar(&clients, "clients", 8, "concurrent clients")
		f.Set().DurationVar(&duration, "duration", 30*time.Second, "how long the keyword load runs")
		f.Set().StringVar(&target, "url", "", "a running server's base URL; in-process when empty")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 || clients < 1 || duration <= 0 {
		return usageError{"bench search takes no arguments; --clients and --duration must be positive"}
	}
	a, err := openApp(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	words, err := titleWords(ctx, a)
	if err != nil {
		return err
	}
	if len(words) < 10 {
		return fmt.Errorf("the catalogue has too few records to draw queries from (run lantai demo --records N first)")
	}
	run := func(q string, filters url.Values) (int, error) {
		if target != "" {
			v := url.Values{"q": {q}}
			for k, vs := range filters {
				v[k] = vs
			}
			resp, err := http.Get(strings.TrimRight(target, "/") + "/api/v1/search?" + v.Encode())
			if err != nil {
				return 0, err
			}
			defer resp.Body.Close()
			var body struct{ Total int }
			if resp.StatusCode != 200 {
				b, _ := io.ReadAll(resp.Body)
				return 0, fmt.Errorf("%d: %s", resp.StatusCode, b)
			}
			err = json.NewDecoder(resp.Body).Decode(&body)
			return body.Total, err
		}
		req := search.Request{Query: q, Facets: true}
		if len(filters["facet.available"]) > 0 {
			req.Filters.Available = true
		}
		res, err := a.Search.Search(ctx, req)
		return res.Total, err
	}
	say(e.stdout, "keyword load: %d clients for %v, queries drawn from %d title words", clients, duration, len(words))
	var mu sync.Mutex
	var lat []time.Duration
	var totals []int
	var failures int
	cpu0 := processCPU()
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, 7))
			for time.Now().Before(deadline) && ctx.Err() == nil {
				q := words[rng.IntN(len(words))]
				if rng.IntN(2) == 0 {
					q += " " + words[rng.IntN(len(words))]
				}
				var f url.Values
				if rng.IntN(5) == 0 {
					f = url.Values{"facet.available": {"true"}}
				}
				t0 := time.Now()
				n, err := run(q, f)
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					failures++
				} else {
					lat = append(lat, d)
					totals = append(totals, n)
				}
				mu.Unlock()
			}
		}(uint64(c))
	}
	wg.Wait()
	cpu := processCPU() - cpu0
	if len(lat) == 0 {
		return fmt.Errorf("no query succeeded (%d failed)", failures)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	sort.Ints(totals)
	pct := func(p int) time.Duration { return lat[min(len(lat)-1, len(lat)*p/100)] }
	say(e.stdout, "  %d queries, %.0f queries/s, %d failed", len(lat), float64(len(lat))/duration.Seconds(), failures)
	say(e.stdout, "  latency p50 %v  p90 %v  p99 %v  max %v", pct(50).Round(10*time.Microsecond), pct(90).Round(10*time.Microsecond),
		pct(99).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond))
	if target == "" {
		// CPU time of this process per query: what the queries cost,
		// whatever else the machine is doing (latency is not).
		say(e.stdout, "  CPU per query %v (%d cores: at most about %.0f queries/s when nothing else runs)",
			(cpu / time.Duration(len(lat))).Round(10*time.Microsecond), runtime.NumCPU(),
			float64(runtime.NumCPU())*float64(len(lat))/cpu.Seconds())
	}
	say(e.stdout, "  hits per query: median %d, 90th percentile %d, max %d", totals[len(totals)/2], totals[len(totals)*9/10], totals[len(totals)-1])

	common := mostCommonChar(words)
	hard := []struct{ name, q string }{
		{"empty query (browse everything)", ""},
		{"single common character " + common, common},
		{"whole main class", "cls:T*"},
		{"long year range", "year:1900..2025"},
		{"big OR", strings.Join(words[:min(8, len(words))], " OR ")},
		{"pinyin prefix", "py:zho*"},
		{"three-letter prefix", "the*"},
		{"exclusion", common + " -" + words[0]},
	}
	say(e.stdout, "hard query forms (each must stay under 1 s):")
	slowest := time.Duration(0)
	for _, h := range hard {
		t0 := time.Now()
		n, err := run(h.q, nil)
		d := time.Since(t0)
		if d > slowest {
			slowest = d
		}
		if err != nil {
			say(e.stdout, "  %-40s error: %v", h.name, err)
			continue
		}
		say(e.stdout, "  %-40s %8v  %d hits", h.name, d.Round(100*time.Microsecond), n)
	}
	if slowest > time.Second {
		return fmt.Errorf("a query form took %v, over the 1 s bound", slowest)
	}
	return nil
}

// titleWords draws query words from the catalogue's own titles: two-
// character Chinese words and Latin words of three letters or more.
func titleWords(ctx context.Context, a *app.App) ([]string, error) {
	recs, err := a.Catalog.ListRecords(ctx, auth.CLIActor("bench"), catalog.RecordFilter{Newest: true, Limit: 1000})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range recs {
		var run []rune
		flush := func() {
			for i := 0; i+1 < len(run); i += 2 {
				w := string(run[i : i+2])
				if !seen[w] {
					seen[w] = true
					out = append(out, w)
				}
			}
			run = run[:0]
		}
		for _, w := range strings.FieldsFunc(r.Title, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
			rs := []rune(w)
			if unicode.Is(unicode.Han, rs[0]) {
				run = append(run, rs...)
				flush()
				continue
			}
			if len(rs) >= 3 && !seen[strings.ToLower(w)] {
				seen[strings.ToLower(w)] = true
				out = append(out, strings.ToLower(w))
			}
		}
	}
	return out, nil
}

// mostCommonChar returns the Chinese character most frequent in words.
func mostCommonChar(words []string) string {
	n := map[rune]int{}
	for _, w := range words {
		for _, r := range w {
			if unicode.Is(unicode.Han, r) {
				n[r]++
			}
		}
	}
	best, bestN := '的', 0
	for r, c := range n {
		if c > bestN || (c == bestN && r < best) {
			best, bestN = r, c
		}
	}
	return string(best)
}

// processCPU is the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
