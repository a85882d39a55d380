package app_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ/rules"
)

// addLawBranch adds a second branch, LAW, to the catalogue's codes.
func addLawBranch(t *testing.T, s *apptest.Server) {
	t.Helper()
	if err := s.App.Catalog.SaveCode(t.Context(), cli, catalog.Branches, catalog.Code{Code: "LAW", NameZH: "法学分馆", NameEN: "Law library"}); err != nil {
		t.Fatal(err)
	}
}

// ruleForm is the rule form as a person fills it in: a 14-day loan of
// books at LAW for undergraduates.
func ruleForm() url.Values {
	return url.Values{"category": {"undergraduate"}, "item_type": {"book"}, "branch": {"LAW"}, "period": {"14"}, "unit": {"days"},
		"max_of_type": {""}, "renewals": {"1"}, "renewal_period": {"7"}, "renew_from": {"due"}, "recall_days": {"3"},
		"fine_per_day": {"0.50"}, "fine_per_hour": {""}, "grace_days": {"2"}, "grace_hours": {"0"}, "grace_mode": {"forgive"},
		"fine_cap": {"20"}, "holds_allowed": {"1"}, "overdue_blocks_renewal": {"1"}}
}

var ruleCreated = regexp.MustCompile(`^/staff/circ/rules\?done=flash\.circ_rule_created#rule-(\d+)$`)

