package web

import (
	"net/url"
	"strconv"
	"time"

	"lantai.dev/lantai/internal/auth"
)

type auditData struct {
	Person, Entity, Door, From, To string
	Doors                          []auth.Door
	Entries                        []auth.AuditEntry
	Older                          string // URL of the next, older page
	Error                          string
}

// audit lists the audit log filtered by person, entity, door and dates.
func (s *Server) audit(r *req) {
	q := r.URL.Query()
	d := auditData{Person: q.Get("person"), Entity: q.Get("entity"), Door: q.Get("door"),
		From: q.Get("from"), To: q.Get("to"), Doors: auth.Doors}
	f := auth.AuditFilter{Person: d.Person, Entity: d.Entity, Door: auth.Door(d.Door), Limit: 50}
	if d.From != "" {
		t, err := time.ParseInLocation("2006-01-02", d.From, s.cfg.Zone)
		if err != nil {
			d.Error = r.T("error.date_invalid", "Field", r.T("audit.from"), "Value", d.From)
		}
		f.From = t
	}
	if d.To != "" {
		t, err := time.ParseInLocation("2006-01-02", d.To, s.cfg.Zone)
		if err != nil {
			d.Error = r.T("error.date_invalid", "Field", r.T("audit.to"), "Value", d.To)
		}
		f.To = t.AddDate(0, 0, 1) // the whole day
	}
	if b, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil {
		f.BeforeID = b
	}
	if d.Error == "" {
		entries, err := s.auth.ListAudit(r.Context(), r.Actor(), f)
		if err != nil {
			r.fail(err)
			return
		}
		d.Entries = entries
		if len(entries) == f.Limit {
			older := url.Values{}
			for k, v := range q {
				older[k] = v
			}
			older.Set("before", strconv.FormatInt(entries[len(entries)-1].ID, 10))
			d.Older = "/staff/audit?" + older.Encode()
		}
	}
	r.render(200, "audit", r.T("audit.title"), d)
}
