package web

import (
	"net/http"
	"time"

	"lantai.dev/lantai/internal/catalog"
)

// opacPublicLists lists the published reading lists 推荐书目.
func (s *Server) opacPublicLists(r *req) {
	lists, err := s.opac.PublishedLists(r.Context(), 100)
	if err != nil {
		r.fail(err)
		return
	}
	r.render(http.StatusOK, "opac_lists", r.T("opac.lists.title"), lists)
}

// opacPublicList shows one published reading list; an unpublished one is
// not found.
func (s *Server) opacPublicList(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	l, err := s.opac.PublishedList(r.Context(), id)
	if err != nil {
		r.fail(err)
		return
	}
	r.render(http.StatusOK, "opac_list", l.Title(r.Locale), l)
}

// newBooksPage is the public new-books list 新书通报.
type newBooksPage struct {
	Days  int
	Books []catalog.NewBook
}

// opacNewBooks lists the books that reached the shelves in the last 30
// days, newest first.
func (s *Server) opacNewBooks(r *req) {
	books, err := s.catalog.NewBooks(r.Context(), time.Now().AddDate(0, 0, -newBooksDays), "", 200)
	if err != nil {
		r.fail(err)
		return
	}
	r.render(http.StatusOK, "opac_new_books", r.T("opac.new_books.title"), newBooksPage{Days: newBooksDays, Books: books})
}
