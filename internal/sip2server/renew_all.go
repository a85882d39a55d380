package sip2server

import (
	"context"
	"strings"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/sip2"
)

// renewAll answers a renew all (65) with a renew all response (66): every
// open loan of the patron is renewed that the rules allow, through
// circ.Service.RenewAll in one transaction. ok 1 when the request was
// carried out (some loans may still be refused), with the barcodes of the
// loans renewed (BM) and not (BN), their counts, a screen message with the
// counts and one per loan not renewed with its reasons. ok 0 for an
// unknown card, a wrong password or an error.
func (c *Circulation) renewAll(ctx context.Context, s *Session, m *sip2.RenewAll) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.RenewAllResponse{TransactionDate: x.stamp(), InstitutionID: x.inst(m.InstitutionID)}
	card := trim(m.PatronID)
	if card == "" {
		r.ScreenMessage = []string{x.t(keyPatronRequired)}
		return r
	}
	reader, _, err := c.readers.GetByCard(ctx, s.Actor, card)
	if err != nil {
		r.ScreenMessage = x.explain(err, keyRenewRefused)
		return r
	}
	if p := x.passwordProblem(reader.ID, m.PatronPassword); p != "" {
		r.ScreenMessage = []string{x.t(keyRenewRefused), p}
		return r
	}
	out, err := c.circ.RenewAll(ctx, s.Actor, reader.ID, circ.RenewOptions{ReaderID: reader.ID, Branch: s.Machine.Branch})
	if err != nil {
		r.ScreenMessage = x.explain(err, keyRenewRefused)
		return r
	}
	r.OK = true
	var refused []string
	for _, rn := range out {
		if rn.Renewed {
			r.RenewedItems = append(r.RenewedItems, rn.Loan.Barcode)
			continue
		}
		r.UnrenewedItems = append(r.UnrenewedItems, rn.Loan.Barcode)
		why := make([]string, len(rn.Refusals))
		for i, ref := range rn.Refusals {
			why[i] = x.refusal(ref)
		}
		refused = append(refused, x.t(keyUnrenewed, "Barcode", rn.Loan.Barcode, "Title", rn.Loan.Title, "Reasons", strings.Join(why, " ")))
	}
	r.RenewedCount, r.UnrenewedCount = len(r.RenewedItems), len(r.UnrenewedItems)
	r.ScreenMessage = append([]string{x.t(keyRenewedAll, "Renewed", r.RenewedCount, "Unrenewed", r.UnrenewedCount)}, refused...)
	return r
}
