package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/httpx"
	"lantai.dev/lantai/internal/i18n"
)

// SessionCookie names the staff session cookie.
const SessionCookie = "lantai_session"

// LanguageCookie holds the language a visitor chose on the public pages.
const LanguageCookie = "lantai_lang"

// req is one request as handlers see it: who asks, in which language.
type req struct {
	*http.Request
	w         http.ResponseWriter
	s         *Server
	Locale    string
	Principal *auth.Principal
	token     string
	refresh   int // seconds; see view.Refresh
}

// handlerFunc is the signature of every page handler.
type handlerFunc func(*req)

// Actor returns the acting staff member for service calls.
func (r *req) Actor() auth.Actor {
	if r.Principal == nil {
		return auth.Actor{Door: auth.DoorWeb, RequestID: httpx.RequestID(r.Request), ClientIP: r.clientIP()}
	}
	return r.Principal.Actor(auth.DoorWeb, httpx.RequestID(r.Request), r.clientIP())
}

func (r *req) clientIP() string { return httpx.ClientIP(r.Request, r.s.cfg.TrustProxy) }

// T translates a key into the request's language.
func (r *req) T(key string, args ...any) string { return r.s.tr.T(r.Locale, key, argMap(args)) }

func argMap(args []any) map[string]any {
	if len(args) == 0 {
		return nil
	}
	m := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		k, _ := args[i].(string)
		m[k] = args[i+1]
	}
	return m
}

// visitorLocale picks the language of someone not signed in: their choice
// (cookie), else their browser's (Accept-Language), else zh-CN.
func visitorLocale(r *http.Request) string {
	if c, err := r.Cookie(LanguageCookie); err == nil {
		if l := i18n.Normalize(c.Value); l != "" {
			return l
		}
	}
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// public wraps a page anyone may see.
func (s *Server) public(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, hr *http.Request) {
		r := &req{Request: hr, w: w, s: s, Locale: visitorLocale(hr)}
		if c, err := hr.Cookie(SessionCookie); err == nil {
			if p, err := s.auth.Session(hr.Context(), c.Value); err == nil {
				r.Principal, r.token, r.Locale = &p, c.Value, p.Staff.Locale
			}
		}
		h(r)
	}
}

// staff wraps a staff page: it needs a valid session, a password that need
// not be changed first, and the permission perm.
func (s *Server) staff(perm auth.Permission, h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, hr *http.Request) {
		r := &req{Request: hr, w: w, s: s, Locale: visitorLocale(hr)}
		c, err := hr.Cookie(SessionCookie)
		if err != nil {
			r.toLogin("")
			return
		}
		p, err := s.auth.Session(hr.Context(), c.Value)
		if err != nil {
			if apperr.CodeOf(err) == apperr.Unauthenticated {
				s.clearSession(w, hr)
				r.toLogin("error.session_expired")
				return
			}
			r.fail(err)
			return
		}
		r.Principal, r.token, r.Locale = &p, c.Value, p.Staff.Locale
		if p.Staff.MustChangePassword && !strings.HasPrefix(hr.URL.Path, "/staff/password") && hr.URL.Path != "/staff/logout" && hr.URL.Path != "/staff/language" {
			http.Redirect(w, hr, "/staff/password", http.StatusSeeOther)
			return
		}
		if perm != "" {
			if err := r.Actor().Require(perm); err != nil {
				r.fail(err)
				return
			}
		}
		h(r)
	}
}

// toLogin sends the browser to the login page, remembering where it was going.
func (r *req) toLogin(reason string) {
	q := url.Values{}
	if r.Method == http.MethodGet && r.URL.Path != "/staff/" {
		q.Set("next", r.URL.RequestURI())
	}
	if reason != "" {
		q.Set("reason", reason)
	}
	target := "/staff/login"
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	http.Redirect(r.w, r.Request, target, http.StatusSeeOther)
}

// fail shows an error page: a domain error's own message, or for anything
// else a generic message with the request id (the details go to the log).
func (r *req) fail(err error) {
	status := httpx.Status(apperr.CodeOf(err))
	var e *apperr.Error
	msg := r.s.tr.Error(r.Locale, err)
	if !errors.As(err, &e) {
		r.s.log.Error("request failed", "request_id", httpx.RequestID(r.Request), "path", r.URL.Path, "err", err)
		msg = r.T("error.internal_with_id", "ID", httpx.RequestID(r.Request))
	}
	r.render(status, "error", r.T("error.title"), map[string]any{"Message": msg, "Status": status})
}

func (s *Server) setSession(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil || s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
		MaxAge: int(s.auth.Config().SessionMax.Seconds())})
}

// rememberLanguage keeps a person's language choice in a cookie, so that the
// public pages and the login page speak it after they sign out.
func rememberLanguage(w http.ResponseWriter, locale string) {
	http.SetCookie(w, &http.Cookie{Name: LanguageCookie, Value: locale, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
}

func (s *Server) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: r.TLS != nil || s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// safeNext keeps a post-login redirect inside the staff area.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/staff/") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return "/staff/"
}
