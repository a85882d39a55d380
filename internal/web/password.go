package web

import (
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/httpx"
)

type passwordData struct {
	Error  string
	Forced bool
}

// passwordForm shows the change-own-password form.
func (s *Server) passwordForm(r *req) {
	r.render(200, "password", r.T("password.title"), passwordData{Forced: r.Principal.Staff.MustChangePassword})
}

// passwordChange changes the person's own password; every session of theirs
// ends and this browser gets a fresh one.
func (s *Server) passwordChange(r *req) {
	d := passwordData{Forced: r.Principal.Staff.MustChangePassword}
	next, confirm := r.FormValue("password"), r.FormValue("confirm")
	var err error
	if next != confirm {
		err = apperr.New(apperr.Invalid, "error.password_mismatch").WithField("confirm")
	} else {
		err = s.auth.ChangeOwnPassword(r.Context(), r.Actor(), r.FormValue("current"), next)
	}
	if err != nil {
		if _, ok := apperr.As(err); !ok {
			r.fail(err)
			return
		}
		d.Error = s.tr.Error(r.Locale, err)
		r.render(httpx.Status(apperr.CodeOf(err)), "password", r.T("password.title"), d)
		return
	}
	token, _, err := s.auth.NewSession(r.Context(), r.Actor(), r.UserAgent())
	if err != nil {
		r.fail(err)
		return
	}
	s.setSession(r.w, r.Request, token)
	r.redirect("/staff/?done=flash.password_changed")
}
