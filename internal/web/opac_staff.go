package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/opac"
	"lantai.dev/lantai/internal/search"
)

// The staff screens of the recommended reading lists 推荐书目
// (/staff/opac/lists, opac.manage): the lists, and one list's titles,
// publication and entries, with a search of the catalogue to add from.

// staffListsData is the page of all lists with the form for a new one.
type staffListsData struct {
	Lists []opac.List
	Form  opac.ListInput
	Error string
	Field string // the form field at fault
}

// opacLists shows every list and the form to start one.
func (s *Server) opacLists(r *req) { s.renderOpacLists(r, http.StatusOK, staffListsData{}) }

func (s *Server) renderOpacLists(r *req, status int, d staffListsData) {
	var err error
	if d.Lists, err = s.opac.Lists(r.Context(), r.Actor()); err != nil {
		r.fail(err)
		return
	}
	r.render(status, "opac_staff_lists", r.T("opac.staff.title"), d)
}

// listForm reads the titles and descriptions of a list from a form.
func listForm(r *req) opac.ListInput {
	return opac.ListInput{TitleZH: r.FormValue("title_zh"), TitleEN: r.FormValue("title_en"),
		DescriptionZH: r.FormValue("description_zh"), DescriptionEN: r.FormValue("description_en")}
}

// opacListCreate starts a list.
func (s *Server) opacListCreate(r *req) {
	if !r.parseForm() {
		return
	}
	in := listForm(r)
	l, err := s.opac.CreateList(r.Context(), r.Actor(), in)
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		s.renderOpacLists(r, formStatus(err), staffListsData{Form: in, Error: r.s.tr.Error(r.Locale, err), Field: errField(err)})
		return
	}
	r.redirect("/staff/opac/lists/" + itoa(l.ID) + "?done=flash.list_created")
}

// staffListData is the page of one list.
type staffListData struct {
	List opac.List
	Form opac.ListInput
	// Error is the message of the form that failed, Section names it
	// (details, add, entry, delete) and Field its field; Entry is the
	// record of an entry's form that failed.
	Error, Section, Field string
	Entry                 int64
	AddRecord, AddNote    string
	// Query finds records to add: Found are its first hits.
	Query      string
	QueryError string
	Found      []search.Hit
	FoundTotal int
	OnList     map[int64]bool
}

// opacList shows one list for editing; ?q= searches the catalogue for
// records to add.
func (s *Server) opacList(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderOpacList(r, http.StatusOK, id, staffListData{Query: strings.TrimSpace(r.URL.Query().Get("q"))})
}

