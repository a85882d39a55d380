package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
)

// editorData is the MARC editor: the leader and the rows, the problems found
// in them, and the duplicate check of what is being saved.
type editorData struct {
	Record    *catalog.Record // the record being edited; nil for a new one
	Version   int             // the version the cataloguer started from
	Skeleton  string          // the skeleton a new record started from
	Skeletons []skeleton
	Leader    string
	Rows      []marcRow
	// Problems lists every mistake in the form, each with the id of the
	// input it concerns.
	Problems []editorProblem
	Error    string // the catalogue's refusal
	Conflict bool   // someone else saved the record meanwhile
	// Checked says the duplicate check ran on the rows shown; Duplicates is
	// what it found. DupOK is the "save anyway" tick.
	Checked    bool
	Duplicates []catalog.Duplicate
	DupOK      bool
}

type editorProblem struct {
	Anchor, Message string
}

// Action is where the editor posts.
func (d editorData) Action() string {
	if d.Record != nil {
		return "/staff/catalog/records/" + itoa(d.Record.ID) + "/edit"
	}
	return "/staff/catalog/records/new"
}

// RowCount is the number of rows the form posts.
func (d editorData) RowCount() int { return len(d.Rows) }

// emptyRowsShown is how many empty rows the editor offers for new fields,
// and how many more the "more rows" button adds.
const emptyRowsShown = 5

// recordNew opens the editor on a skeleton (?template=cnmarc_book), with an
// ISBN filled in when one is given (?isbn=, from the duplicate check).
func (s *Server) recordNew(r *req) {
	sk := skeletonByCode(r.URL.Query().Get("template"))
	rows := sk.rows(time.Now().In(s.cfg.Zone))
	if n := strings.TrimSpace(r.URL.Query().Get("isbn")); n != "" {
		for i := range rows {
			if rows[i].Tag == sk.ISBNTag {
				rows[i].Data = "$a " + strings.ReplaceAll(n, "$", "$$") + strings.TrimPrefix(rows[i].Data, "$a ")
				break
			}
		}
	}
	d := editorData{Skeleton: sk.Code, Leader: sk.Leader, Rows: emptyRows(rows, emptyRowsShown)}
	s.renderEditor(r, 200, d)
}

// recordEdit opens the editor on a stored record, with its duplicate check.
func (s *Server) recordEdit(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	rec, err := s.catalog.GetRecord(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	m, err := rec.Parse()
	if err != nil {
		r.fail(err)
		return
	}
	d := editorData{Record: &rec, Version: rec.Version, Leader: m.Leader.String(), Rows: emptyRows(rowsFromRecord(m), emptyRowsShown)}
	if d.Duplicates, err = s.catalog.FindDuplicates(r.Context(), r.Actor(), m, id); err == nil {
		d.Checked = true
	} else if !isFormError(err) {
		r.fail(err)
		return
	}
	s.renderEditor(r, 200, d)
}

// recordCreate handles the new-record editor's buttons.
func (s *Server) recordCreate(r *req) {
	s.editorPost(r, nil)
}

// recordUpdate handles the editor's buttons for a stored record.
func (s *Server) recordUpdate(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	rec, err := s.catalog.GetRecord(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	s.editorPost(r, &rec)
}

// editorPost answers the editor's three buttons: "more rows" re-renders
// with more empty rows; "check" validates and runs the duplicate check;
// "save" validates, runs the duplicate check — a possible duplicate is shown
// and needs the "save anyway" tick — and saves.
func (s *Server) editorPost(r *req, rec *catalog.Record) {
	if !r.parseForm() {
		return
	}
	d := editorData{Record: rec, Skeleton: r.FormValue("template"), Leader: r.FormValue("leader"),
		Rows: rowsFromForm(r.Form), DupOK: r.FormValue("dup_ok") != ""}
	d.Version, _ = strconv.Atoi(r.FormValue("version"))
	action := r.FormValue("action")
	if action == "more" {
		d.Rows = emptyRows(d.Rows, emptyRowsShown)
		s.renderEditor(r, 200, d)
		return
	}
	m, probs := buildRecord(d.Leader, d.Rows)
	if len(probs) > 0 {
		for _, p := range probs {
			msg := r.T(p.Key, p.Args...)
			anchor := "leader"
			if p.Row > 0 {
				d.Rows[p.Row-1].Errs = append(d.Rows[p.Row-1].Errs, msg)
				anchor = "tag-" + strconv.Itoa(p.Row-1)
			}
			d.Problems = append(d.Problems, editorProblem{Anchor: anchor, Message: msg})
		}
		s.renderEditor(r, http.StatusUnprocessableEntity, d)
		return
	}
	var exclude int64
	if rec != nil {
		exclude = rec.ID
	}
	dups, err := s.catalog.FindDuplicates(r.Context(), r.Actor(), m, exclude)
	if err != nil {
		s.editorError(r, d, err)
		return
	}
	d.Checked, d.Duplicates = true, dups
	if action == "check" {
		s.renderEditor(r, 200, d)
		return
	}
	if len(dups) > 0 && !d.DupOK {
		s.renderEditor(r, http.StatusConflict, d)
		return
	}
	var saved catalog.Record
	done := "flash.record_saved"
	if rec == nil {
		saved, err = s.catalog.CreateRecord(r.Context(), r.Actor(), m)
		done = "flash.record_created"
	} else {
		saved, err = s.catalog.UpdateRecord(r.Context(), r.Actor(), rec.ID, m, d.Version)
	}
	if err != nil {
		s.editorError(r, d, err)
		return
	}
	r.redirect("/staff/catalog/records/" + itoa(saved.ID) + "?done=" + done)
}

// editorError shows the catalogue's refusal above the form the cataloguer
// typed; a version conflict offers to reload the record.
func (s *Server) editorError(r *req, d editorData, err error) {
	if !isFormError(err) {
		r.fail(err)
		return
	}
	d.Error = r.catalogError(err)
	d.Conflict = apperr.Is(err, apperr.Conflict) && d.Record != nil
	d.Checked = false
	s.renderEditor(r, formStatus(err), d)
}

func (s *Server) renderEditor(r *req, status int, d editorData) {
	d.Skeletons = skeletons
	for i := range d.Rows {
		d.Rows[i].I, d.Rows[i].N = i, i+1
	}
	title := r.T("catalog.editor.new_title")
	if d.Record != nil {
		title = r.T("catalog.editor.edit_title", "Title", d.Record.Title)
	}
	r.render(status, "catalog_editor", title, d)
}
