package policy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// Explanation answers "what does a reader of this category get for an item
// of this type at this branch, and why": the deciding rule row and limit
// row, each with the trail of the decision (translation keys, see
// StepKeys), and the branch's calendar and the settings that apply.
type Explanation struct {
	Category string `json:"category"`
	ItemType string `json:"item_type"`
	Branch   string `json:"branch"`
	// Rule is the outcome of rules.Resolve. RuleFound is false when no
	// rule row matches: Rule then holds only the trail, ending in
	// rules.no_match, and circulation lends nothing.
	Rule      rules.Resolution `json:"rule"`
	RuleFound bool             `json:"rule_found"`
	// Limits is the outcome of rules.ResolveLimits, likewise.
	Limits      rules.LimitsResolution `json:"limits"`
	LimitsFound bool                   `json:"limits_found"`
	// Calendar is the calendar that applies at the branch (its own or
	// that of "*"), nil when the branch is open every day.
	Calendar *rules.Calendar `json:"calendar,omitempty"`
	Settings Settings        `json:"settings"`
	Version  int64           `json:"version"`
	// DueNow is when a loan made now under the policy would fall due
	// (zero when the policy does not lend or no rule matches).
	DueNow time.Time `json:"due_now,omitzero"`
}

// Steps returns the whole trail: the rule steps, then the limit steps.
func (e Explanation) Steps() []rules.Step {
	out := append([]rules.Step(nil), e.Rule.Explanation.Steps...)
	return append(out, e.Limits.Explanation.Steps...)
}

// Explain resolves the policy and the limits of a reader of category for
// an item of itemType at branch, from the rules as stored now. Each code
// must be a code, not empty nor "*". When no row matches, the explanation
// says so (RuleFound or LimitsFound false) and there is no error; a
// contradiction in the stored rows (two rows with one pattern, an invalid
// row) is an Invalid error naming the row.
func (s *Service) Explain(ctx context.Context, a auth.Actor, category, itemType, branch string) (Explanation, error) {
	ex := Explanation{Category: strings.TrimSpace(category), ItemType: strings.TrimSpace(itemType), Branch: strings.TrimSpace(branch)}
	for _, f := range []struct{ field, v string }{{"category", ex.Category}, {"item_type", ex.ItemType}, {"branch", ex.Branch}} {
		if f.v == "" || f.v == rules.Any {
			if err := requireView(a); err != nil {
				return Explanation{}, err
			}
			return Explanation{}, apperr.New(apperr.Invalid, "error.circ_query", "Field", f.field, "Value", f.v).WithField(f.field)
		}
	}
	var snap *Snapshot
	var now time.Time
	err := s.read(ctx, a, func(tx *db.Tx) (err error) { now = tx.Now; snap, err = s.Load(tx); return err })
	if err != nil {
		return Explanation{}, fmt.Errorf("explain %s/%s/%s: %w", ex.Category, ex.ItemType, ex.Branch, err)
	}
	ex.Settings, ex.Version = snap.Settings, snap.Version
	if c := snap.Calendar(ex.Branch); c != nil {
		cp := canonicalCalendar(*c) // a copy: the snapshot is shared
		ex.Calendar = &cp
	}

	ex.Rule, err = snap.Resolve(ex.Category, ex.ItemType, ex.Branch)
	switch {
	case err == nil:
		ex.RuleFound = true
	case !errors.Is(err, rules.ErrNoRule):
		return Explanation{}, invalid(err, "")
	}
	if ex.RuleFound && !ex.Rule.Policy.NotForLoan {
		if ex.DueNow, err = rules.DueDate(ex.Rule.Policy, ex.Calendar, now, snap.Location); err != nil {
			return Explanation{}, invalid(err, ex.Rule.Row.Key())
		}
	}
	ex.Limits, err = snap.ResolveLimits(ex.Category, ex.Branch)
	switch {
	case err == nil:
		ex.LimitsFound = true
	case !errors.Is(err, rules.ErrNoRule):
		return Explanation{}, invalid(err, "")
	}
	return ex, nil
}
