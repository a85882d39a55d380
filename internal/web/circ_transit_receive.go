package web

import (
	"net/url"
	"strings"
)

// circTransitReceive receives an item in transit at the branch by its
// barcode; the transit list follows, saying where the item goes now.
func (s *Server) circTransitReceive(r *req) {
	if !r.parseForm() {
		return
	}
	d, ok := s.newListData(r)
	if !ok {
		return
	}
	barcode := strings.TrimSpace(r.FormValue("barcode"))
	if _, err := s.circ.ReceiveTransit(r.Context(), r.Actor(), barcode, d.Branch); err != nil {
		if !s.loadTransits(r, d) {
			return
		}
		s.listError(r, "circ_transits", r.T("circ.transits.title"), d, err)
		return
	}
	r.redirect("/staff/circ/transits?branch=" + url.QueryEscape(d.Branch) + "&received=" + url.QueryEscape(barcode))
}
