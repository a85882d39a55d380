package sip2server

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/sip2"
)

// Machine is a self-service machine's account: how it logs in, where it
// stands, and how it speaks.
type Machine struct {
	ID            int64      `json:"id"`
	Login         string     `json:"login"`
	Name          string     `json:"name"`
	Branch        string     `json:"branch"`
	Location      string     `json:"location"`
	InstitutionID string     `json:"institution_id"`
	Charset       string     `json:"charset"`   // "utf-8" or "gb18030"
	Checksums     bool       `json:"checksums"` // require AY/AZ on every message
	Enabled       bool       `json:"enabled"`
	Notes         string     `json:"notes,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	LastLoginAt   *time.Time `json:"last_login_at,omitempty"`
	LastAddress   string     `json:"last_address,omitempty"`
}

// MachinePermissions are what a self-service machine may do: lend, take
// back, renew, place holds and take payments for fees — no overrides, no
// waivers, no changes to readers.
var MachinePermissions = []auth.Permission{
	auth.PermCircCheckout, auth.PermCircCheckin, auth.PermCircRenew, auth.PermCircHolds, auth.PermCircFees,
}

// Actor is the actor a logged-in machine acts as: its permissions are
// MachinePermissions, its door sip2, its name the machine's login.
func (m Machine) Actor(address string) auth.Actor {
	perms := auth.PermSet{}
	for _, p := range MachinePermissions {
		perms[p] = true
	}
	return auth.Actor{Name: "sip2:" + m.Login, Door: auth.DoorSIP2, Perms: perms, ClientIP: address}
}

// MachineInput is what staff set on a machine account.
type MachineInput struct {
	Login         string
	Password      string // required when creating; empty keeps the old one
	Name          string
	Branch        string
	Location      string
	InstitutionID string
	Charset       string
	Checksums     bool
	Enabled       bool
	Notes         string
}

// Machines keeps the machine accounts (sip2.manage).
type Machines struct {
	db *db.DB
}

// NewMachines returns the machine accounts over d.
func NewMachines(d *db.DB) *Machines { return &Machines{db: d} }

const machineColumns = `id, login, name, branch_code, location_code, institution_id, charset, checksums, enabled, notes, created_at, updated_at, last_login_at, last_address`

func scanMachine(sc interface{ Scan(...any) error }) (Machine, error) {
	var m Machine
	var last db.Time
	var created, updated db.Time
	err := sc.Scan(&m.ID, &m.Login, &m.Name, &m.Branch, &m.Location, &m.InstitutionID, &m.Charset, &m.Checksums, &m.Enabled, &m.Notes,
		&created, &updated, &last, &m.LastAddress)
	m.CreatedAt, m.UpdatedAt, m.LastLoginAt = created.Time, updated.Time, last.Ptr()
	return m, err
}

func invalid(key, field string, args ...any) error {
	return apperr.New(apperr.Invalid, key, args...).WithField(field)
}

// check validates an input and normalises it.
func (in *MachineInput) check(tx *db.Tx, creating bool) error {
	in.Login = strings.TrimSpace(in.Login)
	in.Name = strings.TrimSpace(in.Name)
	in.Charset = strings.ToLower(strings.TrimSpace(in.Charset))
	if in.Charset == "" {
		in.Charset = "utf-8"
	}
	if in.Login == "" || len(in.Login) > 64 || strings.ContainsAny(in.Login, "|\r\n") {
		return invalid("error.sip2_login_invalid", "login")
	}
	if creating && len(in.Password) < 8 {
		return invalid("error.sip2_password_short", "password", "Min", 8)
	}
	if in.Password != "" && (len(in.Password) < 8 || strings.ContainsAny(in.Password, "|\r\n")) {
		return invalid("error.sip2_password_short", "password", "Min", 8)
	}
	if cs, err := sip2.ParseCharset(in.Charset); err != nil {
		return invalid("error.sip2_charset_invalid", "charset", "Charset", in.Charset)
	} else if cs == sip2.GB18030 {
		in.Charset = "gb18030"
	} else {
		in.Charset = "utf-8"
	}
	var branch string
	err := tx.QueryRow(`SELECT branch_code FROM locations WHERE code = $1`, in.Location).Scan(&branch)
	if errors.Is(err, sql.ErrNoRows) {
		return invalid("error.sip2_location_unknown", "location", "Location", in.Location)
	}
	if err != nil {
		return err
	}
	if in.Branch == "" {
		in.Branch = branch
	}
	if branch != in.Branch {
		return invalid("error.sip2_location_branch", "location", "Location", in.Location, "Branch", in.Branch)
	}
	return nil
}

// Create adds a machine account (sip2.manage).
func (s *Machines) Create(ctx context.Context, a auth.Actor, in MachineInput) (Machine, error) {
	if err := a.Require(auth.PermSIP2Manage); err != nil {
		return Machine{}, err
	}
	var out Machine
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		if err := in.check(tx, true); err != nil {
			return err
		}
		hash, err := auth.HashPassword(in.Password)
		if err != nil {
			return err
		}
		id, err := tx.Insert(`INSERT INTO sip2_machines (login, password_hash, name, branch_code, location_code, institution_id, charset, checksums, enabled, notes, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
			in.Login, hash, in.Name, in.Branch, in.Location, in.InstitutionID, in.Charset, in.Checksums, in.Enabled, in.Notes, tx.Now)
		if db.IsUnique(err) {
			return apperr.New(apperr.Conflict, "error.sip2_login_taken", "Login", in.Login).WithField("login")
		}
		if err != nil {
			return err
		}
		if out, err = getMachine(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "sip2_machine.create", "sip2_machine", id, nil, out)
	})
	return out, err
}

