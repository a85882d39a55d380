package web

import (
	"net/url"
	"strconv"
)

// circShelve marks the ticked items of a location's shelving queue as
// back on the shelf.
func (s *Server) circShelve(r *req) {
	if !r.parseForm() {
		return
	}
	location := r.FormValue("location")
	var ids []int64
	for _, v := range r.Form["item"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	n, err := s.circ.MarkShelved(r.Context(), r.Actor(), location, ids)
	if err != nil {
		d, ok := s.newListData(r)
		if !ok {
			return
		}
		s.listError(r, "circ_shelving", r.T("circ.shelving.title"), d, err)
		return
	}
	r.redirect("/staff/circ/shelving?location=" + url.QueryEscape(location) + "&shelved=" + strconv.Itoa(n))
}
