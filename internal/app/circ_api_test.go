package app_test

import (
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
)

// errorField returns the field the one error shape names.
func errorField(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	f, _ := e["field"].(string)
	return f
}

// TestCircRulesAPI drives the loan rules, limits, calendars, settings and
// the explanation through the JSON API: what the web screens do, for
// programs, with the same permissions.
func TestCircRulesAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 9, 14, 10, 0, 0, 0, shanghai))
		addLawBranch(t, s)
		s.CreateStaff(t, "dir", auth.RoleDirector)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		token := func(user string) string {
			tok, _, err := s.App.Auth.CreateToken(ctx, cli, user, "test")
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}
		dir, desk, cat := apiClient{t, s.URL, token("dir")}, apiClient{t, s.URL, token("desk")}, apiClient{t, s.URL, token("cat")}

		// Reading: the desk may, a cataloguer may not.
		st, body := desk.call("GET", "/circ/rules", "")
		if st != 200 || len(body["rules"].([]any)) != 6 {
			t.Fatalf("list rules: %d %v", st, body)
		}
		if st, body := cat.call("GET", "/circ/rules", ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("cataloguer lists rules: %d %v", st, body)
		}

		// Create, read, replace, delete a row; the desk may not.
		row := `{"category":"undergraduate","item_type":"book","branch":"LAW","policy":{"period":14,"unit":"days","max_of_type":-1,"renewals":1,"renewal_period":7,"fine_per_day_fen":50,"fine_cap_fen":2000,"holds_allowed":true}}`
		if st, body := desk.call("POST", "/circ/rules", row); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("desk creates a rule: %d %v", st, body)
		}
		st, body = dir.call("POST", "/circ/rules", row)
		if st != 201 || body["key"] != nil || body["category"] != "undergraduate" {
			t.Fatalf("create rule: %d %v", st, body)
		}
		p := body["policy"].(map[string]any)
		if p["renew_from"] != "due" || p["grace_mode"] != "forgive" || p["fine_per_day_fen"] != 50.0 {
			t.Fatalf("created policy (defaults spelled out): %v", p)
		}
		id := itoa(int64(body["id"].(float64)))
		if st, body := dir.call("POST", "/circ/rules", row); st != 409 || errorCode(t, body) != "conflict" {
			t.Fatalf("same pattern twice: %d %v", st, body)
		}
		bad := strings.Replace(row, `"period":14`, `"period":0`, 1)
		bad = strings.Replace(bad, `"category":"undergraduate"`, `"category":"staff"`, 1)
		if st, body := dir.call("POST", "/circ/rules", bad); st != 422 || errorCode(t, body) != "invalid" || errorField(body) != "period" {
			t.Fatalf("period 0: %d %v", st, body)
		}
		if st, body := dir.call("POST", "/circ/rules", strings.Replace(row, `"LAW"`, `"MARS"`, 1)); st != 422 || errorCode(t, body) != "invalid_reference" || errorField(body) != "branch" {
			t.Fatalf("unknown branch: %d %v", st, body)
		}
		if st, body := dir.call("POST", "/circ/rules", `{"category":"x","shoe":1}`); st != 422 || errorCode(t, body) != "invalid" {
			t.Fatalf("unknown field: %d %v", st, body)
		}
		if st, body := desk.call("GET", "/circ/rules/"+id, ""); st != 200 || body["branch"] != "LAW" {
			t.Fatalf("get rule: %d %v", st, body)
		}
		st, body = dir.call("PUT", "/circ/rules/"+id, strings.Replace(row, `"period":14`, `"period":21`, 1))
		if st != 200 || body["policy"].(map[string]any)["period"] != 21.0 {
			t.Fatalf("replace rule: %d %v", st, body)
		}

		// The calendar of LAW: closed on Mondays, 国庆节 closed.
		cal := `{"closed_weekdays":[1],"hours":{"2":{"open":480,"close":1320}},"exceptions":[{"from":"2027-10-01","to":"2027-10-07","open":false,"note":"国庆节"},{"from":"2027-10-09","open":true,"note":"调休"}]}`
		if st, body := desk.call("PUT", "/circ/calendars/LAW", cal); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("desk sets a calendar: %d %v", st, body)
		}
		st, body = dir.call("PUT", "/circ/calendars/LAW", cal)
		if st != 200 || body["branch"] != "LAW" || len(body["exceptions"].([]any)) != 2 {
			t.Fatalf("set calendar: %d %v", st, body)
		}
		if st, body := dir.call("PUT", "/circ/calendars/LAW", `{"branch":"main"}`); st != 422 || errorField(body) != "branch" {
			t.Fatalf("branch of the body differs: %d %v", st, body)
		}
		overlap := `{"exceptions":[{"from":"2027-10-01","to":"2027-10-07"},{"from":"2027-10-03"}]}`
		if st, body := dir.call("PUT", "/circ/calendars/LAW", overlap); st != 422 || errorField(body) != "exceptions[1]" {
			t.Fatalf("overlap: %d %v", st, body)
		}
		if st, body := desk.call("GET", "/circ/calendars", ""); st != 200 || len(body["calendars"].([]any)) != 1 {
			t.Fatalf("list calendars: %d %v", st, body)
		}
		st, body = desk.call("GET", "/circ/calendars/LAW", "")
		if st != 200 || body["hours"].(map[string]any)["2"].(map[string]any)["close"] != 1320.0 {
			t.Fatalf("get calendar: %d %v", st, body)
		}
		if st, body := desk.call("GET", "/circ/calendars/main", ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("branch without a calendar: %d %v", st, body)
		}

		// Settings.
		if st, body := desk.call("GET", "/circ/settings", ""); st != 200 || body["time_zone"] != "Asia/Shanghai" || body["hold_pickup_days"] != 7.0 {
			t.Fatalf("settings: %d %v", st, body)
		}
		if st, body := dir.call("PUT", "/circ/settings", `{"time_zone":"Nowhere/City","hold_pickup_days":7}`); st != 422 || errorField(body) != "time_zone" {
			t.Fatalf("bad zone: %d %v", st, body)
		}
		if st, body := dir.call("PUT", "/circ/settings", `{"time_zone":"Asia/Shanghai","fines_open_days_only":true,"hold_pickup_days":10}`); st != 200 || body["fines_open_days_only"] != true {
			t.Fatalf("set settings: %d %v", st, body)
		}

		// The explanation: the new row decides, due after the holiday,
		// every step written out in the caller's language.
		st, body = desk.call("GET", "/circ/explain?category=undergraduate&item_type=book&branch=LAW", "")
		if st != 200 || body["rule_found"] != true || body["limits_found"] != true {
			t.Fatalf("explain: %d %v", st, body)
		}
		rule := body["rule"].(map[string]any)
		if rule["row"].(map[string]any)["id"] != float64(mustID(t, id)) || rule["policy"].(map[string]any)["period"] != 21.0 {
			t.Fatalf("explain rule: %v", rule)
		}
		due, _ := time.Parse(time.RFC3339, body["due_now"].(string))
		if got := due.In(shanghai).Format("2006-01-02 15:04"); got != "2027-10-08 23:59" {
			t.Fatalf("due now %s, want the end of 8 October (after the holiday)", got)
		}
		steps := body["steps"].([]any)
		first, last := steps[0].(map[string]any), steps[len(steps)-1].(map[string]any)
		if first["key"] != "rules.query" || first["text"] != "Asked: reader category undergraduate, item type book, branch LAW." || !strings.HasPrefix(last["key"].(string), "limits.") {
			t.Fatalf("steps: %v", steps)
		}
		if body["calendar"].(map[string]any)["branch"] != "LAW" || body["settings"].(map[string]any)["fines_open_days_only"] != true {
			t.Fatalf("explain calendar and settings: %v", body)
		}
		if st, body := desk.call("GET", "/circ/explain?category=undergraduate&item_type=book", ""); st != 422 || errorField(body) != "branch" {
			t.Fatalf("explain without a branch: %d %v", st, body)
		}
		if st, body := cat.call("GET", "/circ/explain?category=undergraduate&item_type=book&branch=LAW", ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("cataloguer explains: %d %v", st, body)
		}

		// Limits.
		st, body = dir.call("POST", "/circ/limits", `{"category":"staff","branch":"LAW","limits":{"max_loans":40,"max_fees_fen":-1,"max_overdue_items":2,"max_holds":10}}`)
		if st != 201 {
			t.Fatalf("create limit: %d %v", st, body)
		}
		lid := itoa(int64(body["id"].(float64)))
		if st, body := dir.call("PUT", "/circ/limits/"+lid, `{"category":"staff","branch":"LAW","limits":{"max_loans":-2}}`); st != 422 || errorField(body) != "max_loans" {
			t.Fatalf("bad limit: %d %v", st, body)
		}
		if st, body := dir.call("PUT", "/circ/limits/"+lid, `{"category":"staff","branch":"LAW","limits":{"max_loans":50,"max_fees_fen":500}}`); st != 200 || body["limits"].(map[string]any)["max_loans"] != 50.0 {
			t.Fatalf("replace limit: %d %v", st, body)
		}
		if st, body := desk.call("GET", "/circ/limits", ""); st != 200 || len(body["limits"].([]any)) != 5 {
			t.Fatalf("list limits: %d %v", st, body)
		}
		if st, body := desk.call("GET", "/circ/limits/"+lid, ""); st != 200 || body["category"] != "staff" {
			t.Fatalf("get limit: %d %v", st, body)
		}
		if st, body := desk.call("DELETE", "/circ/limits/"+lid, ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("desk deletes a limit: %d %v", st, body)
		}
		if st, _ := dir.call("DELETE", "/circ/limits/"+lid, ""); st != 204 {
			t.Fatalf("delete limit: %d", st)
		}

		// Deletions.
		if st, body := desk.call("DELETE", "/circ/rules/"+id, ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("desk deletes a rule: %d %v", st, body)
		}
		if st, _ := dir.call("DELETE", "/circ/rules/"+id, ""); st != 204 {
			t.Fatalf("delete rule: %d", st)
		}
		if st, body := dir.call("GET", "/circ/rules/"+id, ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("deleted rule: %d %v", st, body)
		}
		if st, _ := dir.call("DELETE", "/circ/calendars/LAW", ""); st != 204 {
			t.Fatalf("delete calendar: %d", st)
		}
		if st, _ := dir.call("DELETE", "/circ/calendars/LAW", ""); st != 404 {
			t.Fatalf("delete calendar twice: %d", st)
		}
		st, body = desk.call("GET", "/circ/explain?category=undergraduate&item_type=book&branch=LAW", "")
		if st != 200 || body["rule"].(map[string]any)["row"].(map[string]any)["category"] != "undergraduate" || body["calendar"] != nil {
			t.Fatalf("explain after the deletions: %d %v", st, body)
		}

		// Each change is audited as made through the API.
		es, err := s.App.Auth.ListAudit(ctx, cli, auth.AuditFilter{Door: auth.DoorAPI, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range es {
			if strings.HasPrefix(e.Action, "circ_") {
				n++
			}
		}
		if n != 9 {
			t.Errorf("%d loan-rule changes audited through the API, want 9", n)
		}
	})
}
