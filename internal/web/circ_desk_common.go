package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// This file holds what the desk screens (/staff/circ/desk, /returns, the
// lists of holds, transits and queues) share: the reader panel shown when
// a card is scanned, the reasons of a refusal in words, the branch the
// desk works at, and the alerts of a return.

// deskPerms open the lists of the circulation desk: whoever works it.
var deskPerms = []auth.Permission{auth.PermCircCheckout, auth.PermCircCheckin, auth.PermCircRenew, auth.PermCircHolds, auth.PermCircReaders}

// deskView answers a person who does not work a circulation desk with
// the forbidden page and returns false.
func (r *req) deskView() bool {
	a := r.Actor()
	if a.CanAny(deskPerms...) {
		return true
	}
	r.fail(a.Require(auth.PermCircCheckout))
	return false
}

// readerPanel is the reader in front of the desk: who they are, what they
// have, what they owe and what stops them borrowing.
type readerPanel struct {
	Reader  readers.Reader
	CatName string
	Loans   []circ.Loan
	Holds   []circ.Hold
	Balance fees.Balance
	Expired bool
	// Blocks are the reasons, in words, that the reader may not borrow
	// now (blocked, card lost, expired, overdue items, money owed).
	Blocks []string
}

// Overdue counts the reader's overdue loans.
func (p readerPanel) Overdue() int {
	n := 0
	for _, l := range p.Loans {
		if l.Overdue {
			n++
		}
	}
	return n
}

// loadPanel reads the panel of the reader with card (or id when card is
// "").
func (s *Server) loadPanel(ctx context.Context, r *req, card string, id int64) (*readerPanel, error) {
	a := r.Actor()
	p := &readerPanel{}
	var err error
	if card != "" {
		p.Reader, _, err = s.readers.GetByCard(ctx, a, card)
	} else {
		p.Reader, err = s.readers.Get(ctx, a, id)
	}
	if err != nil {
		return nil, err
	}
	cats, err := s.loadCategories(ctx, r.Locale)
	if err != nil {
		return nil, err
	}
	p.CatName = cats.Name(p.Reader.Category)
	if p.Loans, err = s.circ.ReaderLoans(ctx, a, p.Reader.ID); err != nil {
		return nil, err
	}
	if p.Holds, err = s.circ.ReaderHolds(ctx, a, p.Reader.ID); err != nil {
		return nil, err
	}
	if a.CanAny(auth.PermCircFees, auth.PermCircReaders, auth.PermCircCheckout) {
		if p.Balance, err = s.fees.Balance(ctx, a, p.Reader.ID); err != nil {
			return nil, err
		}
	}
	p.Expired = p.Reader.ExpiredOn(s.today())
	switch {
	case p.Reader.Status == readers.StatusBlocked:
		p.Blocks = append(p.Blocks, r.T("circ.desk.block_blocked", "Reason", p.Reader.BlockReason))
	case p.Reader.Status == readers.StatusCleared:
		p.Blocks = append(p.Blocks, r.T("circ.desk.block_cleared"))
	}
	if p.Reader.CardStatus != readers.CardActive {
		p.Blocks = append(p.Blocks, r.T("circ.desk.block_card", "Status", r.catName("card_status.", string(p.Reader.CardStatus))))
	}
	if p.Expired {
		p.Blocks = append(p.Blocks, r.T("circ.desk.block_expired", "Date", p.Reader.ExpiresOn))
	}
	if n := p.Overdue(); n > 0 {
		p.Blocks = append(p.Blocks, r.T("circ.desk.block_overdue", "N", n))
	}
	if p.Balance.OwedFen > 0 {
		p.Blocks = append(p.Blocks, r.T("circ.desk.block_owes", "Yuan", fees.FormatYuan(p.Balance.OwedFen)))
	}
	return p, nil
}

// refusalView is a refused checkout, renewal or hold in words.
type refusalView struct {
	Message string
	Reasons []reasonView
	// Overridable: every reason may be overridden; CanOverride: the
	// person holds circ.override.
	Overridable, CanOverride bool
}

// reasonView is one reason of a refusal.
type reasonView struct {
	Code, Text  string
	Overridable bool
}

// refusalOf puts a refusal in words; ok is false when err is not one.
func (r *req) refusalOf(err error) (*refusalView, bool) {
	rs, ok := circ.RefusalsOf(err)
	if !ok {
		return nil, false
	}
	v := &refusalView{Message: r.s.tr.Error(r.Locale, err), Overridable: rules.AllOverridable(rs), CanOverride: r.Actor().Can(auth.PermCircOverride)}
	for _, x := range rs {
		v.Reasons = append(v.Reasons, reasonView{Code: string(x.Reason), Overridable: x.Overridable,
			Text: r.T(policy.RefusalKey(x.Reason), flatArgs(policy.RefusalArgs(x, r.s.cfg.LibraryZone))...)})
	}
	return v, true
}

// flatArgs turns a map of message arguments into key, value pairs for T.
func flatArgs(m map[string]any) []any {
	out := make([]any, 0, 2*len(m))
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}

// errText is the message of a domain error for a banner; anything else
// fails the page (false).
func (r *req) errText(err error) (string, bool) {
	if _, ok := apperr.As(err); !ok || !isFormError(err) {
		r.fail(err)
		return "", false
	}
	return r.s.tr.Error(r.Locale, err), true
}

// DeskBranchCookie remembers the branch a desk works at.
const DeskBranchCookie = "lantai_desk_branch"

// deskBranch is the branch the desk works at: the form's choice, else the
// one remembered, else "" (the item's own branch).
func (r *req) deskBranch() string {
	if v := strings.TrimSpace(r.FormValue("branch")); v != "" || r.Form.Has("branch") {
		if v != "" {
			http.SetCookie(r.w, &http.Cookie{Name: DeskBranchCookie, Value: v, Path: "/staff/", MaxAge: 180 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || r.s.cfg.SecureCookies})
		}
		return v
	}
	if c, err := r.Cookie(DeskBranchCookie); err == nil {
		return c.Value
	}
	return ""
}

// branchChoices are the options of a branch select; blank labels the
// first option with no value when not "".
func branchChoices(codes codeBook, selected, blank string) []circOption {
	var out []circOption
	if blank != "" {
		out = append(out, circOption{Value: "", Label: blank, Selected: selected == ""})
	}
	for _, b := range codes.Branches {
		out = append(out, circOption{Value: b.Code, Label: b.Name(codes.locale), Selected: b.Code == selected})
	}
	return out
}

// deskText is what the desk templates call: {{$.Desk.Due .DueAt}}.
type deskText struct{ v view }

// Desk returns the desk screens' display helpers for a template.
func (v view) Desk() deskText { return deskText{v} }

// Due writes a due time in the library's zone: the day, and the hour for
// a loan counted in hours (not due at the end of a day).
func (d deskText) Due(t time.Time) string {
	lt := t.In(d.v.s.cfg.LibraryZone)
	if lt.Hour() == 23 && lt.Minute() == 59 || lt.Hour() == 0 && lt.Minute() == 0 {
		return lt.Format(time.DateOnly)
	}
	return lt.Format("2006-01-02 15:04")
}

// HoldStatus is the name of a hold's status.
func (d deskText) HoldStatus(s circ.HoldStatus) string { return d.v.catName("hold_status.", string(s)) }

// Yuan writes fen as yuan.
func (d deskText) Yuan(fen int64) string { return fees.FormatYuan(fen) }

// int64s reads the posted values of name as ids, skipping what is not one.
func int64s(vals []string) []int64 {
	var out []int64
	for _, v := range vals {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
