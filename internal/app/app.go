package app

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"lantai.dev/lantai/internal/api"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/opac"
	"lantai.dev/lantai/internal/readers"
	"lantai.dev/lantai/internal/search"
	"lantai.dev/lantai/internal/sip2server"
	"lantai.dev/lantai/internal/web"
)

// App is a running Lantai: the database, the capabilities and the HTTP
// handler of every front door.
type App struct {
	Cfg     Config
	DB      *db.DB
	Auth    *auth.Service
	Catalog *catalog.Service
	Policy  *policy.Service
	Readers *readers.Service
	Fees    *fees.Service
	// Circ is circulation: loans, returns, renewals, holds, transit.
	Circ *circ.Service
	// Machines are the SIP2 machine accounts; SIP2 answers the machines'
	// messages through the circulation service.
	Machines *sip2server.Machines
	SIP2     sip2server.Handler
	Search   *search.Engine
	Opac     *opac.Service
	Tr       *i18n.Catalog
	Log      *slog.Logger
	Handler  http.Handler
	lock     *db.ServerLock
}

// Open opens the database, brings its schema up to date (or refuses when
// migrations are pending and AutoMigrate is off), seeds the built-in roles,
// and builds every front door.
func Open(ctx context.Context, cfg Config, log *slog.Logger, c clock.Clock) (*App, error) {
	if c == nil {
		c = clock.System{}
	}
	zone, err := time.LoadLocation(cfg.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", cfg.TimeZone, err)
	}
	d, err := db.Open(ctx, cfg.DB, db.Options{Clock: c})
	if err != nil {
		return nil, err
	}
	a := &App{Cfg: cfg, DB: d, Log: log}
	if err := a.prepare(ctx); err != nil {
		d.Close()
		return nil, err
	}
	a.Tr, err = i18n.Load()
	if err != nil {
		d.Close()
		return nil, err
	}
	a.Auth = auth.NewService(d, auth.Config{SessionIdle: cfg.SessionIdle, SessionMax: cfg.SessionMax})
	if err := a.Auth.Bootstrap(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("seed built-in roles: %w", err)
	}
	a.Catalog = catalog.NewService(d)
	a.Policy = policy.NewService(d)
	// Card expiry and the daily cash report count days in the library's
	// zone of the circulation settings, as read at start.
	snap, err := a.Policy.Snapshot(ctx)
	if err != nil {
		d.Close()
		return nil, err
	}
	a.Readers = readers.NewService(d, snap.Location)
	a.Fees = fees.NewService(d, snap.Location)
	// circ.NewService gives readers' clearance its count of open loans
	// (readers.SetLoanCounter(circ.OpenLoans)).
	a.Circ = circ.NewService(d, a.Policy, a.Readers)
	a.Search = search.NewEngine(d)
	a.Opac = opac.NewService(d)
	a.Machines = sip2server.NewMachines(d)
	a.SIP2 = sip2server.NewCirculation(sip2server.Deps{DB: d, Circ: a.Circ, Policy: a.Policy, Readers: a.Readers,
		Fees: a.Fees, Catalog: a.Catalog, Search: a.Search, Tr: a.Tr, Log: log, Location: snap.Location})
	w, err := web.New(web.Services{Auth: a.Auth, Catalog: a.Catalog, Policy: a.Policy, Readers: a.Readers, Fees: a.Fees, Circ: a.Circ, Search: a.Search, Opac: a.Opac, Machines: a.Machines},
		a.Tr, log, web.Config{TrustProxy: cfg.TrustProxy, SecureCookies: cfg.SecureCookies, Zone: zone, LibraryZone: snap.Location, Clock: c,
			SIP2Addr: cfg.SIP2Addr, SIP2TLS: cfg.SIP2TLS})
	if err != nil {
		d.Close()
		return nil, err
	}
	apiSrv := api.New(api.Services{Auth: a.Auth, Catalog: a.Catalog, Policy: a.Policy, Readers: a.Readers, Fees: a.Fees, Circ: a.Circ, Search: a.Search, Machines: a.Machines},
		a.Tr, log, api.Config{TrustProxy: cfg.TrustProxy, Zone: snap.Location, Clock: c})
	a.Handler = a.routes(w, apiSrv)
	return a, nil
}

