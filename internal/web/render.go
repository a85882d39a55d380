package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/httpx"
)

//go:embed templates
var templateFiles embed.FS

// pages holds one parsed template set per page: the layout plus the page.
type pages struct {
	set map[string]*template.Template
}

func loadPages(a *assets, zone *time.Location) (*pages, error) {
	funcs := template.FuncMap{
		"asset": a.URL,
		"when": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(zone).Format("2006-01-02 15:04:05")
		},
		"join": strings.Join,
		// dict builds the argument of a shared template: {{template
		// "statement" (dict "V" . "S" .Data.Account)}}.
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				k, _ := kv[i].(string)
				m[k] = kv[i+1]
			}
			return m
		},
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("layout template: %w", err)
	}
	entries, err := fs.ReadDir(templateFiles, "templates")
	if err != nil {
		return nil, err
	}
	// Files named partial_*.html hold templates shared by several pages.
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "partial_") {
			if _, err := layout.ParseFS(templateFiles, "templates/"+e.Name()); err != nil {
				return nil, fmt.Errorf("template %s: %w", e.Name(), err)
			}
		}
	}
	p := &pages{set: map[string]*template.Template{}}
	for _, e := range entries {
		if e.Name() == "layout.html" || strings.HasPrefix(e.Name(), "partial_") {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFiles, "templates/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", e.Name(), err)
		}
		p.set[strings.TrimSuffix(e.Name(), ".html")] = t
	}
	return p, nil
}

// view is what a page template sees.
type view struct {
	*req
	Title string
	Data  any
	Flash string
	// Refresh, when above 0, reloads the page every that many seconds (the
	// progress of a running job, without JavaScript).
	Refresh int
}

// Can reports whether the signed-in person holds permission p.
func (v view) Can(p string) bool {
	return v.Principal != nil && v.Actor().Can(auth.Permission(p))
}

// RequestID returns the id of the request (shown on error pages).
func (v view) RequestID() string { return httpx.RequestID(v.Request) }

// render writes page name with status.
func (r *req) render(status int, name, title string, data any) {
	t, ok := r.s.pages.set[name]
	if !ok {
		r.s.log.Error("missing template", "name", name)
		http.Error(r.w, "internal error", http.StatusInternalServerError)
		return
	}
	v := view{req: r, Title: title, Data: data, Refresh: r.refresh}
	if done := r.URL.Query().Get("done"); strings.HasPrefix(done, "flash.") && r.s.tr.Has(r.Locale, done) {
		v.Flash = r.T(done)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		r.s.log.Error("render", "page", name, "request_id", httpx.RequestID(r.Request), "err", err)
		http.Error(r.w, "internal error "+httpx.RequestID(r.Request), http.StatusInternalServerError)
		return
	}
	r.w.Header().Set("Content-Type", "text/html; charset=utf-8")
	r.w.Header().Set("Cache-Control", "no-store")
	r.w.WriteHeader(status)
	r.w.Write(buf.Bytes())
}

// redirect answers a form post with a redirect (post/redirect/get).
func (r *req) redirect(target string) {
	http.Redirect(r.w, r.Request, target, http.StatusSeeOther)
}
