package web

import "lantai.dev/lantai/internal/auth"

// The shelving queue 待上架 (/staff/circ/shelving?location=): the items
// returned to a location and not yet back on the shelf, oldest first;
// ticked ones are marked shelved (circ.checkin).

// circShelving shows the shelving queue of a location.
func (s *Server) circShelving(r *req) {
	if !r.deskView() {
		return
	}
	d, ok := s.newListData(r)
	if !ok {
		return
	}
	var err error
	if d.Shelving, err = s.circ.ShelvingQueue(r.Context(), r.Actor(), d.Location); err != nil {
		r.fail(err)
		return
	}
	if n := r.URL.Query().Get("shelved"); n != "" {
		d.Done = r.T("circ.shelving.shelved", "N", n)
	}
	d.CanAct = r.Actor().Can(auth.PermCircCheckin)
	s.renderList(r, "circ_shelving", r.T("circ.shelving.title"), d)
}
