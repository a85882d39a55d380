package web

import (
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/httpx"
)

type loginData struct {
	Username string
	Next     string
	Error    string
}

// loginForm shows the staff sign-in form.
func (s *Server) loginForm(r *req) {
	if r.Principal != nil {
		r.redirect("/staff/")
		return
	}
	d := loginData{Next: safeNext(r.URL.Query().Get("next"))}
	if reason := r.URL.Query().Get("reason"); reason == "error.session_expired" {
		d.Error = r.T(reason)
	}
	r.render(200, "login", r.T("login.title"), d)
}

// login checks the credentials and opens a session.
func (s *Server) login(r *req) {
	d := loginData{Username: r.FormValue("username"), Next: safeNext(r.FormValue("next"))}
	token, p, err := s.auth.Login(r.Context(), auth.LoginRequest{
		Username: d.Username, Password: r.FormValue("password"),
		ClientIP: r.clientIP(), UserAgent: r.UserAgent(), Door: auth.DoorWeb, RequestID: httpx.RequestID(r.Request),
	})
	if err != nil {
		if _, ok := apperr.As(err); !ok {
			r.fail(err)
			return
		}
		d.Error = s.tr.Error(r.Locale, err)
		r.render(httpx.Status(apperr.CodeOf(err)), "login", r.T("login.title"), d)
		return
	}
	s.setSession(r.w, r.Request, token)
	if p.Staff.MustChangePassword {
		r.redirect("/staff/password")
		return
	}
	r.redirect(d.Next)
}

// logout ends this session.
func (s *Server) logout(r *req) {
	if err := s.auth.Logout(r.Context(), r.Actor(), r.token); err != nil {
		r.fail(err)
		return
	}
	s.clearSession(r.w, r.Request)
	rememberLanguage(r.w, r.Locale)
	r.redirect("/staff/login")
}

// logoutEverywhere ends every session of the person.
func (s *Server) logoutEverywhere(r *req) {
	if _, err := s.auth.LogoutEverywhere(r.Context(), r.Actor()); err != nil {
		r.fail(err)
		return
	}
	s.clearSession(r.w, r.Request)
	rememberLanguage(r.w, r.Locale)
	r.redirect("/staff/login")
}
