package api

import (
	"net/http"

	"lantai.dev/lantai/internal/auth"
)

// me returns the token's account and its permissions.
func (s *Server) me(c *call) (int, any, error) {
	st, err := s.auth.GetStaff(c.Context(), c.actor, c.actor.StaffID)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"staff": st, "permissions": c.actor.Perms.Sorted()}, nil
}

// permissions lists every permission Lantai knows.
func (s *Server) permissions(c *call) (int, any, error) {
	return http.StatusOK, map[string]any{"permissions": auth.AllPermissions}, nil
}
