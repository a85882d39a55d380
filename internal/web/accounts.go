package web

import (
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/httpx"
)

type accountsData struct {
	Staff []auth.Staff
	Roles []auth.Role
	Form  auth.NewStaff
	Error string
}

// accounts lists staff accounts with a form to open a new one.
func (s *Server) accounts(r *req) {
	s.renderAccounts(r, 200, accountsData{Form: auth.NewStaff{MustChangePassword: true}})
}

func (s *Server) renderAccounts(r *req, status int, d accountsData) {
	var err error
	if d.Staff, err = s.auth.ListStaff(r.Context(), r.Actor()); err != nil {
		r.fail(err)
		return
	}
	if d.Roles, err = s.auth.ListRoles(r.Context(), r.Actor()); err != nil {
		r.fail(err)
		return
	}
	r.render(status, "accounts", r.T("accounts.title"), d)
}

// accountCreate opens a staff account.
func (s *Server) accountCreate(r *req) {
	if err := r.ParseForm(); err != nil {
		r.fail(apperr.New(apperr.Invalid, "error.form_invalid"))
		return
	}
	in := auth.NewStaff{
		Username: r.FormValue("username"), DisplayName: r.FormValue("display_name"),
		Password: r.FormValue("password"), Roles: r.Form["roles"],
		Locale: r.FormValue("locale"), MustChangePassword: r.FormValue("must_change") != "",
	}
	st, err := s.auth.CreateStaff(r.Context(), r.Actor(), in)
	if err != nil {
		if _, ok := apperr.As(err); !ok {
			r.fail(err)
			return
		}
		in.Password = ""
		s.renderAccounts(r, httpx.Status(apperr.CodeOf(err)), accountsData{Form: in, Error: s.tr.Error(r.Locale, err)})
		return
	}
	r.redirect("/staff/accounts/" + itoa(st.ID) + "?done=flash.account_created")
}
