package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// Staff is a staff account. Accounts are disabled, never deleted: the audit
// log keeps their names.
type Staff struct {
	ID                 int64     `json:"id"`
	Username           string    `json:"username"`
	DisplayName        string    `json:"display_name"`
	MustChangePassword bool      `json:"must_change_password"`
	Disabled           bool      `json:"disabled"`
	Locale             string    `json:"locale"`
	Roles              []string  `json:"roles"`
	CreatedAt          time.Time `json:"created_at"`
}

// NewStaff is what it takes to open an account.
type NewStaff struct {
	Username    string
	DisplayName string
	Password    string
	Roles       []string
	Locale      string
	// MustChangePassword asks the person to choose their own password at
	// first login (the usual case when someone else set it).
	MustChangePassword bool
}

var usernameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$`)

// Locales are the interface languages.
var Locales = []string{"zh-CN", "en"}

func validLocale(l string) bool { return l == "zh-CN" || l == "en" }

// CreateStaff opens an account. It needs staff.manage.
func (s *Service) CreateStaff(ctx context.Context, a Actor, in NewStaff) (Staff, error) {
	if err := a.Require(PermStaffManage); err != nil {
		return Staff{}, err
	}
	in.Username = strings.TrimSpace(in.Username)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	if !usernameRe.MatchString(in.Username) {
		return Staff{}, newInvalid("error.username_invalid", "username")
	}
	if in.DisplayName == "" {
		in.DisplayName = in.Username
	}
	if in.Locale == "" {
		in.Locale = "zh-CN"
	}
	if !validLocale(in.Locale) {
		return Staff{}, newInvalid("error.locale_invalid", "locale")
	}
	if err := checkNewPassword(in.Username, in.Password); err != nil {
		return Staff{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return Staff{}, err
	}
	var out Staff
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		id, err := tx.Insert(`INSERT INTO staff (username, display_name, password_hash, must_change_password, locale, created_at, updated_at, password_changed_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6, $6)`, in.Username, in.DisplayName, hash, in.MustChangePassword, in.Locale, tx.Now)
		if db.IsUnique(err) {
			return apperr.New(apperr.Conflict, "error.username_taken", "Username", in.Username).WithField("username")
		}
		if err != nil {
			return err
		}
		if err := setRoles(tx, id, in.Roles); err != nil {
			return err
		}
		out, err = getStaff(tx, id)
		if err != nil {
			return err
		}
		return Audit(tx, a, "staff.create", "staff", id, nil, out)
	})
	if err != nil {
		return Staff{}, fmt.Errorf("create staff %q: %w", in.Username, err)
	}
	return out, nil
}

// setRoles replaces the roles of a staff account.
func setRoles(tx *db.Tx, staffID int64, codes []string) error {
	if _, err := tx.Exec(`DELETE FROM staff_roles WHERE staff_id = $1`, staffID); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, code := range codes {
		code = strings.TrimSpace(code)
		if code == "" || seen[code] {
			continue
		}
		seen[code] = true
		n, err := tx.ExecAffected(`INSERT INTO staff_roles (staff_id, role_id) SELECT $1, id FROM roles WHERE code = $2`, staffID, code)
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.New(apperr.Invalid, "error.role_unknown", "Role", code).WithField("roles")
		}
	}
	return nil
}

const staffColumns = `id, username, display_name, must_change_password, disabled, locale, created_at`

func scanStaff(sc interface{ Scan(...any) error }) (Staff, error) {
	var st Staff
	err := sc.Scan(&st.ID, &st.Username, &st.DisplayName, &st.MustChangePassword, &st.Disabled, &st.Locale, &st.CreatedAt)
	st.CreatedAt = st.CreatedAt.UTC()
	return st, err
}

func getStaff(tx *db.Tx, id int64) (Staff, error) {
	st, err := scanStaff(tx.QueryRow(`SELECT `+staffColumns+` FROM staff WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Staff{}, apperr.New(apperr.NotFound, "error.staff_not_found", "ID", id)
	}
	if err != nil {
		return Staff{}, err
	}
	st.Roles, err = staffRoles(tx, id)
	return st, err
}

func staffRoles(tx *db.Tx, id int64) ([]string, error) {
	rows, err := tx.Query(`SELECT r.code FROM staff_roles sr JOIN roles r ON r.id = sr.role_id WHERE sr.staff_id = $1 ORDER BY r.code`, id)
	return db.Collect(rows, err, func(r *sql.Rows) (string, error) {
		var c string
		return c, r.Scan(&c)
	})
}

