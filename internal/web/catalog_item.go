package web

import (
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
)

// itemData is one item's page: its data for editing, the status change and
// the status history.
type itemData struct {
	Item     catalog.Item
	Record   catalog.Record
	Parent   *catalog.Item
	History  []catalog.StatusChange
	Codes    codeBook
	Sources  []string
	Statuses []catalog.Status // the statuses it may be set to by hand
	// Form is the edit form as typed; Error and ErrField its refusal.
	Form     itemForm
	Error    string
	ErrField string
	// StatusTo, Reason and StatusError belong to the status form.
	StatusTo, Reason, StatusError string
}

// Manual reports whether the item's present status may be changed by hand.
func (d itemData) Manual() bool {
	for _, s := range catalog.ManualStatuses {
		if s == d.Item.Status {
			return true
		}
	}
	return false
}

// HistoryReason shows why a status changed: reasons typed by staff as
// typed, the changes the catalogue makes itself by their kind, translated.
func (c catalogText) HistoryReason(ch catalog.StatusChange) string {
	switch ch.Kind {
	case catalog.NoteCreated:
		return c.v.T("catalog.item.reason_created")
	case catalog.NoteWithdrawal:
		return c.v.T("catalog.item.reason_withdrawal", "Ledger", ch.Ref, "Reason", c.Reason(ch.Reason))
	case catalog.NoteDistribution:
		return c.v.T("catalog.item.reason_distribution", "BatchNo", ch.Ref)
	}
	return ch.Reason
}

// item shows one item.
func (s *Server) item(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderItem(r, http.StatusOK, id, itemData{})
}

func (s *Server) renderItem(r *req, status int, id int64, d itemData) {
	ctx, a := r.Context(), r.Actor()
	var err error
	if d.Item, err = s.catalog.GetItem(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Record, err = s.catalog.GetRecord(ctx, a, d.Item.RecordID); err != nil {
		r.fail(err)
		return
	}
	if d.Item.ParentID != 0 {
		if p, err := s.catalog.GetItem(ctx, a, d.Item.ParentID); err == nil {
			d.Parent = &p
		}
	}
	if d.History, err = s.catalog.ItemHistory(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Codes, err = s.loadCodes(ctx, r.Locale); err != nil {
		r.fail(err)
		return
	}
	d.Sources = catalog.Sources
	for _, st := range catalog.ManualStatuses {
		if st != d.Item.Status {
			d.Statuses = append(d.Statuses, st)
		}
	}
	if d.Form == (itemForm{}) {
		it := d.Item
		d.Form = itemForm{CallNumber: it.CallNumber, Location: it.Location, Collection: it.Collection, ItemType: it.ItemType,
			Price: yuan(it.PriceFen), Source: it.Source, Volume: it.Volume, CopyNo: strconv.Itoa(it.CopyNo), Notes: it.Notes}
	}
	r.render(status, "catalog_item", r.T("catalog.item.title", "Barcode", d.Item.Barcode), d)
}

// itemUpdate saves an item's descriptive data.
func (s *Server) itemUpdate(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	f := itemForm{CallNumber: r.FormValue("call_number"), Location: r.FormValue("location"), Collection: r.FormValue("collection"),
		ItemType: r.FormValue("item_type"), Price: r.FormValue("price"), Source: r.FormValue("source"),
		Volume: r.FormValue("volume"), CopyNo: r.FormValue("copy_no"), Notes: r.FormValue("notes")}
	d := itemData{Form: f}
	price, ok := parseYuan(f.Price)
	if !ok {
		d.Error, d.ErrField = r.T("error.price_invalid", "Value", f.Price), "price_fen"
		s.renderItem(r, http.StatusUnprocessableEntity, id, d)
		return
	}
	copyNo, err := strconv.Atoi(strings.TrimSpace(f.CopyNo))
	if err != nil || copyNo < 1 {
		d.Error, d.ErrField = r.T("error.copy_no_invalid", "Value", f.CopyNo), "copy_no"
		s.renderItem(r, http.StatusUnprocessableEntity, id, d)
		return
	}
	u := catalog.ItemUpdate{CallNumber: &f.CallNumber, Location: &f.Location, Collection: &f.Collection, ItemType: &f.ItemType,
		PriceFen: &price, Source: &f.Source, Volume: &f.Volume, CopyNo: &copyNo, Notes: &f.Notes}
	if _, err := s.catalog.UpdateItem(r.Context(), r.Actor(), id, u); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) {
			r.fail(err)
			return
		}
		d.Error = r.catalogError(err)
		if e, ok := apperr.As(err); ok {
			d.ErrField = e.Field
		}
		s.renderItem(r, formStatus(err), id, d)
		return
	}
	r.redirect("/staff/catalog/items/" + itoa(id) + "?done=flash.item_saved")
}

// itemStatus changes an item's status by hand, with a reason.
func (s *Server) itemStatus(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	d := itemData{StatusTo: r.FormValue("status"), Reason: strings.TrimSpace(r.FormValue("reason"))}
	if d.StatusTo == "" {
		d.StatusError = r.T("error.status_required")
	} else if d.Reason == "" {
		d.StatusError = r.T("error.status_reason_required")
	}
	if d.StatusError != "" {
		s.renderItem(r, http.StatusUnprocessableEntity, id, d)
		return
	}
	if _, err := s.catalog.ChangeItemStatus(r.Context(), r.Actor(), id, catalog.Status(d.StatusTo), d.Reason); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) {
			r.fail(err)
			return
		}
		d.StatusError = r.catalogError(err)
		s.renderItem(r, formStatus(err), id, d)
		return
	}
	r.redirect("/staff/catalog/items/" + itoa(id) + "?done=flash.item_status_changed#history")
}
