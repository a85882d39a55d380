package web

import (
	"strconv"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/httpx"
)

type accountData struct {
	Staff auth.Staff
	Roles []auth.Role
	Error string
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func (r *req) pathID(name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		r.fail(apperr.New(apperr.NotFound, "error.page_not_found"))
		return 0, false
	}
	return id, true
}

// account shows one staff account for editing.
func (s *Server) account(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderAccount(r, 200, id, "")
}

func (s *Server) renderAccount(r *req, status int, id int64, msg string) {
	st, err := s.auth.GetStaff(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	roles, err := s.auth.ListRoles(r.Context(), r.Actor())
	if err != nil {
		r.fail(err)
		return
	}
	r.render(status, "account", st.Username, accountData{Staff: st, Roles: roles, Error: msg})
}

// accountUpdate saves name, roles and the disabled flag.
func (s *Server) accountUpdate(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		r.fail(apperr.New(apperr.Invalid, "error.form_invalid"))
		return
	}
	name := r.FormValue("display_name")
	roles := r.Form["roles"]
	if roles == nil {
		roles = []string{}
	}
	disabled := r.FormValue("disabled") != ""
	_, err := s.auth.UpdateStaff(r.Context(), r.Actor(), id, auth.StaffUpdate{DisplayName: &name, Roles: &roles, Disabled: &disabled})
	s.afterAccountChange(r, id, err, "flash.account_saved")
}

// accountPassword sets a new password that the person must change.
func (s *Server) accountPassword(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	err := s.auth.SetPassword(r.Context(), r.Actor(), id, r.FormValue("password"), true)
	s.afterAccountChange(r, id, err, "flash.password_set")
}

func (s *Server) afterAccountChange(r *req, id int64, err error, done string) {
	if err != nil {
		if _, ok := apperr.As(err); !ok || apperr.CodeOf(err) == apperr.NotFound || apperr.CodeOf(err) == apperr.Forbidden {
			r.fail(err)
			return
		}
		s.renderAccount(r, httpx.Status(apperr.CodeOf(err)), id, s.tr.Error(r.Locale, err))
		return
	}
	r.redirect("/staff/accounts/" + itoa(id) + "?done=" + done)
}
