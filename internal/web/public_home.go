package web

import (
	"net/http"
	"time"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/opac"
)

// homeData is the public catalogue's front page: the search box, the new
// books 新书通报 and the recommended reading lists 推荐书目.
type homeData struct {
	NewBooks             []catalog.NewBook
	Lists                []opac.List
	MoreBooks, MoreLists bool
}

// How much of each the home page shows.
const (
	homeNewBooks = 8
	homeLists    = 6
)

// publicHome is the public catalogue's front page.
func (s *Server) publicHome(r *req) {
	ctx := r.Context()
	var d homeData
	var err error
	if d.NewBooks, err = s.catalog.NewBooks(ctx, time.Now().AddDate(0, 0, -newBooksDays), "", homeNewBooks+1); err != nil {
		r.fail(err)
		return
	}
	if d.Lists, err = s.opac.PublishedLists(ctx, homeLists+1); err != nil {
		r.fail(err)
		return
	}
	if len(d.NewBooks) > homeNewBooks {
		d.NewBooks, d.MoreBooks = d.NewBooks[:homeNewBooks], true
	}
	if len(d.Lists) > homeLists {
		d.Lists, d.MoreLists = d.Lists[:homeLists], true
	}
	r.render(http.StatusOK, "public_home", r.T("public.title"), d)
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
