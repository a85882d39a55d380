package web

import (
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/i18n"
)

// staffLanguage saves the person's interface language.
func (s *Server) staffLanguage(r *req) {
	l := i18n.Normalize(r.FormValue("locale"))
	if l == "" {
		l = i18n.ZH
	}
	if _, err := s.auth.UpdateStaff(r.Context(), r.Actor(), r.Principal.Staff.ID, auth.StaffUpdate{Locale: &l}); err != nil {
		r.fail(err)
		return
	}
	rememberLanguage(r.w, l)
	r.redirect(safeNext(r.FormValue("back")))
}
