package rules

import (
	"slices"
	"testing"
	"time"
)

func reasons(rs []Refusal) []Reason {
	var out []Reason
	for _, r := range rs {
		out = append(out, r.Reason)
	}
	return out
}

// inOrder reports whether got follows the order of list.
func inOrder(got []Reason, list []Reason) bool {
	last := -1
	for _, r := range got {
		i := slices.Index(list, r)
		if i <= last {
			return false
		}
		last = i
	}
	return true
}

func TestCanBorrow(t *testing.T) {
	uniLimits := universityLimits()[0].Limits
	staffLimits := universityLimits()[2].Limits
	adult, child := publicLimits()[0].Limits, publicLimits()[1].Limits
	unlimited := Limits{MaxLoans: Unlimited, MaxFeesFen: Unlimited, MaxOverdueItems: Unlimited, MaxHolds: Unlimited}

	// An undergraduate with 3 books borrows a 39.80 元 book on 2024-10-10.
	base := func() CheckoutState {
		return CheckoutState{
			Now: sh(2024, 10, 10, 10, 0), Loc: cst,
			Reader: ReaderState{Card: CardActive, ExpiresOn: day(2028, 7, 1), Loans: 3},
			Item:   ItemState{Status: "available", PriceFen: 3980},
			Policy: undergradPolicy, Limits: uniLimits,
		}
	}
	tests := []struct {
		name   string
		mutate func(*CheckoutState)
		want   []Reason
	}{
		{"may borrow", func(s *CheckoutState) {}, nil},
		{"lost card", func(s *CheckoutState) { s.Reader.Card = CardLost }, []Reason{ReasonCardLost}},
		{"blocked card", func(s *CheckoutState) { s.Reader.Card = CardBlocked }, []Reason{ReasonCardBlocked}},
		{"cleared after graduation", func(s *CheckoutState) { s.Reader.Card = CardCleared }, []Reason{ReasonCardCleared}},
		{"unknown card status", func(s *CheckoutState) { s.Reader.Card = "suspended" }, []Reason{ReasonCardInvalid}},
		{"empty card status", func(s *CheckoutState) { s.Reader.Card = "" }, []Reason{ReasonCardInvalid}},
		{"card expired by status", func(s *CheckoutState) { s.Reader.Card = CardExpired }, []Reason{ReasonCardExpired}},
		{"card expired yesterday", func(s *CheckoutState) { s.Reader.ExpiresOn = day(2024, 10, 9) }, []Reason{ReasonCardExpired}},
		{"card valid through today", func(s *CheckoutState) { s.Reader.ExpiresOn = day(2024, 10, 10) }, nil},
		{"card expired by the local day, not the UTC one", func(s *CheckoutState) {
			s.Now = time.Date(2024, 10, 9, 16, 30, 0, 0, time.UTC) // 10月10日 00:30 in Shanghai
			s.Reader.ExpiresOn = day(2024, 10, 9)
		}, []Reason{ReasonCardExpired}},
		{"no expiry date", func(s *CheckoutState) { s.Reader.ExpiresOn = Date{} }, nil},
		{"fees at the limit", func(s *CheckoutState) { s.Reader.FeesOwedFen = 1000 }, nil},
		{"fees over the limit", func(s *CheckoutState) { s.Reader.FeesOwedFen = 1001 }, []Reason{ReasonFeesOverLimit}},
		{"one overdue item", func(s *CheckoutState) { s.Reader.OverdueItems = 1 }, []Reason{ReasonHasOverdue}},
		{"staff may have two overdue", func(s *CheckoutState) { s.Limits = staffLimits; s.Reader.OverdueItems = 2 }, nil},
		{"staff not three", func(s *CheckoutState) { s.Limits = staffLimits; s.Reader.OverdueItems = 3 }, []Reason{ReasonHasOverdue}},
		{"ninth loan becomes the tenth", func(s *CheckoutState) { s.Reader.Loans = 9 }, nil},
		{"ten books already", func(s *CheckoutState) { s.Reader.Loans = 10 }, []Reason{ReasonTooManyItems}},
		{"a category that may not borrow", func(s *CheckoutState) { s.Limits.MaxLoans = 0; s.Reader.Loans = 0 }, []Reason{ReasonTooManyItems}},
		{"unlimited", func(s *CheckoutState) {
			s.Limits = unlimited
			s.Reader.Loans, s.Reader.FeesOwedFen, s.Reader.OverdueItems = 500, 99999, 40
		}, nil},
		{"second course reserve", func(s *CheckoutState) { s.Policy = reservePolicy; s.Reader.LoansOfType = 1 }, nil},
		{"third course reserve", func(s *CheckoutState) { s.Policy = reservePolicy; s.Reader.LoansOfType = 2 }, []Reason{ReasonTooManyOfType}},
		{"item flagged not for loan", func(s *CheckoutState) { s.Item.NotForLoan = true }, []Reason{ReasonItemNotForLoan}},
		{"reference: the policy does not lend (no per-type check)", func(s *CheckoutState) {
			s.Policy = resolve(t, universityRows(), "undergrad", "reference", "MAIN")
			s.Reader.LoansOfType = 4
		}, []Reason{ReasonItemNotForLoan}},
		{"on loan to another reader", func(s *CheckoutState) { s.Item.Status = "on_loan" }, []Reason{ReasonItemNotAvailable}},
		{"missing", func(s *CheckoutState) { s.Item.Status = "missing" }, []Reason{ReasonItemNotAvailable}},
		{"on the hold shelf for this reader", func(s *CheckoutState) { s.Item.Status = "on_hold_shelf" }, nil},
		{"on the hold shelf for another reader", func(s *CheckoutState) { s.Item.Status = "on_hold_shelf"; s.Item.HeldForOther = true }, []Reason{ReasonItemHeldForOther}},
		{"trapped for another reader at the desk", func(s *CheckoutState) { s.Item.HeldForOther = true }, []Reason{ReasonItemHeldForOther}},
		{"in transit to another reader's pickup branch", func(s *CheckoutState) { s.Item.Status = "in_transit"; s.Item.HeldForOther = true },
			[]Reason{ReasonItemNotAvailable, ReasonItemHeldForOther}},

		// Public library, deposit-based adult card: 100 元 deposit, 70 元 out.
		{"deposit covers the book", func(s *CheckoutState) {
			s.Limits = adult
			s.Reader.DepositFen, s.Reader.LoansValueFen, s.Item.PriceFen = 10000, 7000, 2500
		}, nil},
		{"deposit does not cover the book", func(s *CheckoutState) {
			s.Limits = adult
			s.Reader.DepositFen, s.Reader.LoansValueFen, s.Item.PriceFen = 10000, 7000, 3980
		}, []Reason{ReasonDepositInsufficient}},
		{"a book without a price adds nothing", func(s *CheckoutState) {
			s.Limits = adult
			s.Reader.DepositFen, s.Reader.LoansValueFen, s.Item.PriceFen = 10000, 10000, 0
		}, nil},
		{"a child owing 0.50 元 with three books", func(s *CheckoutState) {
			s.Limits = child
			s.Reader.Loans, s.Reader.FeesOwedFen = 3, 50
		}, []Reason{ReasonFeesOverLimit, ReasonTooManyItems}},

		{"everything at once, in order", func(s *CheckoutState) {
			s.Limits = adult
			s.Policy = reservePolicy
			s.Reader = ReaderState{Card: CardLost, ExpiresOn: day(2024, 1, 1), FeesOwedFen: 1, OverdueItems: 1, Loans: 5, LoansOfType: 2, DepositFen: 10000, LoansValueFen: 9000}
			s.Item = ItemState{Status: "on_loan", NotForLoan: true, HeldForOther: true, PriceFen: 3980}
		}, []Reason{ReasonCardLost, ReasonCardExpired, ReasonFeesOverLimit, ReasonHasOverdue, ReasonTooManyItems, ReasonTooManyOfType,
			ReasonDepositInsufficient, ReasonItemNotForLoan, ReasonItemNotAvailable, ReasonItemHeldForOther}},
	}
	for _, tt := range tests {
		s := base()
		tt.mutate(&s)
		got := CanBorrow(s)
		if !slices.Equal(reasons(got), tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, reasons(got), tt.want)
		}
		if !inOrder(reasons(got), CheckoutReasons) {
			t.Errorf("%s: %v not in the documented order", tt.name, reasons(got))
		}
		for _, r := range got {
			if r.Overridable != r.Reason.Overridable() {
				t.Errorf("%s: %s overridable %v", tt.name, r.Reason, r.Overridable)
			}
		}
	}

	s := base()
	s.Reader.Loans = 10
	if got := CanBorrow(s); len(got) != 1 || got[0].Args["Count"] != 10 || got[0].Args["Max"] != 10 || !got[0].Overridable {
		t.Errorf("too_many_items: %+v", got)
	}
	s = base()
	s.Item.NotForLoan = true
	if got := CanBorrow(s); len(got) != 1 || got[0].Args["Source"] != "item" {
		t.Errorf("item_not_for_loan: %+v", got)
	}
}

