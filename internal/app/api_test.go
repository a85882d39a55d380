package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"

	"lantai.dev/lantai/internal/api"
	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
)

type apiClient struct {
	t     *testing.T
	base  string
	token string
}

func (c apiClient) call(method, path, body string) (int, map[string]any) {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+"/api/v1"+path, strings.NewReader(body))
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept-Language", "en")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			c.t.Fatalf("%s %s: not JSON (%v): %.300s", method, path, err, raw)
		}
	}
	return resp.StatusCode, out
}

// errorCode checks the one error shape and returns its code.
func errorCode(t *testing.T, body map[string]any) string {
	t.Helper()
	e, ok := body["error"].(map[string]any)
	if !ok || e["code"] == "" || e["message"] == "" {
		t.Fatalf("not the error shape: %v", body)
	}
	return e["code"].(string)
}

func TestAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		s.CreateStaff(t, "sys", auth.RoleSystems)
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		ctx := t.Context()
		sysToken, _, err := s.App.Auth.CreateToken(ctx, auth.CLIActor("t"), "sys", "test")
		if err != nil {
			t.Fatal(err)
		}
		catToken, _, _ := s.App.Auth.CreateToken(ctx, auth.CLIActor("t"), "cat", "test")
		sys := apiClient{t, s.URL, sysToken}
		cat := apiClient{t, s.URL, catToken}
		anon := apiClient{t, s.URL, ""}

		if st, body := anon.call("GET", "/me", ""); st != 401 || errorCode(t, body) != "unauthenticated" {
			t.Fatalf("no token: %d %v", st, body)
		}
		if st, body := (apiClient{t, s.URL, "lantai_forged"}).call("GET", "/me", ""); st != 401 || errorCode(t, body) != "unauthenticated" {
			t.Fatalf("forged token: %d %v", st, body)
		}
		st, body := cat.call("GET", "/me", "")
		if st != 200 || body["staff"].(map[string]any)["username"] != "cat" {
			t.Fatalf("me: %d %v", st, body)
		}
		if st, body := cat.call("GET", "/staff", ""); st != 403 || errorCode(t, body) != "forbidden" {
			t.Fatalf("cataloguer lists staff: %d %v", st, body)
		}
		st, body = sys.call("POST", "/staff", `{"username":"zhou","display_name":"周敏","password":"initial-pw","roles":["serials"]}`)
		if st != 201 || body["display_name"] != "周敏" || body["must_change_password"] != true {
			t.Fatalf("create: %d %v", st, body)
		}
		id := int64(body["id"].(float64))
		st, body = sys.call("POST", "/staff", `{"username":"zhou","password":"initial-pw"}`)
		if st != 409 || errorCode(t, body) != "conflict" || body["error"].(map[string]any)["field"] != "username" {
			t.Fatalf("duplicate: %d %v", st, body)
		}
		for _, bad := range []string{`{"username":`, `{"username":"a","password":"x","shoe":1}`, `{"username":42}`, ``, `{} {}`} {
			st, body := sys.call("POST", "/staff", bad)
			if st != 422 || errorCode(t, body) != "invalid" {
				t.Fatalf("malformed %q: %d %v", bad, st, body)
			}
			msg := body["error"].(map[string]any)["message"].(string)
			if !strings.Contains(msg, "JSON") {
				t.Fatalf("malformed %q: message %q does not say what is wrong", bad, msg)
			}
		}
		st, body = sys.call("PATCH", "/staff/"+itoa(id), `{"roles":["serials","reference"],"disabled":true}`)
		if st != 200 || body["disabled"] != true || len(body["roles"].([]any)) != 2 {
			t.Fatalf("patch: %d %v", st, body)
		}
		if st, body := sys.call("GET", "/staff/99999", ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("missing staff: %d %v", st, body)
		}
		if st, body := sys.call("GET", "/staff/abc", ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("bad id: %d %v", st, body)
		}
		if st, body := sys.call("PUT", "/roles/serials/permissions", `{"permissions":["serials.view","catalog.fly"]}`); st != 422 || errorCode(t, body) != "invalid" {
			t.Fatalf("unknown permission: %d %v", st, body)
		}
		if st, _ := sys.call("PUT", "/roles/serials/permissions", `{"permissions":["serials.view"]}`); st != 200 {
			t.Fatalf("set permissions: %d", st)
		}
		st, body = sys.call("GET", "/audit?entity=staff&door=api", "")
		if st != 200 || len(body["entries"].([]any)) != 2 {
			t.Fatalf("audit: %d %v", st, body)
		}
		if st, body := sys.call("GET", "/audit?from=yesterday", ""); st != 422 || errorCode(t, body) != "invalid" {
			t.Fatalf("bad from: %d %v", st, body)
		}
		if st, body := sys.call("GET", "/no/such/thing", ""); st != 404 || errorCode(t, body) != "not_found" {
			t.Fatalf("unknown route: %d %v", st, body)
		}
		if st, body := sys.call("DELETE", "/staff", ""); st != 405 || errorCode(t, body) != "method_not_allowed" {
			t.Fatalf("wrong method: %d %v", st, body)
		}
		st, body = cat.call("POST", "/tokens", `{"name":"second"}`)
		if st != 201 || !strings.HasPrefix(body["token"].(string), auth.TokenPrefix) {
			t.Fatalf("token: %d %v", st, body)
		}
		second := apiClient{t, s.URL, body["token"].(string)}
		tid := int64(body["info"].(map[string]any)["id"].(float64))
		if st, _ := cat.call("DELETE", "/tokens/"+itoa(tid), ""); st != 204 {
			t.Fatalf("revoke: %d", st)
		}
		if st, _ := second.call("GET", "/me", ""); st != 401 {
			t.Fatalf("revoked token still works: %d", st)
		}
	})
}

