package web

import (
	"strconv"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/marc"
)

// recordData is the record page: the derived fields, the MARC, the items,
// the earlier versions and the records that look like duplicates of it.
type recordData struct {
	Record     catalog.Record
	MARC       *marc.Record // nil when the stored MARC cannot be read
	Lines      string       // the MARC in line format
	Items      []catalog.Item
	Versions   []versionView
	Duplicates []catalog.Duplicate
	// Class is the check of the record's class number against the loaded
	// classification table (nil when the record has none).
	Class    *catalog.ClassCheck
	Codes    codeBook
	MergeIDs string
	Error    string
}

// versionView is an earlier version of a record with its MARC as lines.
type versionView struct {
	catalog.RecordVersion
	Lines string
}

// Ind shows a blank indicator as "#", the way cataloguing rules print it.
func (c catalogText) Ind(s string) string {
	if s == " " || s == "" {
		return "#"
	}
	return s
}

// record shows one bibliographic record.
func (s *Server) record(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderRecord(r, 200, id, recordData{})
}

func (s *Server) renderRecord(r *req, status int, id int64, d recordData) {
	ctx, a := r.Context(), r.Actor()
	var err error
	if d.Record, err = s.catalog.GetRecord(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.MARC, err = d.Record.Parse(); err == nil {
		d.Lines = d.MARC.String()
		if d.Duplicates, err = s.catalog.FindDuplicates(ctx, a, d.MARC, id); err != nil && !isFormError(err) {
			r.fail(err)
			return
		}
	} else {
		d.MARC = nil
	}
	if d.Record.Class != "" {
		if c, err := s.catalog.CheckClass(ctx, a, d.Record.Class); err == nil {
			d.Class = &c
		}
	}
	if d.Items, err = s.catalog.RecordItems(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	versions, err := s.catalog.RecordVersions(ctx, a, id)
	if err != nil {
		r.fail(err)
		return
	}
	for _, v := range versions {
		vv := versionView{RecordVersion: v}
		if m, err := marc.Unmarshal(v.MARC); err == nil {
			vv.Lines = m.String()
		}
		d.Versions = append(d.Versions, vv)
	}
	if d.Codes, err = s.loadCodes(ctx, r.Locale); err != nil {
		r.fail(err)
		return
	}
	r.render(status, "catalog_record", d.Record.Title, d)
}

// recordMerge moves the items of other records into this one and deletes
// them (the repair for duplicates).
func (s *Server) recordMerge(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	d := recordData{MergeIDs: r.FormValue("others")}
	var others []int64
	for _, f := range splitBarcodes(d.MergeIDs) {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n <= 0 {
			d.Error = r.T("error.merge_ids", "Value", f)
			s.renderRecord(r, 422, id, d)
			return
		}
		others = append(others, n)
	}
	switch {
	case len(others) == 0:
		d.Error = r.T("error.merge_none")
	case r.FormValue("confirm") == "":
		d.Error = r.T("error.merge_confirm")
	}
	if d.Error != "" {
		s.renderRecord(r, 422, id, d)
		return
	}
	if _, err := s.catalog.MergeRecords(r.Context(), r.Actor(), id, others); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) && !recordExists(s, r, id) {
			r.fail(err)
			return
		}
		d.Error = r.catalogError(err)
		s.renderRecord(r, formStatus(err), id, d)
		return
	}
	r.redirect("/staff/catalog/records/" + itoa(id) + "?done=flash.records_merged")
}

// recordExists tells a missing record from a missing record named in a form.
func recordExists(s *Server, r *req, id int64) bool {
	_, err := s.catalog.GetRecord(r.Context(), r.Actor(), id)
	return err == nil
}

// recordDeleteForm asks to confirm deleting a record.
func (s *Server) recordDeleteForm(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderRecordDelete(r, 200, id, "")
}

type recordDeleteData struct {
	Record catalog.Record
	Items  int
	Error  string
}

func (s *Server) renderRecordDelete(r *req, status int, id int64, msg string) {
	rec, err := s.catalog.GetRecord(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	items, err := s.catalog.RecordItems(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	r.render(status, "catalog_record_delete", r.T("catalog.delete.title"), recordDeleteData{Record: rec, Items: len(items), Error: msg})
}

// recordDelete deletes a record with no items, once confirmed.
func (s *Server) recordDelete(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	if r.FormValue("confirm") == "" {
		s.renderRecordDelete(r, 422, id, r.T("error.delete_confirm"))
		return
	}
	if err := s.catalog.DeleteRecord(r.Context(), r.Actor(), id); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) {
			r.fail(err)
			return
		}
		s.renderRecordDelete(r, formStatus(err), id, r.catalogError(err))
		return
	}
	r.redirect("/staff/catalog?done=flash.record_deleted")
}
