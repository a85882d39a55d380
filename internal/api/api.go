// Package api is Lantai's JSON API under /api/v1/. It authenticates bearer
// tokens, calls the same service methods as the web client, and answers
// every error in one shape:
//
//	{"error": {"code": "not_found", "message": "…", "field": "…", "request_id": "…"}}
package api

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/httpx"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/readers"
	"lantai.dev/lantai/internal/search"
	"lantai.dev/lantai/internal/sip2server"
)

// Prefix is where the API lives.
const Prefix = "/api/v1"

//go:embed openapi.json
var openAPIDocument []byte

// OpenAPIDocument returns the OpenAPI 3 description of the API.
func OpenAPIDocument() []byte { return openAPIDocument }

// Config is what the API needs to know about its deployment.
type Config struct {
	TrustProxy bool
	// Zone is the library's time zone, which decides the day of the cash
	// report when none is asked for (Asia/Shanghai when nil).
	Zone *time.Location
	// Clock tells the time (the system clock when nil).
	Clock clock.Clock
}

// Server serves the JSON API.
type Server struct {
	auth    *auth.Service
	catalog *catalog.Service
	policy  *policy.Service
	readers *readers.Service
	fees    *fees.Service
	circ    *circ.Service
	search  *search.Engine
	sip2    *sip2server.Machines
	tr      *i18n.Catalog
	log     *slog.Logger
	cfg     Config
	mux     *http.ServeMux
	// readerSubs are the routes behind readerSubPattern, by name.
	readerSubs map[string]Route
}

// Route is one API operation.
type Route struct {
	Method, Path string
	handler      func(*Server, *call) (int, any, error)
	// stream, instead of handler, writes the answer itself (exports).
	stream func(*Server, *call, http.ResponseWriter) error
}

