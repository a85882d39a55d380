package api

import (
	"net/http"

	"lantai.dev/lantai/internal/circ/rules"
)

// The loan-rule matrix (reader category × item type × branch) and the
// limits per reader category and branch, under /circ/rules and
// /circ/limits. Reading needs one of the circulation permissions the
// policy service accepts; changing needs circ.rules.

func (s *Server) listCircRules(c *call) (int, any, error) {
	rows, err := s.policy.Rules(c.Context(), c.actor)
	if err != nil {
		return 0, nil, err
	}
	if rows == nil {
		rows = []rules.Row{}
	}
	return http.StatusOK, map[string]any{"rules": rows}, nil
}

func (s *Server) createCircRule(c *call) (int, any, error) {
	var row rules.Row
	if err := c.decode(&row); err != nil {
		return 0, nil, err
	}
	row, err := s.policy.CreateRule(c.Context(), c.actor, row)
	return http.StatusCreated, row, err
}

func (s *Server) getCircRule(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	row, err := s.policy.Rule(c.Context(), c.actor, id)
	return http.StatusOK, row, err
}

func (s *Server) updateCircRule(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var row rules.Row
	if err := c.decode(&row); err != nil {
		return 0, nil, err
	}
	row, err = s.policy.UpdateRule(c.Context(), c.actor, id, row)
	return http.StatusOK, row, err
}

func (s *Server) deleteCircRule(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	if err := s.policy.DeleteRule(c.Context(), c.actor, id); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}

func (s *Server) listCircLimits(c *call) (int, any, error) {
	rows, err := s.policy.Limits(c.Context(), c.actor)
	if err != nil {
		return 0, nil, err
	}
	if rows == nil {
		rows = []rules.LimitRow{}
	}
	return http.StatusOK, map[string]any{"limits": rows}, nil
}

func (s *Server) createCircLimit(c *call) (int, any, error) {
	var row rules.LimitRow
	if err := c.decode(&row); err != nil {
		return 0, nil, err
	}
	row, err := s.policy.CreateLimit(c.Context(), c.actor, row)
	return http.StatusCreated, row, err
}

func (s *Server) getCircLimit(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	row, err := s.policy.Limit(c.Context(), c.actor, id)
	return http.StatusOK, row, err
}

func (s *Server) updateCircLimit(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var row rules.LimitRow
	if err := c.decode(&row); err != nil {
		return 0, nil, err
	}
	row, err = s.policy.UpdateLimit(c.Context(), c.actor, id, row)
	return http.StatusOK, row, err
}

func (s *Server) deleteCircLimit(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	if err := s.policy.DeleteLimit(c.Context(), c.actor, id); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