// TestCircRulesWeb is the person who sets the loan rules at work: the
// matrix, a new row with its mistakes shown next to the fields, a change,
// the calendar of a branch with a national holiday and a make-up day, the
// settings, the explain page answering with the due date of a loan made
// now (moved past the holiday), and a deletion — while the circulation desk
// may read all of it and change none of it.
func TestCircRulesWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 9, 14, 10, 0, 0, 0, shanghai)) // a Tuesday
		addLawBranch(t, s)
		s.CreateStaff(t, "dir", auth.RoleDirector)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		c := s.NewClient(t)
		c.Login("dir", "password-dir")

		// The circulation module leads to the loan-rule screens.
		want(t, "home", getOK(t, c, "/staff/"), `href="/staff/modules/circulation"`)
		want(t, "circulation module", getOK(t, c, "/staff/modules/circulation"), `href="/staff/circ/rules"`, `href="/staff/circ/limits"`,
			`href="/staff/circ/calendars"`, `href="/staff/circ/settings"`, `href="/staff/circ/explain"`, "借阅规则", "规则查询")

		// The matrix as a new library has it.
		body := getOK(t, c, "/staff/circ/rules")
		want(t, "matrix", body, "<code>undergraduate</code>", "<code>postgraduate</code>", "90 天", "不外借", "工具书", "0.10 元/天", `id="rule-create"`)

		// A new row: amounts typed in yuan are stored in fen.
		status, body, h := c.PostForm("/staff/circ/rules", ruleForm())
		m := ruleCreated.FindStringSubmatch(h.Get("Location"))
		if status != http.StatusSeeOther || m == nil {
			t.Fatalf("create a rule: %d %q %.1500s", status, h.Get("Location"), mainOf(body))
		}
		id := m[1]
		body = getOK(t, c, h.Get("Location"))
		want(t, "matrix after create", body, "借阅规则已新增", `id="rule-`+id+`"`, "法学分馆", "14 天", "0.50 元/天", "最多 20.00 元", "1 次，每次 7 天")
		row, err := s.App.Policy.Rule(ctx, cli, mustID(t, id))
		if err != nil || row.Policy.FinePerDayFen != 50 || row.Policy.FineCapFen != 2000 || row.Policy.MaxOfType != rules.Unlimited || !row.Policy.HoldsAllowed {
			t.Fatalf("stored row: %+v %v", row, err)
		}

		// Mistakes are shown next to their field and nothing is saved.
		before, _ := s.App.Policy.Rules(ctx, cli)
		bad := ruleForm()
		bad.Set("category", "staff")
		bad.Set("period", "0")
		status, body, _ = c.PostForm("/staff/circ/rules", bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("period 0: %d %.1000s", status, mainOf(body))
		}
		want(t, "period 0", body, `aria-invalid="true" aria-describedby="err-period"`, `<span class="row-error" id="err-period">staff/book/LAW：借期 必须大于 0。</span>`,
			`name="category" value="staff"`, `name="fine_per_day" value="0.50"`)
		bad.Set("period", "14")
		bad.Set("fine_per_day", "五毛")
		status, body, _ = c.PostForm("/staff/circ/rules", bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad amount: %d", status)
		}
		want(t, "bad amount", body, `<span class="row-error" id="err-fine_per_day">“五毛”不是金额`)
		status, body, _ = c.PostForm("/staff/circ/rules", ruleForm())
		if status != http.StatusConflict {
			t.Fatalf("same pattern twice: %d", status)
		}
		want(t, "same pattern twice", body, `<p class="error" role="alert" id="form-error">已有 undergraduate/book/LAW 的借阅规则（编号 `+id+`）`)
		if after, _ := s.App.Policy.Rules(ctx, cli); len(after) != len(before) {
			t.Fatalf("a refused row was saved: %d rows, want %d", len(after), len(before))
		}

		// Change the row: three weeks.
		body = getOK(t, c, "/staff/circ/rules/"+id)
		want(t, "row page", body, `name="period" value="14"`, `name="fine_cap" value="20.00"`, `id="rule-delete"`)
		edit := ruleForm()
		edit.Set("period", "21")
		status, _, h = c.PostForm("/staff/circ/rules/"+id, edit)
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/circ/rules?done=flash.circ_rule_saved#rule-"+id {
			t.Fatalf("change the row: %d %s", status, h.Get("Location"))
		}
		if row, _ := s.App.Policy.Rule(ctx, cli, mustID(t, id)); row.Policy.Period != 21 {
			t.Fatalf("period after the change: %d", row.Policy.Period)
		}

		// The calendar of LAW: closed on Mondays, 国庆节 closed, a 调休
		// Saturday open.
		want(t, "calendars", getOK(t, c, "/staff/circ/calendars"), `href="/staff/circ/calendars/LAW"`, `href="/staff/circ/calendars/*"`, "使用全部分馆的日历")
		want(t, "empty calendar", getOK(t, c, "/staff/circ/calendars/LAW"), "本馆还没有日历", `name="ex_rows" value="3"`, "星期一")
		cal := url.Values{"closed_1": {"1"}, "open_2": {"8:00"}, "close_2": {"22:00"}, "ex_rows": {"3"},
			"ex_from_0": {"2027-10-01"}, "ex_to_0": {"2027-10-07"}, "ex_kind_0": {"closed"}, "ex_note_0": {"国庆节"},
			"ex_from_1": {"2027-10-09"}, "ex_kind_1": {"open"}, "ex_open_1": {"09:00"}, "ex_close_1": {"17:00"}, "ex_note_1": {"调休"},
			"ex_kind_2": {"closed"}}
		// Overlapping days and an impossible time are shown on their rows.
		wrong := url.Values{}
		for k, v := range cal {
			wrong[k] = v
		}
		wrong.Set("ex_from_2", "2027-10-03")
		status, body, _ = c.PostForm("/staff/circ/calendars/LAW", wrong)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("overlapping holidays: %d %.1000s", status, mainOf(body))
		}
		want(t, "overlapping holidays", body, `id="err-ex-2"`, "第 3 行 与 第 1 行 2027-10-01..2027-10-07 的日期重叠", `value="国庆节"`)
		wrong = url.Values{"open_3": {"25:00"}, "close_3": {"26:00"}, "ex_rows": {"0"}}
		status, body, _ = c.PostForm("/staff/circ/calendars/LAW", wrong)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad time: %d", status)
		}
		want(t, "bad time", body, `<span class="row-error" id="err-day-3">“25:00”不是有效时间`, `aria-describedby="err-day-3"`)
		if _, err := s.App.Policy.Calendar(ctx, cli, "LAW"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("a refused calendar was saved: %v", err)
		}
		status, _, h = c.PostForm("/staff/circ/calendars/LAW", cal)
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/circ/calendars/LAW?done=flash.circ_calendar_saved" {
			t.Fatalf("save the calendar: %d %s", status, h.Get("Location"))
		}
		body = getOK(t, c, h.Get("Location"))
		want(t, "saved calendar", body, "开馆日历已保存", `name="closed_1" value="1" checked`, `name="open_2" value="08:00"`,
			`value="2027-10-01"`, `value="2027-10-07"`, `value="国庆节"`, `value="2027-10-09"`, `<option value="open" selected>`, `id="calendar-delete"`)
		stored, err := s.App.Policy.Calendar(ctx, cli, "LAW")
		if err != nil || len(stored.ClosedWeekdays) != 1 || stored.ClosedWeekdays[0] != time.Monday || len(stored.Exceptions) != 2 ||
			stored.Hours[time.Tuesday] != (rules.OpeningHours{Open: rules.Clock(8, 0), Close: rules.Clock(22, 0)}) || !stored.Exceptions[1].Open {
			t.Fatalf("stored calendar: %+v %v", stored, err)
		}
		want(t, "calendars after save", getOK(t, c, "/staff/circ/calendars"), "星期一")

		// Settings: a wrong zone is named next to its field.
		status, body, _ = c.PostForm("/staff/circ/settings", url.Values{"time_zone": {"Mars/Olympus"}, "hold_pickup_days": {"7"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad zone: %d", status)
		}
		want(t, "bad zone", body, `<span class="row-error" id="err-time_zone">“Mars/Olympus”不是有效的时区`)
		status, _, _ = c.PostForm("/staff/circ/settings", url.Values{"time_zone": {"Asia/Shanghai"}, "fines_open_days_only": {"1"}, "hold_pickup_days": {"10"}})
		if status != http.StatusSeeOther {
			t.Fatalf("save settings: %d", status)
		}
		if st, _ := s.App.Policy.Settings(ctx, cli); !st.FinesOpenDaysOnly || st.HoldPickupDays != 10 {
			t.Fatalf("settings: %+v", st)
		}

		// What an undergraduate gets for a book at LAW: 21 days from
		// Tuesday 14 September is 5 October, in the holiday: due on the
		// first open day after it.
		body = getOK(t, c, "/staff/circ/explain?category=undergraduate&item_type=book&branch=LAW")
		want(t, "explain", body, "可以外借，借期 21 天", `<dd id="due-now">2027-10-08（星期五）23:59</dd>`,
			"借阅规则 "+id+"（undergraduate/book/LAW）最具体", "优先于规则", "因为它指定了具体的分馆", "按本馆的日历", "只计开馆日", "最多可借", "查询：读者类型 undergraduate")
		body = getOK(t, c, "/staff/circ/explain?category=undergraduate&item_type=reference&branch=LAW")
		want(t, "explain reference", body, "不外借：按第 ", "规定此类文献不外借")
		status, body, _ = c.Get("/staff/circ/explain?category=undergraduate&item_type=book&branch=")
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("explain without a branch: %d", status)
		}
		want(t, "explain without a branch", body, `<span class="row-error" id="err-branch">请为 分馆 填写具体代码`)

		// The circulation desk reads the rules but cannot change them; a
		// cataloguer does not see them.
		d := s.NewClient(t)
		d.Login("desk", "password-desk")
		body = getOK(t, d, "/staff/circ/rules")
		want(t, "desk matrix", body, "21 天", "undergraduate")
		if strings.Contains(body, `id="rule-create"`) {
			t.Error("the desk is offered the form for a new row")
		}
		body = getOK(t, d, "/staff/circ/rules/"+id)
		want(t, "desk row page", body, `<fieldset class="plain" disabled>`, "修改需要")
		if strings.Contains(body, `id="rule-delete"`) {
			t.Error("the desk is offered the delete button")
		}
		want(t, "desk explain", getOK(t, d, "/staff/circ/explain?category=undergraduate&item_type=book&branch=LAW"), "2027-10-08")
		for _, post := range []string{"/staff/circ/rules", "/staff/circ/rules/" + id, "/staff/circ/rules/" + id + "/delete", "/staff/circ/calendars/LAW", "/staff/circ/settings"} {
			if status, _, _ := d.PostForm(post, ruleForm()); status != http.StatusForbidden {
				t.Errorf("desk posts %s: %d, want 403", post, status)
			}
		}
		if row, _ := s.App.Policy.Rule(ctx, cli, mustID(t, id)); row.Policy.Period != 21 {
			t.Fatalf("the desk changed the row: %+v", row)
		}
		k := s.NewClient(t)
		k.Login("cat", "password-cat")
		if status, _, _ := k.Get("/staff/circ/rules"); status != http.StatusForbidden {
			t.Errorf("cataloguer opens the rules: %d", status)
		}

		// Limits: a new row for staff at LAW, blank meaning no limit.
		status, _, h = c.PostForm("/staff/circ/limits", url.Values{"category": {"staff"}, "branch": {"LAW"}, "max_loans": {"40"},
			"max_fees": {""}, "max_overdue_items": {"2"}, "max_holds": {"10"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/staff/circ/limits?done=flash.circ_limit_created#limit-") {
			t.Fatalf("create a limit row: %d %s", status, h.Get("Location"))
		}
		want(t, "limits", getOK(t, c, h.Get("Location")), "借阅限额已新增", "<td class=\"num\">40</td>", "不限")
		status, body, _ = c.PostForm("/staff/circ/limits", url.Values{"category": {"staff"}, "branch": {"LAW"}, "max_loans": {"-5"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("negative limit: %d", status)
		}
		want(t, "negative limit", body, `id="err-max_loans">staff/LAW：最多可借（册） 不能为负数（-5）。`)

		// Delete the row: undergraduates fall back to their own row for
		// any item type, 30 days, due on Thursday 14 October.
		status, _, h = c.PostForm("/staff/circ/rules/"+id+"/delete", url.Values{})
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/circ/rules?done=flash.circ_rule_deleted" {
			t.Fatalf("delete: %d %s", status, h.Get("Location"))
		}
		if _, err := s.App.Policy.Rule(ctx, cli, mustID(t, id)); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("deleted row: %v", err)
		}
		want(t, "explain after delete", getOK(t, c, "/staff/circ/explain?category=undergraduate&item_type=book&branch=LAW"), "借期 30 天", "2027-10-14（星期四）", "（undergraduate/*/*）最具体")
		if status, _, _ := c.Get("/staff/circ/rules/" + id); status != http.StatusNotFound {
			t.Errorf("the deleted row's page: %d", status)
		}

		// The calendar can be dropped again: LAW then follows all branches.
		status, _, _ = c.PostForm("/staff/circ/calendars/LAW/delete", url.Values{})
		if status != http.StatusSeeOther {
			t.Fatalf("delete the calendar: %d", status)
		}
		want(t, "calendar after delete", getOK(t, c, "/staff/circ/calendars/LAW"), "本馆还没有日历")

		// Every change is in the audit log, done through the web.
		es, err := s.App.Auth.ListAudit(ctx, cli, auth.AuditFilter{Door: auth.DoorWeb})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, e := range es {
			got[e.Action] = true
		}
		for _, a := range []string{"circ_rule.create", "circ_rule.update", "circ_rule.delete", "circ_calendar.set", "circ_calendar.delete", "circ_settings.update", "circ_limit.create"} {
			if !got[a] {
				t.Errorf("audit lacks %s", a)
			}
		}
	})
}
