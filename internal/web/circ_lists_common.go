package web

import (
	"net/http"
	"strings"
	"time"

	"lantai.dev/lantai/internal/circ"
)

// This file holds what the desk's lists share (/staff/circ/hold-shelf,
// /holds-to-pull, /transits, /shelving, /repairs, /overdue): the branch
// or location they are for, chosen in a small GET form, and the lists.

// circListData is a desk list page. Only the list of the page is filled.
type circListData struct {
	Branch    string
	Branches  []circOption
	Location  string
	Locations []circOption
	Holds     []circ.Hold
	Transits  []circ.Transit
	Shelving  []circ.ShelvingEntry
	Repairs   []circ.RepairEntry
	Loans     []circ.Loan
	Done      string
	Error     string
	// Today is the library's day (YYYY-MM-DD) and Now the current time,
	// to flag what is past its deadline.
	Today   string
	Now     time.Time
	CanAct  bool
	CanFees bool
}

// newListData reads the branch (or location) of a list page and fills
// the choices; it answers false once it has answered with an error.
func (s *Server) newListData(r *req) (*circListData, bool) {
	codes, err := s.loadCodes(r.Context(), r.Locale)
	if err != nil {
		r.fail(err)
		return nil, false
	}
	d := &circListData{Branch: r.deskBranch(), Today: s.today(), Now: s.cfg.Clock.Now()}
	d.Branches = branchChoices(codes, d.Branch, "")
	if d.Branch == "" && len(codes.Branches) > 0 {
		d.Branch = codes.Branches[0].Code
	}
	d.Location = strings.TrimSpace(r.FormValue("location"))
	for _, l := range codes.Locations {
		if d.Location == "" {
			d.Location = l.Code
		}
		d.Locations = append(d.Locations, circOption{Value: l.Code, Label: l.Name(codes.locale), Selected: l.Code == d.Location})
	}
	return d, true
}

// listError shows err on the list page, or the error page when it is not
// the person's to correct.
func (s *Server) listError(r *req, tmpl, title string, d *circListData, err error) {
	msg, ok := r.errText(err)
	if !ok {
		return
	}
	d.Error = msg
	r.render(formStatus(err), tmpl, title, d)
}

// renderList shows a list page.
func (s *Server) renderList(r *req, tmpl, title string, d *circListData) {
	r.render(http.StatusOK, tmpl, title, d)
}
