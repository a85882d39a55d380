package web

import (
	"strings"

	"lantai.dev/lantai/internal/circ/rules"
)

// circReaderProxy authorises another reader, named by card, to borrow and
// return for this one 委托借还 from a day until a day (blank: open-ended)
// (circ.readers).
func (s *Server) circReaderProxy(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	fail := func(err error) {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		f := newCircForm()
		f.fail("", msg)
		s.renderReader(r, formStatus(err), id, &readerFailed{Code: "proxy", Form: f})
	}
	proxy, _, err := s.readers.GetByCard(r.Context(), r.Actor(), strings.TrimSpace(r.FormValue("proxy_card")))
	if err != nil {
		fail(err)
		return
	}
	var from, until rules.Date
	if v := strings.TrimSpace(r.FormValue("from")); v != "" {
		from, _ = rules.ParseDate(v)
	} else {
		from, _ = rules.ParseDate(s.today())
	}
	if v := strings.TrimSpace(r.FormValue("until")); v != "" {
		until, _ = rules.ParseDate(v)
	}
	if _, err := s.circ.AuthoriseProxy(r.Context(), r.Actor(), id, proxy.ID, from, until, r.FormValue("note")); err != nil {
		fail(err)
		return
	}
	r.redirect(readerPath(id) + "?done=flash.proxy_authorised#reader-proxies")
}
