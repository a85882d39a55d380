package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/httpx"
)

// Signing in to the reader's account with the card number and password,
// and signing out.

// myAccountLoginData is the sign-in page.
type myAccountLoginData struct {
	Card, Error string
	SignedOut   bool
}

// myAccountLoginForm shows the sign-in page.
func (s *Server) myAccountLoginForm(r *req) {
	r.render(http.StatusOK, "opac_account_login", r.T("opac.account.login_title"), myAccountLoginData{SignedOut: r.URL.Query().Get("reason") == "signed_out"})
}

// myAccountLogin signs a reader in.
func (s *Server) myAccountLogin(r *req) {
	if !r.parseForm() {
		return
	}
	card := strings.TrimSpace(r.FormValue("card"))
	token, sess, err := s.readers.SignIn(r.Context(), card, r.FormValue("password"), r.clientIP())
	if err != nil {
		if _, ok := apperr.As(err); !ok {
			r.fail(err)
			return
		}
		msg := r.s.tr.Error(r.Locale, err)
		r.render(httpx.Status(apperr.CodeOf(err)), "opac_account_login", r.T("opac.account.login_title"), myAccountLoginData{Card: card, Error: msg})
		return
	}
	s.setReaderCookie(r, token, readerMaxAge)
	if sess.MustChange {
		r.redirect("/account/password")
		return
	}
	r.redirect("/account")
}

// myAccountLogout signs the reader out.
func (s *Server) myAccountLogout(r *req) {
	if c, err := r.Cookie(ReaderCookie); err == nil && c.Value != "" {
		if err := s.readers.SignOut(r.Context(), c.Value); err != nil {
			r.fail(err)
			return
		}
	}
	s.setReaderCookie(r, "", -1)
	r.redirect("/?done=flash.account_signed_out")
}