// routes lists every operation; the OpenAPI test compares it with the document.
var routes = []Route{
	{"GET", "/me", (*Server).me, nil},
	{"GET", "/permissions", (*Server).permissions, nil},
	{"GET", "/staff", (*Server).listStaff, nil},
	{"POST", "/staff", (*Server).createStaff, nil},
	{"GET", "/staff/{id}", (*Server).getStaff, nil},
	{"PATCH", "/staff/{id}", (*Server).updateStaff, nil},
	{"PUT", "/staff/{id}/password", (*Server).setPassword, nil},
	{"GET", "/roles", (*Server).listRoles, nil},
	{"POST", "/roles", (*Server).createRole, nil},
	{"PUT", "/roles/{code}/permissions", (*Server).setRolePermissions, nil},
	{"GET", "/audit", (*Server).listAudit, nil},
	{"GET", "/tokens", (*Server).listTokens, nil},
	{"POST", "/tokens", (*Server).createToken, nil},
	{"DELETE", "/tokens/{id}", (*Server).revokeToken, nil},
	{"GET", "/records", (*Server).listRecords, nil},
	{"POST", "/records", (*Server).createRecord, nil},
	{"GET", "/records/{id}", (*Server).getRecord, nil},
	{"PUT", "/records/{id}", (*Server).updateRecord, nil},
	{"DELETE", "/records/{id}", (*Server).deleteRecord, nil},
	{"GET", "/records/{id}/items", (*Server).recordItems, nil},
	{"POST", "/duplicates", (*Server).findDuplicates, nil},
	{"GET", "/items", (*Server).findItems, nil},
	{"POST", "/items", (*Server).createItems, nil},
	{"GET", "/items/{id}", (*Server).getItem, nil},
	{"PATCH", "/items/{id}", (*Server).updateItem, nil},
	{"POST", "/items/{id}/status", (*Server).changeItemStatus, nil},
	{"GET", "/items/{id}/history", (*Server).itemHistory, nil},
	{"POST", "/imports", (*Server).importRecords, nil},
	{"GET", "/circ/rules", (*Server).listCircRules, nil},
	{"POST", "/circ/rules", (*Server).createCircRule, nil},
	{"GET", "/circ/rules/{id}", (*Server).getCircRule, nil},
	{"PUT", "/circ/rules/{id}", (*Server).updateCircRule, nil},
	{"DELETE", "/circ/rules/{id}", (*Server).deleteCircRule, nil},
	{"GET", "/circ/limits", (*Server).listCircLimits, nil},
	{"POST", "/circ/limits", (*Server).createCircLimit, nil},
	{"GET", "/circ/limits/{id}", (*Server).getCircLimit, nil},
	{"PUT", "/circ/limits/{id}", (*Server).updateCircLimit, nil},
	{"DELETE", "/circ/limits/{id}", (*Server).deleteCircLimit, nil},
	{"GET", "/circ/calendars", (*Server).listCircCalendars, nil},
	{"GET", "/circ/calendars/{branch}", (*Server).getCircCalendar, nil},
	{"PUT", "/circ/calendars/{branch}", (*Server).setCircCalendar, nil},
	{"DELETE", "/circ/calendars/{branch}", (*Server).deleteCircCalendar, nil},
	{"GET", "/circ/settings", (*Server).getCircSettings, nil},
	{"PUT", "/circ/settings", (*Server).setCircSettings, nil},
	{"GET", "/circ/explain", (*Server).explainCirc, nil},
	{"GET", "/readers", (*Server).listReaders, nil},
	{"POST", "/readers", (*Server).createReader, nil},
	{"POST", "/readers/import", (*Server).importReaders, nil},
	{"GET", "/readers/by-card/{card}", (*Server).readerByCard, nil},
	{"GET", "/readers/{id}", (*Server).getReader, nil},
	{"PUT", "/readers/{id}", (*Server).updateReader, nil},
	{"GET", "/readers/{id}/cards", (*Server).readerCards, nil},
	{"POST", "/readers/{id}/lost", (*Server).readerLost, nil},
	{"POST", "/readers/{id}/unblock", (*Server).readerUnblock, nil},
	{"POST", "/readers/{id}/replace", (*Server).readerReplace, nil},
	{"POST", "/readers/{id}/extend", (*Server).readerExtend, nil},
	{"POST", "/readers/{id}/expire", (*Server).readerExpire, nil},
	{"POST", "/readers/{id}/block", (*Server).readerBlock, nil},
	{"POST", "/readers/{id}/lift-block", (*Server).readerLiftBlock, nil},
	{Method: "GET", Path: "/readers/{id}/photo", stream: (*Server).readerPhoto},
	{"PUT", "/readers/{id}/photo", (*Server).setReaderPhoto, nil},
	{"DELETE", "/readers/{id}/photo", (*Server).deleteReaderPhoto, nil},
	{"GET", "/readers/{id}/clearance", (*Server).readerClearanceCheck, nil},
	{"POST", "/readers/{id}/clearance", (*Server).clearReader, nil},
	{"GET", "/readers/{id}/clearance/certificate", (*Server).readerCertificate, nil},
	{"GET", "/readers/{id}/fees", (*Server).readerFees, nil},
	{"GET", "/reader-categories", (*Server).listReaderCategories, nil},
	{"POST", "/reader-categories", (*Server).createReaderCategory, nil},
	{"PUT", "/reader-categories/{code}", (*Server).updateReaderCategory, nil},
	{"DELETE", "/reader-categories/{code}", (*Server).deleteReaderCategory, nil},
	{"POST", "/fees/charges", (*Server).createCharge, nil},
	{"POST", "/fees/payments", (*Server).createPayment, nil},
	{"POST", "/fees/waivers", (*Server).createWaiver, nil},
	{"POST", "/fees/refunds", (*Server).createRefund, nil},
	{"POST", "/fees/replacements", (*Server).createReplacement, nil},
	{"POST", "/fees/deposits", (*Server).createDeposit, nil},
	{"POST", "/fees/deposit-refunds", (*Server).createDepositRefund, nil},
	{"GET", "/fees/receipts/{number}", (*Server).getReceipt, nil},
	{"GET", "/fees/cash-report", (*Server).cashReport, nil},
	{"GET", "/sip2/machines", (*Server).listSIP2Machines, nil},
	{"POST", "/sip2/machines", (*Server).createSIP2Machine, nil},
	{"GET", "/sip2/machines/{id}", (*Server).getSIP2Machine, nil},
	{"PUT", "/sip2/machines/{id}", (*Server).updateSIP2Machine, nil},
	{Method: "GET", Path: "/exports", stream: (*Server).exportRecords},
	{"POST", "/checkouts", (*Server).createCheckout, nil},
	{"POST", "/checkins", (*Server).createCheckin, nil},
	{"POST", "/renewals", (*Server).createRenewal, nil},
	{"POST", "/holds", (*Server).createHold, nil},
	{"DELETE", "/holds/{id}", (*Server).cancelHold, nil},
	{"GET", "/loans/{id}", (*Server).getLoan, nil},
	{"GET", "/readers/{id}/loans", (*Server).readerLoans, nil},
	{"GET", "/readers/{id}/holds", (*Server).readerHolds, nil},
}

