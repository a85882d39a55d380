// Package auth holds staff accounts, roles and permissions, sessions, API
// tokens and the audit log: who may do what, and the record of who did.
package auth

import (
	"lantai.dev/lantai/internal/apperr"
)

// Door names the front door an action came through.
type Door string

// The front doors of Lantai.
const (
	DoorWeb    Door = "web"
	DoorAPI    Door = "api"
	DoorSIP2   Door = "sip2"
	DoorCLI    Door = "cli"
	DoorOPAC   Door = "opac"
	DoorSystem Door = "system"
)

// Doors lists the doors in display order.
var Doors = []Door{DoorWeb, DoorAPI, DoorSIP2, DoorCLI, DoorOPAC, DoorSystem}

// Actor is whoever performs a service method: a staff member through the web
// client or the API, a self-check machine, an operator at the command line.
// Every service method takes one, checks its permission and names it in the
// audit entry.
type Actor struct {
	StaffID   int64 // 0 when the actor is not a staff account (CLI operator, system)
	Name      string
	Door      Door
	Perms     PermSet
	All       bool // holds every permission (the command-line operator, the system itself)
	RequestID string
	ClientIP  string
	// ReaderID is set when a reader acts for themselves (the reader's
	// account in the public catalogue): services then allow the actor's
	// permissions on that reader's own loans, holds and fees only.
	ReaderID int64
}

// ReaderPermissions are what readers may do for themselves in the public
// catalogue: renew their loans, place and cancel their holds.
var ReaderPermissions = []Permission{PermCircRenew, PermCircHolds}

// ReaderActor is a reader acting for themselves through the public
// catalogue.
func ReaderActor(readerID int64, card, clientIP string) Actor {
	perms := PermSet{}
	for _, p := range ReaderPermissions {
		perms[p] = true
	}
	return Actor{Name: "reader:" + card, Door: DoorOPAC, Perms: perms, ClientIP: clientIP, ReaderID: readerID}
}

// ForReader returns a Forbidden error when the actor is a reader acting
// for themselves and readerID is someone else.
func (a Actor) ForReader(readerID int64) error {
	if a.ReaderID != 0 && a.ReaderID != readerID {
		return apperr.New(apperr.Forbidden, "error.not_your_account")
	}
	return nil
}

// CLIActor is the operator of the lantai command, who holds every
// permission: whoever can run the binary can read the database file anyway.
func CLIActor(osUser string) Actor {
	return Actor{Name: "cli:" + osUser, Door: DoorCLI, All: true}
}

// SystemActor is Lantai itself (first-start set-up, scheduled jobs).
func SystemActor() Actor { return Actor{Name: "system", Door: DoorSystem, All: true} }

// Can reports whether the actor holds p.
func (a Actor) Can(p Permission) bool { return a.All || a.Perms[p] }

// CanAny reports whether the actor holds at least one of ps.
func (a Actor) CanAny(ps ...Permission) bool {
	for _, p := range ps {
		if a.Can(p) {
			return true
		}
	}
	return false
}

// Require returns a Forbidden error unless the actor holds p.
func (a Actor) Require(p Permission) error {
	if a.Can(p) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "error.forbidden", "Permission", string(p))
}
