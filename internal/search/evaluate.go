package search

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"

	"lantai.dev/lantai/internal/catalog/profile"
	"lantai.dev/lantai/internal/db"
)

// The facet dimensions a record can fail a filter on. A record that fails
// exactly one dimension's filter still counts in that dimension's facet,
// so that choosing one value shows the others to add.
const (
	dimMaterial = iota
	dimLanguage
	dimYear
	dimClass
	dimBranch
	dimAvailable
	dimLocation // a filter, not a facet
)

// evaluation is one search's pass over the slots of the matching records.
type evaluation struct {
	tx     *db.Tx
	codes  *codes
	req    Request
	sortBy string

	// matched are the ids the index gave, ascending; all means every
	// record (no query).
	matched []int64
	all     bool

	filter filters
	rank   *ranking // relevance only
	// years is a range the query itself sets (year:2019..2023): unlike the
	// year filter it holds for every facet.
	years          bool
	yearLo, yearHi uint16

	total      int
	top        topK    // relevance and year orders
	collected  []int64 // title and call-number orders: every hit
	counts     facetCounts
	wantFacets bool
}

// filters are the request's filters in slot terms.
type filters struct {
	material, language map[uint16]bool // nil = no filter
	class              [27]bool
	anyClass           bool
	yearFrom, yearTo   uint16
	years              bool
	branches           uint64
	branchIDs          *idSet // branches beyond the slot masks
	byBranch           bool
	available          bool
	location           *idSet
}

type facetCounts struct {
	material, language map[uint16]int
	year               map[uint16]int
	class              [27]int
	branch             [MaxFacetBranches]int
	available          int
}

func newEvaluation(tx *db.Tx, q *Query, req Request, sortBy string) (*evaluation, error) {
	c, err := loadCodes(tx)
	if err != nil {
		return nil, err
	}
	ev := &evaluation{tx: tx, codes: c, req: req, sortBy: sortBy, wantFacets: req.Facets}
	if err := ev.compileFilters(req.Filters); err != nil {
		return nil, err
	}
	if q == nil {
		ev.all = true
	} else {
		match := q
		if rest, from, to, ok := q.SplitYears(); ok {
			ev.years, ev.yearLo, ev.yearHi = true, uint16(max(from, 0)), uint16(max(to, 0))
			match = rest
		}
		if match == nil {
			ev.all = true
		} else {
			text, err := compileFor(tx, match)
			if err != nil {
				return nil, queryError(err)
			}
			if ev.matched, err = matchIDs(tx, text); err != nil {
				return nil, err
			}
		}
		if sortBy == "relevance" {
			if ev.rank, err = newRanking(tx, q); err != nil {
				return nil, err
			}
		}
	}
	if ev.wantFacets {
		ev.counts.material = map[uint16]int{}
		ev.counts.language = map[uint16]int{}
		ev.counts.year = map[uint16]int{}
	}
	ev.top.k = req.Page * req.PerPage
	return ev, nil
}

// compileFor compiles q for the transaction's engine.
func compileFor(tx *db.Tx, q *Query) (string, error) {
	if tx.Dialect() == db.Postgres {
		return CompileTSQuery(q)
	}
	return CompileFTS5(q)
}

// matchIDs returns the ids of the records the index matches, ascending.
// The engine joins them into one text value: one row instead of one row
// per hit is four times faster for large results.
func matchIDs(tx *db.Tx, text string) ([]int64, error) {
	query := `SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH $1`
	if tx.Dialect() == db.Postgres {
		query = `SELECT string_agg(bib_id::text, ',') FROM search_docs WHERE search @@ to_tsquery('simple', $1)`
	}
	var list sql.NullString
	if err := tx.QueryRow(query, text).Scan(&list); err != nil {
		return nil, err
	}
	ids, err := parseIDList(list.String)
	if err != nil {
		return nil, err
	}
	if !slices.IsSorted(ids) {
		slices.Sort(ids)
	}
	return ids, nil
}

// parseIDList parses "1,2,3".
func parseIDList(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	ids := make([]int64, 0, len(s)/7+1)
	var v int64
	digits := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if digits == 0 {
				return nil, fmt.Errorf("search: bad id list at byte %d", i)
			}
			ids = append(ids, v)
			v, digits = 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits > 18 {
			return nil, fmt.Errorf("search: bad id list at byte %d", i)
		}
		v = v*10 + int64(c-'0')
		digits++
	}
	return ids, nil
}

