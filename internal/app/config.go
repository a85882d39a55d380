// Package app wires Lantai together — database, capabilities, front doors,
// logging, metrics — exactly as `lantai serve` runs it, so that end-to-end
// tests start the same server as main does.
package app

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"
)

// Config is the whole typed configuration of a lantai process, merged from
// (weakest first) defaults, a config file, LANTAI_* environment variables
// and command-line flags, then validated. It is passed explicitly; there are
// no globals.
type Config struct {
	DB              string
	Addr            string
	AutoMigrate     bool
	Demo            bool
	LogFormat       string
	LogLevel        string
	TrustProxy      bool
	SecureCookies   bool
	TLSCert         string
	TLSKey          string
	SessionIdle     time.Duration
	SessionMax      time.Duration
	TimeZone        string
	ShutdownTimeout time.Duration
	ConfigFile      string
	// SIP2Addr, when set, is where self-service machines connect (SIP2
	// over TCP); SIP2TLS makes that listener speak TLS with --tls-cert.
	SIP2Addr        string
	SIP2TLS         bool
	SIP2IdleTimeout time.Duration
}

// DefaultDB is where the SQLite database lives unless told otherwise.
const DefaultDB = "./lantai-data/lantai.db"

// DemoDB is where `serve --demo` keeps its database unless told otherwise,
// so a demo never writes into a real library's data.
const DemoDB = "./lantai-demo/lantai.db"

// Defaults returns the configuration before any source is applied.
func Defaults() Config {
	return Config{
		DB: DefaultDB, Addr: "127.0.0.1:8080", AutoMigrate: true,
		LogFormat: "text", LogLevel: "info",
		SessionIdle: time.Hour, SessionMax: 12 * time.Hour,
		TimeZone: "Asia/Shanghai", ShutdownTimeout: 20 * time.Second,
		SIP2IdleTimeout: 10 * time.Minute,
	}
}

// Flags names the settings a command accepts; each command registers the
// ones it uses.
type Flags struct {
	fs  *flag.FlagSet
	cfg *Config
	pos []string
}

// NewFlags starts a flag set for a command with the settings every command
// shares (--db, --config, --log-format, --log-level).
func NewFlags(name, usage string, cfg *Config, stderr io.Writer) *Flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := &Flags{fs: fs, cfg: cfg}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\n\nFlags (each may also be set as an environment variable LANTAI_<NAME> or in the --config file as name = value):\n", usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.DB, "db", cfg.DB, "the database: a SQLite file path (created with its folder on first use) or a postgres://user@host:5432/dbname URL")
	fs.StringVar(&cfg.ConfigFile, "config", "", "a config file of `name = value` lines (names as the flags, e.g. addr = 0.0.0.0:8080)")
	fs.StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, "log format: text or json")
	fs.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "log level: debug, info, warn or error")
	return f
}

// Set exposes the flag set so a command can add its own flags.
func (f *Flags) Set() *flag.FlagSet { return f.fs }

// Server registers the flags of `serve`.
func (f *Flags) Server() {
	c := f.cfg
	f.fs.StringVar(&c.Addr, "addr", c.Addr, "the address to listen on, host:port")
	f.fs.BoolVar(&c.AutoMigrate, "migrate", c.AutoMigrate, "apply pending database migrations at start (use --migrate=false to refuse, and run `lantai migrate` yourself)")
	f.fs.BoolVar(&c.Demo, "demo", c.Demo, "start with demonstration data and accounts, in "+DemoDB+" unless --db is given")
	f.fs.BoolVar(&c.TrustProxy, "trust-proxy", c.TrustProxy, "take the client address from X-Forwarded-For (only behind your own reverse proxy)")
	f.fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "mark cookies Secure although Lantai serves plain HTTP (behind a TLS-terminating proxy)")
	f.fs.StringVar(&c.TLSCert, "tls-cert", c.TLSCert, "serve HTTPS with this certificate file (PEM); needs --tls-key")
	f.fs.StringVar(&c.TLSKey, "tls-key", c.TLSKey, "the private key file (PEM) for --tls-cert")
	f.fs.DurationVar(&c.SessionIdle, "session-idle", c.SessionIdle, "a staff session unused this long ends (e.g. 30m, 2h)")
	f.fs.DurationVar(&c.SessionMax, "session-max", c.SessionMax, "no staff session lasts longer than this")
	f.fs.StringVar(&c.TimeZone, "timezone", c.TimeZone, "the library's time zone (IANA name) for due dates and displayed times")
	f.fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "on SIGINT/SIGTERM, how long in-flight requests may take to finish")
	f.fs.StringVar(&c.SIP2Addr, "sip2-addr", c.SIP2Addr, "also listen for SIP2 self-service machines on this host:port (e.g. 0.0.0.0:6001); off when empty")
	f.fs.BoolVar(&c.SIP2TLS, "sip2-tls", c.SIP2TLS, "speak TLS on --sip2-addr with the --tls-cert/--tls-key certificate")
	f.fs.DurationVar(&c.SIP2IdleTimeout, "sip2-idle-timeout", c.SIP2IdleTimeout, "close a SIP2 connection that sends nothing for this long")
}

