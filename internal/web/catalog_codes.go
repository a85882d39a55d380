package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
)

// codesData is the page of the library's code lists: branches, locations,
// collections and item types, with forms to add or rename an entry for
// those who hold system.settings.
type codesData struct {
	Codes    codeBook
	Kinds    []string
	CanEdit  bool
	Sections []codeSection
	// List, Form and Error are the form that was refused.
	List  string
	Form  catalog.Code
	Error string
}

// codeSection is one code list on the page, with its form.
type codeSection struct {
	List    string
	Entries []catalog.Code
	// Form is what was typed into this list's form when it was refused
	// with Error.
	Form  catalog.Code
	Error string
}

// IsLocations reports whether the section is the locations list, whose
// entries also have a branch and a kind.
func (c codeSection) IsLocations() bool { return c.List == string(catalog.Locations) }

// codes shows the code lists. Cataloguing staff read them; the systems
// office, which keeps them, may have no catalogue permission at all — so
// either opens the page.
func (s *Server) codes(r *req) {
	a := r.Actor()
	if !a.CanAny(auth.PermCatalogView, auth.PermSystemSettings) {
		r.fail(a.Require(auth.PermCatalogView))
		return
	}
	s.renderCodes(r, http.StatusOK, codesData{})
}

func (s *Server) renderCodes(r *req, status int, d codesData) {
	var err error
	if d.Codes, err = s.loadCodes(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	d.Kinds = catalog.LocationKinds
	d.CanEdit = r.Actor().Can(auth.PermSystemSettings)
	for _, l := range []struct {
		list    catalog.CodeList
		entries []catalog.Code
	}{{catalog.Branches, d.Codes.Branches}, {catalog.Locations, d.Codes.Locations}, {catalog.Collections, d.Codes.Collections}, {catalog.ItemTypes, d.Codes.ItemTypes}} {
		sec := codeSection{List: string(l.list), Entries: l.entries}
		if d.List == sec.List {
			sec.Form, sec.Error = d.Form, d.Error
		}
		d.Sections = append(d.Sections, sec)
	}
	r.render(status, "catalog_codes", r.T("catalog.codes.title"), d)
}

// codeSave adds or renames an entry of a code list.
func (s *Server) codeSave(r *req) {
	if !r.parseForm() {
		return
	}
	d := codesData{List: r.FormValue("list"), Form: catalog.Code{Code: strings.TrimSpace(r.FormValue("code")),
		NameZH: r.FormValue("name_zh"), NameEN: r.FormValue("name_en"), Branch: r.FormValue("branch"), Kind: r.FormValue("kind")}}
	if !validCodeList(d.List) {
		d.Error, d.List = r.T("error.code_list_unknown", "List", d.List), "" // shown above the lists
		s.renderCodes(r, http.StatusUnprocessableEntity, d)
		return
	}
	if err := s.catalog.SaveCode(r.Context(), r.Actor(), catalog.CodeList(d.List), d.Form); err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		d.Error = r.catalogError(err)
		s.renderCodes(r, formStatus(err), d)
		return
	}
	r.redirect("/staff/catalog/codes?done=flash.code_saved#" + d.List)
}

func validCodeList(l string) bool {
	switch catalog.CodeList(l) {
	case catalog.Branches, catalog.Locations, catalog.Collections, catalog.ItemTypes:
		return true
	}
	return false
}
