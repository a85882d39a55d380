package rules

import "time"

// CardStatus is the status of a library card.
type CardStatus string

// The card statuses.
const (
	CardActive  CardStatus = "active"
	CardLost    CardStatus = "lost"    // reported lost (挂失): refused at once
	CardExpired CardStatus = "expired" // expired by staff or a batch job
	CardBlocked CardStatus = "blocked" // blocked by staff until lifted
	CardCleared CardStatus = "cleared" // the reader has left (离校): no more loans
)

// Reason is the stable code of a refusal to lend or renew.
type Reason string

// The refusal reasons, in the order CanBorrow and CanRenew report them.
const (
	ReasonCardLost             Reason = "card_lost"
	ReasonCardBlocked          Reason = "card_blocked"
	ReasonCardCleared          Reason = "card_cleared"
	ReasonCardInvalid          Reason = "card_invalid" // a card status this package does not know
	ReasonCardExpired          Reason = "card_expired"
	ReasonFeesOverLimit        Reason = "fees_over_limit"
	ReasonHasOverdue           Reason = "has_overdue"
	ReasonTooManyItems         Reason = "too_many_items"
	ReasonTooManyOfType        Reason = "too_many_of_type"
	ReasonDepositInsufficient  Reason = "deposit_insufficient"
	ReasonItemNotForLoan       Reason = "item_not_for_loan"
	ReasonItemNotAvailable     Reason = "item_not_available"
	ReasonLoanRecalled         Reason = "loan_recalled"
	ReasonRenewalsExhausted    Reason = "renewals_exhausted"
	ReasonOverdueBlocksRenewal Reason = "overdue_blocks_renewal"
	ReasonItemHeldForOther     Reason = "item_held_for_other"
)

// CheckoutReasons lists the reasons CanBorrow may give, in the order it
// gives them: the card, then the reader's account, then the item.
var CheckoutReasons = []Reason{
	ReasonCardLost, ReasonCardBlocked, ReasonCardCleared, ReasonCardInvalid, ReasonCardExpired,
	ReasonFeesOverLimit, ReasonHasOverdue, ReasonTooManyItems, ReasonTooManyOfType, ReasonDepositInsufficient,
	ReasonItemNotForLoan, ReasonItemNotAvailable, ReasonItemHeldForOther,
}

// RenewalReasons lists the reasons CanRenew may give, in the order it gives
// them: the card, the account, then the loan.
var RenewalReasons = []Reason{
	ReasonCardLost, ReasonCardBlocked, ReasonCardCleared, ReasonCardInvalid, ReasonCardExpired,
	ReasonFeesOverLimit, ReasonItemNotForLoan, ReasonLoanRecalled, ReasonRenewalsExhausted, ReasonOverdueBlocksRenewal, ReasonItemHeldForOther,
}

// notOverridable are the reasons no one may override: a lost, blocked or
// cleared card (lift the block or replace the card first) and an item whose
// status contradicts a loan (return or find it first).
var notOverridable = map[Reason]bool{
	ReasonCardLost: true, ReasonCardBlocked: true, ReasonCardCleared: true, ReasonCardInvalid: true,
	ReasonItemNotAvailable: true,
}

// Overridable reports whether staff with the override permission may lend
// or renew despite the reason, giving a recorded reason. Every reason is
// overridable except card_lost, card_blocked, card_cleared, card_invalid
// and item_not_available.
func (r Reason) Overridable() bool { return !notOverridable[r] }

// Refusal is one reason not to lend or renew, with the figures behind it
// (translation arguments, e.g. Count and Max for too_many_items).
type Refusal struct {
	Reason      Reason         `json:"reason"`
	Overridable bool           `json:"overridable"`
	Args        map[string]any `json:"args,omitempty"`
}

// AllOverridable reports whether every refusal in rs may be overridden
// (true for none).
func AllOverridable(rs []Refusal) bool {
	for _, r := range rs {
		if !r.Overridable {
			return false
		}
	}
	return true
}

// ReaderState is what the checks need to know of a reader, as the service
// loads it.
type ReaderState struct {
	Card CardStatus
	// ExpiresOn is the last day the card is valid (zero: no expiry).
	ExpiresOn   Date
	FeesOwedFen int64
	// OverdueItems counts the reader's loans that are overdue now.
	OverdueItems int
	// Loans counts the reader's current loans; LoansOfType those of the
	// item type at hand (for renewals: other than the loan renewed, which
	// is not counted anyway).
	Loans       int
	LoansOfType int
	// DepositFen is the deposit held (押金) and LoansValueFen the total
	// price of the current loans, for Limits.DepositCoversLoans.
	DepositFen    int64
	LoansValueFen int64
}

// ItemState is what the checks need to know of the item to lend.
type ItemState struct {
	// Status is the item's catalogue status (catalog.Status): only
	// "available", and "on_hold_shelf" when the hold is this reader's, can
	// be lent. An item on loan to this same reader is a renewal, which the
	// service routes to CanRenew before asking.
	Status string
	// NotForLoan is the item's own flag, on top of the policy's.
	NotForLoan bool
	// HeldForOther: a hold of another reader is waiting for this item
	// (trapped, in transit to, or on the hold shelf for someone else).
	HeldForOther bool
	// PriceFen is the item's price (0: unknown), for deposit cards.
	PriceFen int64
}

// CheckoutState is everything CanBorrow looks at: the moment and zone, the
// reader, the item, the resolved policy and the reader's limits.
type CheckoutState struct {
	Now    time.Time
	Loc    *time.Location
	Reader ReaderState
	Item   ItemState
	Policy Policy
	Limits Limits
}

