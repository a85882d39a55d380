package web

import (
	"fmt"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
)

// exportDownload streams the catalogue's MARC as a download:
// ?format=iso2709|marcxml|json&since=YYYY-MM-DD.
func (s *Server) exportDownload(r *req) {
	var since time.Time
	if v := r.URL.Query().Get("since"); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, s.cfg.Zone)
		if err != nil {
			r.fail(apperr.New(apperr.Invalid, "error.date_invalid", "Field", r.T("export.since"), "Value", v))
			return
		}
		since = t
	}
	format := r.URL.Query().Get("format")
	w, err := catalog.NewMARCWriter(r.w, format)
	if err != nil {
		r.fail(apperr.New(apperr.Invalid, "error.import_option", "Option", "format", "Value", format))
		return
	}
	_, started, err := s.catalog.ExportTo(r.Context(), r.Actor(), since, w, func() {
		r.w.Header().Set("Content-Type", w.ContentType)
		r.w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="lantai-%s.%s"`, time.Now().In(s.cfg.Zone).Format("20060102"), w.Ext))
	})
	if err != nil && !started {
		r.fail(err)
		return
	}
	if err != nil {
		s.log.Error("export failed midway", "err", err)
	}
}
