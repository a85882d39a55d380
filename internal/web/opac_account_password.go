package web

import "net/http"

// The reader changes their password — at once when staff set it
// (MustChange), the account opening only after.

// myAccountPasswordData is the change-password page.
type myAccountPasswordData struct {
	MustChange bool
	Error      string
}

// myAccountPasswordForm shows the change-password page.
func (s *Server) myAccountPasswordForm(r *readerReq) {
	r.render(http.StatusOK, "opac_account_password", r.T("opac.account.password_title"), myAccountPasswordData{MustChange: r.Sess.MustChange})
}

// myAccountPassword changes the reader's password and signs them in again
// (a new password ends every session).
func (s *Server) myAccountPassword(r *readerReq) {
	if !r.parseForm() {
		return
	}
	pw := r.FormValue("password")
	d := myAccountPasswordData{MustChange: r.Sess.MustChange}
	if pw != r.FormValue("confirm") {
		d.Error = r.T("error.password_mismatch")
		r.render(http.StatusUnprocessableEntity, "opac_account_password", r.T("opac.account.password_title"), d)
		return
	}
	if err := s.readers.ChangePassword(r.Context(), r.Actor(), r.FormValue("old_password"), pw); err != nil {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		d.Error = msg
		r.render(formStatus(err), "opac_account_password", r.T("opac.account.password_title"), d)
		return
	}
	token, _, err := s.readers.SignIn(r.Context(), r.Sess.CardNumber, pw, r.clientIP())
	if err != nil {
		r.fail(err)
		return
	}
	s.setReaderCookie(r.req, token, readerMaxAge)
	r.redirect("/account?done=flash.account_password_changed")
}
