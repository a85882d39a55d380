package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
)

// rawCall calls the API with a body of any content type and returns the
// status and the raw answer.
func (c apiClient) rawCall(method, path, contentType string, body []byte) (int, []byte, http.Header) {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+"/api/v1"+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept-Language", "en")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw, resp.Header
}

// TestReadersAPI drives readers, cards, batch registration, categories,
// fees and clearance through the JSON API, with the permissions of the
// services — and never answers an identity number whole.
func TestReadersAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 9, 14, 10, 0, 0, 0, shanghai))
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		s.CreateStaff(t, "dir", auth.RoleDirector)
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		token := func(user string) string {
			tok, _, err := s.App.Auth.CreateToken(ctx, cli, user, "test")
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}
		desk, dir, cat := apiClient{t, s.URL, token("desk")}, apiClient{t, s.URL, token("dir")}, apiClient{t, s.URL, token("cat")}
		id := residentID("51010719880808123")
		// noID checks that no answer of the test holds the whole number.
		var answers []string
		keep := func(body map[string]any) map[string]any {
			b, _ := json.Marshal(body)
			answers = append(answers, string(b))
			return body
		}
		call := func(c apiClient, method, path, body string) (int, map[string]any) {
			t.Helper()
			st, b := c.call(method, path, body)
			return st, keep(b)
		}

		// Register: mistakes name their field; the card is "card".
		reader := `{"card":"a0001","name":"刘洋","category":"undergraduate","id_number":"` + id + `","department":"计算机学院","phone":"13811112222","expires_on":"2031/7/1"}`
		if st, body := call(cat, "POST", "/readers", reader); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("cataloguer registers: %d %v", st, body)
		}
		wrong := strings.Replace(reader, id, id[:17]+map[bool]string{true: "1", false: "2"}[id[17] != '1'], 1)
		st, body := call(desk, "POST", "/readers", wrong)
		if st != 422 || errorField(body) != "id_number" || !strings.Contains(body["error"].(map[string]any)["message"].(string), "510***********") {
			t.Fatalf("wrong ID number: %d %v", st, body)
		}
		if st, body := call(desk, "POST", "/readers", strings.Replace(reader, `"undergraduate"`, `"martian"`, 1)); st != 422 || errorCode(t, body) != "invalid_reference" || errorField(body) != "category" {
			t.Fatalf("unknown category: %d %v", st, body)
		}
		if st, body := call(desk, "POST", "/readers", `{"card":"A0002","name":"x","category":"undergraduate","shoe":1}`); st != 422 || errorCode(t, body) != "invalid" {
			t.Fatalf("unknown field: %d %v", st, body)
		}
		st, body = call(desk, "POST", "/readers", reader)
		if st != 201 || body["card_number"] != "A0001" || body["id_number_masked"] != "510***********"+id[14:] || body["expires_on"] != "2031-07-01" || body["version"] != 1.0 {
			t.Fatalf("register: %d %v", st, body)
		}
		if _, ok := body["id_number"]; ok {
			t.Fatalf("the answer has id_number: %v", body)
		}
		rid := itoa(int64(body["id"].(float64)))
		if st, body := call(desk, "POST", "/readers", strings.Replace(reader, "刘洋", "刘海", 1)); st != 409 || errorField(body) != "card" {
			t.Fatalf("card taken: %d %v", st, body)
		}

		// Find, read, by card.
		for _, q := range []string{"liuyang", "ly", "刘", "A0001", "138111", id} {
			st, body := call(desk, "GET", "/readers?q="+q, "")
			if st != 200 || body["total"] != 1.0 {
				t.Fatalf("find %s: %d %v", q, st, body)
			}
		}
		if st, body := call(desk, "GET", "/readers?q=nobody", ""); st != 200 || body["total"] != 0.0 || len(body["readers"].([]any)) != 0 {
			t.Fatalf("find nobody: %d %v", st, body)
		}
		if st, body := call(desk, "GET", "/readers?limit=x", ""); st != 422 || errorField(body) != "limit" {
			t.Fatalf("bad limit: %d %v", st, body)
		}
		if st, body := call(desk, "GET", "/readers/"+rid, ""); st != 200 || body["name"] != "刘洋" {
			t.Fatalf("get: %d %v", st, body)
		}
		if st, body := call(dir, "GET", "/readers/"+rid, ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("director reads a reader: %d %v", st, body)
		}
		if st, body := call(desk, "GET", "/readers/999999", ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("missing reader: %d %v", st, body)
		}
		st, body = call(desk, "GET", "/readers/by-card/a0001", "")
		if st != 200 || body["reader"].(map[string]any)["name"] != "刘洋" || body["card"].(map[string]any)["status"] != "active" {
			t.Fatalf("by card: %d %v", st, body)
		}
		if st, body := call(desk, "GET", "/readers/by-card/NOPE", ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("unknown card: %d %v", st, body)
		}
		if st, body := call(desk, "GET", "/readers/"+rid+"/nothing", ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("unknown sub-resource: %d %v", st, body)
		}
		if st, body := call(desk, "GET", "/readers/"+rid+"/lost", ""); st != 405 || errorCode(t, body) != "method_not_allowed" {
			t.Fatalf("GET of a POST route: %d %v", st, body)
		}

		// Change: the ID number is kept when absent; a stale version is
		// refused.
		st, body = call(desk, "PUT", "/readers/"+rid, `{"name":"刘洋","category":"postgraduate","phone":"13900000000","version":1}`)
		if st != 200 || body["category"] != "postgraduate" || body["id_number_masked"] != "510***********"+id[14:] || body["version"] != 2.0 {
			t.Fatalf("update: %d %v", st, body)
		}
		if r, _ := s.App.Readers.Get(ctx, cli, mustID(t, rid)); r.IDNumber != id {
			t.Fatalf("the ID number after the update: %q", r.IDNumber)
		}
		if st, body := call(desk, "PUT", "/readers/"+rid, `{"name":"刘洋","category":"postgraduate","version":1}`); st != 409 || errorCode(t, body) != "conflict" {
			t.Fatalf("stale update: %d %v", st, body)
		}
		if st, body := call(desk, "PUT", "/readers/"+rid, `{"name":"","category":"postgraduate"}`); st != 422 || errorField(body) != "name" {
			t.Fatalf("no name: %d %v", st, body)
		}

		// Cards: lost, unblock, replace with a fee, extend, expire.
		action := func(c apiClient, name, body string, want int) map[string]any {
			t.Helper()
			st, b := call(c, "POST", "/readers/"+rid+"/"+name, body)
			if st != want {
				t.Fatalf("%s: %d %v", name, st, b)
			}
			return b
		}
		if b := action(desk, "lost", "", 200); b["card_status"] != "lost" {
			t.Fatalf("lost: %v", b)
		}
		if b := action(desk, "lost", `{"note":"again"}`, 409); errorCode(t, b) != "conflict" {
			t.Fatalf("lost twice: %v", b)
		}
		if b := action(desk, "unblock", `{"note":"找到了"}`, 200); b["card_status"] != "active" {
			t.Fatalf("unblock: %v", b)
		}
		if b := action(desk, "replace", `{"new_number":"A0001","fee_fen":500}`, 409); errorField(b) != "new_number" {
			t.Fatalf("replace with the same number: %v", b)
		}
		if b := action(desk, "replace", `{"new_number":"A0009","fee_fen":-5}`, 422); errorField(b) != "fee_fen" {
			t.Fatalf("replace with a negative fee: %v", b)
		}
		if b := action(desk, "replace", `{"new_number":"A0009","fee_fen":500,"note":"补证"}`, 200); b["card_number"] != "A0009" {
			t.Fatalf("replace: %v", b)
		}
		if b := action(desk, "extend", `{"expires_on":"2020-01-01"}`, 422); errorField(b) != "expires_on" {
			t.Fatalf("extend into the past: %v", b)
		}
		if b := action(desk, "expire", "", 200); b["card_status"] != "expired" {
			t.Fatalf("expire: %v", b)
		}
		if b := action(desk, "extend", `{"expires_on":"2032-07-01"}`, 200); b["card_status"] != "active" || b["expires_on"] != "2032-07-01" {
			t.Fatalf("extend: %v", b)
		}
		if b := action(desk, "block", `{}`, 422); errorField(b) != "reason" {
			t.Fatalf("block without a reason: %v", b)
		}
		if b := action(desk, "block", `{"reason":"逾期"}`, 200); b["status"] != "blocked" || b["block_reason"] != "逾期" {
			t.Fatalf("block: %v", b)
		}
		if b := action(cat, "lift-block", "", 403); errorCode(t, b) != "forbidden" {
			t.Fatalf("cataloguer lifts a block: %v", b)
		}
		if b := action(desk, "lift-block", "", 200); b["status"] != "active" {
			t.Fatalf("lift block: %v", b)
		}
		st, body = call(desk, "GET", "/readers/"+rid+"/cards", "")
		if st != 200 || len(body["cards"].([]any)) != 2 || len(body["history"].([]any)) < 7 {
			t.Fatalf("cards: %d %v", st, body)
		}
		if st, body := call(desk, "GET", "/readers/by-card/A0001", ""); st != 200 || body["card"].(map[string]any)["status"] != "replaced" {
			t.Fatalf("the old card: %d %v", st, body)
		}

		// A photo.
		if st, _, _ := desk.rawCall("PUT", "/readers/"+rid+"/photo", "text/plain", []byte("hello")); st != 422 {
			t.Fatalf("text as a photo: %d", st)
		}
		if st, raw, _ := desk.rawCall("PUT", "/readers/"+rid+"/photo", "image/png", pngImage()); st != 200 || !strings.Contains(string(raw), `"has_photo":true`) {
			t.Fatalf("photo: %d %s", st, raw)
		}
		if st, raw, h := desk.rawCall("GET", "/readers/"+rid+"/photo", "", nil); st != 200 || h.Get("Content-Type") != "image/png" || !bytes.Equal(raw, pngImage()) {
			t.Fatalf("get photo: %d %s", st, h.Get("Content-Type"))
		}
		if st, _, _ := desk.rawCall("DELETE", "/readers/"+rid+"/photo", "", nil); st != 204 {
			t.Fatalf("delete photo: %d", st)
		}
		if st, _, _ := desk.rawCall("GET", "/readers/"+rid+"/photo", "", nil); st != 404 {
			t.Fatalf("photo after delete: %d", st)
		}

		// Fees: the replacement fee is owed; a partial payment; the waiver
		// needs circ.fees.waive.
		st, body = call(desk, "GET", "/readers/"+rid+"/fees", "")
		if st != 200 || body["owed_fen"] != 500.0 || len(body["entries"].([]any)) != 1 {
			t.Fatalf("fees: %d %v", st, body)
		}
		st, body = call(desk, "POST", "/fees/charges", `{"reader_id":`+rid+`,"kind":"damage","amount_fen":1250,"note":"污损"}`)
		if st != 201 || body["kind"] != "damage" {
			t.Fatalf("charge: %d %v", st, body)
		}
		damage := itoa(int64(body["id"].(float64)))
		if st, body := call(desk, "POST", "/fees/charges", `{"reader_id":`+rid+`,"kind":"damage","amount_fen":0}`); st != 422 || errorField(body) != "amount_fen" {
			t.Fatalf("charge nothing: %d %v", st, body)
		}
		if st, body := call(desk, "POST", "/fees/charges", `{"reader_id":`+rid+`,"kind":"bribe","amount_fen":100}`); st != 422 || errorField(body) != "kind" {
			t.Fatalf("charge of a bad kind: %d %v", st, body)
		}
		if st, body := call(desk, "POST", "/fees/payments", `{"reader_id":`+rid+`,"amount_fen":5000,"method":"cash"}`); st != 409 || errorCode(t, body) != "conflict" {
			t.Fatalf("pay too much: %d %v", st, body)
		}
		st, body = call(desk, "POST", "/fees/payments", `{"reader_id":`+rid+`,"amount_fen":700,"method":"wechat","desk":"总服务台"}`)
		if st != 201 || body["receipt_no"] != "SJ2027-000001" || body["owed_after_fen"] != 1050.0 || len(body["lines"].([]any)) != 2 {
			t.Fatalf("pay 7 yuan: %d %v", st, body)
		}
		waiver := `{"reader_id":` + rid + `,"entry_ids":[` + damage + `],"reason":"轻微污损"}`
		if st, body := call(desk, "POST", "/fees/waivers", waiver); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("desk waives: %d %v", st, body)
		}
		if st, body := call(dir, "POST", "/fees/waivers", `{"reader_id":`+rid+`}`); st != 422 || errorField(body) != "reason" {
			t.Fatalf("waive without a reason: %d %v", st, body)
		}
		st, body = call(dir, "POST", "/fees/waivers", waiver)
		if st != 201 || body["kind"] != "waiver" || body["owed_after_fen"] != 0.0 {
			t.Fatalf("waive: %d %v", st, body)
		}
		if st, body := call(dir, "POST", "/fees/refunds", `{"reader_id":`+rid+`,"entry_id":`+damage+`,"amount_fen":100,"method":"cash","reason":"退"}`); st != 201 || body["kind"] != "refund" {
			t.Fatalf("refund: %d %v", st, body)
		}
		if st, body := call(desk, "POST", "/fees/deposits", `{"reader_id":`+rid+`,"amount_fen":10000,"method":"alipay"}`); st != 201 || body["deposit_after_fen"] != 10000.0 {
			t.Fatalf("deposit: %d %v", st, body)
		}
		st, body = call(desk, "GET", "/fees/receipts/sj2027-000001", "")
		if st != 200 || body["amount_fen"] != 700.0 || body["reader_name"] != "刘洋" {
			t.Fatalf("receipt: %d %v", st, body)
		}
		if st, body := call(dir, "GET", "/fees/receipts/SJ2027-000001", ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("director reads a receipt: %d %v", st, body)
		}
		st, body = call(dir, "GET", "/fees/cash-report", "")
		if st != 200 || body["date"] != "2027-09-14" {
			t.Fatalf("cash report: %d %v", st, body)
		}
		total := body["total"].(map[string]any)
		if total["in_fen"] != 10700.0 || total["out_fen"] != 100.0 || total["net_fen"] != 10600.0 || total["waived_fen"] != 1050.0 || len(body["methods"].([]any)) != 4 {
			t.Fatalf("cash report totals: %v", body)
		}
		if st, body := call(dir, "GET", "/fees/cash-report?date=2027-9-14x", ""); st != 422 || errorField(body) != "date" {
			t.Fatalf("bad date: %d %v", st, body)
		}
		if st, body := call(cat, "GET", "/fees/cash-report", ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("cataloguer's cash report: %d %v", st, body)
		}

		// Clearance: the deposit is given back with it.
		st, body = call(desk, "GET", "/readers/"+rid+"/clearance", "")
		if st != 200 || body["can_clear"] != true || body["deposit_fen"] != 10000.0 {
			t.Fatalf("clearance check: %d %v", st, body)
		}
		if st, body := call(desk, "POST", "/readers/"+rid+"/clearance", ""); st != 409 || errorCode(t, body) != "conflict" {
			t.Fatalf("clear keeping the deposit: %d %v", st, body)
		}
		st, body = call(desk, "POST", "/readers/"+rid+"/clearance", `{"refund_deposit":true,"method":"cash","note":"毕业"}`)
		if st != 201 || body["number"] != "LX2027-00001" || body["deposit_refunded_fen"] != 10000.0 || body["id_number_masked"] != "510***********"+id[14:] {
			t.Fatalf("clear: %d %v", st, body)
		}
		if st, body := call(desk, "GET", "/readers/"+rid+"/clearance/certificate", ""); st != 200 || body["number"] != "LX2027-00001" {
			t.Fatalf("certificate: %d %v", st, body)
		}
		if st, body := call(desk, "PUT", "/readers/"+rid, `{"name":"刘洋","category":"postgraduate"}`); st != 409 || errorCode(t, body) != "conflict" {
			t.Fatalf("update a cleared reader: %d %v", st, body)
		}

		// Batch registration: a dry run, then the import.
		badID := id[:17] + map[bool]string{true: "1", false: "2"}[id[17] != '1'] // a wrong check character
		csv := "card,name,category,id_number\nB001,甲,undergraduate,\nB002,乙,undergraduate," + badID + "\nB003,,undergraduate,\nB004,丁,staff,\n"
		st, raw, _ := desk.rawCall("POST", "/readers/import?dry_run=true", "text/csv", []byte(csv))
		var sum map[string]any
		json.Unmarshal(raw, &sum)
		keep(sum)
		if st != 200 || sum["rows"] != 4.0 || sum["valid"] != 2.0 || sum["imported"] != 0.0 || sum["dry_run"] != true || len(sum["rejected"].([]any)) != 2 {
			t.Fatalf("dry run: %d %s", st, raw)
		}
		rej := sum["rejected"].([]any)[0].(map[string]any)
		if rej["line"] != 3.0 || rej["card"] != "B002" || rej["field"] != "id_number" || !strings.Contains(rej["message"].(string), "510***********") {
			t.Fatalf("rejected row: %v", rej)
		}
		if st, body := call(desk, "GET", "/readers?q=B001", ""); st != 200 || body["total"] != 0.0 {
			t.Fatalf("the dry run registered: %v", body)
		}
		st, raw, _ = desk.rawCall("POST", "/readers/import?name=new.csv", "text/csv", []byte(csv))
		json.Unmarshal(raw, &sum)
		if st != 200 || sum["imported"] != 2.0 {
			t.Fatalf("import: %d %s", st, raw)
		}
		if st, _, _ := desk.rawCall("POST", "/readers/import?dry_run=maybe", "text/csv", []byte(csv)); st != 422 {
			t.Fatalf("bad dry_run: %d", st)
		}
		if st, _, _ := cat.rawCall("POST", "/readers/import", "text/csv", []byte(csv)); st != 403 {
			t.Fatalf("cataloguer imports: %d", st)
		}
		f := excelize.NewFile()
		sh := f.GetSheetName(0)
		f.SetSheetRow(sh, "A1", &[]any{"证号", "姓名", "类别"})
		f.SetSheetRow(sh, "A2", &[]any{"X001", "戊", "教职工"})
		var xlsx bytes.Buffer
		f.Write(&xlsx)
		st, raw, _ = desk.rawCall("POST", "/readers/import", "application/octet-stream", xlsx.Bytes())
		json.Unmarshal(raw, &sum)
		if st != 200 || sum["imported"] != 1.0 {
			t.Fatalf("xlsx import: %d %s", st, raw)
		}

		// Reader categories.
		if st, body := call(cat, "GET", "/reader-categories", ""); st != 200 || len(body["categories"].([]any)) != 5 {
			t.Fatalf("categories: %d %v", st, body)
		}
		if st, body := call(desk, "POST", "/reader-categories", `{"code":"alumni","name_zh":"校友","name_en":"Alumni"}`); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("desk adds a category: %d %v", st, body)
		}
		if st, body := call(dir, "POST", "/reader-categories", `{"code":"alumni","name_zh":"校友","name_en":"Alumni","sort":70}`); st != 201 || body["active"] != true {
			t.Fatalf("add a category: %d %v", st, body)
		}
		if st, body := call(dir, "PUT", "/reader-categories/alumni", `{"code":"other","name_zh":"校友","name_en":"Alumni"}`); st != 422 || errorField(body) != "code" {
			t.Fatalf("code mismatch: %d %v", st, body)
		}
		if st, body := call(dir, "PUT", "/reader-categories/alumni", `{"name_zh":"校友","name_en":"Alumni","active":false}`); st != 200 || body["active"] != false {
			t.Fatalf("deactivate: %d %v", st, body)
		}
		if st, body := call(cat, "GET", "/reader-categories?active=true", ""); st != 200 || len(body["categories"].([]any)) != 5 {
			t.Fatalf("active categories: %d %v", st, body)
		}
		if st, body := call(dir, "DELETE", "/reader-categories/staff", ""); st != 409 || errorCode(t, body) != "conflict" {
			t.Fatalf("delete a category in use: %d %v", st, body)
		}
		if st, _ := call(dir, "DELETE", "/reader-categories/alumni", ""); st != 204 {
			t.Fatalf("delete a category: %d", st)
		}
		if st, _ := call(dir, "DELETE", "/reader-categories/alumni", ""); st != 404 {
			t.Fatalf("delete a category twice: %d", st)
		}

		// No answer held the whole ID number.
		for _, a := range answers {
			if strings.Contains(a, id) || strings.Contains(a, id[:17]) {
				t.Fatalf("an answer holds the ID number: %s", a)
			}
		}
		es, err := s.App.Auth.ListAudit(ctx, cli, auth.AuditFilter{Door: auth.DoorAPI, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, e := range es {
			got[e.Action] = true
		}
		for _, a := range []string{"reader.register", "reader.update", "card.lost", "card.unblock", "card.replace", "card.expire", "card.extend",
			"reader.block", "reader.lift_block", "reader.photo", "fee.charge", "fee.payment", "fee.waiver", "fee.refund", "fee.deposit",
			"reader.clear", "reader.import", "reader_category.create", "reader_category.update", "reader_category.delete"} {
			if !got[a] {
				t.Errorf("audit through the API lacks %s", a)
			}
		}
	})
}
