package sip2server

import (
	"context"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/search"
	"lantai.dev/lantai/internal/sip2"
)

// HoldChanger changes the pickup branch and the last day of a reader's
// active hold, keeping its place in the queue. (*circ.Service) is used for
// the change mode of a hold message ("*") when it has this method; until
// then a change is refused with a screen message.
type HoldChanger interface {
	ChangeHold(ctx context.Context, a auth.Actor, holdID, readerID int64, pickupBranch string, expiresOn rules.Date) (circ.Hold, error)
}

// hold answers a hold (15) with a hold response (16). The hold mode says
// what to do: "+" places a hold through circ.Service.PlaceHold (same rules
// as the desk and the public catalogue), "-" cancels the patron's hold
// through circ.Service.CancelHold, "*" changes its pickup branch or last
// day (see HoldChanger).
//
// What is held: with an item barcode (AB), that item when the hold type
// (BY) is 3 (specific copy), else any copy of its record; without AB, the
// record named by AJ — its record number, or its exact title (a title
// that several records share is refused: name a copy instead). Hold type
// 4 (any copy at one branch) is held as any copy. The pickup location (BS)
// is a branch code; the machine's branch when empty. The expiration date
// (BW) is the last day the patron wants the item: a SIP2 date
// ("YYYYMMDD    HHMMSS") or YYYY-MM-DD; the library's default when empty.
//
// Placed: ok 1, the queue position (BR), the pickup branch, the last day
// (BW), the title, available Y when the item asked for is on the shelves
// now. Cancelled or changed: ok 1. Refused: ok 0 with every reason.
func (c *Circulation) hold(ctx context.Context, s *Session, m *sip2.Hold) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.HoldResponse{TransactionDate: x.stamp(), InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID,
		ItemID: m.ItemID, TitleID: m.TitleID}
	card, barcode, title := trim(m.PatronID), trim(m.ItemID), trim(m.TitleID)
	refuse := func(msgs ...string) sip2.Message {
		r.ScreenMessage = append([]string{x.t(keyHoldRefused)}, msgs...)
		return r
	}
	if card == "" {
		return refuse(x.t(keyPatronRequired))
	}
	if barcode == "" && title == "" {
		return refuse(x.t(keyHoldTarget))
	}
	reader, _, err := c.readers.GetByCard(ctx, s.Actor, card)
	if err != nil {
		r.ScreenMessage = x.explain(err, keyHoldRefused)
		return r
	}
	if p := x.passwordProblem(reader.ID, m.PatronPassword); p != "" {
		return refuse(p)
	}
	var expires rules.Date
	if bw := trim(m.ExpirationDate); bw != "" {
		var ok bool
		if expires, ok = x.parseDay(bw); !ok {
			return refuse(x.t(keyDateInvalid, "Date", bw))
		}
	}
	pickup := trim(m.PickupLocation)
	if pickup == "" {
		pickup = s.Machine.Branch
	}
	var it itemView
	if barcode != "" {
		if it, err = c.item(ctx, barcode); err != nil {
			r.ScreenMessage = x.explain(err, keyHoldRefused)
			return r
		}
		r.TitleID = it.Title
	}
	switch m.HoldMode {
	case sip2.HoldDelete, sip2.HoldChange:
		holds, err := c.circ.ReaderHolds(ctx, s.Actor, reader.ID)
		if err != nil {
			r.ScreenMessage = x.explain(err, keyHoldRefused)
			return r
		}
		h, ok := findHold(holds, barcode, it.RecordID, title)
		if !ok {
			return refuse(x.t(keyHoldNotFound))
		}
		r.TitleID, r.PickupLocation = h.Title, h.PickupBranch
		if m.HoldMode == sip2.HoldDelete {
			if _, err := c.circ.CancelHold(ctx, s.Actor, h.ID, circ.CancelOptions{ReaderID: reader.ID}); err != nil {
				r.ScreenMessage = x.explain(err, keyHoldRefused)
				return r
			}
			r.OK = true
			r.ScreenMessage = []string{x.t(keyHoldCancelled, "Title", h.Title)}
			return r
		}
		hc, ok := any(c.circ).(HoldChanger)
		if !ok {
			return refuse(x.t(keyHoldNoChange))
		}
		if m.PickupLocation == "" {
			pickup = h.PickupBranch
		}
		changed, err := hc.ChangeHold(ctx, s.Actor, h.ID, reader.ID, pickup, expires)
		if err != nil {
			r.ScreenMessage = x.explain(err, keyHoldRefused)
			return r
		}
		x.placed(r, changed)
		r.ScreenMessage = []string{x.t(keyHoldChanged, "Title", changed.Title, "Branch", x.branchName(changed.PickupBranch))}
		return r
	}
	req := circ.HoldRequest{Card: card, PickupBranch: pickup, ExpiresOn: expires}
	switch {
	case barcode != "" && m.HoldType == sip2.HoldSpecificCopy:
		req.Barcode = barcode
	case barcode != "":
		req.RecordID = it.RecordID
	default:
		id, msg := x.recordTitled(title)
		if id == 0 {
			return refuse(msg)
		}
		req.RecordID = id
	}
	h, err := c.circ.PlaceHold(ctx, s.Actor, req)
	if err != nil {
		r.ScreenMessage = x.explain(err, keyHoldRefused)
		return r
	}
	x.placed(r, h)
	r.Available = it.ID != 0 && it.Status == catalog.Available
	r.ScreenMessage = []string{x.t(keyHoldPlaced, "Title", h.Title, "Position", h.Position, "Branch", x.branchName(h.PickupBranch))}
	return r
}