// staffIDByName finds an account by username (case-insensitive).
func staffIDByName(tx *db.Tx, username string) (int64, error) {
	var id int64
	err := tx.QueryRow(`SELECT id FROM staff WHERE lower(username) = lower($1)`, strings.TrimSpace(username)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, apperr.New(apperr.NotFound, "error.staff_not_found_name", "Username", username)
	}
	return id, err
}

// GetStaff returns one account. Anyone may read their own; others need staff.manage.
func (s *Service) GetStaff(ctx context.Context, a Actor, id int64) (Staff, error) {
	if id != a.StaffID {
		if err := a.Require(PermStaffManage); err != nil {
			return Staff{}, err
		}
	}
	var st Staff
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { st, err = getStaff(tx, id); return })
	return st, err
}

// GetStaffByUsername returns one account by its username (staff.manage).
func (s *Service) GetStaffByUsername(ctx context.Context, a Actor, username string) (Staff, error) {
	if err := a.Require(PermStaffManage); err != nil {
		return Staff{}, err
	}
	var st Staff
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		id, err := staffIDByName(tx, username)
		if err != nil {
			return err
		}
		st, err = getStaff(tx, id)
		return err
	})
	return st, err
}

// ListStaff returns every account, by username. It needs staff.manage.
func (s *Service) ListStaff(ctx context.Context, a Actor) ([]Staff, error) {
	if err := a.Require(PermStaffManage); err != nil {
		return nil, err
	}
	var out []Staff
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT ` + staffColumns + ` FROM staff ORDER BY lower(username)`)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Staff, error) { return scanStaff(r) })
		if err != nil {
			return err
		}
		roles, err := allStaffRoles(tx)
		if err != nil {
			return err
		}
		for i := range out {
			out[i].Roles = roles[out[i].ID]
		}
		return nil
	})
	return out, err
}

func allStaffRoles(tx *db.Tx) (map[int64][]string, error) {
	rows, err := tx.Query(`SELECT sr.staff_id, r.code FROM staff_roles sr JOIN roles r ON r.id = sr.role_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64][]string{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		m[id] = append(m[id], code)
	}
	for _, v := range m {
		sort.Strings(v)
	}
	return m, rows.Err()
}

// StaffUpdate changes an account; nil fields stay as they are.
type StaffUpdate struct {
	DisplayName *string
	Roles       *[]string
	Disabled    *bool
	Locale      *string
}

// UpdateStaff changes name, roles, locale or the disabled flag (staff.manage;
// a person may change their own name and locale). Disabling an account ends
// its sessions and revokes nothing else: tokens stop working because the
// account is disabled.
func (s *Service) UpdateStaff(ctx context.Context, a Actor, id int64, u StaffUpdate) (Staff, error) {
	self := id == a.StaffID && u.Roles == nil && u.Disabled == nil
	if !self {
		if err := a.Require(PermStaffManage); err != nil {
			return Staff{}, err
		}
	}
	if u.Disabled != nil && *u.Disabled && id == a.StaffID {
		return Staff{}, newInvalid("error.cannot_disable_self", "disabled")
	}
	if u.Locale != nil && !validLocale(*u.Locale) {
		return Staff{}, newInvalid("error.locale_invalid", "locale")
	}
	if u.DisplayName != nil && strings.TrimSpace(*u.DisplayName) == "" {
		return Staff{}, newInvalid("error.display_name_required", "display_name")
	}
	var after Staff
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := getStaff(tx, id)
		if err != nil {
			return err
		}
		if u.DisplayName != nil {
			if _, err := tx.Exec(`UPDATE staff SET display_name = $1, updated_at = $2 WHERE id = $3`, strings.TrimSpace(*u.DisplayName), tx.Now, id); err != nil {
				return err
			}
		}
		if u.Locale != nil {
			if _, err := tx.Exec(`UPDATE staff SET locale = $1, updated_at = $2 WHERE id = $3`, *u.Locale, tx.Now, id); err != nil {
				return err
			}
		}
		err = keepOneAdministrator(tx, func() error {
			if u.Disabled != nil {
				if _, err := tx.Exec(`UPDATE staff SET disabled = $1, updated_at = $2 WHERE id = $3`, *u.Disabled, tx.Now, id); err != nil {
					return err
				}
				if *u.Disabled {
					if _, err := tx.Exec(`DELETE FROM sessions WHERE staff_id = $1`, id); err != nil {
						return err
					}
				}
			}
			if u.Roles != nil {
				return setRoles(tx, id, *u.Roles)
			}
			return nil
		})
		if err != nil {
			return err
		}
		after, err = getStaff(tx, id)
		if err != nil {
			return err
		}
		return Audit(tx, a, "staff.update", "staff", id, before, after)
	})
	return after, err
}