func TestOverridable(t *testing.T) {
	never := []Reason{ReasonCardLost, ReasonCardBlocked, ReasonCardCleared, ReasonCardInvalid, ReasonItemNotAvailable}
	for _, r := range append(slices.Clone(CheckoutReasons), RenewalReasons...) {
		if want := !slices.Contains(never, r); r.Overridable() != want {
			t.Errorf("%s.Overridable() = %v, want %v", r, r.Overridable(), want)
		}
	}
	fees := Refusal{Reason: ReasonFeesOverLimit, Overridable: true}
	lost := Refusal{Reason: ReasonCardLost}
	if !AllOverridable(nil) || !AllOverridable([]Refusal{fees, fees}) || AllOverridable([]Refusal{fees, lost}) {
		t.Error("AllOverridable is wrong")
	}
}

func TestCanRenew(t *testing.T) {
	uniLimits := universityLimits()[0].Limits
	overdueBlocks := undergradPolicy
	overdueBlocks.OverdueBlocksRenewal = true
	reserveBlocks := reservePolicy
	reserveBlocks.OverdueBlocksRenewal = true

	// An undergraduate renews on 10月5日 a book due 10月8日.
	base := func() RenewalState {
		return RenewalState{
			Now: sh(2024, 10, 5, 10, 0), Loc: cst,
			Reader: ReaderState{Card: CardActive, ExpiresOn: day(2028, 7, 1), Loans: 3},
			Policy: undergradPolicy, Limits: uniLimits,
			Due: eod(2024, 10, 8),
		}
	}
	tests := []struct {
		name   string
		mutate func(*RenewalState)
		want   []Reason
	}{
		{"may renew", func(s *RenewalState) {}, nil},
		{"renewals used up", func(s *RenewalState) { s.RenewalsUsed = 1 }, []Reason{ReasonRenewalsExhausted}},
		{"postgraduate has a second renewal", func(s *RenewalState) {
			s.Policy = resolve(t, universityRows(), "postgrad", "book", "MAIN")
			s.RenewalsUsed = 1
		}, nil},
		{"no renewals at all", func(s *RenewalState) { s.Policy = avPolicy }, []Reason{ReasonRenewalsExhausted}},
		{"held for another reader", func(s *RenewalState) { s.HeldForOther = true }, []Reason{ReasonItemHeldForOther}},
		{"recalled", func(s *RenewalState) { s.Recalled = true }, []Reason{ReasonLoanRecalled}},
		{"overdue and the policy blocks it", func(s *RenewalState) { s.Policy = overdueBlocks; s.Now = sh(2024, 10, 9, 9, 0) },
			[]Reason{ReasonOverdueBlocksRenewal}},
		{"late on the due day is not overdue", func(s *RenewalState) { s.Policy = overdueBlocks; s.Now = sh(2024, 10, 8, 23, 0) }, nil},
		{"overdue but the policy allows it", func(s *RenewalState) { s.Now = sh(2024, 10, 9, 9, 0) }, nil},
		{"hour loan overdue by a minute", func(s *RenewalState) {
			s.Policy, s.Due, s.Now = reserveBlocks, sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 16, 1)
		}, []Reason{ReasonOverdueBlocksRenewal}},
		{"hour loan on time", func(s *RenewalState) {
			s.Policy, s.Due, s.Now = reserveBlocks, sh(2024, 10, 10, 16, 0), sh(2024, 10, 10, 15, 59)
		}, nil},
		{"lost card", func(s *RenewalState) { s.Reader.Card = CardLost }, []Reason{ReasonCardLost}},
		{"card expired", func(s *RenewalState) { s.Reader.ExpiresOn = day(2024, 9, 30) }, []Reason{ReasonCardExpired}},
		{"fees over the limit", func(s *RenewalState) { s.Reader.FeesOwedFen = 1500 }, []Reason{ReasonFeesOverLimit}},
		{"other overdue items and a full card do not block a renewal", func(s *RenewalState) { s.Reader.OverdueItems, s.Reader.Loans = 3, 10 }, nil},
		{"the rules no longer lend", func(s *RenewalState) { s.Policy = Policy{NotForLoan: true} },
			[]Reason{ReasonItemNotForLoan, ReasonRenewalsExhausted}},
		{"everything at once, in order", func(s *RenewalState) {
			s.Policy = overdueBlocks
			s.Now = sh(2024, 10, 20, 9, 0)
			s.Reader = ReaderState{Card: CardBlocked, ExpiresOn: day(2024, 10, 1), FeesOwedFen: 5000}
			s.RenewalsUsed, s.Recalled, s.HeldForOther = 1, true, true
		}, []Reason{ReasonCardBlocked, ReasonCardExpired, ReasonFeesOverLimit, ReasonLoanRecalled, ReasonRenewalsExhausted,
			ReasonOverdueBlocksRenewal, ReasonItemHeldForOther}},
	}
	for _, tt := range tests {
		s := base()
		tt.mutate(&s)
		got := CanRenew(s)
		if !slices.Equal(reasons(got), tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, reasons(got), tt.want)
		}
		if !inOrder(reasons(got), RenewalReasons) {
			t.Errorf("%s: %v not in the documented order", tt.name, reasons(got))
		}
	}
}
