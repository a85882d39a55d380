package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/readers"
)

// The reader's account in the public catalogue (/account): a reader signs
// in with the card number and password, and acts only for themselves —
// every service call is made as auth.ReaderActor, which circulation and
// the fee ledger confine to the reader's own loans, holds and account
// (renewals and cancellations also name the reader, so that another
// reader's loan or hold is simply not found).

// ReaderCookie names the reader's session cookie of the public catalogue.
const ReaderCookie = "lantai_reader"

// readerReq is a request of a signed-in reader.
type readerReq struct {
	*req
	Sess readers.ReaderSession
}

// Actor is the reader acting for themselves.
func (r *readerReq) Actor() auth.Actor { return r.Sess.Actor(r.clientIP()) }

// readerPage wraps a page of the reader's account: it needs a reader's
// session, and a password changed when staff set it.
func (s *Server) readerPage(h func(*readerReq)) http.HandlerFunc {
	return s.public(func(r *req) {
		c, err := r.Cookie(ReaderCookie)
		if err != nil || c.Value == "" {
			r.redirect("/account/login")
			return
		}
		sess, err := s.readers.Session(r.Context(), c.Value)
		if err != nil {
			if apperr.CodeOf(err) == apperr.Unauthenticated {
				s.setReaderCookie(r, "", -1)
				r.redirect("/account/login?reason=signed_out")
				return
			}
			r.fail(err)
			return
		}
		if sess.MustChange && !strings.HasPrefix(r.URL.Path, "/account/password") && r.URL.Path != "/account/logout" {
			r.redirect("/account/password")
			return
		}
		h(&readerReq{req: r, Sess: sess})
	})
}

// setReaderCookie sets (or with maxAge −1 removes) the reader's session
// cookie, as the staff cookie is set: HttpOnly, SameSite=Lax, Secure over
// TLS or when the deployment says so.
func (s *Server) setReaderCookie(r *req, token string, maxAge int) {
	http.SetCookie(r.w, &http.Cookie{Name: ReaderCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil || s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

// readerMaxAge is how long the browser keeps the reader's cookie.
var readerMaxAge = int(readers.ReaderSessionMax.Seconds())
