package web

import (
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/readers"
)

// The reader categories 读者类别 (/staff/circ/categories): 本科生, 研究生,
// 教职工 … — the loan rules and limits are set per category. Whoever reads
// the loan rules sees them (circViewPerms); circ.rules adds, renames,
// reorders, deactivates (an inactive category keeps its readers but takes
// no new ones) and deletes those no reader belongs to.

// circCategoriesData is the categories' page and a category's page.
type circCategoriesData struct {
	List      []readers.Category
	CanEdit   bool
	Category  readers.Category
	Fieldsets []circFieldset
	Error     string
}

var (
	categoryTextFields  = []string{"code", "name_zh", "name_en", "sort", "notes"}
	categoryCheckFields = []string{"active"}
)

func categoryFormOf(c readers.Category) circForm {
	f := newCircForm()
	v := f.Values
	v["code"], v["name_zh"], v["name_en"], v["notes"] = c.Code, c.NameZH, c.NameEN, c.Notes
	v["sort"], v["active"] = strconv.Itoa(c.Sort), checkText(c.Active)
	return f
}

func parseCategoryForm(r *req) (readers.Category, circForm) {
	f := newCircForm()
	f.readValues(r, categoryTextFields, categoryCheckFields)
	v := f.Values
	c := readers.Category{Code: v["code"], NameZH: v["name_zh"], NameEN: v["name_en"], Notes: v["notes"], Active: v["active"] != ""}
	c.Sort = f.int(r, "sort", 0)
	return c, f
}

func categoryFieldsets(r *req, f circForm, isNew bool) []circFieldset {
	const prefix = "circ.category."
	fd := func(name, kind string) circField { return f.field(r, prefix, name, kind) }
	var fields []circField
	if isNew {
		code := fd("code", "text")
		code.Required = true
		fields = append(fields, code)
	}
	zh, en := fd("name_zh", "text"), fd("name_en", "text")
	zh.Required, en.Required = true, true
	fields = append(fields, zh, en, fd("sort", "int"), fd("active", "check"), fd("notes", "textarea"))
	return []circFieldset{{Legend: r.T("circ.category.group"), Fields: fields}}
}

// circCategories lists the categories with the form for a new one.
func (s *Server) circCategories(r *req) {
	if !r.circView() {
		return
	}
	f := newCircForm()
	f.Values["active"], f.Values["sort"] = "1", ""
	s.renderCategories(r, http.StatusOK, f)
}

func (s *Server) renderCategories(r *req, status int, f circForm) {
	d := circCategoriesData{CanEdit: r.Actor().Can(auth.PermCircRules), Error: f.summary(r), Fieldsets: categoryFieldsets(r, f, true)}
	var err error
	if d.List, err = s.readers.Categories(r.Context(), true); err != nil {
		r.fail(err)
		return
	}
	r.render(status, "circ_categories", r.T("circ.categories.title"), d)
}

// circCategoryCreate adds a category.
func (s *Server) circCategoryCreate(r *req) {
	if !r.parseForm() {
		return
	}
	c, f := parseCategoryForm(r)
	if f.failed() {
		s.renderCategories(r, http.StatusUnprocessableEntity, f)
		return
	}
	c, err := s.readers.CreateCategory(r.Context(), r.Actor(), c)
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		r.circErrorIn(&f, err, "circ.category.", fieldMap(nil))
		s.renderCategories(r, formStatus(err), f)
		return
	}
	r.redirect("/staff/circ/categories?done=flash.category_created#category-" + c.Code)
}

// category finds a category by the code in the path.
func (s *Server) category(r *req) (readers.Category, bool) {
	code := strings.ToLower(strings.TrimSpace(r.PathValue("code")))
	list, err := s.readers.Categories(r.Context(), true)
	if err != nil {
		r.fail(err)
		return readers.Category{}, false
	}
	for _, c := range list {
		if c.Code == code {
			return c, true
		}
	}
	r.fail(apperr.New(apperr.NotFound, "error.reader_category_unknown", "Code", code))
	return readers.Category{}, false
}

// circCategory shows a category for changing.
func (s *Server) circCategory(r *req) {
	if !r.circView() {
		return
	}
	c, ok := s.category(r)
	if !ok {
		return
	}
	s.renderCategory(r, http.StatusOK, c, categoryFormOf(c))
}

func (s *Server) renderCategory(r *req, status int, c readers.Category, f circForm) {
	d := circCategoriesData{Category: c, CanEdit: r.Actor().Can(auth.PermCircRules), Error: f.summary(r), Fieldsets: categoryFieldsets(r, f, false)}
	r.render(status, "circ_category", r.T("circ.category.title", "Name", c.Name(r.Locale), "Code", c.Code), d)
}

// circCategoryUpdate changes a category.
func (s *Server) circCategoryUpdate(r *req) {
	if !r.parseForm() {
		return
	}
	cur, ok := s.category(r)
	if !ok {
		return
	}
	c, f := parseCategoryForm(r)
	c.Code = cur.Code
	if f.failed() {
		s.renderCategory(r, http.StatusUnprocessableEntity, cur, f)
		return
	}
	if _, err := s.readers.UpdateCategory(r.Context(), r.Actor(), c); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) {
			r.fail(err)
			return
		}
		r.circErrorIn(&f, err, "circ.category.", fieldMap(nil))
		s.renderCategory(r, formStatus(err), cur, f)
		return
	}
	r.redirect("/staff/circ/categories?done=flash.category_saved#category-" + cur.Code)
}

// circCategoryDelete deletes a category no reader belongs to.
func (s *Server) circCategoryDelete(r *req) {
	if err := s.readers.DeleteCategory(r.Context(), r.Actor(), r.PathValue("code")); err != nil {
		r.fail(err)
		return
	}
	r.redirect("/staff/circ/categories?done=flash.category_deleted")
}