// Routes returns the API operations (method and path below Prefix), plus
// the public ones (the OpenAPI document and the catalogue search).
func Routes() []Route {
	out := append([]Route(nil), routes...)
	return append(out, Route{Method: "GET", Path: "/openapi.json"}, Route{Method: "GET", Path: "/search"})
}

// Services are the capabilities the API calls.
type Services struct {
	Auth    *auth.Service
	Catalog *catalog.Service
	Policy  *policy.Service
	Readers *readers.Service
	Fees    *fees.Service
	Circ    *circ.Service
	Search  *search.Engine
	// Machines are the SIP2 self-service machine accounts.
	Machines *sip2server.Machines
}

// New builds the API front door.
func New(svc Services, tr *i18n.Catalog, log *slog.Logger, cfg Config) *Server {
	if cfg.Zone == nil {
		cfg.Zone = fees.DefaultLocation()
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	s := &Server{auth: svc.Auth, catalog: svc.Catalog, policy: svc.Policy, readers: svc.Readers, fees: svc.Fees, circ: svc.Circ, search: svc.Search,
		sip2: svc.Machines, tr: tr, log: log, cfg: cfg, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET "+Prefix+"/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPIDocument)
	})
	s.mux.HandleFunc("GET "+Prefix+"/search", s.searchRecords)
	readerSubs := map[string]Route{}
	for _, rt := range routes {
		if sub, ok := readerSubRoute(rt); ok {
			readerSubs[sub] = rt
			continue
		}
		s.mux.HandleFunc(rt.Method+" "+Prefix+rt.Path, s.handlerOf(rt))
	}
	s.readerSubs = readerSubs
	s.mux.HandleFunc(readerSubPattern, s.readerSub(readerSubs))
	s.mux.HandleFunc(Prefix+"/", s.notFound)
	return s
}

// readerSubPattern is the one pattern of the routes readerSubRoute picks.
const readerSubPattern = "GET " + Prefix + "/readers/{id}/{sub}"

func (s *Server) handlerOf(rt Route) http.HandlerFunc {
	if rt.stream != nil {
		return s.wrapStream(rt.stream)
	}
	return s.wrap(rt.handler)
}

// readerSubRoute reports whether rt is one of the GET routes
// /readers/{id}/… or /readers/by-card/{card}, and under which name. Go's
// mux cannot hold both kinds (/readers/by-card/fees would match two
// patterns, neither more specific), so one pattern serves them all and
// readerSub picks the route.
func readerSubRoute(rt Route) (string, bool) {
	if rt.Method != "GET" {
		return "", false
	}
	if rt.Path == "/readers/by-card/{card}" {
		return "by-card", true
	}
	sub, ok := strings.CutPrefix(rt.Path, "/readers/{id}/")
	if !ok || strings.Contains(sub, "/") {
		return "", false
	}
	return sub, true
}

// readerSub serves GET /readers/{id}/{sub}: by-card/{card}, or the
// sub-resource of a reader.
func (s *Server) readerSub(subs map[string]Route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sub := r.PathValue("sub")
		if r.PathValue("id") == "by-card" {
			r.SetPathValue("card", sub)
			sub = "by-card"
		}
		rt, ok := subs[sub]
		if !ok {
			s.notFound(w, r)
			return
		}
		s.handlerOf(rt)(w, r)
	}
}

// servesReaderSub reports whether a GET of path (/api/v1/readers/X/Y) has
// a route behind readerSubPattern.
func (s *Server) servesReaderSub(path string) bool {
	parts := strings.Split(strings.TrimPrefix(path, Prefix+"/readers/"), "/")
	if len(parts) != 2 {
		return false
	}
	if parts[0] == "by-card" {
		parts[1] = "by-card"
	}
	_, ok := s.readerSubs[parts[1]]
	return ok
}

// Register mounts the API on mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle(Prefix+"/", s.mux)
}

// call is one API request being served.
type call struct {
	*http.Request
	actor  auth.Actor
	locale string
}

