package web

import "lantai.dev/lantai/internal/circ"

// myAccountRenew renews one of the reader's own loans: the renewal names
// the reader, so a loan of someone else (a tampered form) is not found.
func (s *Server) myAccountRenew(r *readerReq) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	if _, err := s.circ.RenewLoan(r.Context(), r.Actor(), id, circ.RenewOptions{ReaderID: r.Sess.ReaderID}); err != nil {
		s.myAccountFailed(r, err)
		return
	}
	r.redirect("/account?done=flash.account_renewed#loans")
}
