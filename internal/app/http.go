package app

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"lantai.dev/lantai/internal/api"
	"lantai.dev/lantai/internal/httpx"
	"lantai.dev/lantai/internal/web"
)

// routes assembles every front door with the middleware they share:
// request ids, security headers, cross-origin protection, panic recovery,
// request logs and metrics.
func (a *App) routes(w *web.Server, apiSrv *api.Server) http.Handler {
	mux := http.NewServeMux()
	w.Register(mux)
	apiSrv.Register(mux)
	mux.HandleFunc("GET /healthz", a.healthz)

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(collectors.NewDBStatsCollector(a.DB.Writer(), "writer"))
	if a.DB.Readers() != a.DB.Writer() {
		reg.MustRegister(collectors.NewDBStatsCollector(a.DB.Readers(), "readers"))
	}
	m := newHTTPMetrics(reg)
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))

	cop := http.NewCrossOriginProtection()
	var h http.Handler = mux
	h = cop.Handler(h)
	h = a.recoverer(h)
	h = m.observe(a, h)
	h = httpx.SecurityHeaders(h)
	return httpx.WithRequestID(h)
}

// healthz answers 200 when the database answers, 503 otherwise.
func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := a.DB.Ping(r.Context()); err != nil {
		a.Log.Error("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unreachable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

type httpMetrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newHTTPMetrics(reg *prometheus.Registry) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lantai_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "lantai_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// observe counts and times every request by its route pattern (never by raw
// path, which would let clients create unbounded label values) and logs it.
func (m *httpMetrics) observe(a *App, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.status)).Inc()
		m.latency.WithLabelValues(route).Observe(d.Seconds())
		a.Log.Debug("request", "method", r.Method, "path", r.URL.Path, "route", route, "status", sw.status,
			"duration_ms", float64(d.Microseconds())/1000, "request_id", httpx.RequestID(r))
	})
}

// recoverer turns a panic in a handler into a logged 500 with the request id.
func (a *App) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				a.Log.Error("panic", "request_id", httpx.RequestID(r), "path", r.URL.Path, "panic", p)
				http.Error(w, "internal error "+httpx.RequestID(r), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
