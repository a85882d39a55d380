package sip2server

import (
	"context"

	"lantai.dev/lantai/internal/sip2"
)

// itemStatusUpdate answers an item status update (19) with an item status
// update response (20): the item properties (CH) are stored with the item
// (items.sip2_properties, audited as item.sip2_properties; at most
// MaxItemProperties characters) and sent back in the answers about it (10,
// 18, 20; 12 when refused). item properties ok 1 when stored; 0 for an
// unknown item or a value too long.
func (c *Circulation) itemStatusUpdate(ctx context.Context, s *Session, m *sip2.ItemStatusUpdate) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.ItemStatusUpdateResponse{TransactionDate: x.stamp(), ItemID: m.ItemID}
	barcode := trim(m.ItemID)
	if barcode == "" {
		r.ScreenMessage = []string{x.t(keyItemRequired)}
		return r
	}
	it, err := c.storeProperties(ctx, s.Actor, barcode, m.ItemProperties)
	if err != nil {
		old := x.lookup(barcode)
		r.TitleID, r.ItemProperties = old.Title, old.Properties
		r.ScreenMessage = x.explain(err, "")
		return r
	}
	r.ItemPropertiesOK, r.TitleID, r.ItemProperties = true, it.Title, it.Properties
	r.ScreenMessage = []string{x.t(keyPropsSaved)}
	return r
}
