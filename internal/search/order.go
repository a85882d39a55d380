package search

import (
	"cmp"
	"database/sql"
	"slices"
	"sort"
	"strconv"
)

func slicesSortDesc(v []uint64) {
	slices.SortFunc(v, func(a, b uint64) int { return cmp.Compare(b, a) })
}

// smallSort is the number of hits up to which the title and call-number
// orders read every hit's sort key; above it they walk the sort index and
// keep the hits, stopping at the page.
var smallSort = 20000

// orderCollected returns the page of the collected hits in title or call
// number order.
func (ev *evaluation) orderCollected(offset int) ([]int64, error) {
	hits := ev.collected
	if offset >= len(hits) {
		return nil, nil
	}
	want := offset + ev.req.PerPage
	var ordered []int64
	var err error
	if len(hits) <= smallSort {
		ordered, err = ev.sortByKeys(hits)
	} else {
		ordered, err = ev.walkIndex(hits, want)
	}
	if err != nil {
		return nil, err
	}
	if offset >= len(ordered) {
		return nil, nil
	}
	return ordered[offset:min(want, len(ordered))], nil
}

// sortByKeys reads the sort key of every hit and sorts.
func (ev *evaluation) sortByKeys(hits []int64) ([]int64, error) {
	type keyed struct {
		id  int64
		key string
	}
	keys := make(map[int64]string, len(hits))
	query := `SELECT id, title_pinyin FROM bib_records WHERE `
	if ev.sortBy == "callno" {
		query = `SELECT bib_id, MIN(call_sort) FROM items WHERE status <> 'withdrawn' AND `
	}
	for start := 0; start < len(hits); start += 500 {
		part := hits[start:min(start+500, len(hits))]
		var args []any
		col := "id"
		suffix := ""
		if ev.sortBy == "callno" {
			col, suffix = "bib_id", " GROUP BY bib_id"
		}
		err := ev.tx.Each(query+inList(col, &args, part)+suffix, func(r *sql.Rows) error {
			var id int64
			var k sql.NullString
			if err := r.Scan(&id, &k); err != nil {
				return err
			}
			keys[id] = k.String
			return nil
		}, args...)
		if err != nil {
			return nil, err
		}
	}
	list := make([]keyed, len(hits))
	for i, id := range hits {
		k, ok := keys[id]
		if !ok && ev.sortBy == "callno" {
			k = "~" // no call number: last
		}
		list[i] = keyed{id, k}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].key != list[j].key {
			return list[i].key < list[j].key
		}
		return list[i].id < list[j].id
	})
	out := make([]int64, len(list))
	for i, k := range list {
		out[i] = k.id
	}
	return out, nil
}

// walkIndex walks the sort order of the whole catalogue and keeps the hits
// until the page is full: with many hits the page is reached early.
func (ev *evaluation) walkIndex(hits []int64, want int) ([]int64, error) {
	member := make(map[int64]bool, len(hits))
	for _, id := range hits {
		member[id] = true
	}
	query := `SELECT id FROM bib_records ORDER BY title_pinyin, id`
	if ev.sortBy == "callno" {
		query = `SELECT bib_id FROM items WHERE status <> 'withdrawn' ORDER BY call_sort, id`
	}
	var out []int64
	seen := map[int64]bool{}
	rows, err := ev.tx.Query(query)
	if err != nil {
		return nil, err
	}
	for rows.Next() && len(out) < want {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		if member[id] && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Hits without an item (call-number order) come last, by id.
	for _, id := range hits {
		if len(out) >= want {
			break
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// facets turns the counts into facet values: the most frequent first
// (material, language, branch), years newest first, classes A–Z.
func (ev *evaluation) facets() *Facets {
	if !ev.wantFacets {
		return nil
	}
	c := &ev.counts
	out := &Facets{Available: c.available}
	fromMap := func(kind string, m map[uint16]int, limit int) []FacetValue {
		var list []FacetValue
		for n, count := range m {
			v := ev.codes.codeName(kind, n)
			if v == "" || count == 0 {
				continue
			}
			list = append(list, FacetValue{Value: v, Count: count})
		}
		byCount(list)
		return list[:min(limit, len(list))]
	}
	out.Material = fromMap(kindMaterial, c.material, 20)
	out.Language = fromMap(kindLanguage, c.language, 20)
	for y, count := range c.year {
		if y != 0 && count > 0 {
			out.Year = append(out.Year, FacetValue{Value: strconv.Itoa(int(y)), Count: count})
		}
	}
	byCount(out.Year)
	out.Year = out.Year[:min(30, len(out.Year))]
	sort.Slice(out.Year, func(i, j int) bool { return out.Year[i].Value > out.Year[j].Value })
	for i := 1; i < len(c.class); i++ {
		if c.class[i] > 0 {
			out.Class = append(out.Class, FacetValue{Value: string(rune('A' + i - 1)), Count: c.class[i]})
		}
	}
	for n, count := range c.branch {
		if count > 0 {
			if v := ev.codes.codeName(kindBranch, uint16(n)); v != "" {
				out.Branch = append(out.Branch, FacetValue{Value: v, Count: count})
			}
		}
	}
	byCount(out.Branch)
	return out
}

// byCount sorts facet values by count, most first, then by value.
func byCount(list []FacetValue) {
	sort.Slice(list, func(i, j int) bool {
		if list[i].Count != list[j].Count {
			return list[i].Count > list[j].Count
		}
		return list[i].Value < list[j].Value
	})
}
