package api

import (
	"net/http"

	"lantai.dev/lantai/internal/circ/policy"
)

// The circulation settings under /circ/settings: the library's time zone,
// whether overdue fines count open days only, and how many days a hold
// waits on the hold shelf.

func (s *Server) getCircSettings(c *call) (int, any, error) {
	st, err := s.policy.Settings(c.Context(), c.actor)
	return http.StatusOK, st, err
}

func (s *Server) setCircSettings(c *call) (int, any, error) {
	var st policy.Settings
	if err := c.decode(&st); err != nil {
		return 0, nil, err
	}
	st, err := s.policy.SetSettings(c.Context(), c.actor, st)
	return http.StatusOK, st, err
}
