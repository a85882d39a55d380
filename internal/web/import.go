package web

import (
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
)

// maxUpload bounds an uploaded MARC file.
const maxUpload = 2 << 30

type importData struct {
	Jobs      []catalog.ImportJob
	Options   catalog.ImportJobOptions
	Locations []catalog.Code
	Error     string
}

// importPage shows the upload form and recent import jobs.
func (s *Server) importPage(r *req) {
	s.renderImport(r, http.StatusOK, importData{Options: catalog.ImportJobOptions{OnDuplicate: catalog.DuplicateSkip, ItemsFrom: catalog.HoldingsNone}})
}

func (s *Server) renderImport(r *req, status int, d importData) {
	jobs, err := s.catalog.ImportJobs(r.Context(), r.Actor(), 20)
	if err != nil {
		r.fail(err)
		return
	}
	d.Jobs = jobs
	if d.Locations, err = s.catalog.Codes(r.Context(), catalog.Locations); err != nil {
		r.fail(err)
		return
	}
	r.render(status, "import", r.T("import.title"), d)
}

// importUpload streams the uploaded file to a temporary file (never into
// memory) and starts an import job, then shows its progress page.
func (s *Server) importUpload(r *req) {
	mr, err := r.MultipartReader()
	if err != nil {
		r.fail(apperr.New(apperr.Invalid, "error.form_invalid"))
		return
	}
	r.Body = http.MaxBytesReader(r.w, r.Body, maxUpload)
	opt := catalog.ImportJobOptions{}
	var tmp *os.File
	var name string
	var size int64
	defer func() {
		if tmp != nil && name == "" {
			os.Remove(tmp.Name())
		}
	}()
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			r.fail(apperr.New(apperr.Invalid, "error.upload_failed"))
			return
		}
		switch part.FormName() {
		case "file":
			tmp, err = os.CreateTemp("", "lantai-import-*.mrc")
			if err != nil {
				r.fail(err)
				return
			}
			size, err = io.Copy(tmp, part)
			tmp.Close()
			if err != nil {
				r.fail(apperr.New(apperr.Invalid, "error.upload_failed"))
				return
			}
			name = filepath.Base(part.FileName())
		default:
			v, _ := io.ReadAll(io.LimitReader(part, 256))
			setImportOption(&opt, part.FormName(), string(v))
		}
	}
	if tmp == nil || size == 0 {
		name = ""
		s.renderImport(r, http.StatusUnprocessableEntity, importData{Options: opt, Error: r.T("error.upload_empty")})
		return
	}
	path := tmp.Name()
	job, err := s.catalog.StartImportJob(r.Context(), r.Actor(), name, size, opt,
		func() (io.ReadCloser, error) { return os.Open(path) }, func() { os.Remove(path) })
	if err != nil {
		os.Remove(path)
		if _, ok := apperr.As(err); ok {
			s.renderImport(r, http.StatusUnprocessableEntity, importData{Options: opt, Error: s.tr.Error(r.Locale, err)})
			return
		}
		r.fail(err)
		return
	}
	r.redirect("/staff/catalog/import/" + strconv.FormatInt(job.ID, 10))
}

func setImportOption(o *catalog.ImportJobOptions, name, v string) {
	switch name {
	case "format":
		o.Format = v
	case "encoding":
		o.Encoding = v
	case "on_duplicate":
		o.OnDuplicate = catalog.DuplicatePolicy(v)
	case "items_from":
		o.ItemsFrom = catalog.HoldingsField(v)
	case "location":
		o.Location = v
	}
}

type jobData struct {
	Job      catalog.ImportJob
	Failures []jobFailureView
}

type jobFailureView struct {
	Record int
	Reason string
}

// importJob shows a job's progress, reloading itself while it runs.
func (s *Server) importJob(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	job, err := s.catalog.GetImportJob(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	d := jobData{Job: job}
	for _, f := range job.Failures {
		reason := f.Text
		if f.Key != "" {
			reason = s.tr.T(r.Locale, f.Key, f.Args)
		}
		d.Failures = append(d.Failures, jobFailureView{f.Record, reason})
	}
	if job.Status == "running" {
		r.refresh = 2
	}
	r.render(http.StatusOK, "import_job", r.T("import.job_title", "ID", job.ID), d)
}
