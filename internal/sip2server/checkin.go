package sip2server

import (
	"context"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/sip2"
)

// The sort bins (CL) of a checkin response: where an automated return
// (自动分拣) puts the item. Sorters map them to their own bins.
const (
	SortBinShelve    = "1" // back to the shelves of this branch (CT: the shelving location)
	SortBinHoldShelf = "2" // a hold waits for it here: the hold shelf (CT: this branch)
	SortBinHoldAway  = "3" // a hold waits for it at another branch: in transit there (CT: that branch)
	SortBinGoHome    = "4" // it belongs to another branch: in transit home (CT: that branch)
	SortBinStaff     = "9" // for staff: the return was refused, or the item was lost or missing
)

// checkin answers a checkin (09) with a checkin response (10): the item is
// taken back through circ.Service.Checkin at the machine's branch (the
// current location AP is not read), its loan closed and any overdue fine
// charged, and sent on — to the shelves, to the hold shelf for the next
// hold, or in transit to another branch.
//
// Accepted: ok 1 and resensitize Y, wherever the item goes next (an item
// for the hold shelf or in transit stays in the library's hands and is
// protected like any other). Alert Y, with the alert type (CV), when it
// must not go back to the shelves: 01 a hold here, 02 a hold at another
// branch, 04 a transfer home, 99 a lost or missing item found. The sort
// bin (CL, see SortBin*), the destination (CT), the patron of the hold
// (CY card, DA name), the permanent location (AQ), title, media type,
// collection (CR), call number (CS), item properties and, when the item
// was on loan, the borrower's card (AA) go with it. An item that was not
// on loan is taken back all the same (ok 1), and the screen says so.
//
// Refused (an unknown or withdrawn item): ok 0, resensitize N — the item
// stays as it was — alert Y, type 99, sort bin 9.
//
// The return date of a no-block (off-line) checkin is not used: the
// return counts from when the message arrives. A cancel (BI Y) is a
// checkin too.
func (c *Circulation) checkin(ctx context.Context, s *Session, m *sip2.Checkin) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.CheckinResponse{MagneticMedia: sip2.Unknown, TransactionDate: x.stamp(), InstitutionID: x.inst(m.InstitutionID),
		ItemID: m.ItemID}
	barcode := trim(m.ItemID)
	refuse := func(msgs []string) sip2.Message {
		it := x.lookup(barcode)
		r.Alert, r.AlertType, r.SortBin = true, sip2.AlertOther, SortBinStaff
		r.TitleID, r.PermanentLocation, r.ItemProperties = it.Title, it.Location, it.Properties
		r.CollectionCode, r.CallNumber = it.Collection, it.CallNumber
		if it.ID != 0 {
			r.MediaType, r.MagneticMedia = mediaType(it.ItemType), magneticMedia(it.ItemType)
		}
		r.ScreenMessage = msgs
		return r
	}
	if barcode == "" {
		return refuse([]string{x.t(keyItemRequired)})
	}
	ret, err := c.circ.Checkin(ctx, s.Actor, barcode, circ.CheckinOptions{Branch: s.Machine.Branch, Desk: x.desk()})
	if err != nil {
		return refuse(x.explain(err, keyCheckinRefused))
	}
	it := x.lookup(barcode)
	r.OK, r.Resensitize = true, true
	r.TitleID, r.PermanentLocation, r.ItemProperties = ret.Title, it.Location, it.Properties
	r.CollectionCode, r.CallNumber = it.Collection, ret.CallNumber
	if it.ID != 0 {
		r.MediaType, r.MagneticMedia = mediaType(it.ItemType), magneticMedia(it.ItemType)
	}
	if ret.Receipt != nil {
		r.PatronID = ret.Receipt.CardNumber
	}
	msgs := []string{x.t(keyCheckedIn, "Title", ret.Title)}
	if ret.Loan == nil && !ret.Found {
		msgs = append(msgs, x.t(keyNotOnLoan))
	}
	if ret.Fine != nil && ret.Fine.AmountFen > 0 {
		msgs = append(msgs, x.t(keyFine, "Amount", yuan(ret.Fine.AmountFen)))
	}
	if h := ret.Hold; h != nil {
		r.HoldPatronID, r.HoldPatronName = h.CardNumber, h.ReaderName
	}
	switch ret.Next {
	case circ.NextHoldShelf:
		r.Alert, r.AlertType, r.SortBin, r.DestinationLocation = true, sip2.AlertLocalHold, SortBinHoldShelf, ret.ToBranch
		msgs = append(msgs, x.t(keyToHoldShelf))
	case circ.NextTransit:
		r.Alert, r.AlertType, r.SortBin, r.DestinationLocation = true, sip2.AlertTransfer, SortBinGoHome, ret.ToBranch
		if ret.Hold != nil {
			r.AlertType, r.SortBin = sip2.AlertRemoteHold, SortBinHoldAway
		}
		msgs = append(msgs, x.t(keyToBranch, "Branch", x.branchName(ret.ToBranch)))
	case circ.NextRepair:
		r.Alert, r.AlertType, r.SortBin = true, sip2.AlertOther, SortBinStaff
	default:
		r.SortBin, r.DestinationLocation = SortBinShelve, ret.Location
	}
	if ret.Found {
		r.Alert, r.SortBin = true, SortBinStaff
		if r.AlertType == "" {
			r.AlertType = sip2.AlertOther
		}
		msgs = append(msgs, x.t(keyFound))
	}
	r.ScreenMessage = msgs
	return r
}