// authenticate checks the bearer token and returns the call, or answers
// 401 and returns false.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (*call, bool) {
	c := &call{Request: r, locale: apiLocale(r)}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || strings.TrimSpace(token) == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lantai"`)
		s.writeError(w, r, c.locale, apperr.New(apperr.Unauthenticated, "error.token_invalid"))
		return nil, false
	}
	p, err := s.auth.TokenPrincipal(r.Context(), strings.TrimSpace(token))
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lantai", error="invalid_token"`)
		s.writeError(w, r, c.locale, err)
		return nil, false
	}
	c.actor = p.Actor(auth.DoorAPI, httpx.RequestID(r), httpx.ClientIP(r, s.cfg.TrustProxy))
	return c, true
}

// wrap serves an operation that answers one JSON value.
func (s *Server) wrap(h func(*Server, *call) (int, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.authenticate(w, r)
		if !ok {
			return
		}
		status, body, err := h(s, c)
		if err != nil {
			s.writeError(w, r, c.locale, err)
			return
		}
		writeJSON(w, status, body)
	}
}

// wrapStream serves an operation that writes its own answer; an error
// before it began writing is answered in the one error shape.
func (s *Server) wrapStream(h func(*Server, *call, http.ResponseWriter) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.authenticate(w, r)
		if !ok {
			return
		}
		if err := h(s, c, w); err != nil {
			s.writeError(w, r, c.locale, err)
		}
	}
}

// apiLocale picks the language of error messages: Accept-Language, else zh-CN.
func apiLocale(r *http.Request) string {
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// notFound answers unknown routes, and known routes with the wrong method.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		_, pattern := s.mux.Handler(probe)
		if pattern == readerSubPattern && !s.servesReaderSub(probe.URL.Path) {
			continue
		}
		if pattern != Prefix+"/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	loc := apiLocale(r)
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeJSON(w, http.StatusMethodNotAllowed, errorBody("method_not_allowed", s.tr.T(loc, "error.method_not_allowed", nil), "", httpx.RequestID(r)))
		return
	}
	writeJSON(w, http.StatusNotFound, errorBody(string(apperr.NotFound), s.tr.T(loc, "error.route_not_found", nil), "", httpx.RequestID(r)))
}

type errorDetail struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	Field     string `json:"field,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	// Reasons are every reason of a refused checkout, renewal or hold
	// (circ.RefusalsOf), each with its code and translated message.
	Reasons []refusalDetail `json:"reasons,omitempty"`
}

func errorBody(code, msg, field, requestID string) map[string]errorDetail {
	return map[string]errorDetail{"error": {Code: code, Message: msg, Field: field, RequestID: requestID}}
}

// writeError answers with the one error shape. Internal errors are logged
// with the request id and shown only as a generic message quoting that id.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, locale string, err error) {
	id := httpx.RequestID(r)
	var e *apperr.Error
	if !errors.As(err, &e) {
		s.log.Error("api request failed", "request_id", id, "method", r.Method, "path", r.URL.Path, "err", err)
		writeJSON(w, http.StatusInternalServerError, errorBody(string(apperr.Internal), s.tr.T(locale, "error.internal_with_id", map[string]any{"ID": id}), "", id))
		return
	}
	body := errorBody(string(e.Code), s.tr.Error(locale, e), e.Field, id)
	if rs, ok := circ.RefusalsOf(err); ok {
		d := body["error"]
		d.Reasons = s.refusalDetails(locale, rs)
		body["error"] = d
	}
	writeJSON(w, httpx.Status(e.Code), body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if body != nil {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.Encode(body)
	}
}

// maxBody bounds a JSON request body (imports have their own limit).
const maxBody = 1 << 20

// decode reads a JSON request body into v, refusing unknown fields, and
// names the problem (and where it is) when the body is malformed.
func (c *call) decode(v any) error {
	dec := json.NewDecoder(io.LimitReader(c.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		detail := err.Error()
		switch {
		case errors.Is(err, io.EOF):
			detail = "empty body"
		case errors.As(err, &syn):
			detail = fmt.Sprintf("syntax error at byte %d", syn.Offset)
		case errors.As(err, &typ):
			detail = fmt.Sprintf("field %q must be %s", typ.Field, typ.Type)
		}
		return apperr.New(apperr.Invalid, "error.json_invalid", "Detail", detail)
	}
	if dec.More() {
		return apperr.New(apperr.Invalid, "error.json_invalid", "Detail", "more than one JSON value")
	}
	return nil
}

// pathID reads a numeric path parameter.
func (c *call) pathID(name string) (int64, error) {
	v := c.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "error.bad_id", "Value", v).WithField(name)
	}
	return id, nil
}
