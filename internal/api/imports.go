package api

import (
	"net/http"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/marc"
)

// maxImport bounds the size of an uploaded MARC file.
const maxImport = 2 << 30

type importFailure struct {
	Record int    `json:"record"`
	Reason string `json:"reason"`
}

// importRecords imports the MARC file that is the request body (ISO 2709,
// MARCXML or MARC-in-JSON), with the options as query parameters, and
// answers the summary with every failure's record number and reason.
func (s *Server) importRecords(c *call) (int, any, error) {
	q := c.URL.Query()
	policy, err := catalog.ParseDuplicatePolicy(q.Get("on_duplicate"))
	if err != nil {
		return 0, nil, apperr.New(apperr.Invalid, "error.import_option", "Option", "on_duplicate", "Value", q.Get("on_duplicate")).WithField("on_duplicate")
	}
	holdings, err := catalog.ParseHoldingsField(q.Get("items_from"))
	if err != nil {
		return 0, nil, apperr.New(apperr.Invalid, "error.import_option", "Option", "items_from", "Value", q.Get("items_from")).WithField("items_from")
	}
	body := http.MaxBytesReader(nil, c.Body, maxImport)
	rr, _, err := catalog.OpenMARC(body, q.Get("format"), q.Get("encoding"))
	if err != nil {
		return 0, nil, apperr.New(apperr.Invalid, "error.import_option", "Option", "format/encoding", "Value", err.Error()).WithField("format")
	}
	sum, err := s.catalog.Import(c.Context(), c.actor, rr, catalog.ImportOptions{OnDuplicate: policy, ItemsFrom: holdings,
		Location: q.Get("location"), Collection: q.Get("collection"), ItemType: q.Get("item_type"), Source: "api:" + q.Get("name")}, nil)
	if err != nil {
		return 0, nil, err
	}
	failures := make([]importFailure, 0, len(sum.Failures))
	for _, f := range sum.Failures {
		failures = append(failures, importFailure{Record: f.Record, Reason: s.failureReason(c.locale, f.Err)})
	}
	return http.StatusOK, map[string]any{"summary": sum.ImportProgress, "failures": failures, "elapsed_ms": sum.Elapsed.Milliseconds()}, nil
}

// failureReason explains a failed record: a reading problem as the reader
// put it, a domain error in the caller's language; an internal error is
// logged and named only generically.
func (s *Server) failureReason(locale string, err error) string {
	if pe, ok := err.(*marc.ParseError); ok {
		return pe.Error()
	}
	if _, ok := apperr.As(err); !ok {
		s.log.Error("import record failed", "err", err)
	}
	return s.tr.Error(locale, err)
}

// exportRecords streams the catalogue's MARC: ?format=iso2709|marcxml|json
// and ?since=RFC 3339 time.
func (s *Server) exportRecords(c *call, w http.ResponseWriter) error {
	q := c.URL.Query()
	var since time.Time
	if v := q.Get("since"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return apperr.New(apperr.Invalid, "error.date_invalid", "Field", "since", "Value", v).WithField("since")
		}
		since = t
	}
	format := q.Get("format")
	mw, err := catalog.NewMARCWriter(w, format)
	if err != nil {
		return apperr.New(apperr.Invalid, "error.import_option", "Option", "format", "Value", format).WithField("format")
	}
	_, started, err := s.catalog.ExportTo(c.Context(), c.actor, since, mw, func() { w.Header().Set("Content-Type", mw.ContentType) })
	if err != nil && !started {
		return err
	}
	if err != nil {
		// The answer has begun; the client sees a truncated stream.
		s.log.Error("export failed midway", "err", err)
	}
	return nil
}
