package web

import "lantai.dev/lantai/internal/auth"

// Transits 转运 (/staff/circ/transits?branch=): the items in transit from
// the branch (to send) and to it (to receive), with a form to receive an
// arrived item by its barcode (circ.checkin).

// circTransits shows the transits of a branch.
func (s *Server) circTransits(r *req) {
	if !r.deskView() {
		return
	}
	d, ok := s.newListData(r)
	if !ok {
		return
	}
	if !s.loadTransits(r, d) {
		return
	}
	if q := r.URL.Query().Get("received"); q != "" {
		d.Done = r.T("circ.transits.received", "Barcode", q)
	}
	s.renderList(r, "circ_transits", r.T("circ.transits.title"), d)
}

// loadTransits reads the branch's transits into d.
func (s *Server) loadTransits(r *req, d *circListData) bool {
	var err error
	if d.Transits, err = s.circ.Transits(r.Context(), r.Actor(), d.Branch); err != nil {
		r.fail(err)
		return false
	}
	d.CanAct = r.Actor().Can(auth.PermCircCheckin)
	return true
}
