package api

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/readers"
)

// Reader categories 读者类别 under /reader-categories: the loan rules are
// set per category. Anyone may list them; changing them needs circ.rules.

// categoryBody is a category as sent: active unless said otherwise.
type categoryBody struct {
	Code   string `json:"code"`
	NameZH string `json:"name_zh"`
	NameEN string `json:"name_en"`
	Notes  string `json:"notes"`
	Active *bool  `json:"active"`
	Sort   int    `json:"sort"`
}

func (b categoryBody) category() readers.Category {
	c := readers.Category{Code: b.Code, NameZH: b.NameZH, NameEN: b.NameEN, Notes: b.Notes, Active: true, Sort: b.Sort}
	if b.Active != nil {
		c.Active = *b.Active
	}
	return c
}

func (s *Server) listReaderCategories(c *call) (int, any, error) {
	cats, err := s.readers.Categories(c.Context(), c.URL.Query().Get("active") != "true")
	if err != nil {
		return 0, nil, err
	}
	if cats == nil {
		cats = []readers.Category{}
	}
	return http.StatusOK, map[string]any{"categories": cats}, nil
}

func (s *Server) createReaderCategory(c *call) (int, any, error) {
	var b categoryBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	cat, err := s.readers.CreateCategory(c.Context(), c.actor, b.category())
	return http.StatusCreated, cat, err
}

// updateReaderCategory replaces the category in the path; the body may
// name its code too, but not another one.
func (s *Server) updateReaderCategory(c *call) (int, any, error) {
	code := strings.ToLower(strings.TrimSpace(c.PathValue("code")))
	var b categoryBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	if v := strings.ToLower(strings.TrimSpace(b.Code)); v != "" && v != code {
		return 0, nil, apperr.New(apperr.Invalid, "error.reader_category_code_mismatch", "Body", v, "Path", code).WithField("code")
	}
	b.Code = code
	cat, err := s.readers.UpdateCategory(c.Context(), c.actor, b.category())
	return http.StatusOK, cat, err
}

func (s *Server) deleteReaderCategory(c *call) (int, any, error) {
	if err := s.readers.DeleteCategory(c.Context(), c.actor, c.PathValue("code")); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