func (ev *evaluation) compileFilters(f Filters) error {
	fl := &ev.filter
	nums := func(kind string, vals []string) map[uint16]bool {
		if len(vals) == 0 {
			return nil
		}
		m := map[uint16]bool{}
		for _, v := range vals {
			if n, ok := ev.codes.lookup(kind, v); ok {
				m[n] = true
			}
		}
		return m
	}
	fl.material = nums(kindMaterial, f.Material)
	fl.language = nums(kindLanguage, f.Language)
	for _, c := range f.Class {
		if b := mainClass(c); b != 0 {
			fl.class[b-'A'+1] = true
		}
		fl.anyClass = true
	}
	if f.YearFrom > 0 || f.YearTo > 0 {
		fl.years = true
		fl.yearFrom = uint16(max(min(f.YearFrom, 0xFFFF), 1))
		fl.yearTo = uint16(min(max(f.YearTo, 0), 0xFFFF))
		if f.YearTo <= 0 {
			fl.yearTo = 0xFFFF
		}
	}
	if len(f.Branch) > 0 {
		fl.byBranch = true
		var far []string
		for _, b := range f.Branch {
			n, ok := ev.codes.lookup(kindBranch, b)
			switch {
			case !ok:
			case n < MaxFacetBranches:
				fl.branches |= 1 << n
			default:
				far = append(far, b)
			}
		}
		if len(far) > 0 {
			ids, err := itemBibs(ev.tx, "l.branch_code", far)
			if err != nil {
				return err
			}
			fl.branchIDs = ids
		}
	}
	fl.available = f.Available
	if len(f.Location) > 0 {
		ids, err := itemBibs(ev.tx, "i.location_code", f.Location)
		if err != nil {
			return err
		}
		fl.location = ids
	}
	return nil
}

// itemBibs is the set of records with a (not withdrawn) item whose column
// col is one of vals.
func itemBibs(tx *db.Tx, col string, vals []string) (*idSet, error) {
	var args []any
	var ids []int64
	err := tx.Each(`SELECT DISTINCT i.bib_id FROM items i JOIN locations l ON l.code = i.location_code
		WHERE `+inList(col, &args, vals)+` AND i.status <> 'withdrawn'`, func(r *sql.Rows) error {
		var id int64
		if err := r.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}, args...)
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	return &idSet{ids: ids}, nil
}

// run makes the pass and returns the ids of the requested page, in order.
func (ev *evaluation) run() ([]int64, error) {
	if err := eachSlot(ev.tx, ev.matched, ev.all, ev.visit); err != nil {
		return nil, err
	}
	offset := (ev.req.Page - 1) * ev.req.PerPage
	switch ev.sortBy {
	case "title", "callno":
		return ev.orderCollected(offset)
	}
	keys := ev.top.sorted()
	if offset >= len(keys) {
		return nil, nil
	}
	keys = keys[offset:min(offset+ev.req.PerPage, len(keys))]
	ids := make([]int64, len(keys))
	for i, k := range keys {
		if ev.sortBy == "year_asc" {
			k = ^k
		}
		ids[i] = int64(k & idMask)
	}
	return ids, nil
}

// visit is called for each matching record's slot, in id order.
func (ev *evaluation) visit(id int64, b []byte) {
	fl := &ev.filter
	fails, failed := 0, -1
	fail := func(dim int) bool {
		fails++
		failed = dim
		return fails > 1
	}
	year := binary.LittleEndian.Uint16(b[offYear:])
	if ev.years && (year == 0 || year < ev.yearLo || year > ev.yearHi) {
		return
	}
	if fl.material != nil && !fl.material[binary.LittleEndian.Uint16(b[offMaterial:])] && fail(dimMaterial) {
		return
	}
	if fl.language != nil && !fl.language[binary.LittleEndian.Uint16(b[offLanguage:])] && fail(dimLanguage) {
		return
	}
	if fl.years && (year < fl.yearFrom || year > fl.yearTo) && fail(dimYear) {
		return
	}
	if fl.anyClass && !fl.class[classIndex(b[offClass])] && fail(dimClass) {
		return
	}
	branches := binary.LittleEndian.Uint64(b[offBranches:])
	if fl.byBranch && branches&fl.branches == 0 && !fl.branchIDs.has(id) && fail(dimBranch) {
		return
	}
	avail := binary.LittleEndian.Uint64(b[offAvailable:]) != 0
	if fl.available && !avail && fail(dimAvailable) {
		return
	}
	if fl.location != nil && !fl.location.has(id) && fail(dimLocation) {
		return
	}
	if ev.wantFacets {
		ev.count(b, fails, failed, year, branches, avail)
	}
	if fails > 0 {
		return
	}
	ev.total++
	switch ev.sortBy {
	case "title", "callno":
		ev.collected = append(ev.collected, id)
	case "relevance":
		ev.top.push(ev.rank.key(id, year, binary.LittleEndian.Uint32(b[offLoans:])))
	case "year_desc":
		ev.top.push(uint64(min(year, yearMax))<<idBits | uint64(id))
	case "year_asc":
		k := uint64(min(year, yearMax))<<idBits | uint64(id)
		if year == 0 {
			k |= 1 << (idBits + yearBits)
		}
		ev.top.push(^k)
	}
}

