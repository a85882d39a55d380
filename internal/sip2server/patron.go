package sip2server

import (
	"errors"
	"fmt"

	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/readers"
	"lantai.dev/lantai/internal/sip2"
)

// patron is a patron as the status and information answers (24, 64)
// describe them: the reader and the card presented, their loans, holds
// and account, the limits of their category at the machine's branch, and
// what the rules refuse them whatever the item.
type patron struct {
	reader  readers.Reader
	card    readers.Card
	loans   []circ.Loan
	holds   []circ.Hold
	balance fees.Balance
	entries []fees.EntryState // outstanding charges (patron information only)
	limits  rules.Limits
	// borrow are the reasons the rules refuse any checkout (card, debts,
	// overdue items, number of loans), renew those they refuse any
	// renewal (card, debts); holdsFull: as many holds as the limits allow.
	borrow, renew []rules.Refusal
	holdsFull     bool
	overdue       int
}

// patron loads the holder of card, through the service methods the desk
// uses, and works out their standing with the rules' own checks
// (rules.CanBorrow, rules.CanRenew) applied to an item that could be
// lent. With statement, their outstanding charges are listed too.
func (x *call) patron(card string, statement bool) (patron, error) {
	var p patron
	var err error
	a := x.s.Actor
	if p.reader, p.card, err = x.c.readers.GetByCard(x.ctx, a, card); err != nil {
		return p, err
	}
	id := p.reader.ID
	if p.loans, err = x.c.circ.ReaderLoans(x.ctx, a, id); err != nil {
		return p, err
	}
	if p.holds, err = x.c.circ.ReaderHolds(x.ctx, a, id); err != nil {
		return p, err
	}
	if statement {
		st, err := x.c.fees.Statement(x.ctx, a, id)
		if err != nil {
			return p, err
		}
		p.balance = st.Balance
		for _, e := range st.Entries {
			if e.OutstandingFen > 0 {
				p.entries = append(p.entries, e)
			}
		}
	} else if p.balance, err = x.c.fees.Balance(x.ctx, a, id); err != nil {
		return p, err
	}
	snap, err := x.c.policy.Snapshot(x.ctx)
	if err != nil {
		return p, err
	}
	res, err := snap.ResolveLimits(p.reader.Category, x.s.Machine.Branch)
	switch {
	case errors.Is(err, rules.ErrNoRule):
		p.limits = rules.Limits{} // as circulation reads it: nothing allowed
	case err != nil:
		return p, fmt.Errorf("limits of %s at %s: %w", p.reader.Category, x.s.Machine.Branch, err)
	default:
		p.limits = res.Limits
	}
	p.standing(x)
	return p, nil
}

// standing works out what the rules refuse the patron, as circulation's
// own checks at a checkout see the reader and the card presented.
func (p *patron) standing(x *call) {
	status := rules.CardStatus(p.reader.LoanStatus())
	var extra []rules.Refusal
	if status == rules.CardActive || status == rules.CardExpired {
		switch p.card.Status {
		case readers.CardLost:
			status = rules.CardLost
		case readers.CardExpired:
			status = rules.CardExpired
		}
	}
	if p.card.Status == readers.CardReplaced {
		extra = append(extra, rules.Refusal{Reason: circ.ReasonCardReplaced, Args: map[string]any{"Card": p.card.Number}})
	}
	for _, l := range p.loans {
		if l.Overdue {
			p.overdue++
		}
	}
	rs := rules.ReaderState{Card: status, FeesOwedFen: p.balance.OwedFen, OverdueItems: p.overdue, Loans: len(p.loans),
		DepositFen: p.balance.DepositFen}
	if d, err := rules.ParseDate(p.reader.ExpiresOn); err == nil {
		rs.ExpiresOn = d
	}
	p.borrow = append(rules.CanBorrow(rules.CheckoutState{Now: x.now, Loc: x.c.loc, Reader: rs, Limits: p.limits,
		Policy: rules.Policy{Period: 1, MaxOfType: rules.Unlimited}, Item: rules.ItemState{Status: "available"}}), extra...)
	p.renew = append(rules.CanRenew(rules.RenewalState{Now: x.now, Loc: x.c.loc, Reader: rs, Limits: p.limits,
		Policy: rules.Policy{Period: 1, Renewals: 1, RenewalPeriod: 1}, Due: x.now}), extra...)
	p.holdsFull = p.limits.MaxHolds != rules.Unlimited && len(p.holds) >= p.limits.MaxHolds
}

