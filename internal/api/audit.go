package api

import (
	"net/http"
	"strconv"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
)

// listAudit filters the audit log: person, entity, entity_id, door,
// from/to (RFC 3339 times), before (id, for paging) and limit.
func (s *Server) listAudit(c *call) (int, any, error) {
	q := c.URL.Query()
	f := auth.AuditFilter{Person: q.Get("person"), Entity: q.Get("entity"), EntityID: q.Get("entity_id"), Door: auth.Door(q.Get("door"))}
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return 0, nil, apperr.New(apperr.Invalid, "error.date_invalid", "Field", p.name, "Value", v).WithField(p.name)
			}
			*p.dst = t
		}
	}
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"before", &f.BeforeID}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return 0, nil, apperr.New(apperr.Invalid, "error.bad_id", "Value", v).WithField(p.name)
			}
			*p.dst = n
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return 0, nil, apperr.New(apperr.Invalid, "error.bad_id", "Value", v).WithField("limit")
		}
		f.Limit = n
	}
	entries, err := s.auth.ListAudit(c.Context(), c.actor, f)
	if err != nil {
		return 0, nil, err
	}
	if entries == nil {
		entries = []auth.AuditEntry{}
	}
	return http.StatusOK, map[string]any{"entries": entries}, nil
}