// Update changes a machine account; an empty password keeps the old one
// (sip2.manage).
func (s *Machines) Update(ctx context.Context, a auth.Actor, id int64, in MachineInput) (Machine, error) {
	if err := a.Require(auth.PermSIP2Manage); err != nil {
		return Machine{}, err
	}
	var out Machine
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := getMachine(tx, id)
		if err != nil {
			return err
		}
		if err := in.check(tx, false); err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE sip2_machines SET login = $1, name = $2, branch_code = $3, location_code = $4, institution_id = $5,
			charset = $6, checksums = $7, enabled = $8, notes = $9, updated_at = $10 WHERE id = $11`,
			in.Login, in.Name, in.Branch, in.Location, in.InstitutionID, in.Charset, in.Checksums, in.Enabled, in.Notes, tx.Now, id)
		if db.IsUnique(err) {
			return apperr.New(apperr.Conflict, "error.sip2_login_taken", "Login", in.Login).WithField("login")
		}
		if err != nil {
			return err
		}
		if in.Password != "" {
			hash, err := auth.HashPassword(in.Password)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(`UPDATE sip2_machines SET password_hash = $1 WHERE id = $2`, hash, id); err != nil {
				return err
			}
		}
		if out, err = getMachine(tx, id); err != nil {
			return err
		}
		after := map[string]any{"machine": out, "password_changed": in.Password != ""}
		return auth.Audit(tx, a, "sip2_machine.update", "sip2_machine", id, before, after)
	})
	return out, err
}

// List returns every machine account, by login (sip2.manage).
func (s *Machines) List(ctx context.Context, a auth.Actor) ([]Machine, error) {
	if err := a.Require(auth.PermSIP2Manage); err != nil {
		return nil, err
	}
	var out []Machine
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT ` + machineColumns + ` FROM sip2_machines ORDER BY login`)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Machine, error) { return scanMachine(r) })
		return err
	})
	return out, err
}

// Get returns one machine account (sip2.manage).
func (s *Machines) Get(ctx context.Context, a auth.Actor, id int64) (Machine, error) {
	if err := a.Require(auth.PermSIP2Manage); err != nil {
		return Machine{}, err
	}
	var out Machine
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, err = getMachine(tx, id)
		return err
	})
	return out, err
}

func getMachine(tx *db.Tx, id int64) (Machine, error) {
	m, err := scanMachine(tx.QueryRow(`SELECT `+machineColumns+` FROM sip2_machines WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Machine{}, apperr.New(apperr.NotFound, "error.sip2_machine_not_found", "ID", id)
	}
	return m, err
}

// ErrLoginRefused is a machine login with an unknown account, a wrong
// password or a disabled account: the machine is told no, never which.
var ErrLoginRefused = errors.New("sip2: login refused")

// Authenticate checks a machine's login and password, and notes when and
// from where it logged in.
func (s *Machines) Authenticate(ctx context.Context, login, password, address string) (Machine, error) {
	var m Machine
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var hash string
		row := tx.QueryRow(`SELECT `+machineColumns+`, password_hash FROM sip2_machines WHERE login = $1`, login)
		var last, created, updated db.Time
		err := row.Scan(&m.ID, &m.Login, &m.Name, &m.Branch, &m.Location, &m.InstitutionID, &m.Charset, &m.Checksums, &m.Enabled, &m.Notes,
			&created, &updated, &last, &m.LastAddress, &hash)
		if errors.Is(err, sql.ErrNoRows) {
			auth.VerifyNothing(password) // the same time as a known login
			return ErrLoginRefused
		}
		if err != nil {
			return err
		}
		m.CreatedAt, m.UpdatedAt, m.LastLoginAt = created.Time, updated.Time, last.Ptr()
		if !auth.VerifyPassword(hash, password) || !m.Enabled {
			return ErrLoginRefused
		}
		now := tx.Now
		m.LastLoginAt, m.LastAddress = &now, address
		_, err = tx.Exec(`UPDATE sip2_machines SET last_login_at = $1, last_address = $2 WHERE id = $3`, tx.Now, address, m.ID)
		return err
	})
	return m, err
}