// TestOpenAPIMatchesRoutes fails when a route is missing from the OpenAPI
// document or the document lists a route that does not exist — checked both
// against the route table and against the running server.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPIDocument(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	var documented, served []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	for _, r := range api.Routes() {
		served = append(served, r.Method+" "+r.Path)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if strings.Join(documented, "\n") != strings.Join(served, "\n") {
		t.Fatalf("OpenAPI document and routes differ:\ndocumented:\n%s\n\nserved:\n%s", strings.Join(documented, "\n"), strings.Join(served, "\n"))
	}
	// Every documented operation is answered by a handler (not the 404/405
	// fallback) on the running server.
	s := apptest.Start(t, "")
	for _, op := range documented {
		method, path, _ := strings.Cut(op, " ")
		path = strings.NewReplacer("{id}", "1", "{code}", "director").Replace(path)
		req, _ := http.NewRequest(method, s.URL+"/api/v1"+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 404 || resp.StatusCode == 405 {
			t.Errorf("%s is documented but the server answers %d", op, resp.StatusCode)
		}
	}
	st, _ := (apiClient{t, s.URL, ""}).call("GET", "/openapi.json", "")
	if st != 200 {
		t.Fatalf("openapi.json: %d", st)
	}
}

// TestInternalErrorsAreLoggedNotShown breaks the database under the API and
// checks that the answer is the generic message with a request id, and that
// the log holds the details under that id.
func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	var logBuf syncBuffer
	s := apptest.StartWithLog(t, "", &logBuf)
	s.CreateStaff(t, "sys", auth.RoleSystems)
	tok, _, err := s.App.Auth.CreateToken(t.Context(), auth.CLIActor("t"), "sys", "x")
	if err != nil {
		t.Fatal(err)
	}
	// The token is checked before the handler runs; drop a table the
	// handler needs so that the failure is internal.
	if _, err := s.App.DB.Writer().Exec(`ALTER TABLE audit_log RENAME TO audit_log_gone`); err != nil {
		t.Fatal(err)
	}
	st, body := (apiClient{t, s.URL, tok}).call("GET", "/audit", "")
	if st != 500 || errorCode(t, body) != "internal" {
		t.Fatalf("broken database: %d %v", st, body)
	}
	e := body["error"].(map[string]any)
	id, _ := e["request_id"].(string)
	msg := e["message"].(string)
	if id == "" || !strings.Contains(msg, id) || strings.Contains(strings.ToLower(msg), "audit_log") || strings.Contains(msg, "SQL") {
		t.Fatalf("the message leaks or lacks the request id: %q (id %q)", msg, id)
	}
	if !strings.Contains(logBuf.String(), id) || !strings.Contains(logBuf.String(), "audit_log") {
		t.Fatalf("the log lacks the details under %s: %s", id, logBuf.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