// Parse reads args, then fills every flag not given on the command line
// from the environment (LANTAI_DB, LANTAI_ADDR, …) or the config file, and
// validates the result.
func (f *Flags) Parse(args []string, getenv func(string) string) error {
	// Flags may come before or after the positional arguments
	// (lantai user add wang --role cataloguer); "--" ends the flags.
	rest := args
	for {
		if err := f.fs.Parse(rest); err != nil {
			return err
		}
		rest = f.fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			f.pos = append(f.pos, rest[1:]...)
			break
		}
		f.pos = append(f.pos, rest[0])
		rest = rest[1:]
	}
	given := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if !given["config"] {
		if v := getenv("LANTAI_CONFIG"); v != "" {
			f.cfg.ConfigFile = v
		}
	}
	fileValues := map[string]fileValue{}
	if f.cfg.ConfigFile != "" {
		var err error
		if fileValues, err = readConfigFile(f.cfg.ConfigFile); err != nil {
			return err
		}
		for name, v := range fileValues {
			if f.fs.Lookup(name) == nil || name == "config" {
				return fmt.Errorf("%s line %d: unknown setting %q for this command", f.cfg.ConfigFile, v.line, name)
			}
		}
	}
	var err error
	f.fs.VisitAll(func(fl *flag.Flag) {
		if err != nil || given[fl.Name] || fl.Name == "config" {
			return
		}
		env := "LANTAI_" + strings.ToUpper(strings.ReplaceAll(fl.Name, "-", "_"))
		if v := getenv(env); v != "" {
			if e := fl.Value.Set(v); e != nil {
				err = fmt.Errorf("environment variable %s=%q: %v", env, v, e)
			}
			return
		}
		if v, ok := fileValues[fl.Name]; ok {
			if e := fl.Value.Set(v.value); e != nil {
				err = fmt.Errorf("%s line %d: %s = %q: %v", f.cfg.ConfigFile, v.line, fl.Name, v.value, e)
			}
		}
	})
	if err != nil {
		return err
	}
	if f.cfg.Demo && !given["db"] && getenv("LANTAI_DB") == "" && fileValues["db"].value == "" {
		f.cfg.DB = DemoDB
	}
	if len(f.pos) > 0 && f.fs.Lookup("addr") != nil {
		return fmt.Errorf("unexpected argument %q (flags start with --; see --help)", f.pos[0])
	}
	return f.cfg.Validate()
}

// Args returns the arguments left after the flags.
func (f *Flags) Args() []string { return f.pos }

type fileValue struct {
	value string
	line  int
}

func readConfigFile(path string) (map[string]fileValue, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config file: %w", err)
	}
	defer fh.Close()
	out := map[string]fileValue{}
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s line %d: expected name = value, got %q", path, n, line)
		}
		name = strings.TrimSpace(name)
		value = strings.Trim(strings.TrimSpace(value), `"`)
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("%s line %d: %s is set twice", path, n, name)
		}
		out[name] = fileValue{value, n}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	return out, nil
}

// Validate checks the merged configuration.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.DB) == "" {
		return fmt.Errorf("--db is empty: give a SQLite file path or a postgres:// URL")
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("--log-format %q: use text or json", c.LogFormat)
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		return err
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return fmt.Errorf("--tls-cert and --tls-key go together: give both or neither")
	}
	if c.SessionIdle <= 0 || c.SessionMax <= 0 || c.SessionIdle > c.SessionMax {
		return fmt.Errorf("--session-idle (%v) and --session-max (%v) must be positive, idle no longer than max", c.SessionIdle, c.SessionMax)
	}
	if c.SIP2TLS && (c.SIP2Addr == "" || c.TLSCert == "") {
		return fmt.Errorf("--sip2-tls needs --sip2-addr and the certificate of --tls-cert/--tls-key")
	}
	if c.SIP2IdleTimeout <= 0 {
		return fmt.Errorf("--sip2-idle-timeout (%v) must be positive", c.SIP2IdleTimeout)
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return fmt.Errorf("--timezone %q is not a known time zone (e.g. Asia/Shanghai): %v", c.TimeZone, err)
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("--log-level %q: use debug, info, warn or error", s)
	}
	return l, nil
}

// Logger builds the process logger the configuration asks for.
func (c *Config) Logger(w io.Writer) *slog.Logger {
	lvl, _ := parseLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: lvl}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
