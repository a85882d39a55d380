package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/marc"
)

func rawCall(t *testing.T, s *apptest.Server, token, method, path, ctype string, body []byte) (int, []byte, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL+"/api/v1"+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header
}

func TestCatalogAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		catTok, _, _ := s.App.Auth.CreateToken(ctx, auth.CLIActor("t"), "cat", "t")
		deskTok, _, _ := s.App.Auth.CreateToken(ctx, auth.CLIActor("t"), "desk", "t")
		cat := apiClient{t, s.URL, catTok}
		desk := apiClient{t, s.URL, deskTok}

		rec := &marc.Record{Leader: marc.Leader([]byte("00000nam a2200000 a 4500"))}
		rec.Add(marc.NewControlField("008", "200101s2019    ch            000 0 chi d"),
			marc.NewDataField("020", ' ', ' ', "a", "9787536692930"),
			marc.NewDataField("245", '1', '0', "a", "三体", "c", "刘慈欣著"),
			marc.NewDataField("100", '1', ' ', "a", "刘慈欣"))
		mj, _ := json.Marshal(rec)
		body := `{"marc":` + string(mj) + `}`
		if st, b := desk.call("POST", "/records", body); st != 403 || errorCode(t, b) != "forbidden" {
			t.Fatalf("circulation desk creates a record: %d %v", st, b)
		}
		st, b := cat.call("POST", "/records", body)
		if st != 201 || b["title"] != "三体" || b["marc"] == nil {
			t.Fatalf("create: %d %v", st, b)
		}
		id := itoa(int64(b["id"].(float64)))
		if st, b := cat.call("POST", "/duplicates", body); st != 200 || len(b["duplicates"].([]any)) != 1 {
			t.Fatalf("duplicates: %d %v", st, b)
		}
		if st, b := cat.call("PUT", "/records/"+id, `{"marc":`+string(mj)+`,"version":7}`); st != 409 || errorCode(t, b) != "conflict" {
			t.Fatalf("stale update: %d %v", st, b)
		}
		if st, b := cat.call("POST", "/records", `{"marc":{"leader":"bad"}}`); st != 422 || errorCode(t, b) != "invalid" {
			t.Fatalf("bad MARC: %d %v", st, b)
		}
		st, b = cat.call("POST", "/items", `{"record_id":`+id+`,"barcode":"A0001","count":2,"location":"processing","collection":"zw","item_type":"book","price_fen":2300}`)
		if st != 201 || len(b["items"].([]any)) != 2 {
			t.Fatalf("items: %d %v", st, b)
		}
		st, b = cat.call("GET", "/items?barcode=A0002", "")
		items := b["items"].([]any)
		if st != 200 || len(items) != 1 {
			t.Fatalf("find item: %d %v", st, b)
		}
		itemID := itoa(int64(items[0].(map[string]any)["id"].(float64)))
		if st, b := cat.call("POST", "/items/"+itemID+"/status", `{"status":"missing","reason":"not on shelf"}`); st != 200 || b["status"] != "missing" {
			t.Fatalf("status: %d %v", st, b)
		}
		if st, b := cat.call("GET", "/items/"+itemID+"/history", ""); st != 200 || len(b["history"].([]any)) != 2 {
			t.Fatalf("history: %d %v", st, b)
		}
		if st, b := cat.call("DELETE", "/records/"+id, ""); st != 409 || errorCode(t, b) != "conflict" {
			t.Fatalf("delete with items: %d %v", st, b)
		}

		// Import a file with a bad record, then export.
		var file []byte
		for i, title := range []string{"Import one", "Broken", "Import three"} {
			r := &marc.Record{Leader: marc.Leader([]byte("00000nam a2200000 a 4500"))}
			r.Add(marc.NewControlField("008", "200101s2019    xx            000 0 eng d"), marc.NewDataField("245", '1', '0', "a", title))
			raw, _ := marc.Marshal(r)
			if i == 1 {
				raw = raw[:len(raw)-20] // truncated: the next record's start is eaten
				raw = append(raw, 0x1d)
			}
			file = append(file, raw...)
		}
		st2, out, _ := rawCall(t, s, catTok, "POST", "/imports?name=test.mrc", "application/marc", file)
		var res struct {
			Summary  map[string]int
			Failures []struct {
				Record int
				Reason string
			}
		}
		json.Unmarshal(out, &res)
		if st2 != 200 || res.Summary["created"] != 2 || res.Summary["failed"] != 1 || res.Failures[0].Record != 2 || res.Failures[0].Reason == "" {
			t.Fatalf("import: %d %s", st2, out)
		}
		if st, _, _ := rawCall(t, s, deskTok, "POST", "/imports", "application/marc", file); st != 403 {
			t.Fatalf("desk imports: %d", st)
		}
		st2, out, h := rawCall(t, s, catTok, "GET", "/exports?format=marcxml", "", nil)
		if st2 != 200 || h.Get("Content-Type") != "application/marcxml+xml" || strings.Count(string(out), "<record>") != 3 || !strings.Contains(string(out), "三体") {
			t.Fatalf("export: %d %s %.300s", st2, h.Get("Content-Type"), out)
		}
		st2, out, _ = rawCall(t, s, catTok, "GET", "/exports?format=pdf", "", nil)
		if st2 != 422 || !strings.Contains(string(out), `"invalid"`) {
			t.Fatalf("bad export format: %d %s", st2, out)
		}
		if st, _, _ := rawCall(t, s, deskTok, "GET", "/exports", "", nil); st != 403 {
			t.Fatalf("desk exports: %d", st)
		}
	})
}

func TestSearchAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		for _, title := range []string{"中国历史", "中国历史地理", "三体"} {
			r := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
			r.Add(marc.NewDataField("100", ' ', ' ', "a", "20230115d2019    em y0chiy50      ea"),
				marc.NewDataField("101", '0', ' ', "a", "chi"), marc.NewDataField("200", '1', ' ', "a", title))
			if _, err := s.App.Catalog.CreateRecord(ctx, auth.CLIActor("t"), r); err != nil {
				t.Fatal(err)
			}
		}
		anon := apiClient{t, s.URL, ""}
		st, b := anon.call("GET", "/search?q="+url.QueryEscape("中国历史"), "")
		if st != 200 || b["total"].(float64) != 2 || len(b["records"].([]any)) != 2 || b["facets"] == nil {
			t.Fatalf("search: %d %v", st, b)
		}
		first := b["records"].([]any)[0].(map[string]any)
		if first["title"] != "中国历史" {
			t.Fatalf("ranking: %v", first)
		}
		st, b = anon.call("GET", "/search?q="+url.QueryEscape(`"三体`), "")
		if st != 422 || errorCode(t, b) != "invalid" || !strings.Contains(b["error"].(map[string]any)["message"].(string), "quote") {
			t.Fatalf("bad query: %d %v", st, b)
		}
		if st, b := anon.call("GET", "/search?facet.year=2019&facets=false", ""); st != 200 || b["total"].(float64) != 3 || b["facets"] != nil {
			t.Fatalf("browse by year: %d %v", st, b)
		}
		if st, b := anon.call("GET", "/search?page=abc", ""); st != 422 || errorCode(t, b) != "invalid" {
			t.Fatalf("bad page: %d %v", st, b)
		}
	})
}