// administrators counts the enabled accounts able to manage staff accounts.
func administrators(tx *db.Tx) (int, error) {
	var n int
	err := tx.QueryRow(`SELECT COUNT(DISTINCT s.id) FROM staff s
		JOIN staff_roles sr ON sr.staff_id = s.id
		JOIN role_permissions rp ON rp.role_id = sr.role_id
		WHERE s.disabled = FALSE AND rp.permission = $1`, string(PermStaffManage)).Scan(&n)
	return n, err
}

// keepOneAdministrator runs change and refuses it when it would take the
// number of enabled accounts able to manage staff from some to none (nobody
// could then repair the situation from the web client).
func keepOneAdministrator(tx *db.Tx, change func() error) error {
	before, err := administrators(tx)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := administrators(tx)
	if err != nil {
		return err
	}
	if before > 0 && after == 0 {
		return apperr.New(apperr.Conflict, "error.last_administrator")
	}
	return nil
}

// SetPassword sets a person's password (staff.manage). When temporary is
// true — the usual case when someone else chose it — they must change it at
// their next login. Their sessions end.
func (s *Service) SetPassword(ctx context.Context, a Actor, id int64, password string, temporary bool) error {
	if err := a.Require(PermStaffManage); err != nil {
		return err
	}
	return s.writePassword(ctx, a, id, password, temporary, "staff.password_set")
}

// ChangeOwnPassword lets a signed-in person choose a new password after
// proving they know the current one. Their other sessions end.
func (s *Service) ChangeOwnPassword(ctx context.Context, a Actor, current, next string) error {
	if a.StaffID == 0 {
		return apperr.New(apperr.Unauthenticated, "error.login_required")
	}
	var hash string
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT password_hash FROM staff WHERE id = $1`, a.StaffID).Scan(&hash)
	})
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if !VerifyPassword(hash, current) {
		return newInvalid("error.current_password_wrong", "current")
	}
	if current == next {
		return newInvalid("error.password_unchanged", "password")
	}
	return s.writePassword(ctx, a, a.StaffID, next, false, "staff.password_change")
}

func (s *Service) writePassword(ctx context.Context, a Actor, id int64, password string, mustChange bool, action string) error {
	var username string
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		st, err := getStaff(tx, id)
		username = st.Username
		return err
	})
	if err != nil {
		return err
	}
	if err := checkNewPassword(username, password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(`UPDATE staff SET password_hash = $1, must_change_password = $2, password_changed_at = $3, updated_at = $3 WHERE id = $4`,
			hash, mustChange, tx.Now, id); err != nil {
			return err
		}
		// End every other session of the account; the current one (if it
		// is the person's own) is kept by the caller re-issuing it.
		if _, err := tx.Exec(`DELETE FROM sessions WHERE staff_id = $1`, id); err != nil {
			return err
		}
		return Audit(tx, a, action, "staff", id, nil, map[string]any{"must_change_password": mustChange})
	})
}

// CountStaff returns how many accounts exist (no permission: used at start-up).
func (s *Service) CountStaff(ctx context.Context) (int, error) {
	var n int
	err := s.db.Read(ctx, func(tx *db.Tx) error { return tx.QueryRow(`SELECT COUNT(*) FROM staff`).Scan(&n) })
	return n, err
}

// EnsureAdmin creates the first account when there is none: "admin" with
// the director and systems roles and a random one-time password that must be
// changed at first login. It returns the password, or "" when accounts
// already existed.
func (s *Service) EnsureAdmin(ctx context.Context) (string, error) {
	n, err := s.CountStaff(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	pw := RandomPassword()
	_, err = s.CreateStaff(ctx, SystemActor(), NewStaff{
		Username: "admin", DisplayName: "Administrator", Password: pw,
		Roles: []string{RoleDirector, RoleSystems}, MustChangePassword: true,
	})
	if apperr.Is(err, apperr.Conflict) { // another node created it first
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return pw, nil
}
