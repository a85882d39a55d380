package sip2server

import (
	"context"
	"fmt"
	"unicode/utf8"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/sip2"
)

// itemView is an item as the answers describe it: the catalogue's item,
// its record's title and the item properties a machine stored (CH).
type itemView struct {
	catalog.Item
	Title      string
	Properties string
}

// item reads an item by barcode for an answer (no permission: what a
// machine is told of an item — title, status, location — is what the
// public catalogue shows).
func (c *Circulation) item(ctx context.Context, barcode string) (itemView, error) {
	var v itemView
	err := c.db.Read(ctx, func(tx *db.Tx) error {
		it, err := catalog.ItemByBarcode(tx, barcode)
		if err != nil {
			return err
		}
		v.Item = it
		return tx.QueryRow(`SELECT b.title, i.sip2_properties FROM items i JOIN bib_records b ON b.id = i.bib_id WHERE i.id = $1`, it.ID).
			Scan(&v.Title, &v.Properties)
	})
	if err != nil {
		return itemView{}, fmt.Errorf("item %s: %w", barcode, err)
	}
	return v, nil
}

// lookup reads an item for an answer that is made anyway: an unknown
// item gives the zero itemView, an internal error is logged.
func (x *call) lookup(barcode string) itemView {
	if barcode == "" {
		return itemView{}
	}
	v, err := x.c.item(x.ctx, barcode)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		x.internal(err)
	}
	return v
}

// MaxItemProperties is the longest item properties value (CH) stored, in
// characters.
const MaxItemProperties = 500

// errPropertiesTooLong refuses item properties over MaxItemProperties.
var errPropertiesTooLong = apperr.New(apperr.Invalid, keyPropsTooLong, "Max", MaxItemProperties).WithField("item_properties")

// storeProperties keeps the item properties a machine sends with an item
// status update (19) in items.sip2_properties, in one transaction with an
// audit entry (item.sip2_properties); a machine must be allowed to take
// items back (circ.checkin). The value is the machine's own (an RFID
// tag's data, a number of pieces …): Lantai stores it and gives it back
// in the answers about the item, and reads nothing in it.
func (c *Circulation) storeProperties(ctx context.Context, a auth.Actor, barcode, props string) (itemView, error) {
	if err := a.Require(auth.PermCircCheckin); err != nil {
		return itemView{}, err
	}
	if utf8.RuneCountInString(props) > MaxItemProperties {
		return itemView{}, errPropertiesTooLong
	}
	var v itemView
	err := c.db.Write(ctx, func(tx *db.Tx) error {
		it, err := catalog.ItemByBarcode(tx, barcode)
		if err != nil {
			return err
		}
		v.Item = it
		var before string
		if err := tx.QueryRow(`SELECT b.title, i.sip2_properties FROM items i JOIN bib_records b ON b.id = i.bib_id WHERE i.id = $1`, it.ID).
			Scan(&v.Title, &before); err != nil {
			return err
		}
		v.Properties = props
		if before == props {
			return nil
		}
		if _, err := tx.Exec(`UPDATE items SET sip2_properties = $1 WHERE id = $2`, props, it.ID); err != nil {
			return fmt.Errorf("store item properties: %w", err)
		}
		return auth.Audit(tx, a, "item.sip2_properties", "item", it.ID,
			map[string]any{"barcode": it.Barcode, "properties": before}, map[string]any{"barcode": it.Barcode, "properties": props})
	})
	if err != nil {
		return itemView{}, fmt.Errorf("item properties of %s: %w", barcode, err)
	}
	return v, nil
}

// mediaType is the media type (CK) of an item type of the built-in code
// list: books and reference books 001, serials 002 (magazine), discs 006
// (CD/CD-ROM); any other type 000 (other).
func mediaType(itemType string) sip2.MediaType {
	switch itemType {
	case "book", "reference":
		return sip2.MediaBook
	case "serial":
		return sip2.MediaMagazine
	case "disc":
		return sip2.MediaCD
	}
	return sip2.MediaOther
}

// magneticMedia tells a machine whether an item is magnetic media (tapes,
// which a desensitiser would damage): none of the built-in item types is
// (N); another type is unknown (U).
func magneticMedia(itemType string) sip2.Tristate {
	if mediaType(itemType) == sip2.MediaOther {
		return sip2.Unknown
	}
	return sip2.No
}

// securityMarker is the security marker Lantai reports for every item
// (18): 00, other — the catalogue does not record whether an item has a
// tattle-tape strip or an RFID tag.
const securityMarker = sip2.SecurityOther

// circulationStatus is the circulation status (18) of an item: from its
// status, and recalled for a recalled loan.
func circulationStatus(st catalog.Status, recalled bool) sip2.CirculationStatus {
	switch st {
	case catalog.OnOrder:
		return sip2.CirculationOnOrder
	case catalog.InProcessing:
		return sip2.CirculationInProcess
	case catalog.Available:
		return sip2.CirculationAvailable
	case catalog.OnLoan:
		if recalled {
			return sip2.CirculationRecalled
		}
		return sip2.CirculationCharged
	case catalog.InTransit:
		return sip2.CirculationInTransit
	case catalog.OnHoldShelf:
		return sip2.CirculationOnHoldShelf
	case catalog.Missing:
		return sip2.CirculationMissing
	case catalog.Lost:
		return sip2.CirculationLost
	}
	return sip2.CirculationOther // in repair, withdrawn
}
