package sip2server

import (
	"context"
	"fmt"
	"strconv"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/sip2"
)

// maxListItems is how many items one patron information answer lists at
// most (BP to BQ, or from BP when BQ is not given).
const maxListItems = 100

// patronInformation answers a patron information request (63) with a
// patron information response (64): the status of a patron status
// response, the counts of held (ready on the hold shelf), overdue,
// charged, fine, recalled and unavailable-hold items, the limits of the
// patron's category (BZ holds, CA overdue items, CB loans, CC fees in
// yuan), and, for the first kind of item the summary asks for, the list
// of those items from BP to BQ (1-based, inclusive; at most
// maxListItems). Items are listed by barcode; a title-level hold with no
// copy set aside yet by its title; a fine item as "<charge number>
// <amount in yuan> <kind>", the charge number being what a fee paid
// message (37) names in CG. A wrong password (CQ N) gives no list. No
// address, e-mail or telephone number is sent.
func (c *Circulation) patronInformation(ctx context.Context, s *Session, m *sip2.PatronInformation) sip2.Message {
	x := c.call(ctx, s, m.Code())
	x.setLanguage(m.Language)
	r := &sip2.PatronInformationResponse{PatronStatus: unknownPatron(), Language: languageOf(x.locale), TransactionDate: x.stamp(),
		InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ValidPatron: sip2.No}
	a, p, ok := x.answerPatron(m.PatronID, m.PatronPassword, true)
	r.PatronStatus, r.ValidPatron, r.ValidPatronPassword, r.ScreenMessage = a.status, a.valid, a.validPassword, a.messages
	if !ok {
		return r
	}
	r.PersonalName, r.Currency, r.FeeAmount = a.name, currency, a.fee
	lim := p.limits
	r.HoldItemsLimit, r.OverdueItemsLimit, r.ChargedItemsLimit = limit4(lim.MaxHolds), limit4(lim.MaxOverdueItems), limit4(lim.MaxLoans)
	if lim.MaxFeesFen != rules.Unlimited {
		r.FeeLimit = yuan(lim.MaxFeesFen)
	}
	lists := p.lists(x)
	r.HoldItemsCount, r.OverdueItemsCount, r.ChargedItemsCount = len(lists[sip2.SummaryHoldItems]), len(lists[sip2.SummaryOverdueItems]), len(lists[sip2.SummaryChargedItems])
	r.FineItemsCount, r.RecallItemsCount, r.UnavailableHoldsCount = len(lists[sip2.SummaryFineItems]), len(lists[sip2.SummaryRecallItems]), len(lists[sip2.SummaryUnavailableHoldItems])
	if a.passwordWrong {
		return r
	}
	kind := m.Summary.Requested()
	if kind < 0 {
		return r
	}
	list := page(lists[kind], m.StartItem, m.EndItem)
	switch kind {
	case sip2.SummaryHoldItems:
		r.HoldItems = list
	case sip2.SummaryOverdueItems:
		r.OverdueItems = list
	case sip2.SummaryChargedItems:
		r.ChargedItems = list
	case sip2.SummaryFineItems:
		r.FineItems = list
	case sip2.SummaryRecallItems:
		r.RecallItems = list
	case sip2.SummaryUnavailableHoldItems:
		r.UnavailableHoldItems = list
	}
	return r
}

// lists are the patron's items of each kind of the summary, in the
// order of the summary's positions.
func (p *patron) lists(x *call) [sip2.SummaryUnavailableHoldItems + 1][]string {
	var out [sip2.SummaryUnavailableHoldItems + 1][]string
	for _, h := range p.holds {
		if h.Status == circ.HoldReady {
			out[sip2.SummaryHoldItems] = append(out[sip2.SummaryHoldItems], h.TrappedBarcode)
			continue
		}
		name := h.TrappedBarcode
		if name == "" {
			name = h.Barcode
		}
		if name == "" {
			name = h.Title
		}
		out[sip2.SummaryUnavailableHoldItems] = append(out[sip2.SummaryUnavailableHoldItems], name)
	}
	for _, l := range p.loans {
		out[sip2.SummaryChargedItems] = append(out[sip2.SummaryChargedItems], l.Barcode)
		if l.Overdue {
			out[sip2.SummaryOverdueItems] = append(out[sip2.SummaryOverdueItems], l.Barcode)
		}
		if l.RecalledAt != nil {
			out[sip2.SummaryRecallItems] = append(out[sip2.SummaryRecallItems], l.Barcode)
		}
	}
	for _, e := range p.entries {
		out[sip2.SummaryFineItems] = append(out[sip2.SummaryFineItems],
			fmt.Sprintf("%d %s %s", e.ID, yuan(e.OutstandingFen), x.c.tr.T(x.locale, "fee_kind."+string(e.Kind), nil)))
	}
	return out
}

// page cuts a list to the items from start to end (1-based, inclusive,
// as BP and BQ give them), at most maxListItems of them.
func page(list []string, start, end string) []string {
	from, err := strconv.Atoi(trim(start))
	if err != nil || from < 1 {
		from = 1
	}
	to, err := strconv.Atoi(trim(end))
	if err != nil || to < from {
		to = from + maxListItems - 1
	}
	to = min(to, from+maxListItems-1, len(list))
	if from > to {
		return nil
	}
	return list[from-1 : to]
}

// limit4 writes a limit as the four digits of BZ, CA and CB; "" (not
// sent) for no limit.
func limit4(n int) string {
	if n == rules.Unlimited || n < 0 {
		return ""
	}
	return fmt.Sprintf("%04d", min(n, 9999))
}
