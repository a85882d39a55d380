package web

import (
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
)

// itemForm is the item form as typed: every field a string, so that what
// was typed comes back unchanged when something is wrong.
type itemForm struct {
	Barcode, Count, Location, Collection, ItemType, Price, Source string
	Volume, CopyNo, Notes, CallNumber, Class, Parent              string
}

// itemsNewData is the batch item creation page of a record.
type itemsNewData struct {
	Record  catalog.Record
	Items   []catalog.Item // the record's items: context, and parents for a disc
	Codes   codeBook
	Sources []string
	Form    itemForm
	Error   string
	// ErrField names the input the error concerns (the catalogue's field
	// name: barcode, location, call_number, …).
	ErrField  string
	Suggested string // a call number just suggested
}

// maxItemBatch is the most copies one form creates (the catalogue's limit).
const maxItemBatch = 500

// itemsNew shows the form to add items to a record.
func (s *Server) itemsNew(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	f := itemForm{Count: "1", Location: "processing", ItemType: "book", Source: "purchase"}
	// More copies of a record are usually like the last ones added.
	if items, err := s.catalog.RecordItems(r.Context(), r.Actor(), id); err == nil && len(items) > 0 {
		last := items[0]
		for _, it := range items {
			if it.ID > last.ID && it.ParentID == 0 {
				last = it
			}
		}
		f.Collection, f.ItemType, f.Source, f.CallNumber = last.Collection, last.ItemType, last.Source, last.CallNumber
		f.Price = yuan(last.PriceFen)
	}
	s.renderItemsNew(r, http.StatusOK, id, itemsNewData{Form: f})
}

func (s *Server) renderItemsNew(r *req, status int, id int64, d itemsNewData) {
	var err error
	if d.Record, err = s.catalog.GetRecord(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	if d.Items, err = s.catalog.RecordItems(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	if d.Codes, err = s.loadCodes(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	if d.Form.Collection == "" && len(d.Codes.Collections) > 0 {
		d.Form.Collection = d.Codes.Collections[0].Code
	}
	d.Sources = catalog.Sources
	r.render(status, "catalog_items_new", r.T("catalog.items_new.title"), d)
}

// itemsCreate answers the item form: "suggest" fills in a call number (and
// takes its 种次号), "save" creates the items, and "stay" — Enter pressed in
// a field — only shows the form again.
func (s *Server) itemsCreate(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	f := itemForm{
		Barcode: r.FormValue("barcode"), Count: r.FormValue("count"), Location: r.FormValue("location"),
		Collection: r.FormValue("collection"), ItemType: r.FormValue("item_type"), Price: r.FormValue("price"),
		Source: r.FormValue("source"), Volume: r.FormValue("volume"), CopyNo: r.FormValue("copy_no"),
		Notes: r.FormValue("notes"), CallNumber: r.FormValue("call_number"), Class: r.FormValue("class"),
		Parent: r.FormValue("parent"),
	}
	d := itemsNewData{Form: f}
	switch r.FormValue("action") {
	case "stay": // Enter in a field: keep the form as typed
		s.renderItemsNew(r, http.StatusOK, id, d)
		return
	case "suggest":
		// Peek: the 种次号 is taken when the items are saved with it, so a
		// suggestion that is not used leaves no gap in the sequence.
		cn, err := s.catalog.PeekCallNumber(r.Context(), r.Actor(), id, f.Collection, strings.TrimSpace(f.Class))
		if err != nil {
			s.itemsError(r, id, d, err)
			return
		}
		d.Form.CallNumber, d.Suggested = cn, cn
		s.renderItemsNew(r, http.StatusOK, id, d)
		return
	}
	in, count, field, msg := s.readNewItem(r, id, f)
	if msg != "" {
		d.Error, d.ErrField = msg, field
		s.renderItemsNew(r, http.StatusUnprocessableEntity, id, d)
		return
	}
	items, err := s.catalog.CreateItems(r.Context(), r.Actor(), in, count)
	if err != nil {
		s.itemsError(r, id, d, err)
		return
	}
	done := "flash.item_created"
	if len(items) > 1 {
		done = "flash.items_created"
	}
	r.redirect("/staff/catalog/records/" + itoa(id) + "?done=" + done + "#items")
}

// readNewItem checks the parts of the form the catalogue cannot: numbers and
// the price in yuan. It returns the field and message of a mistake.
func (s *Server) readNewItem(r *req, id int64, f itemForm) (in catalog.NewItem, count int, field, msg string) {
	in = catalog.NewItem{RecordID: id, Barcode: strings.TrimSpace(f.Barcode), CallNumber: strings.TrimSpace(f.CallNumber),
		Location: f.Location, Collection: f.Collection, ItemType: f.ItemType, Source: f.Source,
		Volume: strings.TrimSpace(f.Volume), Notes: strings.TrimSpace(f.Notes)}
	count, err := strconv.Atoi(strings.TrimSpace(f.Count))
	if strings.TrimSpace(f.Count) == "" {
		count, err = 1, nil
	}
	if err != nil || count < 1 || count > maxItemBatch {
		return in, 0, "count", r.T("error.item_count", "Max", maxItemBatch)
	}
	price, ok := parseYuan(f.Price)
	if !ok {
		return in, 0, "price_fen", r.T("error.price_invalid", "Value", f.Price)
	}
	in.PriceFen = price
	if c := strings.TrimSpace(f.CopyNo); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 1 {
			return in, 0, "copy_no", r.T("error.copy_no_invalid", "Value", c)
		}
		in.CopyNo = n
	}
	if p := strings.TrimSpace(f.Parent); p != "" {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 1 {
			return in, 0, "parent_id", r.T("error.parent_item_invalid")
		}
		in.ParentID = n
	}
	return in, count, "", ""
}

// itemsError shows the catalogue's refusal above the form as typed.
func (s *Server) itemsError(r *req, id int64, d itemsNewData, err error) {
	if !isFormError(err) || apperr.Is(err, apperr.NotFound) && !recordExists(s, r, id) {
		r.fail(err)
		return
	}
	d.Error = r.catalogError(err)
	if e, ok := apperr.As(err); ok {
		d.ErrField = e.Field
	}
	s.renderItemsNew(r, formStatus(err), id, d)
}
