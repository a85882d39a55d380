package api

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ/rules"
)

// The library calendar of each branch under /circ/calendars: the regular
// week (closed weekdays, opening hours in minutes after midnight by weekday
// 0 = Sunday) and the dated exceptions (holidays and closures, 调休 make-up
// days). Branch "*" is the calendar of every branch without its own.

func (s *Server) listCircCalendars(c *call) (int, any, error) {
	cals, err := s.policy.Calendars(c.Context(), c.actor)
	if err != nil {
		return 0, nil, err
	}
	if cals == nil {
		cals = []rules.Calendar{}
	}
	return http.StatusOK, map[string]any{"calendars": cals}, nil
}

func (s *Server) getCircCalendar(c *call) (int, any, error) {
	cal, err := s.policy.Calendar(c.Context(), c.actor, c.PathValue("branch"))
	return http.StatusOK, cal, err
}

// setCircCalendar replaces the calendar of the branch in the path. The body
// may name the branch too, but not another one.
func (s *Server) setCircCalendar(c *call) (int, any, error) {
	branch := strings.TrimSpace(c.PathValue("branch"))
	var cal rules.Calendar
	if err := c.decode(&cal); err != nil {
		return 0, nil, err
	}
	if b := strings.TrimSpace(cal.Branch); b != "" && b != branch {
		return 0, nil, apperr.New(apperr.Invalid, "error.circ_branch_mismatch", "Body", b, "Path", branch).WithField("branch")
	}
	cal.Branch = branch
	cal, err := s.policy.SetCalendar(c.Context(), c.actor, cal)
	return http.StatusOK, cal, err
}

func (s *Server) deleteCircCalendar(c *call) (int, any, error) {
	if err := s.policy.DeleteCalendar(c.Context(), c.actor, c.PathValue("branch")); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