// placed fills a hold response with a hold.
func (x *call) placed(r *sip2.HoldResponse, h circ.Hold) {
	r.OK = true
	r.TitleID, r.PickupLocation = h.Title, h.PickupBranch
	if h.Position > 0 {
		r.QueuePosition = strconv.Itoa(h.Position)
	}
	if d, err := rules.ParseDate(h.ExpiresOn); err == nil {
		r.ExpirationDate = string(x.timestamp(d.EndOfDay(x.c.loc)))
	}
}

// findHold finds the patron's active hold on the item with barcode, on
// the record of that item, or on the record named by title (its number or
// its title).
func findHold(holds []circ.Hold, barcode string, recordID int64, title string) (circ.Hold, bool) {
	id, _ := strconv.ParseInt(title, 10, 64)
	for _, h := range holds {
		switch {
		case barcode != "" && (h.Barcode == barcode || h.TrappedBarcode == barcode):
			return h, true
		case barcode == "" && title != "" && (strings.TrimSpace(h.Title) == title || (id != 0 && h.RecordID == id)):
			return h, true
		}
	}
	if recordID != 0 {
		for _, h := range holds {
			if h.RecordID == recordID {
				return h, true
			}
		}
	}
	return circ.Hold{}, false
}

// recordTitled finds the record a title-level hold names in AJ: a record
// number, or a title that exactly one record has. It returns 0 and the
// screen message when there is none or several.
func (x *call) recordTitled(title string) (int64, string) {
	if id, err := strconv.ParseInt(title, 10, 64); err == nil && id > 0 {
		return id, ""
	}
	if x.c.search == nil {
		return 0, x.t(keyTitleNotFound, "Title", title)
	}
	phrase := strings.Map(func(r rune) rune {
		if strings.ContainsRune("\"＂“”„", r) {
			return ' '
		}
		return r
	}, title)
	res, err := x.c.search.Search(x.ctx, search.Request{Query: `ti:"` + phrase + `"`, PerPage: 100})
	if err != nil {
		if _, ok := apperr.As(err); !ok {
			x.internal(err)
			return 0, x.t(keyInternal)
		}
		return 0, x.t(keyTitleNotFound, "Title", title)
	}
	var found []int64
	want := foldTitle(title)
	for _, h := range res.Hits {
		if foldTitle(h.Title) == want {
			found = append(found, h.ID)
		}
	}
	switch len(found) {
	case 0:
		return 0, x.t(keyTitleNotFound, "Title", title)
	case 1:
		return found[0], ""
	}
	return 0, x.t(keyTitleAmbiguous, "Title", title, "Count", len(found))
}

// foldTitle compares titles without case and runs of blanks.
func foldTitle(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// parseDay reads the expiration date of a hold: a SIP2 date and time in
// the library's zone (or UTC when it says so), YYYY-MM-DD or YYYYMMDD.
func (x *call) parseDay(s string) (rules.Date, bool) {
	if len(s) == 18 {
		ts, err := sip2.ParseTimestamp(s)
		if err != nil {
			return rules.Date{}, false
		}
		t, err := ts.Time(x.c.loc)
		if err != nil || t.IsZero() {
			return rules.Date{}, false
		}
		return rules.DateOf(t, x.c.loc), true
	}
	for _, layout := range []string{"2006-01-02", "20060102"} {
		if t, err := time.ParseInLocation(layout, s, x.c.loc); err == nil {
			return rules.DateOf(t, x.c.loc), true
		}
	}
	return rules.Date{}, false
}
