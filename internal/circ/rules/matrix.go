package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Any is the wildcard of a rule row: it matches every reader category, item
// type or branch.
const Any = "*"

// ErrNoRule means no rule row matches the reader category, item type and
// branch asked about. A matrix with a catch-all row (*/*/*) never returns it.
var ErrNoRule = errors.New("rules: no rule row matches")

// Row is one row of the loan-rule matrix: the policy for reader Category ×
// ItemType × Branch, each a code or Any. ID is the row's database id, used
// to name it in explanations and errors.
type Row struct {
	ID       int64  `json:"id"`
	Category string `json:"category"`
	ItemType string `json:"item_type"`
	Branch   string `json:"branch"`
	Policy   Policy `json:"policy"`
}

// Key returns the row's pattern written category/item_type/branch.
func (r Row) Key() string { return r.Category + "/" + r.ItemType + "/" + r.Branch }

func (r Row) subject() string { return fmt.Sprintf("rule row %d (%s)", r.ID, r.Key()) }

// LimitRow is one row of the limits table: the Limits of reader Category at
// Branch, each a code or Any.
type LimitRow struct {
	ID       int64  `json:"id"`
	Category string `json:"category"`
	Branch   string `json:"branch"`
	Limits   Limits `json:"limits"`
}

// Key returns the row's pattern written category/branch.
func (r LimitRow) Key() string { return r.Category + "/" + r.Branch }

func (r LimitRow) subject() string { return fmt.Sprintf("limit row %d (%s)", r.ID, r.Key()) }

// Step is one line of an explanation: a translation key and its arguments
// (never an English sentence).
type Step struct {
	Key  string         `json:"key"`
	Args map[string]any `json:"args,omitempty"`
}

// Explanation is the trail of a decision, for the staff screen "what does
// this reader get for this item, and why".
type Explanation struct {
	Steps []Step `json:"steps"`
}

func (e *Explanation) add(key string, args ...any) {
	s := Step{Key: key}
	if len(args) > 0 {
		s.Args = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			s.Args[args[i].(string)] = args[i+1]
		}
	}
	e.Steps = append(e.Steps, s)
}

// StepKeys lists the explanation keys, for the translation files. Prefix
// "rules." is for Resolve and "limits." for ResolveLimits; both use the
// same steps with the same arguments (limits have no ItemType).
//
//	rules.query       Category, ItemType, Branch: what was asked
//	rules.matched     Rank (1 = winner), Row, Key, Exact: a row that matches,
//	                  in precedence order; Exact lists the dimensions it names
//	                  exactly, most decisive first ("branch,item_type"), or ""
//	rules.won         Row, Key, Matches: the deciding row and how many matched
//	rules.beat        Row, Key, Over, OverKey, Dimension: the winner beat
//	                  another matching row because it names Dimension exactly
//	                  (branch, item_type or category) and the other does not
//	rules.not_for_loan Row: the deciding row makes the item not for loan
//	rules.no_match    (no arguments): no row matches
var StepKeys = []string{
	"rules.query", "rules.matched", "rules.won", "rules.beat", "rules.not_for_loan", "rules.no_match",
	"limits.query", "limits.matched", "limits.won", "limits.beat", "limits.no_match",
}

// Resolution is the outcome of Resolve: the policy, the row that decided it
// and the trail of the decision.
type Resolution struct {
	Policy      Policy      `json:"policy"`
	Row         Row         `json:"row"`
	Explanation Explanation `json:"explanation"`
}

// LimitsResolution is the outcome of ResolveLimits.
type LimitsResolution struct {
	Limits      Limits      `json:"limits"`
	Row         LimitRow    `json:"row"`
	Explanation Explanation `json:"explanation"`
}

// precedence is the order of the dimensions of the loan-rule matrix, most
// decisive first (see Resolve).
var precedence = []string{"branch", "item_type", "category"}

