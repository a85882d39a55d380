package api

import (
	"net/http"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
)

func (s *Server) listStaff(c *call) (int, any, error) {
	list, err := s.auth.ListStaff(c.Context(), c.actor)
	if err != nil {
		return 0, nil, err
	}
	if list == nil {
		list = []auth.Staff{}
	}
	return http.StatusOK, map[string]any{"staff": list}, nil
}

type newStaffBody struct {
	Username           string   `json:"username"`
	DisplayName        string   `json:"display_name"`
	Password           string   `json:"password"`
	Roles              []string `json:"roles"`
	Locale             string   `json:"locale"`
	MustChangePassword *bool    `json:"must_change_password"`
}

func (s *Server) createStaff(c *call) (int, any, error) {
	var b newStaffBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	if b.Username == "" {
		return 0, nil, apperr.New(apperr.Invalid, "error.field_required", "Field", "username").WithField("username")
	}
	must := true
	if b.MustChangePassword != nil {
		must = *b.MustChangePassword
	}
	st, err := s.auth.CreateStaff(c.Context(), c.actor, auth.NewStaff{Username: b.Username, DisplayName: b.DisplayName,
		Password: b.Password, Roles: b.Roles, Locale: b.Locale, MustChangePassword: must})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, st, nil
}

func (s *Server) getStaff(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	st, err := s.auth.GetStaff(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, st, nil
}

type updateStaffBody struct {
	DisplayName *string   `json:"display_name"`
	Roles       *[]string `json:"roles"`
	Disabled    *bool     `json:"disabled"`
	Locale      *string   `json:"locale"`
}

func (s *Server) updateStaff(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var b updateStaffBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	st, err := s.auth.UpdateStaff(c.Context(), c.actor, id, auth.StaffUpdate{DisplayName: b.DisplayName, Roles: b.Roles, Disabled: b.Disabled, Locale: b.Locale})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, st, nil
}

func (s *Server) setPassword(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var b struct {
		Password string `json:"password"`
	}
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	if err := s.auth.SetPassword(c.Context(), c.actor, id, b.Password, true); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