func (s *Server) renderOpacList(r *req, status int, id int64, d staffListData) {
	var err error
	if d.List, err = s.opac.List(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	if d.Section != "details" {
		d.Form = opac.ListInput{TitleZH: d.List.TitleZH, TitleEN: d.List.TitleEN, DescriptionZH: d.List.DescriptionZH, DescriptionEN: d.List.DescriptionEN}
	}
	d.OnList = map[int64]bool{}
	for _, e := range d.List.Entries {
		d.OnList[e.RecordID], d.OnList[e.Record.ID] = true, true
	}
	if d.Query != "" {
		res, err := s.search.Search(r.Context(), searchState{Q: d.Query, Page: 1}.request(10, false))
		switch {
		case err == nil:
			d.Found, d.FoundTotal = res.Hits, res.Total
		case isFormError(err):
			d.QueryError = s.tr.Error(r.Locale, err)
		default:
			r.fail(err)
			return
		}
	}
	r.render(status, "opac_staff_list", d.List.Title(r.Locale), d)
}

// listFailed answers a form of a list's page that the service refused: a
// mistake in the form shows the page again with the message; anything else
// (the list is gone, not allowed, an internal error) gets the error page.
func (s *Server) listFailed(r *req, id int64, err error, d staffListData) {
	if !isFormError(err) || errKey(err) == "error.list_not_found" {
		r.fail(err)
		return
	}
	d.Error, d.Field = s.tr.Error(r.Locale, err), errField(err)
	s.renderOpacList(r, formStatus(err), id, d)
}

// opacListUpdate saves a list's titles and descriptions.
func (s *Server) opacListUpdate(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	in := listForm(r)
	if _, err := s.opac.UpdateList(r.Context(), r.Actor(), id, in); err != nil {
		s.listFailed(r, id, err, staffListData{Section: "details", Form: in})
		return
	}
	r.redirect("/staff/opac/lists/" + itoa(id) + "?done=flash.list_saved")
}

// opacListPublish publishes a list (published=1) or takes it back.
func (s *Server) opacListPublish(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	pub := r.FormValue("published") == "1"
	if _, err := s.opac.Publish(r.Context(), r.Actor(), id, pub); err != nil {
		r.fail(err)
		return
	}
	done := "flash.list_unpublished"
	if pub {
		done = "flash.list_published"
	}
	r.redirect("/staff/opac/lists/" + itoa(id) + "?done=" + done)
}

// opacListDelete deletes a list once confirmed.
func (s *Server) opacListDelete(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	if r.FormValue("confirm") == "" {
		s.renderOpacList(r, http.StatusUnprocessableEntity, id, staffListData{Section: "delete", Error: r.T("error.delete_confirm")})
		return
	}
	if err := s.opac.DeleteList(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	r.redirect("/staff/opac/lists?done=flash.list_deleted")
}

// opacEntryAdd puts a record on a list: its number, or its address
// (…/record/123) pasted from the public catalogue.
func (s *Server) opacEntryAdd(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	d := staffListData{Section: "add", AddRecord: r.FormValue("record"), AddNote: r.FormValue("note"), Query: r.FormValue("q")}
	rec, ok := recordNumber(d.AddRecord)
	if !ok {
		d.Error, d.Field = r.T("error.list_record_number", "Value", d.AddRecord), "record"
		s.renderOpacList(r, http.StatusUnprocessableEntity, id, d)
		return
	}
	if _, err := s.opac.AddEntry(r.Context(), r.Actor(), id, rec, d.AddNote); err != nil {
		s.listFailed(r, id, err, d)
		return
	}
	back := "/staff/opac/lists/" + itoa(id) + "?done=flash.entry_added"
	if d.Query != "" {
		back += "&q=" + url.QueryEscape(d.Query)
	}
	r.redirect(back + "#entries")
}

// recordNumber reads a record number typed or pasted: "123", "#123",
// "/record/123" or a whole address.
func recordNumber(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "/record/"); i >= 0 {
		s = s[i+len("/record/"):]
	}
	s = strings.TrimPrefix(s, "#")
	if i := strings.IndexAny(s, "?#/"); i >= 0 {
		s = s[:i]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// opacEntryChange changes an entry of a list: action save (its note), up,
// down or remove.
func (s *Server) opacEntryChange(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	rec, ok := r.pathID("record")
	if !ok {
		return
	}
	ctx, a := r.Context(), r.Actor()
	var err error
	var done string
	switch r.FormValue("action") {
	case "up", "down":
		var l opac.List
		if l, err = s.opac.List(ctx, a, id); err == nil {
			pos := 0
			for _, e := range l.Entries {
				if e.RecordID == rec {
					pos = e.Position
				}
			}
			if pos == 0 {
				err = apperr.New(apperr.NotFound, "error.list_entry_not_found", "ID", rec)
			} else if r.FormValue("action") == "up" {
				_, err = s.opac.MoveEntry(ctx, a, id, rec, pos-1)
			} else {
				_, err = s.opac.MoveEntry(ctx, a, id, rec, pos+1)
			}
		}
		done = "flash.entry_moved"
	case "remove":
		_, err = s.opac.RemoveEntry(ctx, a, id, rec)
		done = "flash.entry_removed"
	case "save":
		_, err = s.opac.SetEntryNote(ctx, a, id, rec, r.FormValue("note"))
		done = "flash.entry_saved"
	default:
		err = apperr.New(apperr.Invalid, "error.form_invalid")
	}
	if err != nil {
		s.listFailed(r, id, err, staffListData{Section: "entry", Entry: rec})
		return
	}
	anchor := "#entry-" + itoa(rec)
	if done == "flash.entry_removed" {
		anchor = "#entries"
	}
	r.redirect("/staff/opac/lists/" + itoa(id) + "?done=" + done + anchor)
}

// errField is the form field a domain error names.
func errField(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Field
	}
	return ""
}

// errKey is the translation key of a domain error.
func errKey(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Key
	}
	return ""
}
