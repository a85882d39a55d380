package web

import (
	"net/http"
	"strings"
	"time"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
)

// "What does this reader get for this item, and why" (/staff/circ/explain):
// choose a reader category, an item type and a branch; the page shows the
// policy and limits that the rules resolve to, the due date of a loan made
// now, and the trail of the decision — which rows matched and why the
// winner beat the others — in the person's language.

// circExplainData is the explain page.
type circExplainData struct {
	Fieldsets  []circFieldset
	Categories []string
	Codes      codeBook
	Error      string
	// Asked: a question was asked and answered (Ex).
	Asked bool
	Ex    policy.Explanation
	// RuleSteps and LimitSteps are the trail, translated.
	RuleSteps, LimitSteps []string
	// DueNow is the due date of a loan made now, in the library's zone.
	DueNow string
}

// circExplain asks and answers.
func (s *Server) circExplain(r *req) {
	if !r.circView() {
		return
	}
	ctx, a := r.Context(), r.Actor()
	q := r.URL.Query()
	f := newCircForm()
	for _, n := range []string{"category", "item_type", "branch"} {
		f.Values[n] = strings.TrimSpace(q.Get(n))
	}
	var d circExplainData
	var err error
	if d.Codes, err = s.loadCodes(ctx, r.Locale); err != nil {
		r.fail(err)
		return
	}
	ruleRows, err := s.policy.Rules(ctx, a)
	if err != nil {
		r.fail(err)
		return
	}
	limitRows, err := s.policy.Limits(ctx, a)
	if err != nil {
		r.fail(err)
		return
	}
	d.Categories = categoriesOf(ruleRows, limitRows)
	status := http.StatusOK
	if q.Has("category") || q.Has("item_type") || q.Has("branch") {
		ex, err := s.policy.Explain(ctx, a, f.Values["category"], f.Values["item_type"], f.Values["branch"])
		switch {
		case err == nil:
			d.Asked, d.Ex = true, ex
			for _, st := range ex.Rule.Explanation.Steps {
				d.RuleSteps = append(d.RuleSteps, r.s.tr.T(r.Locale, st.Key, st.Args))
			}
			for _, st := range ex.Limits.Explanation.Steps {
				d.LimitSteps = append(d.LimitSteps, r.s.tr.T(r.Locale, st.Key, st.Args))
			}
			if !ex.DueNow.IsZero() {
				d.DueNow = localDue(r, ex.DueNow, ex.Settings.TimeZone)
			}
		case isFormError(err):
			r.circErrorIn(&f, err, "circ.explain.", func(s string) string { return s })
			status = formStatus(err)
		default:
			r.fail(err)
			return
		}
	}
	d.Error = f.summary(r)
	const prefix = "circ.explain."
	cat := f.field(r, prefix, "category", "text")
	cat.List, cat.Required = "categories", true
	itemType := f.field(r, prefix, "item_type", "select")
	itemType.Options = pickCode(r, f.Values["item_type"], d.Codes.ItemTypes)
	branch := f.field(r, prefix, "branch", "select")
	branch.Options = pickCode(r, f.Values["branch"], d.Codes.Branches)
	d.Fieldsets = []circFieldset{{Legend: r.T("circ.explain.question"), Fields: []circField{cat, itemType, branch}}}
	r.render(status, "circ_explain", r.T("circ.explain.title"), d)
}

// pickCode are the options of a select that needs one code (not any):
// "choose…", then the library's codes.
func pickCode(r *req, selected string, list []catalog.Code) []circOption {
	out := []circOption{{Value: "", Label: r.T("circ.explain.choose"), Selected: selected == ""}}
	for _, c := range list {
		out = append(out, circOption{Value: c.Code, Label: c.Name(r.Locale) + " (" + c.Code + ")", Selected: c.Code == selected})
	}
	return out
}

// localDue writes a due date in the library's zone, with its weekday.
func localDue(r *req, due time.Time, zone string) string {
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" {
		loc = rules.DefaultLocation()
	}
	t := due.In(loc)
	return r.T("circ.explain.due_at", "Date", t.Format("2006-01-02"), "Time", t.Format("15:04"), "Weekday", weekdayName(r, t.Weekday()))
}
