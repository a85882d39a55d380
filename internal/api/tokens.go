package api

import (
	"net/http"

	"lantai.dev/lantai/internal/auth"
)

func (s *Server) listTokens(c *call) (int, any, error) {
	all := c.URL.Query().Get("all") == "true"
	list, err := s.auth.ListTokens(c.Context(), c.actor, all)
	if err != nil {
		return 0, nil, err
	}
	if list == nil {
		list = []auth.APIToken{}
	}
	return http.StatusOK, map[string]any{"tokens": list}, nil
}

func (s *Server) createToken(c *call) (int, any, error) {
	var b struct {
		Username string `json:"username"`
		Name     string `json:"name"`
	}
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	if b.Username == "" {
		b.Username = c.actor.Name
	}
	secret, t, err := s.auth.CreateToken(c.Context(), c.actor, b.Username, b.Name)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, map[string]any{"token": secret, "info": t}, nil
}

func (s *Server) revokeToken(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	if err := s.auth.RevokeToken(c.Context(), c.actor, id); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
