package web

import (
	"net/http"
	"strconv"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ/rules"
)

// The loan-rule matrix 借阅规则 (/staff/circ/rules): every row — reader
// category × item type × branch → loan period, renewals, fines, holds —
// with a form to add a row, and each row's page to change or delete it.
// Circulation staff read the rules; circ.rules changes them.

// circRulesData is the matrix page and a row's page.
type circRulesData struct {
	Rows       []rules.Row
	Codes      codeBook
	Categories []string
	CanEdit    bool
	// Row is the row of a row's page.
	Row rules.Row
	// Fieldsets are the form, as typed or as stored; Error is the form's
	// error that names no field of it.
	Fieldsets []circFieldset
	Error     string
}

// The fields of the rule form: typed values and checkboxes. Amounts are
// typed in yuan (fine_per_day is the service's fine_per_day_fen).
var (
	ruleTextFields = []string{"category", "item_type", "branch", "period", "unit", "max_of_type", "renewals",
		"renewal_period", "renew_from", "recall_days", "fine_per_day", "fine_per_hour", "grace_days", "grace_hours",
		"grace_mode", "fine_cap"}
	ruleCheckFields = []string{"not_for_loan", "overdue_blocks_renewal", "cap_at_price", "holds_allowed"}
)

// ruleFormOf writes a rule row as its form.
func ruleFormOf(row rules.Row) circForm {
	f := newCircForm()
	p := row.Policy
	v := f.Values
	v["category"], v["item_type"], v["branch"] = row.Category, row.ItemType, row.Branch
	v["not_for_loan"] = checkText(p.NotForLoan)
	v["period"], v["unit"], v["max_of_type"] = strconv.Itoa(p.Period), string(p.Unit), limitText(p.MaxOfType)
	v["renewals"], v["renewal_period"], v["renew_from"] = strconv.Itoa(p.Renewals), strconv.Itoa(p.RenewalPeriod), string(p.RenewFrom)
	v["overdue_blocks_renewal"], v["recall_days"] = checkText(p.OverdueBlocksRenewal), strconv.Itoa(p.RecallDays)
	v["fine_per_day"], v["fine_per_hour"] = yuan(p.FinePerDayFen), ""
	if p.FinePerHourFen > 0 {
		v["fine_per_hour"] = yuan(p.FinePerHourFen)
	}
	v["grace_days"], v["grace_hours"], v["grace_mode"] = strconv.Itoa(p.GraceDays), strconv.Itoa(p.GraceHours), string(p.GraceMode)
	v["fine_cap"] = ""
	if p.FineCapFen > 0 {
		v["fine_cap"] = yuan(p.FineCapFen)
	}
	v["cap_at_price"], v["holds_allowed"] = checkText(p.CapAtPrice), checkText(p.HoldsAllowed)
	return f
}

// newRuleRow is what the form for a new row starts from: the catch-all
// row of a new library, for every item type and branch.
func newRuleRow() rules.Row {
	row := rules.DefaultRows()[0]
	row.Category = ""
	return row
}

// parseRuleForm reads the posted rule form into a row; numbers and amounts
// that cannot be read are errors of the form.
func parseRuleForm(r *req) (rules.Row, circForm) {
	f := newCircForm()
	f.readValues(r, ruleTextFields, ruleCheckFields)
	v := f.Values
	row := rules.Row{Category: v["category"], ItemType: v["item_type"], Branch: v["branch"]}
	p := &row.Policy
	p.NotForLoan = v["not_for_loan"] != ""
	p.Period = f.int(r, "period", 0)
	p.Unit = rules.Unit(v["unit"])
	p.MaxOfType = f.int(r, "max_of_type", rules.Unlimited)
	p.Renewals = f.int(r, "renewals", 0)
	p.RenewalPeriod = f.int(r, "renewal_period", 0)
	p.RenewFrom = rules.RenewFrom(v["renew_from"])
	p.OverdueBlocksRenewal = v["overdue_blocks_renewal"] != ""
	p.RecallDays = f.int(r, "recall_days", 0)
	p.FinePerDayFen = f.fen(r, "fine_per_day", 0)
	p.FinePerHourFen = f.fen(r, "fine_per_hour", 0)
	p.GraceDays = f.int(r, "grace_days", 0)
	p.GraceHours = f.int(r, "grace_hours", 0)
	p.GraceMode = rules.GraceMode(v["grace_mode"])
	p.FineCapFen = f.fen(r, "fine_cap", 0)
	p.CapAtPrice = v["cap_at_price"] != ""
	p.HoldsAllowed = v["holds_allowed"] != ""
	return row, f
}

