package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// assets serves the embedded static files under content-hashed names
// (/static/app.3f2a9c1d.css), so they can be cached for a year and a new
// release is never served a stale copy.
type assets struct {
	hashed map[string]string // "app.css" -> "app.3f2a9c1d.css"
	files  map[string][]byte // hashed name -> content
}

func loadAssets() (*assets, error) {
	a := &assets{hashed: map[string]string{}, files: map[string][]byte{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		h := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		a.hashed[name] = h
		a.files[h] = data
		return nil
	})
	return a, err
}

// URL returns the hashed URL of a static file.
func (a *assets) URL(name string) string {
	if h, ok := a.hashed[name]; ok {
		return "/static/" + h
	}
	return "/static/" + name
}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	data, ok := a.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(data)
}
