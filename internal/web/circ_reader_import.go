package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"maps"
	"net/http"
	"path/filepath"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/readers"
)

// Batch registration 批量办证 (/staff/circ/readers/import): new students or
// staff from a CSV or XLSX file with a header row. The file is checked
// first — every row, nothing registered — and the rows that would be
// refused are listed with their line number and the reason; the good rows
// are then registered together, each with a new card, by a second button
// that sends the same file again (it travels in the page, so any server
// node can take the second step).

// circImportData is the batch registration page.
type circImportData struct {
	Fieldsets []circFieldset
	Error     string
	// Result is the outcome of a check or an import.
	Result *circImportResult
}

// circImportResult is what a check or an import found.
type circImportResult struct {
	Summary  readers.ImportSummary
	FileName string
	Rejected []circImportRow
	// Data is the file, base64, for the import after the check; with the
	// options checked.
	Data                            string
	DefaultCategory, DefaultExpires string
}

// circImportRow is a rejected row: its line, its card number, the field
// and the reason in the person's language.
type circImportRow struct {
	Line          int
	Card, Field   string
	Message, Code string
}

// circImportUpload is what was posted.
type circImportUpload struct {
	Data     []byte
	FileName string
	Mode     string // check or import
	Form     circForm
}

// circReaderImport shows the upload form.
func (s *Server) circReaderImport(r *req) {
	s.renderImportPage(r, http.StatusOK, newCircForm(), nil)
}

func (s *Server) renderImportPage(r *req, status int, f circForm, res *circImportResult) {
	cats, err := s.loadCategories(r.Context(), r.Locale)
	if err != nil {
		r.fail(err)
		return
	}
	const prefix = "circ.import."
	file := f.field(r, prefix, "file", "file")
	file.Accept, file.Required = ".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true
	cat := f.field(r, prefix, "default_category", "select")
	cat.Options = cats.choices(f.Values["default_category"], r.T("circ.import.no_default"))
	d := circImportData{Error: f.summary(r), Result: res,
		Fieldsets: []circFieldset{{Legend: r.T("circ.import.group"), Fields: []circField{file, cat, f.field(r, prefix, "default_expires", "date")}}}}
	r.render(status, "circ_reader_import", r.T("circ.import.title"), d)
}

// circReaderImportUpload checks the posted file, or registers its good
// rows.
func (s *Server) circReaderImportUpload(r *req) {
	up, err := readImportUpload(r)
	if err != nil {
		f := up.Form
		r.readerErrorIn(&f, err, "circ.import.", fieldMap(nil))
		s.renderImportPage(r, formStatus(err), f, nil)
		return
	}
	f := up.Form
	opts := readers.ImportOptions{DefaultCategory: f.Values["default_category"], DefaultExpires: f.Values["default_expires"],
		DryRun: up.Mode != "import", FileName: up.FileName}
	var sum readers.ImportSummary
	if bytes.HasPrefix(up.Data, []byte("PK\x03\x04")) {
		sum, err = s.readers.ImportXLSX(r.Context(), r.Actor(), bytes.NewReader(up.Data), opts)
	} else {
		sum, err = s.readers.ImportCSV(r.Context(), r.Actor(), bytes.NewReader(up.Data), opts)
	}
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		r.readerErrorIn(&f, err, "circ.import.", fieldMap(map[string]string{"file": "file", "default_expires": "default_expires"}))
		s.renderImportPage(r, formStatus(err), f, nil)
		return
	}
	res := &circImportResult{Summary: sum, FileName: up.FileName, DefaultCategory: opts.DefaultCategory, DefaultExpires: opts.DefaultExpires}
	for _, e := range sum.Rejected {
		e = maskRowError(e)
		row := circImportRow{Line: e.Line, Card: e.Card, Message: s.tr.Error(r.Locale, e.Err()), Code: e.Field}
		if e.Field != "" {
			row.Field = r.catName("circ.reader.", e.Field)
		}
		res.Rejected = append(res.Rejected, row)
	}
	if sum.DryRun && sum.Valid > 0 {
		res.Data = base64.StdEncoding.EncodeToString(up.Data)
	}
	s.renderImportPage(r, http.StatusOK, f, res)
}

// readImportUpload reads the multipart form: the file (or, for the import
// after a check, the file sent back as data) and the options.
func readImportUpload(r *req) (circImportUpload, error) {
	up := circImportUpload{Form: newCircForm(), Mode: "check"}
	for _, n := range []string{"file", "default_category", "default_expires"} {
		up.Form.Values[n] = ""
	}
	r.Body = http.MaxBytesReader(r.w, r.Body, 2*readers.MaxImportBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return up, apperr.New(apperr.Invalid, "error.upload_empty").WithField("file")
	}
	var encoded []byte
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return up, apperr.New(apperr.Invalid, "error.upload_failed").WithField("file")
		}
		switch name := part.FormName(); name {
		case "file":
			if part.FileName() == "" {
				continue
			}
			data, err := io.ReadAll(io.LimitReader(part, readers.MaxImportBytes+1))
			if err != nil {
				return up, apperr.New(apperr.Invalid, "error.upload_failed").WithField("file")
			}
			if len(data) > 0 {
				up.Data, up.FileName = data, filepath.Base(part.FileName())
			}
		case "data":
			if encoded, err = io.ReadAll(io.LimitReader(part, 2*readers.MaxImportBytes)); err != nil {
				return up, apperr.New(apperr.Invalid, "error.upload_failed").WithField("file")
			}
		default:
			v, _ := io.ReadAll(io.LimitReader(part, 512))
			switch name {
			case "mode":
				up.Mode = strings.TrimSpace(string(v))
			case "filename":
				if up.FileName == "" {
					up.FileName = filepath.Base(strings.TrimSpace(string(v)))
				}
			case "default_category", "default_expires":
				up.Form.Values[name] = strings.TrimSpace(string(v))
			}
		}
	}
	if up.Data == nil && len(encoded) > 0 {
		data, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(encoded)))
		if err != nil {
			return up, apperr.New(apperr.Invalid, "error.upload_failed").WithField("file")
		}
		up.Data = data
	}
	if len(up.Data) == 0 {
		return up, apperr.New(apperr.Invalid, "error.upload_empty").WithField("file")
	}
	if len(up.Data) > readers.MaxImportBytes {
		return up, apperr.New(apperr.Invalid, "error.import_too_large", "MaxMB", readers.MaxImportBytes>>20).WithField("file")
	}
	if ext := strings.ToLower(filepath.Ext(up.FileName)); ext == ".xls" || ext == ".et" {
		return up, apperr.New(apperr.Invalid, "error.import_xls").WithField("file")
	}
	return up, nil
}

// maskRowError masks the identity number a rejected row quotes.
func maskRowError(e readers.RowError) readers.RowError {
	if v, ok := e.Args["Value"].(string); ok && e.Field == "id_number" {
		e.Args = maps.Clone(e.Args)
		e.Args["Value"] = readers.MaskIDNumber(v)
	}
	return e
}
