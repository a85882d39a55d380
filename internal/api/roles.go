package api

import (
	"net/http"

	"lantai.dev/lantai/internal/auth"
)

func (s *Server) listRoles(c *call) (int, any, error) {
	roles, err := s.auth.ListRoles(c.Context(), c.actor)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"roles": roles}, nil
}

func (s *Server) createRole(c *call) (int, any, error) {
	var b struct {
		Code   string `json:"code"`
		NameZH string `json:"name_zh"`
		NameEN string `json:"name_en"`
	}
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.auth.CreateRole(c.Context(), c.actor, b.Code, b.NameZH, b.NameEN)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, r, nil
}

func (s *Server) setRolePermissions(c *call) (int, any, error) {
	var b struct {
		Permissions []auth.Permission `json:"permissions"`
	}
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.auth.SetRolePermissions(c.Context(), c.actor, c.PathValue("code"), b.Permissions)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, r, nil
}
