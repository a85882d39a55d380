package policy_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/i18n"
)

// sampleArgs has a value for every argument the messages of this package
// take, so that a template naming a missing argument shows "<no value>".
var sampleArgs = map[string]any{
	// explanation steps
	"Category": "staff", "ItemType": "book", "Branch": "LAW", "Rank": 1, "Row": int64(4), "Key": "staff/*/*",
	"Exact": "category", "Matches": 2, "Over": int64(1), "OverKey": "*/*/*", "Dimension": "category",
	// domain errors
	"Subject": "staff/book/*", "Field": "period", "Problem": "negative", "Value": "-3", "ID": int64(7), "Max": 90, "Code": "MOON",
}

// refusalSample is a refusal of each reason with the arguments rules gives.
func refusalSample(r rules.Reason) rules.Refusal {
	args := map[rules.Reason]map[string]any{
		rules.ReasonCardInvalid:          {"Status": "stolen"},
		rules.ReasonCardExpired:          {"ExpiresOn": "2026-07-01"},
		rules.ReasonFeesOverLimit:        {"OwedFen": int64(1250), "MaxFen": int64(1000)},
		rules.ReasonHasOverdue:           {"Count": 1, "Max": 0},
		rules.ReasonTooManyItems:         {"Count": 10, "Max": 10},
		rules.ReasonTooManyOfType:        {"Count": 2, "Max": 2},
		rules.ReasonDepositInsufficient:  {"DepositFen": int64(10000), "NeededFen": int64(12380)},
		rules.ReasonItemNotForLoan:       {"Source": "policy"},
		rules.ReasonItemNotAvailable:     {"Status": "on_loan"},
		rules.ReasonRenewalsExhausted:    {"Used": 1, "Max": 1},
		rules.ReasonOverdueBlocksRenewal: {"Due": time.Date(2026, 9, 1, 15, 59, 59, 0, time.UTC)},
	}
	return rules.Refusal{Reason: r, Overridable: r.Overridable(), Args: args[r]}
}

// TestEveryKeyIsTranslated fails when a key that the rules produce (the
// explanation steps, the checkout and renewal refusals) or a domain error
// of this package is missing in a locale, or renders with a missing
// argument.
func TestEveryKeyIsTranslated(t *testing.T) {
	c := i18n.MustLoad()
	check := func(key string, args map[string]any) {
		t.Helper()
		for _, loc := range i18n.Locales {
			if !c.Has(loc, key) {
				t.Errorf("%s is missing in %s", key, loc)
				continue
			}
			got := c.T(loc, key, args)
			if got == key || strings.Contains(got, "<no value>") || strings.Contains(got, "{{") {
				t.Errorf("%s in %s renders %q", key, loc, got)
			}
		}
	}
	if len(policy.StepKeys()) < 11 {
		t.Fatalf("step keys %v", policy.StepKeys())
	}
	for _, k := range policy.StepKeys() {
		check(k, sampleArgs)
	}
	for _, k := range policy.ErrorKeys() {
		check(k, sampleArgs)
	}
	seen := map[string]bool{}
	for _, r := range append(slices.Clone(rules.CheckoutReasons), rules.RenewalReasons...) {
		ref := refusalSample(r)
		key := policy.RefusalKey(r)
		seen[key] = true
		check(key, policy.RefusalArgs(ref, nil))
	}
	if keys := policy.RefusalKeys(); len(keys) != len(seen) {
		t.Errorf("RefusalKeys has %d keys, the reasons %d", len(keys), len(seen))
	}
}

func TestMessages(t *testing.T) {
	c := i18n.MustLoad()
	for _, tt := range []struct {
		loc, key string
		args     map[string]any
		want     string
	}{
		{i18n.EN, "rules.beat", map[string]any{"Row": int64(9), "Over": int64(4), "OverKey": "undergraduate/*/*", "Dimension": "branch"},
			"Rule row 9 beats row 4 (undergraduate/*/*) because it names the branch exactly."},
		{i18n.ZH, "rules.beat", map[string]any{"Row": int64(9), "Over": int64(4), "OverKey": "undergraduate/*/*", "Dimension": "item_type"},
			"借阅规则 9 优先于规则 4（undergraduate/*/*），因为它指定了具体的文献类型。"},
		{i18n.EN, policy.RefusalKey(rules.ReasonFeesOverLimit), policy.RefusalArgs(refusalSample(rules.ReasonFeesOverLimit), nil),
			"The reader owes 12.50 yuan, more than the limit of 10.00 yuan."},
		{i18n.ZH, policy.RefusalKey(rules.ReasonOverdueBlocksRenewal), policy.RefusalArgs(refusalSample(rules.ReasonOverdueBlocksRenewal), nil),
			"此书已超期（应还时间 2026-09-01 23:59），不能续借。"},
		{i18n.EN, policy.RefusalKey(rules.ReasonItemNotForLoan), map[string]any{"Source": "item"}, "This copy is not for loan."},
		{i18n.EN, policy.RefusalKey(rules.ReasonCardExpired), map[string]any{"ExpiresOn": ""}, "The card has expired."},
		{i18n.EN, "error.circ_policy_empty", map[string]any{"Subject": "", "Field": "branch"}, "branch is required (use * for any)."},
	} {
		if got := c.T(tt.loc, tt.key, tt.args); got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.loc, tt.key, got, tt.want)
		}
	}
}

func TestYuan(t *testing.T) {
	for fen, want := range map[int64]string{0: "0.00", 5: "0.05", 1250: "12.50", 100000: "1000.00", -5: "-0.05", -1250: "-12.50"} {
		if got := policy.Yuan(fen); got != want {
			t.Errorf("Yuan(%d) = %q, want %q", fen, got, want)
		}
	}
	args := policy.RefusalArgs(refusalSample(rules.ReasonDepositInsufficient), nil)
	if args["Deposit"] != "100.00" || args["Needed"] != "123.80" || args["DepositFen"] != int64(10000) {
		t.Errorf("deposit args %v", args)
	}
}
