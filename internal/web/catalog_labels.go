package web

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/catalog/labels"
)

// labelsData is the label printing form (技术加工): the scanned barcodes,
// spine or barcode labels, the label stock and where on the first sheet to
// start.
type labelsData struct {
	Barcodes, Kind, Sheet, Start, Library string
	Borders                               bool
	Sheets                                []sheetChoice
	Error                                 string
	ErrField                              string
}

// sheetChoice is a label stock offered in the form.
type sheetChoice struct {
	Name, Description string
	PerPage           int
}

// labelsForm shows the label printing form.
func (s *Server) labelsForm(r *req) {
	s.renderLabels(r, http.StatusOK, labelsData{Kind: "spine", Sheet: "a4-5x13", Start: "1"})
}

func (s *Server) renderLabels(r *req, status int, d labelsData) {
	for _, name := range labels.Presets() {
		sh, err := labels.Preset(name)
		if err != nil {
			continue
		}
		desc := sh.Description
		if key := "label_sheet." + name; s.tr.Has(r.Locale, key) {
			desc = r.T(key)
		}
		d.Sheets = append(d.Sheets, sheetChoice{Name: name, Description: desc, PerPage: sh.PerPage()})
	}
	r.render(status, "catalog_labels", r.T("catalog.labels.title"), d)
}

// labelsPrint answers with the PDF of the labels of the scanned items.
func (s *Server) labelsPrint(r *req) {
	if !r.parseForm() {
		return
	}
	d := labelsData{Barcodes: r.FormValue("barcodes"), Kind: r.FormValue("kind"), Sheet: r.FormValue("sheet"),
		Start: strings.TrimSpace(r.FormValue("start")), Library: strings.TrimSpace(r.FormValue("library")), Borders: r.FormValue("borders") != ""}
	fail := func(field, msg string) {
		d.Error, d.ErrField = msg, field
		s.renderLabels(r, http.StatusUnprocessableEntity, d)
	}
	sheet, err := labels.Preset(d.Sheet)
	if err != nil {
		fail("sheet", r.T("error.label_sheet", "Sheet", d.Sheet))
		return
	}
	start := 1
	if d.Start != "" {
		start, err = strconv.Atoi(d.Start)
		if err != nil || start < 1 || start > sheet.PerPage() {
			fail("start", r.T("error.label_start", "Value", d.Start, "Max", sheet.PerPage()))
			return
		}
	}
	barcodes := splitBarcodes(d.Barcodes)
	if len(barcodes) == 0 {
		fail("barcodes", r.T("error.labels_empty"))
		return
	}
	if d.Kind != "spine" && d.Kind != "barcode" {
		fail("kind", r.T("error.label_kind"))
		return
	}
	items := make([]catalog.Item, 0, len(barcodes))
	titles := map[int64]string{}
	for _, bc := range barcodes {
		it, err := s.catalog.GetItemByBarcode(r.Context(), r.Actor(), bc)
		if err != nil {
			if !isFormError(err) {
				r.fail(err)
				return
			}
			fail("barcodes", r.catalogError(err))
			return
		}
		if it.CallNumber == "" && d.Kind == "spine" {
			fail("barcodes", r.T("error.label_no_call_number", "Barcode", bc))
			return
		}
		if _, ok := titles[it.RecordID]; !ok {
			rec, err := s.catalog.GetRecord(r.Context(), r.Actor(), it.RecordID)
			if err != nil {
				r.fail(err)
				return
			}
			titles[it.RecordID] = rec.Title
		}
		items = append(items, it)
	}
	var buf bytes.Buffer
	opts := labels.Options{Skip: start - 1, Borders: d.Borders}
	if d.Kind == "spine" {
		spines := make([]labels.SpineLabel, 0, len(items))
		for _, it := range items {
			l, err := labels.ParseSpine(it.CallNumber)
			if err != nil {
				fail("barcodes", r.T("error.label_failed", "Barcode", it.Barcode))
				return
			}
			spines = append(spines, l)
		}
		err = labels.Spine(&buf, sheet, spines, opts)
	} else {
		bl := make([]labels.BarcodeLabel, 0, len(items))
		for _, it := range items {
			bl = append(bl, labels.BarcodeLabel{Barcode: it.Barcode, Title: titles[it.RecordID], Library: d.Library, CallNumber: it.CallNumber})
		}
		err = labels.Barcodes(&buf, sheet, bl, opts)
	}
	var le *labels.LabelError
	switch {
	case errors.As(err, &le) && le.Index >= 0 && le.Index < len(items):
		fail("barcodes", r.T("error.label_failed", "Barcode", items[le.Index].Barcode))
		return
	case errors.Is(err, labels.ErrFontNotFound):
		fail("", r.T("error.label_font"))
		return
	case err != nil:
		r.fail(err)
		return
	}
	r.w.Header().Set("Content-Type", "application/pdf")
	r.w.Header().Set("Content-Disposition", `inline; filename="`+d.Kind+`-labels.pdf"`)
	r.w.Header().Set("Cache-Control", "no-store")
	r.w.Write(buf.Bytes())
}
