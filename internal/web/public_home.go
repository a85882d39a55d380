package web

import (
	"net/http"

	"lantai.dev/lantai/internal/i18n"
)

// publicHome is the public catalogue's front page.
func (s *Server) publicHome(r *req) {
	r.render(200, "public_home", r.T("public.title"), nil)
}

// publicLanguage sets a visitor's language and returns to the page they were on.
func (s *Server) publicLanguage(w http.ResponseWriter, hr *http.Request) {
	l := i18n.Normalize(hr.URL.Query().Get("to"))
	if l == "" {
		l = i18n.ZH
	}
	rememberLanguage(w, l)
	back := hr.URL.Query().Get("back")
	if back == "" || back[0] != '/' || (len(back) > 1 && (back[1] == '/' || back[1] == '\\')) {
		back = "/"
	}
	http.Redirect(w, hr, back, http.StatusSeeOther)
}
