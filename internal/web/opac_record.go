package web

import (
	"net/http"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/catalog/clc"
	"lantai.dev/lantai/internal/catalog/profile"
	"lantai.dev/lantai/internal/marc"
)

// recordPage is the public record page /record/{id}: the record described
// for a reader (derived from its MARC by the profile), its MARC, and where
// its copies are.
type recordPage struct {
	Record    catalog.Record
	Bib       *profile.Bib // nil when the MARC cannot be read
	MARC      *marc.Record
	Title     string // the title proper with its part
	Names     []nameView
	Languages []string
	Class     string // the CLC number and its caption
	Caption   string
	Spine     string // the main class letter shown on the record's spine
	Holdings  []holding
	HasDue    bool // a copy has a known due date: the column is shown
	Available int
	Copies    int
	Permalink string
}

// nameView is a person or body responsible for the work, with the role.
type nameView struct {
	Name, Role string
}

// holding is one copy in the holdings table.
type holding struct {
	Branch, Location, CallNumber, Volume string
	Status                               catalog.Status
	Attached                             bool
	// Due is when a lent copy is due back; circulation fills it.
	Due *time.Time
}

// goneData is the page of a record that is no longer (410) or never was
// (404) in the catalogue.
type goneData struct {
	ID      int64
	Deleted bool
}

// opacRecord shows a record: the permanent address of a catalogue record.
// A merged record's address redirects (301) to the record it became; a
// deleted record's is gone (410).
func (s *Server) opacRecord(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	ctx := r.Context()
	rec, items, err := s.catalog.PublicRecord(ctx, id)
	if apperr.Is(err, apperr.NotFound) {
		s.recordMissing(r, id)
		return
	}
	if err != nil {
		r.fail(err)
		return
	}
	d := recordPage{Record: rec, Title: rec.Title, Permalink: r.absoluteURL("/record/" + itoa(id))}
	if m, err := rec.Parse(); err == nil {
		d.MARC = m
		if b, err := profile.Derive(m); err == nil {
			d.Bib = &b
			d.Title = joinNonEmpty(". ", b.Title, joinNonEmpty(", ", b.PartNumber, b.PartName))
		}
	}
	d.Class = rec.Class
	if d.Bib != nil {
		d.Class = d.Bib.CLC
		for _, n := range d.Bib.Names {
			d.Names = append(d.Names, nameView{Name: strings.TrimSpace(n.Qualifier + n.Name), Role: r.relator(n)})
		}
		for _, l := range d.Bib.Languages {
			d.Languages = append(d.Languages, r.catName("language.", l))
		}
	}
	if d.Class != "" {
		d.Spine = clc.MainClass(d.Class)
		if d.Caption, err = s.classCaption(r, d.Class); err != nil {
			r.fail(err)
			return
		}
	}
	codes, err := s.loadCodes(ctx, r.Locale)
	if err != nil {
		r.fail(err)
		return
	}
	for _, it := range items {
		h := holding{Branch: codes.Branch(it.Branch), Location: codes.Location(it.Location), CallNumber: it.CallNumber,
			Volume: it.Volume, Status: it.Status, Attached: it.ParentID != 0}
		d.HasDue = d.HasDue || h.Due != nil
		if !h.Attached && it.Status != catalog.OnOrder {
			d.Copies++
			if it.Status == catalog.Available {
				d.Available++
			}
		}
		d.Holdings = append(d.Holdings, h)
	}
	r.render(http.StatusOK, "opac_record", d.Title, d)
}

// classCaption names a class for a reader: in Chinese the caption of the
// class or of the nearest broader class in the loaded table; in English (the
// table is Chinese) and without a table, the name of its main class.
func (s *Server) classCaption(r *req, class string) (string, error) {
	if r.Locale != "en" {
		var prefixes []string
		for p := class; p != ""; p = strings.TrimRight(p[:len(p)-1], ".-/") {
			prefixes = append(prefixes, p)
		}
		caps, err := s.catalog.ClassCaptions(r.Context(), prefixes)
		if err != nil {
			return "", err
		}
		for _, p := range prefixes {
			if c := caps[p]; c != "" {
				return c, nil
			}
		}
	}
	if main := clc.MainClass(class); main != "" && s.tr.Has(r.Locale, "clc_main."+main) {
		return r.T("clc_main." + main), nil
	}
	return "", nil
}

// recordMissing answers for a record id that is not in the catalogue.
func (s *Server) recordMissing(r *req, id int64) {
	t, err := s.catalog.Tombstone(r.Context(), id)
	switch {
	case err == nil && t.MergedInto != 0:
		http.Redirect(r.w, r.Request, "/record/"+itoa(t.MergedInto), http.StatusMovedPermanently)
	case err == nil:
		r.render(http.StatusGone, "opac_gone", r.T("opac.gone.title"), goneData{ID: id, Deleted: true})
	case apperr.Is(err, apperr.NotFound):
		r.render(http.StatusNotFound, "opac_gone", r.T("opac.missing.title"), goneData{ID: id})
	default:
		r.fail(err)
	}
}

// relator names a person's role: the translated MARC relator when it is
// known, else the role as the record words it (a Chinese term such as
// "著"), never a bare numeric code.
func (r *req) relator(n profile.Name) string {
	if n.Role != "" && r.s.tr.Has(r.Locale, "relator."+n.Role) {
		return r.T("relator." + n.Role)
	}
	if rel := strings.TrimSpace(n.Relator); rel != "" && strings.Trim(rel, "0123456789; ") != "" {
		return rel
	}
	return ""
}

// joinNonEmpty joins the values that are not empty.
func joinNonEmpty(sep string, vals ...string) string {
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, sep)
}

// absoluteURL is path on this site as a full address, for copying: https
// when the request came over TLS (or, behind a trusted proxy, when the proxy
// says it did).
func (r *req) absoluteURL(path string) string {
	scheme := "http"
	if r.TLS != nil || (r.s.cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https") || r.s.cfg.SecureCookies {
		scheme = "https"
	}
	host := r.Host
	if r.s.cfg.TrustProxy {
		if h := r.Header.Get("X-Forwarded-Host"); h != "" {
			host = strings.TrimSpace(strings.Split(h, ",")[0])
		}
	}
	return scheme + "://" + host + path
}