// Resolve picks the policy for a reader of category borrowing an item of
// itemType at branch from the matrix rows, and returns the winning row, its
// policy and the explanation trail.
//
// Precedence: among the rows that match, the most specific wins, judged
// dimension by dimension in this order:
//
//  1. a row naming the branch exactly beats every row for any branch;
//  2. then a row naming the item type exactly beats one for any type;
//  3. then a row naming the reader category exactly beats one for any.
//
// So */*/LAW beats undergrad/book/*, and */reference/* beats undergrad/*/*
// (an item type that is not for loan stays not for loan for every category
// unless a row names both). Two rows with the same pattern are an error, so
// the winner is always unique and does not depend on row order. Beware:
// a branch row beats the all-branch rows for reference and serials too —
// a branch that lends under its own rows needs its own */reference/BRANCH
// and */serial/BRANCH rows, and the explanation shows which row won.
// Codes are compared exactly (case matters).
//
// Resolve fails when a query value is empty or Any, when two matching rows
// have the same pattern, when the winning row's policy is invalid (the
// error names the row; rows that lose are not checked, ValidateRows is for
// the editor), and with ErrNoRule when nothing matches. The explanation so
// far is returned with the error.
func Resolve(rows []Row, category, itemType, branch string) (Resolution, error) {
	keys := make([][]string, len(rows))
	for i, r := range rows {
		keys[i] = []string{r.Branch, r.ItemType, r.Category}
	}
	q := []string{branch, itemType, category}
	win, ex, err := match("rules", precedence, q, keys,
		func(i int) (int64, string) { return rows[i].ID, rows[i].Key() },
		func(i int) string { return rows[i].subject() },
		[]any{"Category", category, "ItemType", itemType, "Branch", branch})
	if err != nil {
		return Resolution{Explanation: ex}, err
	}
	r := rows[win]
	if err := r.Policy.Validate(); err != nil {
		return Resolution{Explanation: ex}, about(err, r.subject())
	}
	if r.Policy.NotForLoan {
		ex.add("rules.not_for_loan", "Row", r.ID)
	}
	return Resolution{Policy: r.Policy, Row: r, Explanation: ex}, nil
}

// ResolveLimits picks the limits of a reader of category at branch from the
// limit rows: a row naming the branch beats any branch, then a row naming
// the category beats any category. Errors as for Resolve.
func ResolveLimits(rows []LimitRow, category, branch string) (LimitsResolution, error) {
	keys := make([][]string, len(rows))
	for i, r := range rows {
		keys[i] = []string{r.Branch, r.Category}
	}
	win, ex, err := match("limits", []string{"branch", "category"}, []string{branch, category}, keys,
		func(i int) (int64, string) { return rows[i].ID, rows[i].Key() },
		func(i int) string { return rows[i].subject() },
		[]any{"Category", category, "Branch", branch})
	if err != nil {
		return LimitsResolution{Explanation: ex}, err
	}
	r := rows[win]
	if err := r.Limits.Validate(); err != nil {
		return LimitsResolution{Explanation: ex}, about(err, r.subject())
	}
	return LimitsResolution{Limits: r.Limits, Row: r, Explanation: ex}, nil
}

// match finds the most specific row whose patterns (keys[i], one per
// dimension in dims, most decisive first) match q, and writes the trail.
func match(prefix string, dims, q []string, keys [][]string, id func(int) (int64, string), subject func(int) string, queryArgs []any) (int, Explanation, error) {
	var ex Explanation
	ex.add(prefix+".query", queryArgs...)
	for d, v := range q {
		if v == "" || v == Any {
			return -1, ex, &ValidationError{Subject: "query", Field: dims[d], Problem: "not_a_code", Value: v}
		}
	}
	type cand struct{ i, score int }
	var cands []cand
	for i, k := range keys {
		score, ok := 0, true
		for d, pat := range k {
			switch {
			case pat == Any:
			case pat == q[d]:
				score |= 1 << (len(dims) - 1 - d)
			default:
				ok = false
			}
		}
		if ok {
			cands = append(cands, cand{i, score})
		}
	}
	if len(cands) == 0 {
		ex.add(prefix + ".no_match")
		return -1, ex, fmt.Errorf("%w %s", ErrNoRule, strings.Join(q, "/"))
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return b.score - a.score })
	if len(cands) > 1 && cands[0].score == cands[1].score {
		return -1, ex, &ValidationError{Subject: subject(cands[1].i), Problem: "duplicate", Value: subject(cands[0].i)}
	}
	exact := func(score int) string {
		var names []string
		for d := range dims {
			if score&(1<<(len(dims)-1-d)) != 0 {
				names = append(names, dims[d])
			}
		}
		return strings.Join(names, ",")
	}
	for rank, c := range cands {
		rid, key := id(c.i)
		ex.add(prefix+".matched", "Rank", rank+1, "Row", rid, "Key", key, "Exact", exact(c.score))
	}
	w := cands[0]
	wid, wkey := id(w.i)
	ex.add(prefix+".won", "Row", wid, "Key", wkey, "Matches", len(cands))
	for _, c := range cands[1:] {
		oid, okey := id(c.i)
		diff := w.score &^ c.score
		// The highest bit where the winner is exact and the loser is not;
		// it exists because the winner's score is strictly greater.
		d := 0
		for diff&(1<<(len(dims)-1-d)) == 0 {
			d++
		}
		ex.add(prefix+".beat", "Row", wid, "Key", wkey, "Over", oid, "OverKey", okey, "Dimension", dims[d])
	}
	return w.i, ex, nil
}