func (a *App) prepare(ctx context.Context) error {
	st, err := a.DB.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	if st.Pending() {
		if err := a.migrate(ctx, st); err != nil {
			return err
		}
	}
	start := time.Now()
	n, err := search.EnsureAttrs(ctx, a.DB)
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("search attributes built", "records", n, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// migrate applies pending migrations when the configuration allows it.
func (a *App) migrate(ctx context.Context, st db.MigrationState) error {
	if !a.Cfg.AutoMigrate {
		return fmt.Errorf("the database needs %d migration(s) (schema %d, this lantai expects %d); run `lantai migrate` or start with --migrate=true",
			max(st.Latest-st.Current, 1), st.Current, st.Latest)
	}
	n, err := a.DB.Migrate(ctx)
	if err != nil {
		return err
	}
	a.Log.Info("database migrated", "applied", n, "version", st.Latest)
	return nil
}

// Close closes the database.
func (a *App) Close() error {
	if a.lock != nil {
		a.lock.Release()
	}
	return a.DB.Close()
}

// Listen opens the listening socket with a clear message when the address
// is taken or not allowed.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("the address %s is already in use (another lantai or another program listens there); choose another with --addr", addr)
		}
		if errors.Is(err, syscall.EACCES) {
			return nil, fmt.Errorf("not allowed to listen on %s (ports below 1024 need privileges); choose another with --addr", addr)
		}
		return nil, fmt.Errorf("cannot listen on %s (check --addr): %w", addr, err)
	}
	return ln, nil
}

// Serve answers HTTP on ln until ctx is cancelled, then lets in-flight
// requests finish (up to ShutdownTimeout) before returning.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	if a.DB.Dialect() == db.SQLite && a.lock == nil {
		lock, err := db.LockServer(a.DB.Path())
		if err != nil {
			return err
		}
		a.lock = lock
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // uploads of large MARC files
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	if a.Cfg.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(a.Cfg.TLSCert, a.Cfg.TLSKey)
		if err != nil {
			return fmt.Errorf("--tls-cert/--tls-key: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	sip, err := a.sip2Server(srv.TLSConfig)
	if err != nil {
		return err
	}
	trimMemory()
	go a.housekeeping(ctx)
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if sip != nil {
		go func() {
			if err := sip.srv.Serve(sip.ln); !errors.Is(err, sip2server.ErrServerClosed) {
				errc <- err
			}
		}()
		a.Log.Info("SIP2 listening", "addr", sip.ln.Addr().String(), "tls", a.Cfg.SIP2TLS)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down: finishing in-flight requests", "timeout", a.Cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), a.Cfg.ShutdownTimeout)
	defer cancel()
	var errs []error
	if sip != nil {
		if err := sip.srv.Shutdown(sctx); err != nil {
			errs = append(errs, fmt.Errorf("SIP2 shutdown: %w", err))
		}
	}
	if err := srv.Shutdown(sctx); err != nil {
		errs = append(errs, fmt.Errorf("shutdown: %w", err))
	}
	return errors.Join(errs...)
}

type sip2Listener struct {
	srv *sip2server.Server
	ln  net.Listener
}

// sip2Server opens the SIP2 listener when --sip2-addr is set.
func (a *App) sip2Server(tlsConfig *tls.Config) (*sip2Listener, error) {
	if a.Cfg.SIP2Addr == "" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", a.Cfg.SIP2Addr)
	if err != nil {
		return nil, fmt.Errorf("cannot listen for SIP2 on %s (check --sip2-addr): %w", a.Cfg.SIP2Addr, err)
	}
	loc, _ := time.LoadLocation(a.Cfg.TimeZone)
	s := &sip2server.Server{Machines: a.Machines, Handler: a.SIP2, IdleTimeout: a.Cfg.SIP2IdleTimeout, Log: a.Log, Location: loc}
	if a.Cfg.SIP2TLS {
		s.TLS = tlsConfig
	}
	return &sip2Listener{srv: s, ln: ln}, nil
}

// trimMemory hands back to the operating system what start-up needed only
// once: the migration parser's buffers (kept in a sync.Pool, which empties
// after two collections) and the first account's password hash (19 MiB).
// An idle server then holds only what serving needs.
func trimMemory() {
	runtime.GC()
	runtime.GC()
	debug.FreeOSMemory()
}

// housekeeping does the periodic work now and then: see Housekeep.
func (a *App) housekeeping(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		a.Housekeep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Housekeep is one round of periodic work: it purges expired sessions,
// marks import jobs whose server stopped, and runs the daily jobs not yet
// run today by any node (RunDailyJobs). Problems are logged.
func (a *App) Housekeep(ctx context.Context) {
	if err := a.Auth.PurgeExpired(ctx); err != nil && ctx.Err() == nil {
		a.Log.Warn("purging expired sessions", "err", err)
	}
	if err := a.Catalog.MarkInterruptedJobs(ctx, 10*time.Minute); err != nil && ctx.Err() == nil {
		a.Log.Warn("marking interrupted import jobs", "err", err)
	}
	if _, err := a.RunDailyJobs(ctx); err != nil && ctx.Err() == nil {
		a.Log.Warn("daily jobs", "err", err)
	}
}
