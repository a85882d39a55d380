package web

// The repair queue 送修 (/staff/circ/repairs?branch=): the items in repair
// with their latest damage note, oldest first.

// circRepairs shows the repair queue of a branch.
func (s *Server) circRepairs(r *req) {
	if !r.deskView() {
		return
	}
	d, ok := s.newListData(r)
	if !ok {
		return
	}
	var err error
	if d.Repairs, err = s.circ.RepairQueue(r.Context(), r.Actor(), d.Branch); err != nil {
		r.fail(err)
		return
	}
	s.renderList(r, "circ_repairs", r.T("circ.repairs.title"), d)
}
