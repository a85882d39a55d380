package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/fees"
)

// The return desk 还书 (/staff/circ/returns): each scanned item is taken
// back at once, and where it goes next is shouted — a big coloured
// banner with the words — so that a book for a hold or another branch
// never ends up on the shelving trolley: to the hold shelf for reader Y,
// in transit to branch X for reader Y, home in transit, to repair; and
// the fine charged, damage noted, a lost item found. Each return of a
// loan has its printable slip 还书凭条.

// returnsData is the return desk page.
type returnsData struct {
	Branch   string
	Branches []circOption
	Last     *circ.Return
	Alerts   []returnAlert
	Error    string
	// Earlier are the items returned before the last in this sitting.
	Earlier []string
	CanFees bool
}

// returnAlert is one loud line about the last return.
type returnAlert struct {
	Kind, Head, Text string
}

// circReturns shows the return desk.
func (s *Server) circReturns(r *req) {
	s.renderReturns(r, http.StatusOK, &returnsData{})
}

// circReturn takes back the scanned item.
func (s *Server) circReturn(r *req) {
	if !r.parseForm() {
		return
	}
	d := &returnsData{Earlier: r.Form["earlier"]}
	if len(d.Earlier) > 50 {
		d.Earlier = d.Earlier[:50]
	}
	barcode := strings.TrimSpace(r.FormValue("scan"))
	if barcode == "" {
		s.renderReturns(r, http.StatusOK, d)
		return
	}
	o := circ.CheckinOptions{Branch: r.deskBranch(), Desk: r.desk(), Damage: r.FormValue("damage"), Repair: r.FormValue("repair") != ""}
	if v := strings.TrimSpace(r.FormValue("damage_fee")); v != "" {
		fen, ok := parseYuan(v)
		if !ok {
			d.Error = r.T("error.circ_yuan", "Value", v)
			s.renderReturns(r, http.StatusUnprocessableEntity, d)
			return
		}
		o.DamageFeeFen = fen
	}
	ret, err := s.circ.Checkin(r.Context(), r.Actor(), barcode, o)
	if err != nil {
		msg, ok := r.errText(err)
		if !ok {
			return
		}
		d.Error = msg
		s.renderReturns(r, formStatus(err), d)
		return
	}
	d.Last = &ret
	d.Alerts = r.returnAlerts(ret)
	s.renderReturns(r, http.StatusOK, d)
}

// returnAlerts puts where the item goes, and what happened, in words.
func (r *req) returnAlerts(ret circ.Return) []returnAlert {
	var out []returnAlert
	if h := ret.Hold; h != nil && ret.Next == circ.NextHoldShelf {
		out = append(out, returnAlert{Kind: "hold", Head: r.T("circ.returns.alert_hold_shelf"),
			Text: r.T("circ.returns.alert_hold_shelf_text", "Name", h.ReaderName, "Card", h.CardNumber)})
	}
	if ret.Next == circ.NextTransit {
		if h := ret.Hold; h != nil {
			out = append(out, returnAlert{Kind: "transit", Head: r.T("circ.returns.alert_transit_hold", "Branch", ret.ToBranch),
				Text: r.T("circ.returns.alert_transit_hold_text", "Branch", ret.ToBranch, "Name", h.ReaderName, "Card", h.CardNumber)})
		} else {
			out = append(out, returnAlert{Kind: "transit", Head: r.T("circ.returns.alert_transit_home", "Branch", ret.ToBranch),
				Text: r.T("circ.returns.alert_transit_home_text", "Branch", ret.ToBranch)})
		}
	}
	if ret.Next == circ.NextRepair {
		out = append(out, returnAlert{Kind: "bad", Head: r.T("circ.returns.alert_repair")})
	}
	if ret.DamageNoteID != 0 {
		out = append(out, returnAlert{Kind: "bad", Head: r.T("circ.returns.alert_damage")})
	}
	if ret.FineEntryID != 0 && ret.Fine != nil {
		out = append(out, returnAlert{Kind: "bad", Head: r.T("circ.returns.alert_fine", "Yuan", fees.FormatYuan(ret.Fine.AmountFen)),
			Text: r.T("circ.returns.alert_fine_text", "Late", ret.Fine.Late)})
	}
	if ret.Found {
		out = append(out, returnAlert{Kind: "hold", Head: r.T("circ.returns.alert_found")})
	}
	if ret.Loan == nil && !ret.Found {
		out = append(out, returnAlert{Kind: "ok", Head: r.T("circ.returns.not_on_loan")})
	}
	if len(out) == 0 || (ret.Next == circ.NextShelve && ret.Loan != nil) {
		out = append(out, returnAlert{Kind: "ok", Head: r.T("circ.returns.alert_shelve")})
	}
	return out
}

// renderReturns shows the return desk page.
func (s *Server) renderReturns(r *req, status int, d *returnsData) {
	codes, err := s.loadCodes(r.Context(), r.Locale)
	if err != nil {
		r.fail(err)
		return
	}
	d.Branch = r.deskBranch()
	d.Branches = branchChoices(codes, d.Branch, r.T("circ.returns.home_branch"))
	d.CanFees = r.Actor().Can(auth.PermCircFees)
	r.render(status, "circ_returns", r.T("circ.returns.title"), d)
}
