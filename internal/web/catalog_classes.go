package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/catalog"
)

// classesData is the classification browser (中图法): the classes under
// Parent with the way up to it, and the class check box.
type classesData struct {
	Parent   string
	Crumbs   []catalog.Class // from the main class down to Parent
	Children []catalog.Class
	// Check is the class number to check; Checked the answer, CheckErr a
	// class number that is not even well formed.
	Check    string
	Checked  *catalog.ClassCheck
	CheckErr string
	// Rule is the library's book-number rule: sequence (种次号) or author (著者号).
	Rule string
}

// maxClassDepth bounds the walk up the table for the breadcrumbs.
const maxClassDepth = 24

// classes browses the classification table (?parent=I24) and checks a class
// number (?check=I247.5).
func (s *Server) classes(r *req) {
	ctx, a := r.Context(), r.Actor()
	q := r.URL.Query()
	d := classesData{Parent: strings.TrimSpace(q.Get("parent")), Check: strings.TrimSpace(q.Get("check"))}
	status := http.StatusOK
	var err error
	if d.Children, err = s.catalog.ClassChildren(ctx, a, d.Parent); err != nil {
		r.fail(err)
		return
	}
	for code, depth := d.Parent, 0; code != "" && depth < maxClassDepth; depth++ {
		c, err := s.catalog.CheckClass(ctx, a, code)
		if err != nil || !c.Known || c.Nearest == nil {
			break
		}
		d.Crumbs = append([]catalog.Class{*c.Nearest}, d.Crumbs...)
		code = c.Nearest.Parent
	}
	if d.Check != "" {
		c, err := s.catalog.CheckClass(ctx, a, d.Check)
		switch {
		case err == nil:
			d.Checked = &c
		case isFormError(err):
			d.CheckErr, status = r.catalogError(err), formStatus(err)
		default:
			r.fail(err)
			return
		}
	}
	rule, err := s.catalog.BookNumberRule(ctx, a)
	if err != nil {
		r.fail(err)
		return
	}
	d.Rule = rule.String()
	r.render(status, "catalog_classes", r.T("catalog.classes.title"), d)
}

// bookNumberRule saves the library's book-number rule.
func (s *Server) bookNumberRule(r *req) {
	if err := s.catalog.SetBookNumberRule(r.Context(), r.Actor(), r.FormValue("rule")); err != nil {
		r.fail(err)
		return
	}
	r.redirect("/staff/catalog/classes?done=flash.book_rule_saved")
}
