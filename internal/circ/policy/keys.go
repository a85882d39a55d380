package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"lantai.dev/lantai/internal/circ/rules"
)

// refusalPrefix starts the translation key of a refusal reason.
const refusalPrefix = "circ_refusal."

// RefusalKey returns the translation key of a reason to refuse a loan or a
// renewal (rules.CheckoutReasons, rules.RenewalReasons). Its message takes
// the arguments of RefusalArgs.
func RefusalKey(r rules.Reason) string { return refusalPrefix + string(r) }

// RefusalKeys lists the translation keys of every reason rules.CanBorrow
// and rules.CanRenew may give.
func RefusalKeys() []string {
	var out []string
	for _, r := range append(slices.Clone(rules.CheckoutReasons), rules.RenewalReasons...) {
		if k := RefusalKey(r); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// StepKeys lists the translation keys of the explanation steps of
// rules.Resolve and rules.ResolveLimits; their messages take the step's
// own arguments.
func StepKeys() []string { return slices.Clone(rules.StepKeys) }

// RefusalArgs returns the arguments of a refusal's message: the refusal's
// own, plus each amount in fen (an argument named …Fen) written in yuan
// under the name without Fen ("OwedFen" 1250 → "Owed" "12.50"), and each
// moment written as a local date and time in loc ("2026-09-01 23:59").
func RefusalArgs(r rules.Refusal, loc *time.Location) map[string]any {
	if loc == nil {
		loc = rules.DefaultLocation()
	}
	out := make(map[string]any, 2*len(r.Args))
	for k, v := range r.Args {
		out[k] = v
		switch x := v.(type) {
		case int64:
			if name, ok := strings.CutSuffix(k, "Fen"); ok && name != "" {
				out[name] = Yuan(x)
			}
		case time.Time:
			out[k] = x.In(loc).Format("2006-01-02 15:04")
		}
	}
	return out
}

// Yuan writes an amount in fen as yuan with two decimals: 1250 → "12.50",
// -5 → "-0.05".
func Yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}
