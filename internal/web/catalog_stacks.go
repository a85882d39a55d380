package web

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
)

// The stacks' side of distribution: the batches sent to them, and the check
// of one batch against the books that arrived (帐书一致), item by item.

// stacksBatchesData lists the batches waiting to be received and the ones
// received lately.
type stacksBatchesData struct {
	Waiting, Decided []catalog.Batch
	Codes            codeBook
	CanReceive       bool
}

// stacksBatches is the stacks module's page. Receiving needs stacks.receive;
// someone with only stocktaking (stacks.inventory) learns that here rather
// than from an error.
func (s *Server) stacksBatches(r *req) {
	a := r.Actor()
	if !a.CanAny(auth.PermStacksReceive, auth.PermStacksInventory) {
		r.fail(a.Require(auth.PermStacksReceive))
		return
	}
	d := stacksBatchesData{CanReceive: a.Can(auth.PermStacksReceive)}
	if d.CanReceive {
		all, err := s.catalog.Batches(r.Context(), a, "", batchesShown)
		if err != nil {
			r.fail(err)
			return
		}
		for _, b := range all {
			if b.Status == catalog.BatchSent {
				d.Waiting = append(d.Waiting, b)
			} else {
				d.Decided = append(d.Decided, b)
			}
		}
	}
	var err error
	if d.Codes, err = s.loadCodes(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	r.render(http.StatusOK, "catalog_stacks_batches", r.T("catalog.stacks.title"), d)
}

// receiveRow is one item of the batch being checked, with the choice made.
type receiveRow struct {
	catalog.BatchItem
	Choice string // "accept", "reject" or "" (not checked yet)
	Reason string
	Err    string
}

// receiveData is the check of one batch.
type receiveData struct {
	Batch    catalog.Batch
	Rows     []receiveRow
	Codes    codeBook
	Problems []editorProblem
	Error    string
}

// Open reports whether the batch still waits for its check.
func (d receiveData) Open() bool { return d.Batch.Status == catalog.BatchSent }

// stacksBatch shows one batch: the list to check the books against.
func (s *Server) stacksBatch(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderStacksBatch(r, http.StatusOK, id, receiveData{})
}

func (s *Server) renderStacksBatch(r *req, status int, id int64, d receiveData) {
	var err error
	if d.Batch, err = s.catalog.GetBatch(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	if d.Rows == nil {
		for _, it := range d.Batch.Items {
			d.Rows = append(d.Rows, receiveRow{BatchItem: it})
		}
	}
	if d.Codes, err = s.loadCodes(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	r.render(status, "catalog_stacks_batch", r.T("catalog.stacks.batch_title", "BatchNo", d.Batch.BatchNo), d)
}

// stacksReceive records the check: every item must be ticked as accepted
// or marked rejected with a reason before the batch is confirmed.
func (s *Server) stacksReceive(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	b, err := s.catalog.GetBatch(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	d := receiveData{}
	rejected := map[int64]string{}
	for _, it := range b.Items {
		if b.Status != catalog.BatchSent {
			break // the catalogue says it was received already
		}
		k := itoa(it.ItemID)
		row := receiveRow{BatchItem: it, Choice: r.FormValue("outcome_" + k), Reason: strings.TrimSpace(r.FormValue("reason_" + k))}
		switch row.Choice {
		case "accept":
		case "reject":
			if row.Reason == "" {
				row.Err = r.T("error.reject_reason_missing", "Barcode", it.Barcode)
			}
			rejected[it.ItemID] = row.Reason
		default:
			row.Choice = ""
			row.Err = r.T("error.batch_item_unchecked", "Barcode", it.Barcode)
		}
		if row.Err != "" {
			d.Problems = append(d.Problems, editorProblem{Anchor: "o-" + k, Message: row.Err})
		}
		d.Rows = append(d.Rows, row)
	}
	if len(d.Problems) > 0 {
		s.renderStacksBatch(r, http.StatusUnprocessableEntity, id, d)
		return
	}
	if _, err := s.catalog.ReceiveBatch(r.Context(), r.Actor(), id, rejected); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) {
			r.fail(err)
			return
		}
		d.Error = r.catalogError(err)
		s.renderStacksBatch(r, formStatus(err), id, d)
		return
	}
	r.redirect("/staff/stacks/batches/" + itoa(id) + "?done=flash.batch_received")
}
