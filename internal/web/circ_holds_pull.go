package web

// Holds to pull 待取书 (/staff/circ/holds-to-pull?branch=): the waiting
// holds that a copy on the branch's shelves could fill — fetch it and
// check it in to trap it for the first reader in the queue.

// circHoldsToPull shows the pull list of a branch.
func (s *Server) circHoldsToPull(r *req) {
	if !r.deskView() {
		return
	}
	d, ok := s.newListData(r)
	if !ok {
		return
	}
	var err error
	if d.Holds, err = s.circ.HoldsToPull(r.Context(), r.Actor(), d.Branch); err != nil {
		r.fail(err)
		return
	}
	s.renderList(r, "circ_holds_pull", r.T("circ.holds_pull.title"), d)
}
