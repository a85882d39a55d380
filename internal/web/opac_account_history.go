package web

// myAccountHistory turns the reader's loan history on or off: off by
// default, the reader opts in; turned off, what was kept is forgotten
// as circulation's SetLoanHistory decides.
func (s *Server) myAccountHistory(r *readerReq) {
	if !r.parseForm() {
		return
	}
	keep := r.FormValue("keep") == "1"
	if err := s.circ.SetLoanHistory(r.Context(), r.Actor(), r.Sess.ReaderID, keep); err != nil {
		s.myAccountFailed(r, err)
		return
	}
	r.redirect("/account?done=flash.account_history_saved#history")
}