// count adds a record to the facets it counts in: all of them when it
// passes every filter, only the one whose filter it fails otherwise.
func (ev *evaluation) count(b []byte, fails, failed int, year uint16, branches uint64, avail bool) {
	in := func(dim int) bool { return fails == 0 || failed == dim }
	c := &ev.counts
	if in(dimMaterial) {
		c.material[binary.LittleEndian.Uint16(b[offMaterial:])]++
	}
	if in(dimLanguage) {
		c.language[binary.LittleEndian.Uint16(b[offLanguage:])]++
	}
	if in(dimYear) {
		c.year[year]++
	}
	if in(dimClass) {
		c.class[classIndex(b[offClass])]++
	}
	if in(dimBranch) {
		for m := branches; m != 0; m &= m - 1 {
			c.branch[trailingZeros(m)]++
		}
	}
	if in(dimAvailable) && avail {
		c.available++
	}
}

func classIndex(b byte) int {
	if b >= 'A' && b <= 'Z' {
		return int(b-'A') + 1
	}
	return 0
}

// ranking holds what relevance needs beyond the slots: which hits match in
// the title, in a name, in a subject, and whose title is the query or
// begins with it.
type ranking struct {
	title, name, subject *idSet
	exact, leading       *idSet
}

func newRanking(tx *db.Tx, q *Query) (*ranking, error) {
	r := &ranking{}
	for _, fs := range []struct {
		f   Field
		dst **idSet
	}{{FieldTitle, &r.title}, {FieldName, &r.name}, {FieldSubject, &r.subject}} {
		fq := q.InField(fs.f)
		if fq == nil {
			continue
		}
		text, err := compileFor(tx, fq)
		if err != nil {
			continue
		}
		ids, err := matchIDs(tx, text)
		if err != nil {
			return nil, err
		}
		*fs.dst = &idSet{ids: ids}
	}
	if plain, ok := q.PlainText(); ok || plain != "" {
		if key := profile.NormalizeKey(plain); key != "" {
			var err error
			if r.exact, r.leading, err = titleStarts(tx, key); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// titleStarts returns the records whose title is key (exact) and whose
// title begins with key (leading), from the duplicate-check key (title|…).
func titleStarts(tx *db.Tx, key string) (exact, leading *idSet, err error) {
	query := `SELECT id, dup_key FROM bib_records WHERE dup_key >= $1 AND dup_key < $2`
	if tx.Dialect() == db.Postgres {
		query = `SELECT id, dup_key FROM bib_records WHERE dup_key COLLATE "C" >= $1 AND dup_key COLLATE "C" < $2`
	}
	var ex, lead []int64
	err = tx.Each(query, func(r *sql.Rows) error {
		var id int64
		var k string
		if err := r.Scan(&id, &k); err != nil {
			return err
		}
		if len(k) > len(key) && k[len(key)] == '|' {
			ex = append(ex, id)
		} else {
			lead = append(lead, id)
		}
		return nil
	}, key, key+"\U0010FFFF")
	if err != nil {
		return nil, nil, err
	}
	slices.Sort(ex)
	slices.Sort(lead)
	return &idSet{ids: ex}, &idSet{ids: lead}, nil
}

// Key layout of the ranked orders: the id in the low bits; above it the
// year (year orders), or loans, year and score (relevance).
const (
	idBits    = 33
	idMask    = 1<<idBits - 1
	yearBits  = 12
	yearMax   = 1<<yearBits - 1
	loanBits  = 12
	loanMax   = 1<<loanBits - 1
	scoreBase = idBits + loanBits + yearBits
)

// key is a hit's relevance key: exact and leading title matches first,
// then matches in the title, in a name, in a subject (weighted 8, 4, 2),
// then newer, more-borrowed and later-added records.
func (r *ranking) key(id int64, year uint16, loans uint32) uint64 {
	var score uint64
	switch {
	case r.exact.has(id):
		score = 64
	case r.leading.has(id):
		score = 32
	}
	if r.title.has(id) {
		score += 8
	}
	if r.name.has(id) {
		score += 4
	}
	if r.subject.has(id) {
		score += 2
	}
	return score<<scoreBase | uint64(min(year, yearMax))<<(idBits+loanBits) |
		uint64(min(loans, loanMax))<<idBits | uint64(id)
}
