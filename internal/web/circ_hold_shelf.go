package web

import "lantai.dev/lantai/internal/auth"

// The hold shelf 预约架 (/staff/circ/hold-shelf?branch=): the holds whose
// item waits for its reader at the branch, the earliest pickup deadline
// first; those past their deadline are flagged (the daily job ends them).
// For whoever works a desk; cancelling needs circ.holds.

// circHoldShelf shows the hold shelf of a branch.
func (s *Server) circHoldShelf(r *req) {
	if !r.deskView() {
		return
	}
	d, ok := s.newListData(r)
	if !ok {
		return
	}
	var err error
	if d.Holds, err = s.circ.HoldShelf(r.Context(), r.Actor(), d.Branch); err != nil {
		r.fail(err)
		return
	}
	d.CanAct = r.Actor().Can(auth.PermCircHolds)
	s.renderList(r, "circ_hold_shelf", r.T("circ.hold_shelf.title"), d)
}
