package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/catalog"
)

// batchesData is the cataloguing side of distribution (典藏移交): the form
// that sends processed items to a location, and the batches sent.
type batchesData struct {
	Barcodes, ToLocation, Note string
	Codes                      codeBook
	Batches                    []catalog.Batch
	Error                      string
}

// Rejected counts the items of a batch the stacks sent back.
func (catalogText) Rejected(b catalog.Batch) int {
	n := 0
	for _, it := range b.Items {
		if it.Outcome == "rejected" {
			n++
		}
	}
	return n
}

// batchesShown is how many batches the lists show.
const batchesShown = 50

// batches lists the distribution batches with the form to send one.
func (s *Server) batches(r *req) {
	s.renderBatches(r, http.StatusOK, batchesData{})
}

func (s *Server) renderBatches(r *req, status int, d batchesData) {
	var err error
	if d.Codes, err = s.loadCodes(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	if d.ToLocation == "" {
		for _, l := range d.Codes.Locations {
			if l.Kind != "processing" {
				d.ToLocation = l.Code
				break
			}
		}
	}
	if d.Batches, err = s.catalog.Batches(r.Context(), r.Actor(), "", batchesShown); err != nil {
		r.fail(err)
		return
	}
	r.render(status, "catalog_batches", r.T("catalog.batches.title"), d)
}

// batchSend sends the scanned items to a location in one batch.
func (s *Server) batchSend(r *req) {
	if !r.parseForm() {
		return
	}
	d := batchesData{Barcodes: r.FormValue("barcodes"), ToLocation: r.FormValue("to_location"), Note: strings.TrimSpace(r.FormValue("note"))}
	barcodes := splitBarcodes(d.Barcodes)
	if len(barcodes) == 0 {
		d.Error = r.T("error.distribute_empty")
		s.renderBatches(r, http.StatusUnprocessableEntity, d)
		return
	}
	b, err := s.catalog.SendBatch(r.Context(), r.Actor(), d.ToLocation, barcodes, d.Note)
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		d.Error = r.catalogError(err)
		s.renderBatches(r, formStatus(err), d)
		return
	}
	r.redirect("/staff/catalog/batches?done=flash.batch_sent#b-" + itoa(b.ID))
}
