package search

// SplitYears takes the year ranges that every match must satisfy — the
// query itself, or direct children of its top-level AND — out of q, so
// that the engine checks them on the records' stored years instead of
// asking the index for up to 63 year tokens each (a long range would make
// the index read a posting list for most of the catalogue). It returns the
// rest of the query (nil: every record), the range (intersected), and
// whether there was a range to take out. A query whose other parts are all
// exclusions keeps its ranges: an exclusion alone cannot be asked.
func (q *Query) SplitYears() (rest *Query, from, to int, ok bool) {
	from, to = MinYear, MaxYear
	switch n := q.Root.(type) {
	case *YearRange:
		return nil, n.From, n.To, true
	case *And:
		var keep []Node
		positive := 0
		for _, c := range n.Children {
			if y, isYear := c.(*YearRange); isYear {
				from, to = max(from, y.From), min(to, y.To)
				ok = true
				continue
			}
			if _, isNot := c.(*Not); !isNot {
				positive++
			}
			keep = append(keep, c)
		}
		if !ok || (positive == 0 && len(keep) > 0) {
			return q, 0, 0, false
		}
		out := &Query{Source: q.Source, Warnings: q.Warnings}
		switch len(keep) {
		case 0:
			return nil, from, to, true
		case 1:
			out.Root = keep[0]
		default:
			out.Root = &And{Children: keep, Start: n.Start, End: n.End}
		}
		return out, from, to, true
	}
	return q, 0, 0, false
}
