package api

import (
	"encoding/json"
	"net/http"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/sip2server"
)

// The SIP2 self-service machine accounts under /sip2/machines (sip2.manage):
// each self-check kiosk, book drop or security gate logs in with its own
// account, bound to a branch and a location. The password is written, never
// read: no answer holds it or its hash.

// machineBody is a machine account as sent. An empty password keeps the
// old one (a new account needs one); "enabled" is true when a new account
// leaves it out, and a replacement must give it. The fields a GET
// answers with and nobody sets (id, times, last address) are accepted and
// ignored, so that an answer can be changed and sent back.
type machineBody struct {
	Login         string `json:"login"`
	Password      string `json:"password"`
	Name          string `json:"name"`
	Branch        string `json:"branch"`
	Location      string `json:"location"`
	InstitutionID string `json:"institution_id"`
	Charset       string `json:"charset"`
	Checksums     bool   `json:"checksums"`
	Enabled       *bool  `json:"enabled"`
	Notes         string `json:"notes"`

	ID          json.RawMessage `json:"id"`
	CreatedAt   json.RawMessage `json:"created_at"`
	UpdatedAt   json.RawMessage `json:"updated_at"`
	LastLoginAt json.RawMessage `json:"last_login_at"`
	LastAddress json.RawMessage `json:"last_address"`
}

func (b machineBody) input(enabled bool) sip2server.MachineInput {
	if b.Enabled != nil {
		enabled = *b.Enabled
	}
	return sip2server.MachineInput{Login: b.Login, Password: b.Password, Name: b.Name, Branch: b.Branch, Location: b.Location,
		InstitutionID: b.InstitutionID, Charset: b.Charset, Checksums: b.Checksums, Enabled: enabled, Notes: b.Notes}
}

func (s *Server) listSIP2Machines(c *call) (int, any, error) {
	ms, err := s.sip2.List(c.Context(), c.actor)
	if err != nil {
		return 0, nil, err
	}
	if ms == nil {
		ms = []sip2server.Machine{}
	}
	return http.StatusOK, map[string]any{"machines": ms}, nil
}

func (s *Server) createSIP2Machine(c *call) (int, any, error) {
	var b machineBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	m, err := s.sip2.Create(c.Context(), c.actor, b.input(true))
	return http.StatusCreated, m, err
}

func (s *Server) getSIP2Machine(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	m, err := s.sip2.Get(c.Context(), c.actor, id)
	return http.StatusOK, m, err
}

// updateSIP2Machine replaces the account in the path; "enabled" must be
// given.
func (s *Server) updateSIP2Machine(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var b machineBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	if b.Enabled == nil {
		// A replacement that forgot the flag must not switch a disabled
		// machine back on (nor an enabled one off).
		return 0, nil, apperr.New(apperr.Invalid, "error.field_required", "Field", "enabled").WithField("enabled")
	}
	m, err := s.sip2.Update(c.Context(), c.actor, id, b.input(true))
	return http.StatusOK, m, err
}