// status is the patron status field (14 flags) of the standing.
func (p *patron) status() sip2.PatronStatus {
	var st sip2.PatronStatus
	lim := p.limits
	st[sip2.ChargePrivilegesDenied] = len(p.borrow) > 0
	st[sip2.RenewalPrivilegesDenied] = len(p.renew) > 0
	st[sip2.HoldPrivilegesDenied] = len(p.renew) > 0 || p.holdsFull
	for _, r := range p.borrow {
		if r.Reason == rules.ReasonCardLost {
			st[sip2.CardReportedLost] = true
		}
	}
	st[sip2.TooManyItemsCharged] = lim.MaxLoans != rules.Unlimited && len(p.loans) >= lim.MaxLoans
	st[sip2.TooManyItemsOverdue] = lim.MaxOverdueItems != rules.Unlimited && p.overdue > lim.MaxOverdueItems
	over := lim.MaxFeesFen != rules.Unlimited && p.balance.OwedFen > lim.MaxFeesFen
	st[sip2.ExcessiveOutstandingFines], st[sip2.ExcessiveOutstandingFees] = over, over
	for _, l := range p.loans {
		if l.RecalledAt != nil && l.Overdue {
			st[sip2.RecallOverdue] = true
		}
	}
	return st
}

// messages are the screen messages of the standing: every reason the
// patron may not borrow, and what they owe.
func (p *patron) messages(x *call) []string {
	var out []string
	owedSaid := false
	for _, r := range p.borrow {
		out = append(out, x.refusal(r))
		owedSaid = owedSaid || r.Reason == rules.ReasonFeesOverLimit
	}
	if p.balance.OwedFen > 0 && !owedSaid {
		out = append(out, x.t(keyFeesOwed, "Amount", yuan(p.balance.OwedFen)))
	}
	return out
}

// unknownPatron is the patron status of a card Lantai does not know, or
// could not look up: every privilege denied.
func unknownPatron() sip2.PatronStatus {
	var st sip2.PatronStatus
	for _, i := range []int{sip2.ChargePrivilegesDenied, sip2.RenewalPrivilegesDenied, sip2.RecallPrivilegesDenied, sip2.HoldPrivilegesDenied} {
		st[i] = true
	}
	return st
}

// setLanguage takes the language of a patron status or information
// request as the session's (the patron at the machine now).
func (x *call) setLanguage(l sip2.Language) {
	x.s.Language = localeOf(l)
	x.locale = x.s.Language
	if x.locale == "" {
		x.locale = i18n.ZH
	}
}

// patronAnswer is what the patron status (24) and patron information (64)
// answers share: whether the card is known and the password right, the
// status flags, name, what is owed and the screen messages.
type patronAnswer struct {
	status        sip2.PatronStatus
	valid         sip2.Tristate
	validPassword sip2.Tristate // Unknown when no password was given
	name, fee     string
	messages      []string
	passwordWrong bool
}

// answerPatron looks the patron of card up (with their fee statement
// when statement is set) and checks password when one was given. ok is
// false when there is no such patron or card; the answer then says why.
func (x *call) answerPatron(card, password string, statement bool) (patronAnswer, patron, bool) {
	a := patronAnswer{status: unknownPatron(), valid: sip2.No}
	card = trim(card)
	if card == "" {
		a.messages = []string{x.t(keyPatronRequired)}
		return a, patron{}, false
	}
	p, err := x.patron(card, statement)
	if err != nil {
		if password != "" {
			a.validPassword = sip2.No
		}
		a.messages = x.explain(err, "")
		return a, patron{}, false
	}
	a.valid, a.name, a.fee = sip2.Yes, p.reader.Name, yuan(p.balance.OwedFen)
	a.status = p.status()
	a.messages = p.messages(x)
	if password != "" {
		problem := x.passwordProblem(p.reader.ID, password)
		a.validPassword = sip2.TristateOf(problem == "")
		if problem != "" {
			a.passwordWrong = true
			a.messages = append([]string{problem}, a.messages...)
		}
	}
	return a, p, true
}
