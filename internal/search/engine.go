package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog/profile"
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

// plan is a request turned into SQL pieces.
type plan struct {
	match     string // the index condition (FTS5 MATCH text or tsquery text); "" = every record
	args      []any
	where     []string
	plainText string // for exact and leading title matches
	fields    []string
}

func (p *plan) arg(v any) string {
	p.args = append(p.args, v)
	return "$" + strconv.Itoa(len(p.args))
}

// Search runs a request. A malformed query is a domain error whose key and
// arguments say what is wrong and where (search.error.<code>).
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
	if req.Page > 500 {
		return res, apperr.New(apperr.Invalid, "search.error.page_too_far", "Max", 500).WithField("page")
	}
	var q *Query
	if strings.TrimSpace(req.Query) != "" {
		var err error
		if q, err = Parse(req.Query); err != nil {
			return res, queryError(err)
		}
		res.Query = q
	}
	err := e.db.Read(ctx, func(tx *db.Tx) error {
		p, err := e.plan(tx, q, req.Filters)
		if err != nil {
			return err
		}
		base := e.matchSQL(tx, p)
		if err := tx.QueryRow(`SELECT COUNT(*) FROM (`+base+`) m`, p.args...).Scan(&res.Total); err != nil {
			return err
		}
		if res.Hits, err = e.page(tx, p, base, req, q); err != nil {
			return err
		}
		if req.Facets {
			f, err := e.facets(tx, p, req.Filters)
			if err != nil {
				return err
			}
			res.Facets = f
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

// queryError turns a parse error into a domain error for people.
func queryError(err error) error {
	var qe *Error
	if errors.As(err, &qe) {
		return apperr.New(apperr.Invalid, "search.error."+string(qe.Code),
			"Column", qe.Column, "Text", qe.Text, "Expected", qe.Expected, "Limit", qe.Limit).WithField("q")
	}
	return apperr.New(apperr.Invalid, "search.error.empty_query").WithField("q")
}

// plan compiles the query and the filters (except skip, a facet counted
// without its own filter) into SQL conditions on bib_records b.
func (e *Engine) plan(tx *db.Tx, q *Query, f Filters) (*plan, error) {
	p := &plan{}
	if q != nil {
		var err error
		if tx.Dialect() == db.Postgres {
			p.match, err = CompileTSQuery(q)
		} else {
			p.match, err = CompileFTS5(q)
		}
		if err != nil {
			return nil, queryError(err)
		}
		p.plainText, _ = q.PlainText()
	}
	addFilters(p, f, "")
	return p, nil
}

// with returns a plan for the same compiled query with the filters f,
// leaving out the facet named skip: the query is compiled once per request
// however many facets are counted.
func (p *plan) with(f Filters, skip string) *plan {
	n := &plan{match: p.match, plainText: p.plainText}
	addFilters(n, f, skip)
	return n
}

// addFilters adds the filter conditions, leaving out the facet named skip.
func addFilters(p *plan, f Filters, skip string) {
	in := func(col string, vals []string) string {
		var ph []string
		for _, v := range vals {
			ph = append(ph, p.arg(v))
		}
		return col + " IN (" + strings.Join(ph, ", ") + ")"
	}
	if len(f.Material) > 0 && skip != "material" {
		p.where = append(p.where, in("b.material", f.Material))
	}
	if len(f.Language) > 0 && skip != "language" {
		p.where = append(p.where, in("b.language", f.Language))
	}
	if len(f.Class) > 0 && skip != "class" {
		p.where = append(p.where, in("b.main_class", f.Class))
	}
	if f.YearFrom > 0 && skip != "year" {
		p.where = append(p.where, "b.pub_year >= "+p.arg(f.YearFrom))
	}
	if f.YearTo > 0 && skip != "year" {
		p.where = append(p.where, "b.pub_year <= "+p.arg(f.YearTo))
	}
	if len(f.Branch) > 0 && skip != "branch" {
		p.where = append(p.where, "EXISTS (SELECT 1 FROM items i JOIN locations l ON l.code = i.location_code WHERE i.bib_id = b.id AND i.status <> 'withdrawn' AND "+in("l.branch_code", f.Branch)+")")
	}
	if len(f.Location) > 0 && skip != "location" {
		p.where = append(p.where, "EXISTS (SELECT 1 FROM items i WHERE i.bib_id = b.id AND i.status <> 'withdrawn' AND "+in("i.location_code", f.Location)+")")
	}
	if f.Available && skip != "available" {
		p.where = append(p.where, "EXISTS (SELECT 1 FROM items i WHERE i.bib_id = b.id AND i.status = 'available')")
	}
}

// matchSQL is the SELECT of the ids of matching records (column id).
func (e *Engine) matchSQL(tx *db.Tx, p *plan) string {
	var from string
	switch {
	case p.match == "":
		from = `SELECT b.id FROM bib_records b`
	case tx.Dialect() == db.Postgres:
		from = `SELECT b.id FROM search_docs s JOIN bib_records b ON b.id = s.bib_id WHERE s.search @@ to_tsquery('simple', ` + p.arg(p.match) + `)`
	default:
		from = `SELECT b.id FROM search_fts s JOIN bib_records b ON b.id = s.rowid WHERE search_fts MATCH ` + p.arg(p.match)
	}
	if len(p.where) > 0 {
		if p.match == "" {
			from += " WHERE "
		} else {
			from += " AND "
		}
		from += strings.Join(p.where, " AND ")
	}
	return from
}

// driven is the FROM … WHERE clause over the matching records as b. With
// a query the match drives (CROSS JOIN keeps SQLite from walking a sort
// index of all records and probing the match for each); without one, the
// records themselves with the filters, so that sort indexes can serve.
func driven(p *plan, base string) string {
	if p.match == "" {
		if len(p.where) == 0 {
			return "bib_records b WHERE 1 = 1"
		}
		return "bib_records b WHERE " + strings.Join(p.where, " AND ")
	}
	return "(" + base + ") m CROSS JOIN bib_records b WHERE b.id = m.id"
}

// drivenItems is the FROM clause and the condition that give the items
// of the matching records, as i.
func drivenItems(p *plan, base string) (from, cond string) {
	if p.match == "" {
		return "items i", "i.bib_id IN (" + base + ")"
	}
	return "(" + base + ") m CROSS JOIN items i", "i.bib_id = m.id"
}

// inIndex is the condition "record b matches the query q" as a subquery,
// for the ranking of title, name and subject matches.
func inIndex(tx *db.Tx, p *plan, q *Query) string {
	if q == nil {
		return "1 = 0"
	}
	var text string
	var err error
	if tx.Dialect() == db.Postgres {
		text, err = CompileTSQuery(q)
		if err != nil {
			return "1 = 0"
		}
		return "b.id IN (SELECT bib_id FROM search_docs WHERE search @@ to_tsquery('simple', " + p.arg(text) + "))"
	}
	if text, err = CompileFTS5(q); err != nil {
		return "1 = 0"
	}
	return "b.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH " + p.arg(text) + ")"
}

// page reads one page of hits in the requested order.
func (e *Engine) page(tx *db.Tx, p *plan, base string, req Request, q *Query) ([]Hit, error) {
	sortBy := req.Sort
	if sortBy == "" || (sortBy == "relevance" && q == nil) {
		if q == nil {
			sortBy = "year_desc"
		} else {
			sortBy = "relevance"
		}
	}
	var order string
	switch sortBy {
	case "year_desc":
		order = "b.pub_year DESC, b.id DESC"
	case "year_asc":
		order = "CASE WHEN b.pub_year = 0 THEN 1 ELSE 0 END, b.pub_year, b.id"
	case "title":
		order = "b.title_pinyin, b.id"
	case "callno":
		order = "COALESCE((SELECT MIN(i.call_sort) FROM items i WHERE i.bib_id = b.id AND i.status <> 'withdrawn'), '~'), b.id"
	case "relevance":
		// Exact and leading title matches first, then matches in the
		// title, in a name, in a subject (weighted 8, 4, 2), then newer and
		// more-borrowed records.
		var score []string
		if p.plainText != "" {
			key := profile.NormalizeKey(p.plainText)
			if key != "" {
				k := p.arg(key + "|")
				n := p.arg(len([]rune(key)) + 1)
				k2 := p.arg(key)
				n2 := p.arg(len([]rune(key)))
				score = append(score, "CASE WHEN substr(b.dup_key, 1, "+n+") = "+k+" THEN 64 WHEN substr(b.dup_key, 1, "+n2+") = "+k2+" THEN 32 ELSE 0 END")
			}
		}
		for _, fw := range []struct {
			f Field
			w string
		}{{FieldTitle, "8"}, {FieldName, "4"}, {FieldSubject, "2"}} {
			if fq := q.InField(fw.f); fq != nil {
				score = append(score, "CASE WHEN "+inIndex(tx, p, fq)+" THEN "+fw.w+" ELSE 0 END")
			}
		}
		order = "b.pub_year DESC, b.loans DESC, b.id DESC"
		if len(score) > 0 {
			order = "(" + strings.Join(score, " + ") + ") DESC, " + order
		}
	default:
		return nil, apperr.New(apperr.Invalid, "search.error.bad_sort", "Sort", req.Sort).WithField("sort")
	}
	limit := p.arg(req.PerPage)
	offset := p.arg((req.Page - 1) * req.PerPage)
	rows, err := tx.Query(`SELECT b.id, b.title, b.author, b.publisher, b.pub_year, b.isbn, b.class, b.material, b.language
		FROM `+driven(p, base)+` ORDER BY `+order+` LIMIT `+limit+` OFFSET `+offset, p.args...)
	hits, err := db.Collect(rows, err, func(r *sql.Rows) (Hit, error) {
		var h Hit
		return h, r.Scan(&h.ID, &h.Title, &h.Author, &h.Publisher, &h.Year, &h.ISBN, &h.Class, &h.Material, &h.Language)
	})
	if err != nil || len(hits) == 0 {
		return hits, err
	}
	return hits, holdings(tx, hits)
}

// holdings fills each hit's call number and availability per branch.
func holdings(tx *db.Tx, hits []Hit) error {
	idx := map[int64]int{}
	var ph []string
	var args []any
	for i, h := range hits {
		idx[h.ID] = i
		args = append(args, h.ID)
		ph = append(ph, "$"+strconv.Itoa(len(args)))
	}
	// CROSS JOIN: the page's items drive (by items_bib), never a scan of
	// every item of a location.
	rows, err := tx.Query(`SELECT i.bib_id, l.branch_code, i.status, i.call_number FROM items i CROSS JOIN locations l
		WHERE l.code = i.location_code AND i.bib_id IN (`+strings.Join(ph, ", ")+`) AND COALESCE(i.parent_id, 0) = 0 AND i.status NOT IN ('withdrawn', 'on_order')
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

// facets counts the facet values over the result. Each facet is counted
// with the other facets' filters but not its own, so that choosing one
// value still shows the others to add.
func (e *Engine) facets(tx *db.Tx, compiled *plan, f Filters) (*Facets, error) {
	out := &Facets{}
	group := func(name, expr string, dst *[]FacetValue, limit int) error {
		p := compiled.with(f, name)
		base := e.matchSQL(tx, p)
		rows, err := tx.Query(`SELECT `+expr+` AS v, COUNT(*) FROM `+driven(p, base)+` GROUP BY `+expr+` ORDER BY COUNT(*) DESC LIMIT `+strconv.Itoa(limit), p.args...)
		list, err := db.Collect(rows, err, func(r *sql.Rows) (FacetValue, error) {
			var v FacetValue
			var s sql.NullString
			err := r.Scan(&s, &v.Count)
			v.Value = s.String
			return v, err
		})
		if err != nil {
			return err
		}
		for _, v := range list {
			if v.Value != "" && v.Value != "0" {
				*dst = append(*dst, v)
			}
		}
		return nil
	}
	castYear := "CAST(b.pub_year AS TEXT)"
	if tx.Dialect() == db.Postgres {
		castYear = "b.pub_year::text"
	}
	for _, g := range []struct {
		name, expr string
		dst        *[]FacetValue
		limit      int
	}{
		{"material", "b.material", &out.Material, 20},
		{"language", "b.language", &out.Language, 20},
		{"year", castYear, &out.Year, 30},
		{"class", "b.main_class", &out.Class, 30},
	} {
		if err := group(g.name, g.expr, g.dst, g.limit); err != nil {
			return nil, err
		}
	}
	sort.Slice(out.Year, func(i, j int) bool { return out.Year[i].Value > out.Year[j].Value })
	sort.Slice(out.Class, func(i, j int) bool { return out.Class[i].Value < out.Class[j].Value })
	// Branches: records with an item there.
	p := compiled.with(f, "branch")
	base := e.matchSQL(tx, p)
	from, cond := drivenItems(p, base)
	rows, err := tx.Query(`SELECT l.branch_code, COUNT(DISTINCT i.bib_id) FROM `+from+` JOIN locations l ON l.code = i.location_code
		WHERE `+cond+` AND i.status <> 'withdrawn' GROUP BY l.branch_code ORDER BY 2 DESC`, p.args...)
	if out.Branch, err = db.Collect(rows, err, func(r *sql.Rows) (FacetValue, error) {
		var v FacetValue
		return v, r.Scan(&v.Value, &v.Count)
	}); err != nil {
		return nil, err
	}
	// Available now.
	p = compiled.with(f, "available")
	base = e.matchSQL(tx, p)
	if err := tx.QueryRow(`SELECT COUNT(*) FROM `+driven(p, base)+`
		AND EXISTS (SELECT 1 FROM items i WHERE i.bib_id = b.id AND i.status = 'available')`, p.args...).Scan(&out.Available); err != nil {
		return nil, err
	}
	return out, nil
}