// ruleFieldsets lays the rule form out in groups.
func ruleFieldsets(r *req, f circForm, codes codeBook) []circFieldset {
	const prefix = "circ.rule."
	fd := func(name, kind string) circField { return f.field(r, prefix, name, kind) }
	cat := fd("category", "text")
	cat.List, cat.Required = "categories", true
	itemType := fd("item_type", "select")
	itemType.Options = codeChoices(r, f.Values["item_type"], codes.ItemTypes, codes.ItemType)
	branch := fd("branch", "select")
	branch.Options = codeChoices(r, f.Values["branch"], codes.Branches, codes.Branch)
	unit := fd("unit", "select")
	unit.Options = choices(f.Values["unit"], []string{string(rules.Days), string(rules.Hours)}, func(u string) string { return r.T("circ.unit." + u) })
	renewFrom := fd("renew_from", "select")
	renewFrom.Options = choices(f.Values["renew_from"], []string{string(rules.FromDue), string(rules.FromNow)}, func(v string) string { return r.T("circ.renew_from." + v) })
	graceMode := fd("grace_mode", "select")
	graceMode.Options = choices(f.Values["grace_mode"], []string{string(rules.GraceForgive), string(rules.GraceDeduct)}, func(v string) string { return r.T("circ.grace_mode." + v) })
	return []circFieldset{
		{Legend: r.T("circ.rule.group_who"), Fields: []circField{cat, itemType, branch}},
		{Legend: r.T("circ.rule.group_loan"), Fields: []circField{fd("not_for_loan", "check"), fd("period", "int"), unit, fd("max_of_type", "int")}},
		{Legend: r.T("circ.rule.group_renewal"), Fields: []circField{fd("renewals", "int"), fd("renewal_period", "int"), renewFrom,
			fd("overdue_blocks_renewal", "check"), fd("recall_days", "int")}},
		{Legend: r.T("circ.rule.group_fines"), Fields: []circField{fd("fine_per_day", "yuan"), fd("fine_per_hour", "yuan"), fd("grace_days", "int"),
			fd("grace_hours", "int"), graceMode, fd("fine_cap", "yuan"), fd("cap_at_price", "check")}},
		{Legend: r.T("circ.rule.group_holds"), Fields: []circField{fd("holds_allowed", "check")}},
	}
}

// codeChoices are the options of a branch or item-type select: any, then
// the library's codes by name; a code no longer in the list stays
// selectable.
func codeChoices(r *req, selected string, list []catalog.Code, name func(string) string) []circOption {
	codes := make([]string, 0, len(list))
	for _, c := range list {
		codes = append(codes, c.Code)
	}
	values := anyFirst(codes)
	known := selected == ""
	for _, v := range values {
		known = known || v == selected
	}
	if !known {
		values = append(values, selected)
	}
	return choices(selected, values, func(v string) string {
		if v == rules.Any {
			return r.T("circ.any")
		}
		if n := name(v); n != v {
			return n + " (" + v + ")"
		}
		return v
	})
}

// circRules shows the matrix and, to those who set the rules, the form
// for a new row.
func (s *Server) circRules(r *req) {
	if !r.circView() {
		return
	}
	s.renderCircRules(r, http.StatusOK, ruleFormOf(newRuleRow()))
}

func (s *Server) renderCircRules(r *req, status int, f circForm) {
	ctx, a := r.Context(), r.Actor()
	d := circRulesData{CanEdit: a.Can(auth.PermCircRules), Error: f.summary(r)}
	var err error
	if d.Rows, err = s.policy.Rules(ctx, a); err != nil {
		r.fail(err)
		return
	}
	limits, err := s.policy.Limits(ctx, a)
	if err != nil {
		r.fail(err)
		return
	}
	if d.Codes, err = s.loadCodes(ctx, r.Locale); err != nil {
		r.fail(err)
		return
	}
	d.Categories = categoriesOf(d.Rows, limits)
	d.Fieldsets = ruleFieldsets(r, f, d.Codes)
	r.render(status, "circ_rules", r.T("circ.rules.title"), d)
}

// circRuleCreate adds a row to the matrix.
func (s *Server) circRuleCreate(r *req) {
	if !r.parseForm() {
		return
	}
	row, f := parseRuleForm(r)
	if f.failed() {
		s.renderCircRules(r, http.StatusUnprocessableEntity, f)
		return
	}
	row, err := s.policy.CreateRule(r.Context(), r.Actor(), row)
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		r.circErrorIn(&f, err, "circ.rule.", fenField)
		s.renderCircRules(r, formStatus(err), f)
		return
	}
	r.redirect("/staff/circ/rules?done=flash.circ_rule_created#rule-" + itoa(row.ID))
}

// circRule shows one row for changing (or, without circ.rules, reading).
func (s *Server) circRule(r *req) {
	if !r.circView() {
		return
	}
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderCircRule(r, http.StatusOK, id, nil)
}

// renderCircRule shows row id with form f (nil: the row as stored).
func (s *Server) renderCircRule(r *req, status int, id int64, f *circForm) {
	ctx, a := r.Context(), r.Actor()
	d := circRulesData{CanEdit: a.Can(auth.PermCircRules)}
	var err error
	if d.Row, err = s.policy.Rule(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Rows, err = s.policy.Rules(ctx, a); err != nil {
		r.fail(err)
		return
	}
	limits, err := s.policy.Limits(ctx, a)
	if err != nil {
		r.fail(err)
		return
	}
	if d.Codes, err = s.loadCodes(ctx, r.Locale); err != nil {
		r.fail(err)
		return
	}
	d.Categories = categoriesOf(d.Rows, limits)
	form := ruleFormOf(d.Row)
	if f != nil {
		form = *f
	}
	d.Error = form.summary(r)
	d.Fieldsets = ruleFieldsets(r, form, d.Codes)
	r.render(status, "circ_rule", r.T("circ.rule.title", "ID", id, "Key", d.Row.Key()), d)
}

// circRuleUpdate changes a row.
func (s *Server) circRuleUpdate(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	row, f := parseRuleForm(r)
	if f.failed() {
		s.renderCircRule(r, http.StatusUnprocessableEntity, id, &f)
		return
	}
	if _, err := s.policy.UpdateRule(r.Context(), r.Actor(), id, row); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) {
			r.fail(err)
			return
		}
		r.circErrorIn(&f, err, "circ.rule.", fenField)
		s.renderCircRule(r, formStatus(err), id, &f)
		return
	}
	r.redirect("/staff/circ/rules?done=flash.circ_rule_saved#rule-" + itoa(id))
}

// circRuleDelete deletes a row: what it decided falls to the next most
// specific row.
func (s *Server) circRuleDelete(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	if err := s.policy.DeleteRule(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	r.redirect("/staff/circ/rules?done=flash.circ_rule_deleted")
}
