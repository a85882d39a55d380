package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// Engine runs OPAC queries against the index and the catalogue tables in
// one read transaction: what it finds is exactly what is committed.
type Engine struct {
	db *db.DB
}

// NewEngine returns the search engine over d.
func NewEngine(d *db.DB) *Engine { return &Engine{db: d} }

// Sorts are the orders a result can be sorted in.
var Sorts = []string{"relevance", "year_desc", "year_asc", "title", "callno"}

// Filters narrow a search by facet values. Values within one facet are
// alternatives (OR); facets combine with AND.
type Filters struct {
	Material  []string
	Language  []string
	Class     []string // main class letters, A–Z
	Branch    []string
	Location  []string
	YearFrom  int
	YearTo    int
	Available bool // only records with an item available now
}

// Request is one search.
type Request struct {
	Query   string
	Filters Filters
	Sort    string // one of Sorts; relevance by default (year_desc without a query)
	Page    int    // 1-based
	PerPage int    // default 20, at most 100
	Facets  bool
}

// Hit is one record of a result page.
type Hit struct {
	ID         int64          `json:"id"`
	Title      string         `json:"title"`
	Author     string         `json:"author"`
	Publisher  string         `json:"publisher,omitempty"`
	Year       int            `json:"year,omitempty"`
	ISBN       string         `json:"isbn,omitempty"`
	Class      string         `json:"class,omitempty"`
	Material   string         `json:"material,omitempty"`
	Language   string         `json:"language,omitempty"`
	CallNumber string         `json:"call_number,omitempty"`
	Items      int            `json:"items"`
	Available  int            `json:"available"`
	Branches   []BranchCounts `json:"branches,omitempty"`
}

// BranchCounts says how many of a record's items a branch has and how
// many of them are available now.
type BranchCounts struct {
	Branch    string `json:"branch"`
	Items     int    `json:"items"`
	Available int    `json:"available"`
}

// FacetValue is one value of a facet with the number of records in the
// result that have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Facets are the facet counts of a result.
type Facets struct {
	Material  []FacetValue `json:"material"`
	Language  []FacetValue `json:"language"`
	Year      []FacetValue `json:"year"`
	Class     []FacetValue `json:"class"`
	Branch    []FacetValue `json:"branch"`
	Available int          `json:"available"`
}

// Result is a page of a search.
type Result struct {
	Total   int           `json:"total"`
	Hits    []Hit         `json:"records"`
	Facets  *Facets       `json:"facets,omitempty"`
	Query   *Query        `json:"-"`
	Elapsed time.Duration `json:"-"`
}

// Search runs a request. A malformed query is a domain error whose key and
// arguments say what is wrong and where (search.error.<code>).
//
// The work is one pass over the matching records' slots (attrs.go): the
// index gives the matching ids, the slots give what filters, facets and
// ranking need, and only the page's records are read from the catalogue.
// Its cost grows with the number of hits by a few nanoseconds each, not
// by a database lookup each.
func (e *Engine) Search(ctx context.Context, req Request) (Result, error) {
	start := time.Now()
	var res Result
	if req.PerPage <= 0 {
		req.PerPage = 20
	}
	if req.PerPage > 100 {
		req.PerPage = 100
	}
	if req.Page <= 0 {
		req.Page = 1
	}
	if req.Page > MaxPage {
		return res, apperr.New(apperr.Invalid, "search.error.page_too_far", "Max", MaxPage).WithField("page")
	}
	sortBy, err := sortOf(req.Sort, req.Query)
	if err != nil {
		return res, err
	}
	var q *Query
	if strings.TrimSpace(req.Query) != "" {
		if q, err = Parse(req.Query); err != nil {
			return res, queryError(err)
		}
		res.Query = q
	}
	err = e.db.Read(ctx, func(tx *db.Tx) error {
		ev, err := newEvaluation(tx, q, req, sortBy)
		if err != nil {
			return err
		}
		ids, err := ev.run()
		if err != nil {
			return err
		}
		res.Total = ev.total
		res.Facets = ev.facets()
		if res.Hits, err = hitsByID(tx, ids); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		if _, ok := apperr.As(err); ok {
			return Result{}, err
		}
		return Result{}, fmt.Errorf("search %q: %w", req.Query, err)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// MaxPage is the last page a search returns.
const MaxPage = 500

// sortOf checks the requested order and returns the one to use: relevance
// by default, newest first when there is no query.
func sortOf(s, query string) (string, error) {
	empty := strings.TrimSpace(query) == ""
	switch {
	case s == "" || s == "relevance":
		if empty {
			return "year_desc", nil
		}
		return "relevance", nil
	case slices.Contains(Sorts, s):
		return s, nil
	}
	return "", apperr.New(apperr.Invalid, "search.error.bad_sort", "Sort", s).WithField("sort")
}

// queryError turns a parse error into a domain error for people.
func queryError(err error) error {
	var qe *Error
	if errors.As(err, &qe) {
		return apperr.New(apperr.Invalid, "search.error."+string(qe.Code),
			"Column", qe.Column, "Text", qe.Text, "Expected", qe.Expected, "Limit", qe.Limit).WithField("q")
	}
	return apperr.New(apperr.Invalid, "search.error.empty_query").WithField("q")
}

// hitsByID reads the records of a page, in the page's order, with their
// holdings.
func hitsByID(tx *db.Tx, ids []int64) ([]Hit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var args []any
	rows, err := tx.Query(`SELECT b.id, b.title, b.author, b.publisher, b.pub_year, b.isbn, b.class, b.material, b.language
		FROM bib_records b WHERE `+inList("b.id", &args, ids), args...)
	list, err := db.Collect(rows, err, func(r *sql.Rows) (Hit, error) {
		var h Hit
		return h, r.Scan(&h.ID, &h.Title, &h.Author, &h.Publisher, &h.Year, &h.ISBN, &h.Class, &h.Material, &h.Language)
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Hit, len(list))
	for _, h := range list {
		byID[h.ID] = h
	}
	hits := make([]Hit, 0, len(ids))
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			hits = append(hits, h)
		}
	}
	return hits, holdings(tx, hits)
}

// holdings fills each hit's call number and availability per branch.
func holdings(tx *db.Tx, hits []Hit) error {
	if len(hits) == 0 {
		return nil
	}
	idx := map[int64]int{}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		idx[h.ID] = i
		ids[i] = h.ID
	}
	var args []any
	// CROSS JOIN: the page's items drive (by items_bib), never a scan of
	// every item of a location.
	rows, err := tx.Query(`SELECT i.bib_id, l.branch_code, i.status, i.call_number FROM items i CROSS JOIN locations l
		WHERE l.code = i.location_code AND `+inList("i.bib_id", &args, ids)+` AND COALESCE(i.parent_id, 0) = 0 AND i.status NOT IN ('withdrawn', 'on_order')
		ORDER BY i.bib_id, l.branch_code, i.call_sort`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var branch, status, call string
		if err := rows.Scan(&id, &branch, &status, &call); err != nil {
			return err
		}
		h := &hits[idx[id]]
		if h.CallNumber == "" {
			h.CallNumber = call
		}
		if n := len(h.Branches); n == 0 || h.Branches[n-1].Branch != branch {
			h.Branches = append(h.Branches, BranchCounts{Branch: branch})
		}
		b := &h.Branches[len(h.Branches)-1]
		b.Items++
		h.Items++
		if status == "available" {
			b.Available++
			h.Available++
		}
	}
	return rows.Err()
}
