package web

import (
	"net/http"
	"slices"
	"strings"

	"lantai.dev/lantai/internal/circ"
)

// The loan desk 借书 (/staff/circ/desk), made for barcode scanners: one
// input with the focus, each scan a form post that shows the page again.
// The first scan is the reader's card — the reader panel follows (photo,
// category, card, loans with their due dates, holds, what is owed, what
// blocks them) — and every scan after it an item, lent at once and added
// to the list of this visit. A refusal shows every reason and, to staff
// with circ.override when each may be overridden, a form for the reason
// to lend all the same.

// deskData is the loan desk page.
type deskData struct {
	Card   string
	Branch string
	// Branches is the select of the branch the desk works at.
	Branches []circOption
	Panel    *readerPanel
	// Visit are the loans made during this visit (newest first).
	Visit []circ.Loan
	// Done is a message about the last scan; Error, its refusal or error.
	Done, Error string
	Refusal     *refusalView
	// Barcode is the refused item, for the override form.
	Barcode string
	// Renewals are the outcomes of renew-all.
	Renewals []circ.Renewal
	Hold     holdForm
	CanHold  bool
}

// holdForm is the form to place a hold for the reader at the desk.
type holdForm struct {
	Target, Pickup string
	Pickups        []circOption
}

// circDesk shows the loan desk, with the panel of ?card= when given.
func (s *Server) circDesk(r *req) {
	d := deskData{Card: strings.TrimSpace(r.URL.Query().Get("card"))}
	s.renderDesk(r, http.StatusOK, &d)
}

// circDeskScan takes one scan: the card when no reader is at the desk,
// else an item to lend (with an override reason when given).
func (s *Server) circDeskScan(r *req) {
	if !r.parseForm() {
		return
	}
	d := deskData{Card: strings.TrimSpace(r.FormValue("card"))}
	scan := strings.TrimSpace(r.FormValue("scan"))
	override := strings.TrimSpace(r.FormValue("override"))
	if override != "" {
		scan = strings.TrimSpace(r.FormValue("barcode"))
	}
	visit := int64s(r.Form["visit"])
	status := http.StatusOK
	switch {
	case d.Card == "":
		d.Card = scan
	case scan == "":
	default:
		l, err := s.circ.Checkout(r.Context(), r.Actor(), d.Card, scan, circ.CheckoutOptions{Branch: r.deskBranch(), Override: override, Desk: r.desk()})
		if err != nil {
			if rv, ok := r.refusalOf(err); ok {
				d.Refusal, d.Barcode = rv, scan
			} else if msg, ok := r.errText(err); ok {
				d.Error = msg
			} else {
				return
			}
			status = formStatus(err)
			break
		}
		if l.Renewed {
			d.Done = r.T("circ.desk.renewed_instead", "Title", l.Title, "Due", view{req: r}.Desk().Due(l.DueAt))
		} else {
			d.Done = r.T("circ.desk.lent", "Title", l.Title, "Due", view{req: r}.Desk().Due(l.DueAt))
		}
		visit = append([]int64{l.ID}, slices.DeleteFunc(visit, func(id int64) bool { return id == l.ID })...)
	}
	s.renderDeskVisit(r, status, &d, visit)
}

// renderDeskVisit shows the desk with the loans of this visit.
func (s *Server) renderDeskVisit(r *req, status int, d *deskData, visit []int64) {
	for _, id := range visit {
		l, err := s.circ.Loan(r.Context(), r.Actor(), id)
		if err == nil {
			d.Visit = append(d.Visit, l)
		}
	}
	s.renderDesk(r, status, d)
}

// renderDesk shows the loan desk page with the panel of d.Card.
func (s *Server) renderDesk(r *req, status int, d *deskData) {
	ctx := r.Context()
	codes, err := s.loadCodes(ctx, r.Locale)
	if err != nil {
		r.fail(err)
		return
	}
	d.Branch = r.deskBranch()
	d.Branches = branchChoices(codes, d.Branch, r.T("circ.desk.item_branch"))
	if d.Card != "" {
		p, err := s.loadPanel(ctx, r, d.Card, 0)
		if err != nil {
			msg, ok := r.errText(err)
			if !ok {
				return
			}
			d.Error, d.Card = msg, ""
			if status == http.StatusOK {
				status = formStatus(err)
			}
		} else {
			d.Panel = p
			d.CanHold = r.Actor().Can("circ.holds")
			if d.Hold.Pickup == "" {
				d.Hold.Pickup = d.Branch
			}
			d.Hold.Pickups = branchChoices(codes, d.Hold.Pickup, "")
		}
	}
	title := r.T("circ.desk.title")
	if d.Panel != nil {
		title = d.Panel.Reader.Name + " · " + title
	}
	r.render(status, "circ_desk", title, d)
}
