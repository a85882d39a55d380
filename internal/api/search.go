package api

import (
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/search"
)

// searchRecords is the public catalogue search:
// ?q=…&page=…&per_page=…&sort=…&facet.<name>=… (material, language, class,
// branch, location, year=FROM..TO, available=true). It needs no token: the
// catalogue is public.
func (s *Server) searchRecords(w http.ResponseWriter, r *http.Request) {
	loc := apiLocale(r)
	req, err := searchRequest(r)
	if err == nil {
		var res search.Result
		if res, err = s.search.Search(r.Context(), req); err == nil {
			if res.Hits == nil {
				res.Hits = []search.Hit{}
			}
			writeJSON(w, http.StatusOK, res)
			return
		}
	}
	s.writeError(w, r, loc, err)
}

// searchRequest reads a search from query parameters.
func searchRequest(r *http.Request) (search.Request, error) {
	q := r.URL.Query()
	req := search.Request{Query: q.Get("q"), Sort: q.Get("sort"), Facets: q.Get("facets") != "false"}
	for name, dst := range map[string]*int{"page": &req.Page, "per_page": &req.PerPage} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return req, apperr.New(apperr.Invalid, "search.error.bad_number", "Field", name, "Value", v).WithField(name)
			}
			*dst = n
		}
	}
	f := &req.Filters
	f.Material = q["facet.material"]
	f.Language = q["facet.language"]
	f.Class = q["facet.class"]
	f.Branch = q["facet.branch"]
	f.Location = q["facet.location"]
	f.Available = q.Get("facet.available") == "true"
	if v := q.Get("facet.year"); v != "" {
		from, to, ok := strings.Cut(v, "..")
		if !ok {
			to = from
		}
		var err1, err2 error
		if from != "" {
			f.YearFrom, err1 = strconv.Atoi(from)
		}
		if to != "" {
			f.YearTo, err2 = strconv.Atoi(to)
		}
		if err1 != nil || err2 != nil {
			return req, apperr.New(apperr.Invalid, "search.error.invalid_year", "Text", v).WithField("facet.year")
		}
	}
	return req, nil
}
