package web

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/search"
)

// searchState is a search of the public catalogue as its URL holds it:
// /search?q=…&sort=…&page=…&facet.material=book&facet.class=I&facet.year=2019
// &facet.available=true — the same parameters as the JSON API's search, so
// that a link works in both. Every link on the results page is a state with
// one thing changed; no JavaScript is needed.
type searchState struct {
	Q         string
	Sort      string // one of search.Sorts, "" for the default
	Page      int
	Material  []string
	Language  []string
	Class     []string
	Branch    []string
	Year      string // "2019" or "2019..2023"
	Available bool
}

// maxFacetValues bounds how many values of one facet a URL may select.
const maxFacetValues = 20

var (
	yearParam  = regexp.MustCompile(`^([0-9]{1,4})?(?:\.\.([0-9]{1,4})?)?$`)
	codeParam  = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,32}$`)
	classParam = regexp.MustCompile(`^[A-Z]$`)
)

// parseSearchState reads a search from a URL's query. What cannot be
// understood (a page that is no number, an unknown sort, a malformed facet
// value) is left out rather than refused: a reader's link should still
// lead somewhere useful.
func parseSearchState(q url.Values) searchState {
	st := searchState{Q: strings.TrimSpace(q.Get("q")), Page: 1}
	if slices.Contains(search.Sorts, q.Get("sort")) {
		st.Sort = q.Get("sort")
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		st.Page = n
	}
	codes := func(name string, re *regexp.Regexp, upper bool) []string {
		var out []string
		for _, v := range q[name] {
			v = strings.TrimSpace(v)
			if upper {
				v = strings.ToUpper(v)
			}
			if re.MatchString(v) && !slices.Contains(out, v) && len(out) < maxFacetValues {
				out = append(out, v)
			}
		}
		return out
	}
	st.Material = codes("facet.material", codeParam, false)
	st.Language = codes("facet.language", codeParam, false)
	st.Class = codes("facet.class", classParam, true)
	st.Branch = codes("facet.branch", codeParam, false)
	if y := strings.TrimSpace(q.Get("facet.year")); y != "" && y != ".." && yearParam.MatchString(y) {
		st.Year = y
	}
	st.Available = q.Get("facet.available") == "true"
	return st
}

// filtered reports whether any filter is chosen.
func (st searchState) filtered() bool {
	return len(st.Material)+len(st.Language)+len(st.Class)+len(st.Branch) > 0 || st.Year != "" || st.Available
}

// request is the engine's request for the state.
func (st searchState) request(perPage int, facets bool) search.Request {
	req := search.Request{Query: st.Q, Sort: st.Sort, Page: st.Page, PerPage: perPage, Facets: facets}
	f := &req.Filters
	f.Material, f.Language, f.Class, f.Branch, f.Available = st.Material, st.Language, st.Class, st.Branch, st.Available
	if st.Year != "" {
		from, to, ok := strings.Cut(st.Year, "..")
		if !ok {
			to = from
		}
		f.YearFrom, _ = strconv.Atoi(from)
		f.YearTo, _ = strconv.Atoi(to)
	}
	return req
}

// values are the URL parameters of the state.
func (st searchState) values() url.Values {
	v := url.Values{}
	if st.Q != "" {
		v.Set("q", st.Q)
	}
	for name, vals := range map[string][]string{"facet.material": st.Material, "facet.language": st.Language, "facet.class": st.Class, "facet.branch": st.Branch} {
		if len(vals) > 0 {
			v[name] = vals
		}
	}
	if st.Year != "" {
		v.Set("facet.year", st.Year)
	}
	if st.Available {
		v.Set("facet.available", "true")
	}
	if st.Sort != "" {
		v.Set("sort", st.Sort)
	}
	if st.Page > 1 {
		v.Set("page", strconv.Itoa(st.Page))
	}
	return v
}

// URL is the state's address.
func (st searchState) URL() string {
	if enc := st.values().Encode(); enc != "" {
		return "/search?" + enc
	}
	return "/search"
}

// with returns the address of the state changed by fn, on its first page
// (a changed search starts at the top).
func (st searchState) with(fn func(*searchState)) string {
	c := st
	c.Material, c.Language = slices.Clone(st.Material), slices.Clone(st.Language)
	c.Class, c.Branch = slices.Clone(st.Class), slices.Clone(st.Branch)
	c.Page = 1
	fn(&c)
	return c.URL()
}

// toggle adds v to vals, or removes it when it is there.
func toggle(vals *[]string, v string) {
	if i := slices.Index(*vals, v); i >= 0 {
		*vals = slices.Delete(*vals, i, i+1)
		return
	}
	*vals = append(*vals, v)
}

// hidden lists the state's parameters except those named, for the hidden
// fields of a form that changes only them (the sort order).
func (st searchState) hidden(except ...string) []param {
	var out []param
	v := st.values()
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(except, k) {
			continue
		}
		for _, x := range v[k] {
			out = append(out, param{k, x})
		}
	}
	return out
}

// param is one name=value of a form.
type param struct{ Name, Value string }

// queryURL is the address of a search for q.
func queryURL(q string) string { return "/search?q=" + url.QueryEscape(q) }

// fieldQuery is a search of field qualifier for value as a phrase:
// su:"科学幻想小说". Quotes inside the value are dropped.
func fieldQuery(qualifier, value string) string {
	value = strings.TrimSpace(strings.ReplaceAll(value, `"`, " "))
	return qualifier + `:"` + value + `"`
}