// CanBorrow returns every reason the reader may not borrow the item, in
// the order of CheckoutReasons, or none. A new loan must fit in the limits:
// the reader is refused too_many_items when Loans is already MaxLoans
// (likewise too_many_of_type with LoansOfType and Policy.MaxOfType, not
// checked when the policy is not for loan), fees_over_limit when
// FeesOwedFen exceeds MaxFeesFen, has_overdue when OverdueItems exceeds
// MaxOverdueItems, and deposit_insufficient when the loans' value plus the
// item's price exceeds the deposit (an item without a price adds nothing).
// The card is expired when its status says so or when today (local) is
// after ExpiresOn.
func CanBorrow(s CheckoutState) []Refusal {
	var out refusals
	out.card(s.Reader, s.Now, s.Loc)
	r, l := s.Reader, s.Limits
	out.fees(r, l)
	if exceeds(int64(r.OverdueItems), int64(l.MaxOverdueItems)) {
		out.add(ReasonHasOverdue, "Count", r.OverdueItems, "Max", l.MaxOverdueItems)
	}
	if exceeds(int64(r.Loans)+1, int64(l.MaxLoans)) {
		out.add(ReasonTooManyItems, "Count", r.Loans, "Max", l.MaxLoans)
	}
	if !s.Policy.NotForLoan && exceeds(int64(r.LoansOfType)+1, int64(s.Policy.MaxOfType)) {
		out.add(ReasonTooManyOfType, "Count", r.LoansOfType, "Max", s.Policy.MaxOfType)
	}
	if l.DepositCoversLoans && r.LoansValueFen+s.Item.PriceFen > r.DepositFen {
		out.add(ReasonDepositInsufficient, "DepositFen", r.DepositFen, "NeededFen", r.LoansValueFen+s.Item.PriceFen)
	}
	it := s.Item
	switch {
	case it.NotForLoan:
		out.add(ReasonItemNotForLoan, "Source", "item")
	case s.Policy.NotForLoan:
		out.add(ReasonItemNotForLoan, "Source", "policy")
	}
	if it.Status != "available" && it.Status != "on_hold_shelf" {
		out.add(ReasonItemNotAvailable, "Status", it.Status)
	}
	if it.HeldForOther {
		out.add(ReasonItemHeldForOther)
	}
	return out
}

// RenewalState is everything CanRenew looks at.
type RenewalState struct {
	Now    time.Time
	Loc    *time.Location
	Reader ReaderState
	Policy Policy
	Limits Limits
	// Due is the loan's current due date, RenewalsUsed how many times it
	// has been renewed, Recalled whether it has been recalled (催还).
	Due          time.Time
	RenewalsUsed int
	Recalled     bool
	// HeldForOther: another reader has a hold this item could fill.
	HeldForOther bool
}

// CanRenew returns every reason the loan may not be renewed, in the order
// of RenewalReasons, or none: the card as for CanBorrow, fees over the
// limit, a policy that no longer lends, a recalled loan, renewals used up
// (RenewalsUsed ≥ Policy.Renewals), an overdue loan when
// Policy.OverdueBlocksRenewal, and another reader's hold. Overdue is as
// fines count it: from the local day after the due day, or, for an hour
// loan not fined per day, from the due time.
func CanRenew(s RenewalState) []Refusal {
	var out refusals
	out.card(s.Reader, s.Now, s.Loc)
	out.fees(s.Reader, s.Limits)
	p := s.Policy
	if p.NotForLoan {
		out.add(ReasonItemNotForLoan, "Source", "policy")
	}
	if s.Recalled {
		out.add(ReasonLoanRecalled)
	}
	if s.RenewalsUsed >= p.Renewals {
		out.add(ReasonRenewalsExhausted, "Used", s.RenewalsUsed, "Max", p.Renewals)
	}
	if p.OverdueBlocksRenewal && overdue(p, s.Due, s.Now, s.Loc) {
		out.add(ReasonOverdueBlocksRenewal, "Due", s.Due)
	}
	if s.HeldForOther {
		out.add(ReasonItemHeldForOther)
	}
	return out
}

// overdue reports whether a loan due at due is late at now.
func overdue(p Policy, due, now time.Time, loc *time.Location) bool {
	if p.IsHourLoan() && p.FinePerDayFen == 0 {
		return now.After(due)
	}
	return DateOf(now, loc).After(DateOf(due, loc))
}

type refusals []Refusal

func (rs *refusals) add(r Reason, args ...any) {
	ref := Refusal{Reason: r, Overridable: r.Overridable()}
	if len(args) > 0 {
		ref.Args = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			ref.Args[args[i].(string)] = args[i+1]
		}
	}
	*rs = append(*rs, ref)
}

func (rs *refusals) card(r ReaderState, now time.Time, loc *time.Location) {
	switch r.Card {
	case CardActive, CardExpired:
	case CardLost:
		rs.add(ReasonCardLost)
	case CardBlocked:
		rs.add(ReasonCardBlocked)
	case CardCleared:
		rs.add(ReasonCardCleared)
	default:
		rs.add(ReasonCardInvalid, "Status", string(r.Card))
	}
	if r.Card == CardExpired || !r.ExpiresOn.IsZero() && DateOf(now, loc).After(r.ExpiresOn) {
		rs.add(ReasonCardExpired, "ExpiresOn", r.ExpiresOn.String())
	}
}

func (rs *refusals) fees(r ReaderState, l Limits) {
	if exceeds(r.FeesOwedFen, l.MaxFeesFen) {
		rs.add(ReasonFeesOverLimit, "OwedFen", r.FeesOwedFen, "MaxFen", l.MaxFeesFen)
	}
}
