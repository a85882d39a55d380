package sip2server

import (
	"context"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/sip2"
)

// renew answers a renew (29) with a renew response (30): the patron's
// loan of the item (AB) — or, without AB, their loan whose title is AJ —
// is renewed through circ.Service.Renew under the same rules as at the
// desk, for that patron only (another reader's loan is not found).
// Renewed: ok 1, renewal ok Y, desensitize Y, the new due date (AH) and
// a screen message with it. Refused: ok 0, every reason on its own
// screen message. No-block renewals are answered like any other; third
// party allowed and the nb due date are not read.
func (c *Circulation) renew(ctx context.Context, s *Session, m *sip2.Renew) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.RenewResponse{MagneticMedia: sip2.Unknown, Desensitize: sip2.No, TransactionDate: x.stamp(),
		InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ItemID: m.ItemID, TitleID: m.TitleID}
	card, barcode := trim(m.PatronID), trim(m.ItemID)
	refuse := func(msgs []string) sip2.Message {
		if it := x.lookup(barcode); it.ID != 0 {
			r.TitleID, r.ItemProperties = it.Title, it.Properties
			r.MediaType, r.MagneticMedia = mediaType(it.ItemType), magneticMedia(it.ItemType)
		}
		r.ScreenMessage = msgs
		return r
	}
	if card == "" {
		return refuse([]string{x.t(keyPatronRequired)})
	}
	reader, _, err := c.readers.GetByCard(ctx, s.Actor, card)
	if err != nil {
		return refuse(x.explain(err, keyRenewRefused))
	}
	if p := x.passwordProblem(reader.ID, m.PatronPassword); p != "" {
		return refuse([]string{x.t(keyRenewRefused), p})
	}
	if barcode == "" {
		title := trim(m.TitleID)
		if title == "" {
			return refuse([]string{x.t(keyItemRequired)})
		}
		loans, err := c.circ.ReaderLoans(ctx, s.Actor, reader.ID)
		if err != nil {
			return refuse(x.explain(err, keyRenewRefused))
		}
		if barcode = loanTitled(loans, title); barcode == "" {
			return refuse([]string{x.t(keyRenewRefused), x.t(keyNoLoanTitled, "Title", title)})
		}
		r.ItemID = barcode
	}
	loan, err := c.circ.Renew(ctx, s.Actor, barcode, circ.RenewOptions{ReaderID: reader.ID, Branch: s.Machine.Branch})
	if err != nil {
		return refuse(x.explain(err, keyRenewRefused))
	}
	r.OK, r.RenewalOK, r.Desensitize = true, true, sip2.Yes
	r.TitleID, r.DueDate = loan.Title, x.dueDate(loan.DueAt)
	r.MediaType, r.MagneticMedia = mediaType(loan.ItemType), magneticMedia(loan.ItemType)
	r.ScreenMessage = []string{x.t(keyRenewed, "Title", loan.Title, "Due", x.day(loan.DueAt))}
	return r
}

// loanTitled returns the barcode of the first loan (the earliest due)
// whose title is title, or whose record number it is; "" if none.
func loanTitled(loans []circ.Loan, title string) string {
	id, _ := strconv.ParseInt(title, 10, 64)
	for _, l := range loans {
		if strings.TrimSpace(l.Title) == title || (id != 0 && l.RecordID == id) {
			return l.Barcode
		}
	}
	return ""
}
