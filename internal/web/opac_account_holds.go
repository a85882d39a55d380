package web

import (
	"net/http"
	"strconv"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ"
)

// The reader's holds: placed from a record's page (the pickup branch
// chosen on /account/hold?record=), cancelled from the account page. Both
// name the reader: nobody holds or cancels for someone else.

// myAccountHoldData is the page to place a hold on a record.
type myAccountHoldData struct {
	RecordID int64
	Title    string
	Pickups  []catalog.Code
	Locale   string
}

// myAccountHoldForm asks for the pickup branch of a hold on ?record=.
func (s *Server) myAccountHoldForm(r *readerReq) {
	id, err := strconv.ParseInt(r.URL.Query().Get("record"), 10, 64)
	if err != nil || id <= 0 {
		r.redirect("/account")
		return
	}
	rec, _, err := s.catalog.PublicRecord(r.Context(), id)
	if err != nil {
		r.fail(err)
		return
	}
	branches, err := s.catalog.Codes(r.Context(), catalog.Branches)
	if err != nil {
		r.fail(err)
		return
	}
	r.render(http.StatusOK, "opac_account_hold", r.T("opac.account.hold_title"), myAccountHoldData{RecordID: id, Title: rec.Title, Pickups: branches, Locale: r.Locale})
}

// myAccountHoldPlace places a hold for the reader.
func (s *Server) myAccountHoldPlace(r *readerReq) {
	if !r.parseForm() {
		return
	}
	id, _ := strconv.ParseInt(r.FormValue("record_id"), 10, 64)
	_, err := s.circ.PlaceHold(r.Context(), r.Actor(), circ.HoldRequest{ReaderID: r.Sess.ReaderID, RecordID: id, PickupBranch: r.FormValue("pickup_branch")})
	if err != nil {
		s.myAccountFailed(r, err)
		return
	}
	r.redirect("/account?done=flash.account_hold_placed#holds")
}

// myAccountHoldCancel cancels one of the reader's own holds.
func (s *Server) myAccountHoldCancel(r *readerReq) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	if _, err := s.circ.CancelHold(r.Context(), r.Actor(), id, circ.CancelOptions{ReaderID: r.Sess.ReaderID}); err != nil {
		s.myAccountFailed(r, err)
		return
	}
	r.redirect("/account?done=flash.account_hold_cancelled#holds")
}
