package policy

import (
	"errors"
	"fmt"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ/rules"
)

// problemKeys translate the Problem codes of rules.ValidationError. Each
// message takes Subject (the row's pattern, e.g. undergrad/book/*, or the
// calendar's branch), Field and Value.
var problemKeys = map[string]string{
	"negative":      "error.circ_policy_negative",
	"zero":          "error.circ_policy_zero",
	"too_long":      "error.circ_policy_too_long",
	"unknown":       "error.circ_policy_unknown",
	"day_loan":      "error.circ_policy_day_loan",
	"both_fines":    "error.circ_policy_both_fines",
	"duplicate":     "error.circ_policy_duplicate",
	"invalid_date":  "error.circ_policy_invalid_date",
	"reversed":      "error.circ_policy_reversed",
	"invalid_hours": "error.circ_policy_invalid_hours",
	"overlap":       "error.circ_policy_overlap",
	"not_a_code":    "error.circ_policy_not_a_code",
	"empty":         "error.circ_policy_empty",
}

// problemFallback translates a Problem code missing from problemKeys.
const problemFallback = "error.circ_policy_invalid"

// ErrorKeys lists the translation keys of this package's own domain errors,
// for the translation test.
func ErrorKeys() []string {
	keys := []string{problemFallback,
		"error.circ_rule_not_found", "error.circ_rule_exists",
		"error.circ_limit_not_found", "error.circ_limit_exists",
		"error.circ_calendar_not_found", "error.circ_time_zone", "error.circ_hold_pickup_days",
		"error.circ_query", "error.branch_unknown", "error.item_type_unknown"}
	for _, k := range problemKeys {
		keys = append(keys, k)
	}
	return keys
}

// invalid turns the first *rules.ValidationError in err into an Invalid
// domain error about subject (a row pattern or a branch; "" for the
// error's own subject), naming the field; other errors pass through with
// context.
func invalid(err error, subject string) error {
	var ve *rules.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("%s: %w", subject, err)
	}
	if subject == "" {
		subject = ve.Subject
	}
	key, ok := problemKeys[ve.Problem]
	if !ok {
		key = problemFallback
	}
	value := ""
	if ve.Value != nil {
		value = fmt.Sprint(ve.Value)
	}
	return apperr.New(apperr.Invalid, key, "Subject", subject, "Field", ve.Field, "Problem", ve.Problem, "Value", value).
		WithField(ve.Field).WithCause(err)
}
