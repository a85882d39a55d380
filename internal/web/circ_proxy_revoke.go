package web

import "strconv"

// circProxyRevoke revokes a proxy authorisation (circ.readers); the page
// of the reader posted as "reader" follows.
func (s *Server) circProxyRevoke(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	back, _ := strconv.ParseInt(r.FormValue("reader"), 10, 64)
	p, err := s.circ.RevokeProxy(r.Context(), r.Actor(), id)
	if err != nil {
		if back == 0 {
			r.fail(err)
			return
		}
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		f := newCircForm()
		f.fail("", msg)
		s.renderReader(r, formStatus(err), back, &readerFailed{Code: "proxy", Form: f})
		return
	}
	if back == 0 {
		back = p.PrincipalID
	}
	r.redirect(readerPath(back) + "?done=flash.proxy_revoked#reader-proxies")
}