// ValidateRows checks every row of a loan-rule matrix — patterns, policies,
// duplicate patterns — and returns every problem found (errors.Join of
// *ValidationError, each naming its row), or nil.
func ValidateRows(rows []Row) error {
	var errs []error
	seen := map[string]int{}
	for i, r := range rows {
		for _, f := range []struct{ field, v string }{{"category", r.Category}, {"item_type", r.ItemType}, {"branch", r.Branch}} {
			if err := checkPattern(f.v); err != "" {
				errs = append(errs, &ValidationError{Subject: r.subject(), Field: f.field, Problem: err, Value: f.v})
			}
		}
		if err := r.Policy.Validate(); err != nil {
			errs = append(errs, about(err, r.subject()))
		}
		if j, dup := seen[r.Key()]; dup {
			errs = append(errs, &ValidationError{Subject: r.subject(), Problem: "duplicate", Value: rows[j].subject()})
		} else {
			seen[r.Key()] = i
		}
	}
	return errors.Join(errs...)
}

// ValidateLimitRows checks every row of a limits table like ValidateRows.
func ValidateLimitRows(rows []LimitRow) error {
	var errs []error
	seen := map[string]int{}
	for i, r := range rows {
		for _, f := range []struct{ field, v string }{{"category", r.Category}, {"branch", r.Branch}} {
			if err := checkPattern(f.v); err != "" {
				errs = append(errs, &ValidationError{Subject: r.subject(), Field: f.field, Problem: err, Value: f.v})
			}
		}
		if err := r.Limits.Validate(); err != nil {
			errs = append(errs, about(err, r.subject()))
		}
		if j, dup := seen[r.Key()]; dup {
			errs = append(errs, &ValidationError{Subject: r.subject(), Problem: "duplicate", Value: rows[j].subject()})
		} else {
			seen[r.Key()] = i
		}
	}
	return errors.Join(errs...)
}

// checkPattern returns a problem code for a bad row pattern, or "".
func checkPattern(p string) string {
	if p == "" {
		return "empty"
	}
	if strings.IndexFunc(p, func(r rune) bool { return unicode.IsSpace(r) || r == '/' }) >= 0 {
		return "not_a_code"
	}
	return ""
}

// DefaultRows is the matrix of a new library: everyone may borrow anything
// for 30 days with one 30-day renewal, 0.10 元 a day overdue, holds allowed —
// except reference books and serials (item types "reference" and "serial"),
// which are not for loan. The library edits it; a more specific row (say
// staff/serial/*) lends what the defaults keep in the library.
func DefaultRows() []Row {
	return []Row{
		{Category: Any, ItemType: Any, Branch: Any, Policy: Policy{
			Period: 30, Unit: Days, MaxOfType: Unlimited, Renewals: 1, RenewalPeriod: 30, RenewFrom: FromDue,
			RecallDays: 7, FinePerDayFen: 10, GraceMode: GraceForgive, HoldsAllowed: true}},
		{Category: Any, ItemType: "reference", Branch: Any, Policy: Policy{NotForLoan: true}},
		{Category: Any, ItemType: "serial", Branch: Any, Policy: Policy{NotForLoan: true}},
	}
}

// DefaultLimits are the limits of a new library: ten items, no debt over
// 10 元, no overdue item, five holds.
func DefaultLimits() []LimitRow {
	return []LimitRow{{Category: Any, Branch: Any, Limits: Limits{MaxLoans: 10, MaxFeesFen: 1000, MaxOverdueItems: 0, MaxHolds: 5}}}
}
