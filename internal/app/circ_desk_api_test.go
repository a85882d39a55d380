package app_test

import (
	"net/http"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/fees"
)

// TestCirculationAPI lends, renews, holds and takes back through the API,
// and a refused checkout is answered 409 with every reason.
func TestCirculationAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		recs := deskLibrary(t, s)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		tok, _, _ := s.App.Auth.CreateToken(ctx, auth.CLIActor("t"), "desk", "t")
		catTok, _, _ := s.App.Auth.CreateToken(ctx, auth.CLIActor("t"), "cat", "t")
		desk := apiClient{t, s.URL, tok}
		cat := apiClient{t, s.URL, catTok}

		st, body := desk.call("POST", "/checkouts", `{"card":"R001","barcode":"D0001"}`)
		if st != http.StatusCreated || body["barcode"] != "D0001" || body["due_at"] == nil {
			t.Fatalf("checkout: %d %v", st, body)
		}
		loanID := int64(body["id"].(float64))
		if st, body := cat.call("POST", "/checkouts", `{"card":"R001","barcode":"D0002"}`); st != http.StatusForbidden {
			t.Fatalf("cataloguer checkout: %d %v", st, body)
		}
		st, body = desk.call("GET", "/loans/"+itoa(loanID), "")
		if st != 200 || body["title"] != "平凡的世界" {
			t.Fatalf("loan: %d %v", st, body)
		}
		rid := itoa(mustReader(t, s, "R001"))
		st, body = desk.call("GET", "/readers/"+rid+"/loans", "")
		if st != 200 || len(body["loans"].([]any)) != 1 {
			t.Fatalf("reader loans: %d %v", st, body)
		}
		st, body = desk.call("POST", "/renewals", `{"barcode":"D0001"}`)
		if st != 200 || body["renewals"].(float64) != 1 {
			t.Fatalf("renew: %d %v", st, body)
		}

		// A refusal: every reason, coded and translated.
		if _, err := s.App.Fees.Charge(ctx, cli, fees.Charge{ReaderID: mustReader(t, s, "R002"), Kind: fees.KindOther, AmountFen: 2000, Note: "旧账"}); err != nil {
			t.Fatal(err)
		}
		st, body = desk.call("POST", "/checkouts", `{"card":"R002","barcode":"D0004"}`)
		if st != http.StatusConflict || errorCode(t, body) != "conflict" {
			t.Fatalf("refused checkout: %d %v", st, body)
		}
		reasons := body["error"].(map[string]any)["reasons"].([]any)
		var codes []string
		for _, r := range reasons {
			m := r.(map[string]any)
			codes = append(codes, m["code"].(string))
			if m["message"] == "" || strings.Contains(m["message"].(string), "circ_refusal.") {
				t.Errorf("reason without a message: %v", m)
			}
		}
		if strings.Join(codes, ",") != "fees_over_limit,item_not_for_loan" && strings.Join(codes, ",") != "item_not_for_loan,fees_over_limit" {
			t.Fatalf("reasons: %v", codes)
		}
		// An override needs circ.override.
		if st, body := desk.call("POST", "/checkouts", `{"card":"R002","barcode":"D0004","override":"ok"}`); st != http.StatusForbidden {
			t.Fatalf("override by the desk: %d %v", st, body)
		}

		// A hold on the loaned record for R001's neighbour, then the return
		// puts the copy on the hold shelf.
		st, body = desk.call("POST", "/holds", `{"card":"R001","record_id":`+itoa(recs[1])+`,"pickup_branch":"main"}`)
		if st != http.StatusCreated || body["status"] != "placed" {
			t.Fatalf("hold: %d %v", st, body)
		}
		holdID := int64(body["id"].(float64))
		st, body = desk.call("GET", "/readers/"+rid+"/holds", "")
		if st != 200 || len(body["holds"].([]any)) != 1 {
			t.Fatalf("reader holds: %d %v", st, body)
		}
		if st, body := desk.call("DELETE", "/holds/"+itoa(holdID), ""); st != 200 || body["hold"].(map[string]any)["status"] != "cancelled" {
			t.Fatalf("cancel hold: %d %v", st, body)
		}
		st, body = desk.call("POST", "/checkins", `{"barcode":"D0001"}`)
		if st != 200 || body["next"] != "shelve" || body["loan"] == nil {
			t.Fatalf("checkin: %d %v", st, body)
		}
		if st, body := desk.call("POST", "/checkins", `{"barcode":"NOPE"}`); st != http.StatusNotFound {
			t.Fatalf("checkin unknown: %d %v", st, body)
		}
	})
}
