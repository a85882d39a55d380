package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/marc"
)

// recordBody is a record as the API shows it: the derived fields and the
// MARC as MARC-in-JSON.
type recordBody struct {
	catalog.Record
	MARC *marc.Record `json:"marc"`
}

func toRecordBody(r catalog.Record) (recordBody, error) {
	m, err := r.Parse()
	if err != nil {
		return recordBody{}, err
	}
	return recordBody{Record: r, MARC: m}, nil
}

// marcInput is how a client sends a record: MARC-in-JSON in "marc", or a
// MARCXML record in "marcxml".
type marcInput struct {
	MARC    json.RawMessage `json:"marc"`
	MARCXML string          `json:"marcxml"`
	Version int             `json:"version"`
}

// marcBody reads the request body as a marcInput and its record.
func (c *call) marcBody() (*marc.Record, marcInput, error) {
	var in marcInput
	if err := c.decode(&in); err != nil {
		return nil, in, err
	}
	m, err := in.record()
	return m, in, err
}

// recordAnswer answers with a record and its MARC, or the error.
func recordAnswer(status int, r catalog.Record, err error) (int, any, error) {
	if err != nil {
		return 0, nil, err
	}
	body, err := toRecordBody(r)
	return status, body, err
}

func (in marcInput) record() (*marc.Record, error) {
	var rr marc.RecordReader
	switch {
	case len(in.MARC) > 0 && string(in.MARC) != "null":
		rr = marc.NewJSONReader(bytes.NewReader(in.MARC))
	case strings.TrimSpace(in.MARCXML) != "":
		rr = marc.NewXMLReader(strings.NewReader(in.MARCXML))
	default:
		return nil, apperr.New(apperr.Invalid, "error.field_required", "Field", "marc").WithField("marc")
	}
	m, err := rr.Next()
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "error.marc_invalid", "Reason", err.Error()).WithField("marc")
	}
	return m, nil
}

func (s *Server) listRecords(c *call) (int, any, error) {
	q := c.URL.Query()
	f := catalog.RecordFilter{ClassPfx: q.Get("class")}
	if v := q.Get("since"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return 0, nil, apperr.New(apperr.Invalid, "error.date_invalid", "Field", "since", "Value", v).WithField("since")
		}
		f.Since = t
	}
	var err error
	if f.AfterID, err = queryInt(q.Get("after"), "after"); err != nil {
		return 0, nil, err
	}
	limit, err := queryInt(q.Get("limit"), "limit")
	if err != nil {
		return 0, nil, err
	}
	f.Limit = int(limit)
	recs, err := s.catalog.ListRecords(c.Context(), c.actor, f)
	if err != nil {
		return 0, nil, err
	}
	if recs == nil {
		recs = []catalog.Record{}
	}
	return http.StatusOK, map[string]any{"records": recs}, nil
}

func queryInt(v, name string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, apperr.New(apperr.Invalid, "error.bad_id", "Value", v).WithField(name)
	}
	return n, nil
}

func (s *Server) createRecord(c *call) (int, any, error) {
	m, _, err := c.marcBody()
	if err != nil {
		return 0, nil, err
	}
	r, err := s.catalog.CreateRecord(c.Context(), c.actor, m)
	return recordAnswer(http.StatusCreated, r, err)
}

func (s *Server) getRecord(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	r, err := s.catalog.GetRecord(c.Context(), c.actor, id)
	return recordAnswer(http.StatusOK, r, err)
}

func (s *Server) updateRecord(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	m, in, err := c.marcBody()
	if err != nil {
		return 0, nil, err
	}
	r, err := s.catalog.UpdateRecord(c.Context(), c.actor, id, m, in.Version)
	return recordAnswer(http.StatusOK, r, err)
}

func (s *Server) deleteRecord(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, s.catalog.DeleteRecord(c.Context(), c.actor, id)
}

func (s *Server) recordItems(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	if _, err := s.catalog.GetRecord(c.Context(), c.actor, id); err != nil {
		return 0, nil, err
	}
	items, err := s.catalog.RecordItems(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	if items == nil {
		items = []catalog.Item{}
	}
	return http.StatusOK, map[string]any{"items": items}, nil
}

func (s *Server) findDuplicates(c *call) (int, any, error) {
	m, in, err := c.marcBody()
	if err != nil {
		return 0, nil, err
	}
	dups, err := s.catalog.FindDuplicates(c.Context(), c.actor, m, int64(in.Version))
	if err != nil {
		return 0, nil, err
	}
	if dups == nil {
		dups = []catalog.Duplicate{}
	}
	return http.StatusOK, map[string]any{"duplicates": dups}, nil
}
