package web

import (
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/httpx"
)

type rolesData struct {
	Roles                []auth.Role
	Error                string
	Code, NameZH, NameEN string
}

// roles lists the roles with a form to add one.
func (s *Server) roles(r *req) {
	s.renderRoles(r, 200, rolesData{})
}

func (s *Server) renderRoles(r *req, status int, d rolesData) {
	roles, err := s.auth.ListRoles(r.Context(), r.Actor())
	if err != nil {
		r.fail(err)
		return
	}
	d.Roles = roles
	r.render(status, "roles", r.T("roles.title"), d)
}

// roleCreate adds a library-defined role.
func (s *Server) roleCreate(r *req) {
	d := rolesData{Code: r.FormValue("code"), NameZH: r.FormValue("name_zh"), NameEN: r.FormValue("name_en")}
	role, err := s.auth.CreateRole(r.Context(), r.Actor(), d.Code, d.NameZH, d.NameEN)
	if err != nil {
		if _, ok := apperr.As(err); !ok {
			r.fail(err)
			return
		}
		d.Error = s.tr.Error(r.Locale, err)
		s.renderRoles(r, httpx.Status(apperr.CodeOf(err)), d)
		return
	}
	r.redirect("/staff/roles/" + role.Code + "?done=flash.role_created")
}

// permGroup is the permissions of one area, for the role editor.
type permGroup struct {
	Area  string
	Perms []auth.Permission
}

type roleData struct {
	Role   auth.Role
	Groups []permGroup
	Has    map[auth.Permission]bool
	Error  string
}

func permGroups() []permGroup {
	var out []permGroup
	for _, p := range auth.AllPermissions {
		area, _, _ := strings.Cut(string(p), ".")
		if len(out) == 0 || out[len(out)-1].Area != area {
			out = append(out, permGroup{Area: area})
		}
		out[len(out)-1].Perms = append(out[len(out)-1].Perms, p)
	}
	return out
}

// role shows a role's permissions as checkboxes grouped by area.
func (s *Server) role(r *req) {
	s.renderRole(r, 200, r.PathValue("code"), "")
}

func (s *Server) renderRole(r *req, status int, code, msg string) {
	roles, err := s.auth.ListRoles(r.Context(), r.Actor())
	if err != nil {
		r.fail(err)
		return
	}
	role, ok := auth.RoleByCode(roles, code)
	if !ok {
		r.fail(apperr.New(apperr.NotFound, "error.role_unknown", "Role", code))
		return
	}
	has := map[auth.Permission]bool{}
	for _, p := range role.Permissions {
		has[p] = true
	}
	r.render(status, "role", role.Name(r.Locale), roleData{Role: role, Groups: permGroups(), Has: has, Error: msg})
}

// roleUpdate saves a role's permissions.
func (s *Server) roleUpdate(r *req) {
	code := r.PathValue("code")
	if err := r.ParseForm(); err != nil {
		r.fail(apperr.New(apperr.Invalid, "error.form_invalid"))
		return
	}
	var perms []auth.Permission
	for _, p := range r.Form["perms"] {
		perms = append(perms, auth.Permission(p))
	}
	if _, err := s.auth.SetRolePermissions(r.Context(), r.Actor(), code, perms); err != nil {
		if e, ok := apperr.As(err); ok && e.Code != apperr.NotFound {
			s.renderRole(r, httpx.Status(e.Code), code, s.tr.Error(r.Locale, err))
			return
		}
		r.fail(err)
		return
	}
	r.redirect("/staff/roles/" + code + "?done=flash.role_saved")
}
