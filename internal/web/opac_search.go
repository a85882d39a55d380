package web

import (
	"net/http"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/search"
)

// opacPerPage is the number of records on a page of results.
const opacPerPage = 20

// searchData is the results page of the public catalogue.
type searchData struct {
	State    searchState
	Error    string   // the query's mistake, translated
	Warnings []string // what the engine ignored in the query
	Searched bool     // a query or a filter was given
	Total    int
	From, To int // the records shown, 1-based
	Hits     []hitView
	Facets   []facetGroup
	Chips    []facetLink
	ClearAll string
	Sorts    []sortOption
	Hidden   []param // the state but its sort and page, for the sort form
	Pager    pager
	Zero     *zeroData // suggestions when nothing was found
	// FirstPage is the first page of the result, for a page number past
	// its end.
	FirstPage string
}

// sortOption is one order of the sort select.
type sortOption struct {
	Value, Label string
	Selected     bool
}

// opacSearch is the results page: /search?q=….
func (s *Server) opacSearch(r *req) {
	st := parseSearchState(r.URL.Query())
	d := searchData{State: st, Searched: st.Q != "" || st.filtered(), Hidden: st.hidden("sort", "page")}
	for _, v := range search.Sorts {
		d.Sorts = append(d.Sorts, sortOption{v, r.T("opac.sort." + v), v == st.Sort || (st.Sort == "" && v == "relevance")})
	}
	title := r.T("opac.search.title")
	if st.Q != "" {
		title = r.T("opac.search.title_for", "Query", st.Q)
	}
	if !d.Searched {
		r.render(http.StatusOK, "opac_search", title, d)
		return
	}
	res, err := s.search.Search(r.Context(), st.request(opacPerPage, true))
	if err != nil {
		if _, ok := apperr.As(err); !ok {
			r.fail(err)
			return
		}
		d.Error = s.tr.Error(r.Locale, err)
		r.render(http.StatusUnprocessableEntity, "opac_search", title, d)
		return
	}
	if res.Query != nil {
		for _, w := range res.Query.Warnings {
			if key := "opac.warning." + string(w.Code); s.tr.Has(r.Locale, key) {
				d.Warnings = append(d.Warnings, r.T(key, "Text", w.Text, "Column", w.Column))
			}
		}
	}
	names, err := s.branchNames(r)
	if err != nil {
		r.fail(err)
		return
	}
	d.Total = res.Total
	if len(res.Hits) > 0 {
		d.From = (st.Page-1)*opacPerPage + 1
		d.To = d.From + len(res.Hits) - 1
	}
	var words []string
	if res.Query != nil {
		words = res.Query.Words()
	}
	for i, h := range res.Hits {
		d.Hits = append(d.Hits, r.hitView(h, d.From+i, words, names))
	}
	if d.Facets, d.Chips, err = s.facets(r, st, res.Facets, names); err != nil {
		r.fail(err)
		return
	}
	if len(d.Chips) > 1 {
		d.ClearAll = st.with(func(c *searchState) { *c = searchState{Q: c.Q, Sort: c.Sort, Page: 1} })
	}
	d.Pager = newPager(st, res.Total, opacPerPage)
	d.FirstPage = st.with(func(*searchState) {})
	if res.Total == 0 {
		if d.Zero, err = s.zeroResults(r, st, res.Query); err != nil {
			r.fail(err)
			return
		}
	}
	r.render(http.StatusOK, "opac_search", title, d)
}

// helpRow is one construct of the query language on the help page.
type helpRow struct {
	Syntax   string
	Key      string // what it does, translated
	Examples []string
}

// helpRows are the query language as the help page explains it.
var helpRows = []helpRow{
	{"A B", "opac.help.words", []string{"中国 历史"}},
	{`"A B"`, "opac.help.phrase", []string{`"黑暗森林"`}},
	{"A OR B", "opac.help.or", []string{"三体 OR 流浪地球"}},
	{"-A   NOT A", "opac.help.not", []string{"历史 -小说"}},
	{"abc*", "opac.help.prefix", []string{"comput*"}},
	{"(A OR B) C", "opac.help.group", []string{"(鲁迅 OR 巴金) 小说"}},
	{"ti:", "opac.help.ti", []string{"ti:三体"}},
	{"au:", "opac.help.au", []string{"au:鲁迅", `au:"刘慈欣"`}},
	{"su:", "opac.help.su", []string{"su:科学幻想小说"}},
	{"pub:", "opac.help.pub", []string{"pub:中华书局"}},
	{"isbn:", "opac.help.isbn", []string{"isbn:9787536692930"}},
	{"cls:", "opac.help.cls", []string{"cls:I247.55", "cls:TP3*"}},
	{"callno:", "opac.help.callno", []string{"callno:I247.55/1022"}},
	{"py:", "opac.help.py", []string{"py:santi", "py:lcx"}},
	{"year:", "opac.help.year", []string{"year:2019", "year:2019..2023", "year:..1949"}},
}

// opacHelp explains the query language, with examples to try.
func (s *Server) opacHelp(r *req) {
	r.render(http.StatusOK, "opac_help", r.T("opac.help.title"), helpRows)
}
