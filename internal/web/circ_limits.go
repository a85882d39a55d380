package web

import (
	"net/http"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/rules"
)

// The limits 借阅限额 (/staff/circ/limits): what a reader of a category may
// have at a branch in total, whatever the item types — items on loan,
// fees owed, overdue items, holds, and whether the deposit must cover the
// loans. A blank limit is no limit; 0 allows none.

// circLimitsData is the limits page and a limit row's page.
type circLimitsData struct {
	Rows       []rules.LimitRow
	Codes      codeBook
	Categories []string
	CanEdit    bool
	Row        rules.LimitRow
	Fieldsets  []circFieldset
	Error      string
}

var (
	limitTextFields  = []string{"category", "branch", "max_loans", "max_fees", "max_overdue_items", "max_holds"}
	limitCheckFields = []string{"deposit_covers_loans"}
)

// limitFormOf writes a limit row as its form.
func limitFormOf(row rules.LimitRow) circForm {
	f := newCircForm()
	l, v := row.Limits, f.Values
	v["category"], v["branch"] = row.Category, row.Branch
	v["max_loans"], v["max_overdue_items"], v["max_holds"] = limitText(l.MaxLoans), limitText(l.MaxOverdueItems), limitText(l.MaxHolds)
	v["max_fees"] = ""
	if l.MaxFeesFen != rules.Unlimited {
		v["max_fees"] = yuan(l.MaxFeesFen)
	}
	v["deposit_covers_loans"] = checkText(l.DepositCoversLoans)
	return f
}

// parseLimitForm reads the posted limit form.
func parseLimitForm(r *req) (rules.LimitRow, circForm) {
	f := newCircForm()
	f.readValues(r, limitTextFields, limitCheckFields)
	v := f.Values
	row := rules.LimitRow{Category: v["category"], Branch: v["branch"]}
	row.Limits = rules.Limits{
		MaxLoans:           f.int(r, "max_loans", rules.Unlimited),
		MaxFeesFen:         f.fen(r, "max_fees", rules.Unlimited),
		MaxOverdueItems:    f.int(r, "max_overdue_items", rules.Unlimited),
		MaxHolds:           f.int(r, "max_holds", rules.Unlimited),
		DepositCoversLoans: v["deposit_covers_loans"] != "",
	}
	return row, f
}

func limitFieldsets(r *req, f circForm, codes codeBook) []circFieldset {
	const prefix = "circ.limit."
	fd := func(name, kind string) circField { return f.field(r, prefix, name, kind) }
	cat := fd("category", "text")
	cat.List, cat.Required = "categories", true
	branch := fd("branch", "select")
	branch.Options = codeChoices(r, f.Values["branch"], codes.Branches, codes.Branch)
	return []circFieldset{
		{Legend: r.T("circ.limit.group_who"), Fields: []circField{cat, branch}},
		{Legend: r.T("circ.limit.group_limits"), Fields: []circField{fd("max_loans", "int"), fd("max_fees", "yuan"),
			fd("max_overdue_items", "int"), fd("max_holds", "int"), fd("deposit_covers_loans", "check")}},
	}
}

// circLimits shows the limit rows and the form for a new one.
func (s *Server) circLimits(r *req) {
	if !r.circView() {
		return
	}
	row := rules.DefaultLimits()[0]
	row.Category = ""
	s.renderCircLimits(r, http.StatusOK, limitFormOf(row))
}

func (s *Server) renderCircLimits(r *req, status int, f circForm) {
	d := circLimitsData{CanEdit: r.Actor().Can(auth.PermCircRules), Error: f.summary(r)}
	if !s.loadCircLimits(r, &d) {
		return
	}
	d.Fieldsets = limitFieldsets(r, f, d.Codes)
	r.render(status, "circ_limits", r.T("circ.limits.title"), d)
}

// loadCircLimits fills the rows, codes and category suggestions of d.
func (s *Server) loadCircLimits(r *req, d *circLimitsData) bool {
	ctx, a := r.Context(), r.Actor()
	var err error
	if d.Rows, err = s.policy.Limits(ctx, a); err != nil {
		r.fail(err)
		return false
	}
	ruleRows, err := s.policy.Rules(ctx, a)
	if err != nil {
		r.fail(err)
		return false
	}
	if d.Codes, err = s.loadCodes(ctx, r.Locale); err != nil {
		r.fail(err)
		return false
	}
	d.Categories = categoriesOf(ruleRows, d.Rows)
	return true
}

// circLimitCreate adds a limit row.
func (s *Server) circLimitCreate(r *req) {
	if !r.parseForm() {
		return
	}
	row, f := parseLimitForm(r)
	if f.failed() {
		s.renderCircLimits(r, http.StatusUnprocessableEntity, f)
		return
	}
	row, err := s.policy.CreateLimit(r.Context(), r.Actor(), row)
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		r.circErrorIn(&f, err, "circ.limit.", fenField)
		s.renderCircLimits(r, formStatus(err), f)
		return
	}
	r.redirect("/staff/circ/limits?done=flash.circ_limit_created#limit-" + itoa(row.ID))
}

// circLimit shows one limit row for changing.
func (s *Server) circLimit(r *req) {
	if !r.circView() {
		return
	}
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderCircLimit(r, http.StatusOK, id, nil)
}

func (s *Server) renderCircLimit(r *req, status int, id int64, f *circForm) {
	d := circLimitsData{CanEdit: r.Actor().Can(auth.PermCircRules)}
	var err error
	if d.Row, err = s.policy.Limit(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	if !s.loadCircLimits(r, &d) {
		return
	}
	form := limitFormOf(d.Row)
	if f != nil {
		form = *f
	}
	d.Error = form.summary(r)
	d.Fieldsets = limitFieldsets(r, form, d.Codes)
	r.render(status, "circ_limit", r.T("circ.limit.title", "ID", id, "Key", d.Row.Key()), d)
}

// circLimitUpdate changes a limit row.
func (s *Server) circLimitUpdate(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	row, f := parseLimitForm(r)
	if f.failed() {
		s.renderCircLimit(r, http.StatusUnprocessableEntity, id, &f)
		return
	}
	if _, err := s.policy.UpdateLimit(r.Context(), r.Actor(), id, row); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) {
			r.fail(err)
			return
		}
		r.circErrorIn(&f, err, "circ.limit.", fenField)
		s.renderCircLimit(r, formStatus(err), id, &f)
		return
	}
	r.redirect("/staff/circ/limits?done=flash.circ_limit_saved#limit-" + itoa(id))
}

// circLimitDelete deletes a limit row.
func (s *Server) circLimitDelete(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	if err := s.policy.DeleteLimit(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	r.redirect("/staff/circ/limits?done=flash.circ_limit_deleted")
}
