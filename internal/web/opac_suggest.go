package web

import (
	"slices"
	"strings"
	"time"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/search"
)

// zeroData is what the results page suggests when nothing was found.
type zeroData struct {
	// WithoutFilters is the same query without the filters, when filters
	// were chosen, and how many records it finds.
	WithoutFilters      string
	WithoutFiltersTotal int
	// Words are the words of a query of several words, each alone.
	Words    []wordHits
	NewBooks []catalog.NewBook
}

// wordHits is one word of the query searched alone.
type wordHits struct {
	Word  string
	Href  string
	Total int
}

// maxSuggestedWords bounds the searches run for the words of a query.
const maxSuggestedWords = 4

// newBooksDays is how far back the new books 新书通报 of the public pages go.
const newBooksDays = 30

// zeroResults finds something useful to offer for a search that found
// nothing: the query without its filters, each word alone, the new books.
func (s *Server) zeroResults(r *req, st searchState, q *search.Query) (*zeroData, error) {
	z := &zeroData{}
	ctx := r.Context()
	if st.filtered() && st.Q != "" {
		plain := searchState{Q: st.Q, Sort: st.Sort, Page: 1}
		res, err := s.search.Search(ctx, plain.request(1, false))
		if err == nil {
			z.WithoutFilters, z.WithoutFiltersTotal = plain.URL(), res.Total
		}
	}
	if q != nil {
		var words []string
		for _, w := range q.Words() {
			w = strings.TrimSpace(w)
			if w != "" && !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
		if len(words) > 1 {
			for _, w := range words[:min(len(words), maxSuggestedWords)] {
				alone := w
				if strings.ContainsAny(w, " \t　") {
					alone = `"` + strings.ReplaceAll(w, `"`, "") + `"`
				}
				one := searchState{Q: alone, Page: 1}
				res, err := s.search.Search(ctx, one.request(1, false))
				if err != nil {
					continue // a word that is no query of its own (too short a prefix): no suggestion
				}
				z.Words = append(z.Words, wordHits{Word: w, Href: one.URL(), Total: res.Total})
			}
		}
	}
	var err error
	z.NewBooks, err = s.catalog.NewBooks(ctx, time.Now().AddDate(0, 0, -newBooksDays), "", 5)
	return z, err
}
