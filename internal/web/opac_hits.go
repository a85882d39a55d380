package web

import (
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/catalog/clc"
	"lantai.dev/lantai/internal/search"
)

// hitView is one record of a results page.
type hitView struct {
	search.Hit
	Number    int              // its place in the whole result, 1-based
	Title     []search.Segment // the title with the matched words marked
	Author    []search.Segment
	Spine     string      // the main class letter shown on the record's spine
	Avail     []availLine // "2 of 3 available at 总馆", one per branch
	AvailNone bool        // no copy is available anywhere
}

// availLine says how many copies a branch has and how many are available;
// None marks a branch with none available now.
type availLine struct {
	Text string
	None bool
}

// hitView prepares a hit for the page.
func (r *req) hitView(h search.Hit, number int, words []string, branches map[string]string) hitView {
	v := hitView{Hit: h, Number: number, Title: search.Highlight(h.Title, words), Author: search.Highlight(h.Author, words),
		Spine: clc.MainClass(h.Class), AvailNone: h.Available == 0}
	for _, b := range h.Branches {
		v.Avail = append(v.Avail, availLine{r.T("opac.avail.branch", "Available", b.Available, "Items", b.Items, "Branch", branchName(branches, b.Branch)), b.Available == 0})
	}
	return v
}

// branchNames maps the library's branch codes to their names in the
// request's language.
func (s *Server) branchNames(r *req) (map[string]string, error) {
	codes, err := s.catalog.Codes(r.Context(), catalog.Branches)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(codes))
	for _, c := range codes {
		out[c.Code] = c.Name(r.Locale)
	}
	return out, nil
}

func branchName(names map[string]string, code string) string {
	if n, ok := names[code]; ok && n != "" {
		return n
	}
	return code
}

// pager is the page links of a result: previous, numbers around the
// current page with the first and the last, next.
type pager struct {
	Prev, Next string
	Pages      []pageLink
}

// pageLink is a page number (Href "" with Gap for "…").
type pageLink struct {
	N       int
	Href    string
	Current bool
	Gap     bool
}

// maxPage is the last page the engine serves.
const maxPage = 500

func newPager(st searchState, total, perPage int) pager {
	last := min((total+perPage-1)/perPage, maxPage)
	var p pager
	if last <= 1 {
		return p
	}
	at := func(n int) string { return st.with(func(c *searchState) { c.Page = n }) }
	if st.Page > 1 {
		p.Prev = at(min(st.Page-1, last))
	}
	if st.Page < last {
		p.Next = at(st.Page + 1)
	}
	for n := 1; n <= last; n++ {
		near := n == 1 || n == last || (n >= st.Page-2 && n <= st.Page+2)
		switch {
		case near:
			p.Pages = append(p.Pages, pageLink{N: n, Href: at(n), Current: n == st.Page})
		case len(p.Pages) > 0 && !p.Pages[len(p.Pages)-1].Gap:
			p.Pages = append(p.Pages, pageLink{Gap: true})
		}
	}
	return p
}
