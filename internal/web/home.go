package web

import (
	"lantai.dev/lantai/internal/apperr"
)

// home lists the modules the person's roles allow.
func (s *Server) home(r *req) {
	r.render(200, "home", r.T("home.title"), allowedModules(r.Actor()))
}

// module is the landing page of a module whose screens arrive with a later
// capability: it says so plainly rather than pretending.
func (s *Server) module(r *req) {
	m, ok := moduleByCode(r.PathValue("module"))
	if !ok {
		r.fail(apperr.New(apperr.NotFound, "error.page_not_found"))
		return
	}
	if !r.Actor().CanAny(m.Perms...) {
		r.fail(r.Actor().Require(m.Perms[0]))
		return
	}
	if m.Path != "" {
		r.redirect(m.Path)
		return
	}
	d := moduleData{Module: m}
	switch m.Code {
	case "circulation":
		d.Links = r.circLinks()
	case "reports":
		d.Links = r.reportLinks()
	case "system":
		d.Links = r.systemLinks()
	}
	r.render(200, "module", r.T("module."+m.Code), d)
}

// moduleData is a module's landing page: the screens that have landed
// already, if any.
type moduleData struct {
	Module
	Links []moduleLink
}

// moduleLink is a screen on a module's landing page.
type moduleLink struct{ Href, Label, About string }
