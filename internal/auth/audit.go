package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/db"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	ActorID   int64     `json:"actor_id,omitempty"`
	ActorName string    `json:"actor_name"`
	Door      Door      `json:"door"`
	Action    string    `json:"action"` // e.g. "staff.create"
	Entity    string    `json:"entity"` // e.g. "staff"
	EntityID  string    `json:"entity_id"`
	Summary   string    `json:"summary"` // JSON: {"before": …, "after": …}
	RequestID string    `json:"request_id,omitempty"`
	ClientIP  string    `json:"client_ip,omitempty"`
}

// Audit appends an entry for a change made by a in transaction tx. before
// and after are small summaries of the entity (nil when it did not exist);
// they are stored as JSON. Every service method that changes anything calls
// Audit inside its own transaction, so the change and its record commit
// together.
func Audit(tx *db.Tx, a Actor, action, entity string, entityID any, before, after any) error {
	summary, err := json.Marshal(struct {
		Before any `json:"before,omitempty"`
		After  any `json:"after,omitempty"`
	}{before, after})
	if err != nil {
		return fmt.Errorf("audit summary of %s: %w", action, err)
	}
	var actorID any
	if a.StaffID != 0 {
		actorID = a.StaffID
	}
	name := a.Name
	if name == "" {
		name = "unknown"
	}
	_, err = tx.Exec(`INSERT INTO audit_log (at, actor_id, actor_name, door, action, entity, entity_id, summary, request_id, client_ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		tx.Now, actorID, name, string(a.Door), action, entity, fmt.Sprint(entityID), string(summary), a.RequestID, a.ClientIP)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditFilter selects audit entries. Zero fields select everything.
type AuditFilter struct {
	Person   string // matches the actor's name (substring, case-insensitive)
	ActorID  int64
	Entity   string
	EntityID string
	Door     Door
	From, To time.Time // To is exclusive
	BeforeID int64     // for paging: only entries older than this id
	Limit    int       // default 50, at most 500
}

// ListAudit returns entries matching f, newest first. It needs audit.view.
func (s *Service) ListAudit(ctx context.Context, a Actor, f AuditFilter) ([]AuditEntry, error) {
	if err := a.Require(PermAuditView); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Person != "" {
		add("lower(actor_name) LIKE ?", "%"+strings.ToLower(f.Person)+"%")
	}
	if f.ActorID != 0 {
		add("actor_id = ?", f.ActorID)
	}
	if f.Entity != "" {
		add("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id = ?", f.EntityID)
	}
	if f.Door != "" {
		add("door = ?", string(f.Door))
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UTC())
	}
	if f.BeforeID > 0 {
		add("id < ?", f.BeforeID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	if limit > 500 {
		limit = 500
	}
	q := `SELECT id, at, COALESCE(actor_id, 0), actor_name, door, action, entity, entity_id, summary, request_id, client_ip FROM audit_log`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT " + strconv.Itoa(limit)
	var out []AuditEntry
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			var door string
			if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &door, &e.Action, &e.Entity, &e.EntityID, &e.Summary, &e.RequestID, &e.ClientIP); err != nil {
				return err
			}
			e.Door = Door(door)
			e.At = e.At.UTC()
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	return out, nil
}
