package sip2server

import (
	"context"
	"strconv"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/sip2"
)

// itemInformation answers an item information request (17) with an item
// information response (18): the circulation status from the item's
// status (recalled for a recalled loan), the security marker (00), the
// fee type (01: Lantai charges no loan fees), the hold queue length of
// the item's record (CF: its active holds), the due date (AH) and recall
// date (CJ) of its loan, the last day to collect it from the hold shelf
// (CM), its title, media type, permanent location (AQ: its location
// code), current location (AP: the location, or the pickup branch while
// it waits on the hold shelf), stored item properties, and its status in
// words (AF). An unknown item: circulation status 01 (other) and a screen
// message.
func (c *Circulation) itemInformation(ctx context.Context, s *Session, m *sip2.ItemInformation) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.ItemInformationResponse{CirculationStatus: sip2.CirculationOther, SecurityMarker: securityMarker,
		FeeType: sip2.FeeOther, TransactionDate: x.stamp(), ItemID: m.ItemID}
	barcode := trim(m.ItemID)
	if barcode == "" {
		r.ScreenMessage = []string{x.t(keyItemRequired)}
		return r
	}
	it, err := c.item(ctx, barcode)
	if err != nil {
		r.ScreenMessage = x.explain(err, "")
		return r
	}
	r.TitleID, r.ItemProperties = it.Title, it.Properties
	r.MediaType = mediaType(it.ItemType)
	r.PermanentLocation, r.CurrentLocation = it.Location, it.Location
	recalled := false
	if it.Status == catalog.OnLoan {
		l, err := c.circ.ItemLoan(ctx, s.Actor, barcode)
		if err != nil && !apperr.Is(err, apperr.Conflict) {
			x.internal(err)
		}
		if err == nil {
			r.DueDate = x.dueDate(l.DueAt)
			if l.RecalledAt != nil {
				recalled = true
				r.RecallDate = string(x.timestamp(*l.RecalledAt))
			}
		}
	}
	queue, err := c.circ.HoldQueue(ctx, s.Actor, it.RecordID)
	if err != nil {
		r.ScreenMessage = x.explain(err, "")
		return r
	}
	r.HoldQueueLength = strconv.Itoa(len(queue))
	for _, h := range queue {
		if h.TrappedItemID == it.ID && h.PickupDeadline != nil && it.Status == catalog.OnHoldShelf {
			r.HoldPickupDate = string(x.timestamp(*h.PickupDeadline))
			r.CurrentLocation = h.PickupBranch
		}
	}
	r.CirculationStatus = circulationStatus(it.Status, recalled)
	r.ScreenMessage = []string{x.t(keyItemStatus, "Title", it.Title, "Status", x.c.tr.T(x.locale, "item_status."+string(it.Status), nil))}
	return r
}
