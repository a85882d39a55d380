package auth

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// Role is a named set of permissions.
type Role struct {
	ID          int64        `json:"id"`
	Code        string       `json:"code"`
	NameZH      string       `json:"name_zh"`
	NameEN      string       `json:"name_en"`
	Builtin     bool         `json:"builtin"`
	Permissions []Permission `json:"permissions"`
	Members     int          `json:"members"`
}

// Name returns the role's name in the given locale.
func (r Role) Name(locale string) string {
	if locale == "en" {
		return r.NameEN
	}
	return r.NameZH
}

// Bootstrap makes sure every built-in role exists and that each permission
// has reached its default roles once. It runs after migrations and is safe
// to run on every start and on several nodes at once.
func (s *Service) Bootstrap(ctx context.Context) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		for _, r := range BuiltinRoles {
			var id int64
			err := tx.QueryRow(`SELECT id FROM roles WHERE code = $1`, r.Code).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				_, err = tx.Exec(`INSERT INTO roles (code, name_zh, name_en, builtin, created_at, updated_at) VALUES ($1, $2, $3, TRUE, $4, $4)`,
					r.Code, r.NameZH, r.NameEN, tx.Now)
			}
			if err != nil {
				return err
			}
		}
		applied := map[string]bool{}
		rows, err := tx.Query(`SELECT permission FROM permission_defaults_applied`)
		list, err := db.Collect(rows, err, func(r *sql.Rows) (string, error) { var p string; return p, r.Scan(&p) })
		if err != nil {
			return err
		}
		for _, p := range list {
			applied[p] = true
		}
		for _, p := range AllPermissions {
			if applied[string(p)] {
				continue
			}
			for _, code := range defaultRolesOf(p) {
				if _, err := tx.Exec(`INSERT INTO role_permissions (role_id, permission) SELECT id, $1 FROM roles WHERE code = $2
					AND NOT EXISTS (SELECT 1 FROM role_permissions rp JOIN roles r2 ON r2.id = rp.role_id WHERE r2.code = $2 AND rp.permission = $1)`,
					string(p), code); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(`INSERT INTO permission_defaults_applied (permission, applied_at) VALUES ($1, $2)`, string(p), tx.Now); err != nil {
				return err
			}
		}
		return nil
	})
}

// ListRoles returns every role with its permissions and member count.
// Anyone who manages staff or roles may list them.
func (s *Service) ListRoles(ctx context.Context, a Actor) ([]Role, error) {
	if !a.CanAny(PermRolesManage, PermStaffManage) {
		return nil, a.Require(PermRolesManage)
	}
	var out []Role
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { out, err = listRoles(tx); return })
	return out, err
}

func listRoles(tx *db.Tx) ([]Role, error) {
	rows, err := tx.Query(`SELECT r.id, r.code, r.name_zh, r.name_en, r.builtin,
		(SELECT COUNT(*) FROM staff_roles sr JOIN staff s ON s.id = sr.staff_id WHERE sr.role_id = r.id AND s.disabled = FALSE)
		FROM roles r ORDER BY r.builtin DESC, r.id`)
	roles, err := db.Collect(rows, err, func(r *sql.Rows) (Role, error) {
		var x Role
		return x, r.Scan(&x.ID, &x.Code, &x.NameZH, &x.NameEN, &x.Builtin, &x.Members)
	})
	if err != nil {
		return nil, err
	}
	perms := map[int64]PermSet{}
	rows, err = tx.Query(`SELECT role_id, permission FROM role_permissions`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		if perms[id] == nil {
			perms[id] = PermSet{}
		}
		perms[id][Permission(p)] = true
	}
	for i := range roles {
		roles[i].Permissions = perms[roles[i].ID].Sorted()
	}
	return roles, rows.Err()
}

// RoleByCode finds a role among roles.
func RoleByCode(roles []Role, code string) (Role, bool) {
	for _, r := range roles {
		if r.Code == code {
			return r, true
		}
	}
	return Role{}, false
}

// SetRolePermissions replaces the permissions of a role (roles.manage).
// Unknown permissions are refused; so is a change that would leave nobody
// able to manage staff accounts.
func (s *Service) SetRolePermissions(ctx context.Context, a Actor, code string, perms []Permission) (Role, error) {
	if err := a.Require(PermRolesManage); err != nil {
		return Role{}, err
	}
	set := PermSet{}
	for _, p := range perms {
		if !KnownPermission(p) {
			return Role{}, apperr.New(apperr.Invalid, "error.permission_unknown", "Permission", string(p)).WithField("permissions")
		}
		set[p] = true
	}
	var after Role
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		roles, err := listRoles(tx)
		if err != nil {
			return err
		}
		before, ok := RoleByCode(roles, code)
		if !ok {
			return apperr.New(apperr.NotFound, "error.role_unknown", "Role", code)
		}
		err = keepOneAdministrator(tx, func() error {
			if _, err := tx.Exec(`DELETE FROM role_permissions WHERE role_id = $1`, before.ID); err != nil {
				return err
			}
			for _, p := range set.Sorted() {
				if _, err := tx.Exec(`INSERT INTO role_permissions (role_id, permission) VALUES ($1, $2)`, before.ID, string(p)); err != nil {
					return err
				}
			}
			_, err := tx.Exec(`UPDATE roles SET updated_at = $1 WHERE id = $2`, tx.Now, before.ID)
			return err
		})
		if err != nil {
			return err
		}
		after = before
		after.Permissions = set.Sorted()
		return Audit(tx, a, "role.permissions", "role", code, before.Permissions, after.Permissions)
	})
	return after, err
}

var roleCodeRe = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// CreateRole adds a library-defined role with no permissions (roles.manage).
func (s *Service) CreateRole(ctx context.Context, a Actor, code, nameZH, nameEN string) (Role, error) {
	if err := a.Require(PermRolesManage); err != nil {
		return Role{}, err
	}
	code = strings.TrimSpace(code)
	nameZH, nameEN = strings.TrimSpace(nameZH), strings.TrimSpace(nameEN)
	if !roleCodeRe.MatchString(code) {
		return Role{}, newInvalid("error.role_code_invalid", "code")
	}
	if nameZH == "" || nameEN == "" {
		return Role{}, newInvalid("error.role_names_required", "name")
	}
	var r Role
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		id, err := tx.Insert(`INSERT INTO roles (code, name_zh, name_en, builtin, created_at, updated_at) VALUES ($1, $2, $3, FALSE, $4, $4)`,
			code, nameZH, nameEN, tx.Now)
		if db.IsUnique(err) {
			return apperr.New(apperr.Conflict, "error.role_exists", "Role", code).WithField("code")
		}
		if err != nil {
			return err
		}
		r = Role{ID: id, Code: code, NameZH: nameZH, NameEN: nameEN}
		return Audit(tx, a, "role.create", "role", code, nil, r)
	})
	return r, err
}

// permissionsOf loads the permissions an account holds through its roles.
func permissionsOf(tx *db.Tx, staffID int64) (PermSet, error) {
	rows, err := tx.Query(`SELECT DISTINCT rp.permission FROM staff_roles sr JOIN role_permissions rp ON rp.role_id = sr.role_id WHERE sr.staff_id = $1`, staffID)
	list, err := db.Collect(rows, err, func(r *sql.Rows) (string, error) { var p string; return p, r.Scan(&p) })
	if err != nil {
		return nil, err
	}
	set := PermSet{}
	for _, p := range list {
		set[Permission(p)] = true
	}
	return set, nil
}
