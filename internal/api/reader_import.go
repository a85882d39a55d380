package api

import (
	"bufio"
	"bytes"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/readers"
)

// importRejection is a rejected row of a batch file with its reason in
// the caller's language.
type importRejection struct {
	readers.RowError
	Message string `json:"message"`
}

// importReaders registers readers from the CSV or XLSX file that is the
// request body (?format=csv|xlsx, else told apart by its first bytes).
// ?dry_run=true checks every row and registers nothing; the answer names
// each rejected row by its line number, with the reason.
func (s *Server) importReaders(c *call) (int, any, error) {
	q := c.URL.Query()
	dry := false
	if v := q.Get("dry_run"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return 0, nil, apperr.New(apperr.Invalid, "error.import_option", "Option", "dry_run", "Value", v).WithField("dry_run")
		}
		dry = b
	}
	body := bufio.NewReader(http.MaxBytesReader(nil, c.Body, readers.MaxImportBytes+1))
	format := strings.ToLower(q.Get("format"))
	if format == "" {
		format = "csv"
		if head, _ := body.Peek(4); bytes.Equal(head, []byte("PK\x03\x04")) {
			format = "xlsx"
		}
	}
	opts := readers.ImportOptions{DefaultCategory: q.Get("default_category"), DefaultExpires: q.Get("default_expires"),
		DryRun: dry, FileName: "api:" + q.Get("name")}
	var sum readers.ImportSummary
	var err error
	switch format {
	case "csv":
		sum, err = s.readers.ImportCSV(c.Context(), c.actor, body, opts)
	case "xlsx":
		sum, err = s.readers.ImportXLSX(c.Context(), c.actor, body, opts)
	default:
		return 0, nil, apperr.New(apperr.Invalid, "error.import_option", "Option", "format", "Value", format).WithField("format")
	}
	if err != nil {
		return 0, nil, err
	}
	rejected := make([]importRejection, 0, len(sum.Rejected))
	for _, e := range sum.Rejected {
		e = maskRowError(e)
		rejected = append(rejected, importRejection{RowError: e, Message: s.tr.Error(c.locale, e.Err())})
	}
	ignored := sum.Ignored
	if ignored == nil {
		ignored = []string{}
	}
	return http.StatusOK, map[string]any{"rows": sum.Rows, "valid": sum.Valid, "imported": sum.Imported, "dry_run": sum.DryRun,
		"rejected": rejected, "ignored_columns": ignored}, nil
}

// maskRowError masks the identity number a rejected row quotes.
func maskRowError(e readers.RowError) readers.RowError {
	if v, ok := e.Args["Value"].(string); ok && e.Field == "id_number" {
		e.Args = maps.Clone(e.Args)
		e.Args["Value"] = readers.MaskIDNumber(v)
	}
	return e
}
