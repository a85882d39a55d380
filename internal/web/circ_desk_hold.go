package web

import (
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/circ"
)

// Holds placed and cancelled at the desk for the reader in front of it: a
// record by its number (any copy) or one item by its barcode, collected
// at the pickup branch chosen.

// circDeskHold places a hold for the reader at the desk.
func (s *Server) circDeskHold(r *req) {
	if !r.parseForm() {
		return
	}
	d := deskData{Card: strings.TrimSpace(r.FormValue("card"))}
	target := strings.TrimSpace(r.FormValue("target"))
	d.Hold.Target, d.Hold.Pickup = target, strings.TrimSpace(r.FormValue("pickup_branch"))
	req := circ.HoldRequest{Card: d.Card, PickupBranch: d.Hold.Pickup, Override: r.FormValue("override")}
	if id, err := strconv.ParseInt(strings.TrimPrefix(target, "#"), 10, 64); err == nil && strings.HasPrefix(target, "#") {
		req.RecordID = id
	} else {
		req.Barcode = target
	}
	status := http.StatusOK
	h, err := s.circ.PlaceHold(r.Context(), r.Actor(), req)
	if err != nil {
		if rv, ok := r.refusalOf(err); ok {
			d.Refusal = rv
		} else if msg, ok := r.errText(err); ok {
			d.Error = msg
		} else {
			return
		}
		status = formStatus(err)
	} else {
		d.Done, d.Hold.Target = r.T("circ.desk.hold_placed", "Title", h.Title, "Branch", h.PickupBranch), ""
	}
	s.renderDesk(r, status, &d)
}

// circHoldCancel cancels a hold; the desk of the reader whose card was
// posted follows, else the hold shelf.
func (s *Server) circHoldCancel(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	d := deskData{Card: strings.TrimSpace(r.FormValue("card"))}
	rel, err := s.circ.CancelHold(r.Context(), r.Actor(), id, circ.CancelOptions{Note: r.FormValue("note")})
	status := http.StatusOK
	if err != nil {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		d.Error, status = msg, formStatus(err)
	} else {
		d.Done = r.T("circ.desk.hold_cancelled", "Title", rel.Hold.Title)
		if rel.Item != nil && rel.Item.Next == circ.NextTransit {
			d.Done += " " + r.T("circ.returns.alert_transit_home_text", "Branch", rel.Item.ToBranch)
		}
	}
	if d.Card == "" && err == nil {
		r.redirect("/staff/circ/hold-shelf?done=flash.hold_cancelled")
		return
	}
	s.renderDesk(r, status, &d)
}
