package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app"
	"lantai.dev/lantai/internal/app/apptest"
)

// BenchmarkServeReady measures a cold start on an empty SQLite database:
// create the file, migrate, seed roles, listen, answer /healthz.
func BenchmarkServeReady(b *testing.B) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for i := 0; i < b.N; i++ {
		cfg := app.Defaults()
		cfg.DB = filepath.Join(b.TempDir(), "lantai.db")
		cfg.Addr = "127.0.0.1:0"
		start := time.Now()
		ln, err := app.Listen(cfg.Addr)
		if err != nil {
			b.Fatal(err)
		}
		a, err := app.Open(context.Background(), cfg, log, nil)
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- a.Serve(ctx, ln) }()
		resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("healthz: %v", err)
		}
		resp.Body.Close()
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms-to-ready")
		cancel()
		<-done
		a.Close()
	}
}

// benchGET requests path over loopback HTTP with keep-alive and reports
// the median and 99th-percentile latency.
func benchGET(b *testing.B, s *apptest.Server, path string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		resp, err := client.Get(s.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("%s: %d", path, resp.StatusCode)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkStaticAsset serves the stylesheet.
func BenchmarkStaticAsset(b *testing.B) {
	s := apptest.Start(b, "")
	resp, err := http.Get(s.URL + "/")
	if err != nil {
		b.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	css := regexp.MustCompile(`/static/app\.[0-9a-f]+\.css`).FindString(string(page))
	benchGET(b, s, css)
}

// BenchmarkPublicHome renders the public home page from its template.
func BenchmarkPublicHome(b *testing.B) {
	benchGET(b, apptest.Start(b, ""), "/")
}

// BenchmarkHealthz answers the health check (one database round trip).
func BenchmarkHealthz(b *testing.B) {
	benchGET(b, apptest.Start(b, ""), "/healthz")
}
