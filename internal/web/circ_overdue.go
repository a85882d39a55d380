package web

import "lantai.dev/lantai/internal/auth"

// Overdue loans 超期 (/staff/circ/overdue?branch=): the open loans of the
// branch past their due date, the most overdue first, each with links to
// recall it (circ.holds) and to declare it lost (circ.fees).

// overdueLimit bounds the overdue list.
const overdueLimit = 500

// circOverdue shows the overdue loans of a branch.
func (s *Server) circOverdue(r *req) {
	if !r.deskView() {
		return
	}
	d, ok := s.newListData(r)
	if !ok {
		return
	}
	var err error
	if d.Loans, err = s.circ.OverdueLoans(r.Context(), r.Actor(), d.Branch, overdueLimit); err != nil {
		r.fail(err)
		return
	}
	d.CanAct = r.Actor().Can(auth.PermCircHolds)
	d.CanFees = r.Actor().Can(auth.PermCircFees)
	s.renderList(r, "circ_overdue", r.T("circ.overdue.title"), d)
}
