package web

import (
	"slices"
	"strings"

	"lantai.dev/lantai/internal/search"
)

// facetGroup is one facet of the results page: its values as links that add
// or remove a filter.
type facetGroup struct {
	Key, Label string
	Values     []facetLink
}

// facetLink is a facet value (or a chosen filter shown as a chip): the link
// toggles it.
type facetLink struct {
	Label    string
	Caption  string // the class caption, for the class facet
	Count    int
	Href     string
	Selected bool
}

// facetShown is how many values of a facet are shown before "more".
const facetShown = 8

// facets builds the facet groups and the chips of the chosen filters.
func (s *Server) facets(r *req, st searchState, f *search.Facets, branches map[string]string) ([]facetGroup, []facetLink, error) {
	if f == nil {
		f = &search.Facets{}
	}
	captions, err := s.classCaptions(r, f.Class, st.Class)
	if err != nil {
		return nil, nil, err
	}
	var groups []facetGroup
	var chips []facetLink
	// multi is a facet of which several values may be chosen.
	multi := func(key string, vals []search.FacetValue, chosen []string, pick func(*searchState) *[]string, label func(string) string, caption func(string) string) {
		g := facetGroup{Key: key, Label: r.T("opac.facet." + key)}
		seen := map[string]bool{}
		for _, v := range vals {
			seen[v.Value] = true
			g.Values = append(g.Values, facetLink{Label: label(v.Value), Caption: caption(v.Value), Count: v.Count,
				Selected: slices.Contains(chosen, v.Value), Href: st.with(func(c *searchState) { toggle(pick(c), v.Value) })})
		}
		for _, v := range chosen {
			href := st.with(func(c *searchState) { toggle(pick(c), v) })
			if !seen[v] { // chosen, but nothing in the result has it any more
				g.Values = append(g.Values, facetLink{Label: label(v), Caption: caption(v), Selected: true, Href: href})
			}
			chips = append(chips, facetLink{Label: r.T("opac.chips.filter", "Facet", g.Label, "Value", label(v)), Href: href, Selected: true})
		}
		if len(g.Values) > 0 {
			groups = append(groups, g)
		}
	}
	none := func(string) string { return "" }
	// Available now: one value.
	if f.Available > 0 || st.Available {
		g := facetGroup{Key: "available", Label: r.T("opac.facet.available")}
		href := st.with(func(c *searchState) { c.Available = !c.Available })
		g.Values = []facetLink{{Label: r.T("opac.facet.available_now"), Count: f.Available, Selected: st.Available, Href: href}}
		groups = append(groups, g)
		if st.Available {
			chips = append(chips, facetLink{Label: r.T("opac.facet.available_now"), Href: href, Selected: true})
		}
	}
	multi("material", f.Material, st.Material, func(c *searchState) *[]string { return &c.Material },
		func(v string) string { return r.catName("material.", v) }, none)
	multi("class", f.Class, st.Class, func(c *searchState) *[]string { return &c.Class },
		func(v string) string { return v }, func(v string) string { return captions[v] })
	multi("language", f.Language, st.Language, func(c *searchState) *[]string { return &c.Language },
		func(v string) string { return r.catName("language.", v) }, none)
	// Year: one year (or the range the URL gave) at a time.
	if len(f.Year) > 0 || st.Year != "" {
		g := facetGroup{Key: "year", Label: r.T("opac.facet.year")}
		for _, v := range f.Year {
			sel := st.Year == v.Value
			href := st.with(func(c *searchState) {
				if c.Year = v.Value; sel {
					c.Year = ""
				}
			})
			g.Values = append(g.Values, facetLink{Label: v.Value, Count: v.Count, Selected: sel, Href: href})
		}
		if st.Year != "" {
			href := st.with(func(c *searchState) { c.Year = "" })
			if !slices.ContainsFunc(g.Values, func(l facetLink) bool { return l.Selected }) {
				g.Values = append(g.Values, facetLink{Label: yearLabel(st.Year), Selected: true, Href: href})
			}
			chips = append(chips, facetLink{Label: r.T("opac.chips.filter", "Facet", g.Label, "Value", yearLabel(st.Year)), Href: href, Selected: true})
		}
		groups = append(groups, g)
	}
	multi("branch", f.Branch, st.Branch, func(c *searchState) *[]string { return &c.Branch },
		func(v string) string { return branchName(branches, v) }, none)
	return groups, chips, nil
}

// yearLabel shows a year filter: "2019", "2019–2023", "2019–", "–2000".
func yearLabel(y string) string {
	from, to, ok := strings.Cut(y, "..")
	if !ok {
		return y
	}
	return from + "–" + to
}

// classCaptions names the main classes of the class facet: the caption of
// the library's loaded table in Chinese, else the translated name of the
// main class (the 22 main classes are the same in every edition).
func (s *Server) classCaptions(r *req, facet []search.FacetValue, chosen []string) (map[string]string, error) {
	codes := slices.Clone(chosen)
	for _, v := range facet {
		codes = append(codes, v.Value)
	}
	out := map[string]string{}
	if len(codes) == 0 {
		return out, nil
	}
	var table map[string]string
	if r.Locale != "en" {
		var err error
		if table, err = s.catalog.ClassCaptions(r.Context(), codes); err != nil {
			return nil, err
		}
	}
	for _, c := range codes {
		if t := table[c]; t != "" {
			out[c] = t
		} else if key := "clc_main." + c; len(c) == 1 && s.tr.Has(r.Locale, key) {
			out[c] = r.T(key)
		}
	}
	return out, nil
}
