package circ

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// The refusal reasons circulation adds to those of package rules. Their
// translation keys are policy.RefusalKey(reason), like the others.
const (
	// ReasonCardReplaced: the card presented was replaced by a newer one
	// (补办); not overridable.
	ReasonCardReplaced rules.Reason = "card_replaced"
	// ReasonProxyNotAuthorised: the card's holder is not authorised to
	// borrow for the reader named (委托借还); not overridable.
	ReasonProxyNotAuthorised rules.Reason = "proxy_not_authorised"
	// ReasonHoldNotAllowed: the rules allow no hold on this record or item
	// for the reader (no item may be held, or none exists).
	ReasonHoldNotAllowed rules.Reason = "hold_not_allowed"
	// ReasonHoldExists: the reader already holds this record; not
	// overridable.
	ReasonHoldExists rules.Reason = "hold_exists"
	// ReasonTooManyHolds: the reader has as many holds as the limits allow.
	ReasonTooManyHolds rules.Reason = "too_many_holds"
	// ReasonAlreadyOnLoan: the reader has a copy of the record on loan.
	ReasonAlreadyOnLoan rules.Reason = "already_on_loan"
)

// HoldReasons lists the reasons a hold may be refused, in the order they
// are given.
var HoldReasons = []rules.Reason{
	rules.ReasonCardLost, ReasonCardReplaced, rules.ReasonCardBlocked, rules.ReasonCardCleared, rules.ReasonCardInvalid,
	rules.ReasonCardExpired, rules.ReasonFeesOverLimit, ReasonHoldNotAllowed, ReasonHoldExists, ReasonTooManyHolds,
	ReasonAlreadyOnLoan,
}

// notOverridable are circulation's own reasons that no one may override.
var notOverridable = map[rules.Reason]bool{ReasonCardReplaced: true, ReasonProxyNotAuthorised: true, ReasonHoldExists: true}

// refusal makes a Refusal of one of circulation's own reasons.
func refusal(r rules.Reason, args ...any) rules.Refusal {
	ref := rules.Refusal{Reason: r, Overridable: !notOverridable[r] && r.Overridable()}
	if len(args) > 0 {
		ref.Args = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			ref.Args[args[i].(string)] = args[i+1]
		}
	}
	return ref
}

// merge appends the refusals of more to rs, skipping reasons already there.
func merge(rs []rules.Refusal, more ...rules.Refusal) []rules.Refusal {
	for _, r := range more {
		if !slices.ContainsFunc(rs, func(x rules.Refusal) bool { return x.Reason == r.Reason }) {
			rs = append(rs, r)
		}
	}
	return rs
}

// Op names what was refused.
type Op string

// The operations that may be refused.
const (
	OpCheckout Op = "checkout"
	OpRenew    Op = "renew"
	OpHold     Op = "hold"
)

// Refused is the cause inside the domain error of a refused checkout,
// renewal or hold: every reason, in the order of the rules, each saying
// whether it may be overridden. RefusalID is the record of the refusal.
type Refused struct {
	Op        Op              `json:"op"`
	Refusals  []rules.Refusal `json:"refusals"`
	RefusalID int64           `json:"refusal_id"`
}

// Error lists the reasons for logs.
func (r *Refused) Error() string {
	return fmt.Sprintf("circ: %s refused: %s", r.Op, strings.Join(reasonCodes(r.Refusals), ", "))
}

// Overridable reports whether every reason may be overridden.
func (r *Refused) Overridable() bool { return rules.AllOverridable(r.Refusals) }

// RefusalsOf returns the reasons of a refused checkout, renewal or hold
// inside err, for the desk to show them all (translate each with
// policy.RefusalKey and policy.RefusalArgs).
func RefusalsOf(err error) ([]rules.Refusal, bool) {
	var r *Refused
	if errors.As(err, &r) {
		return r.Refusals, true
	}
	return nil, false
}

func reasonCodes(rs []rules.Refusal) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r.Reason)
	}
	return out
}

// refusedKeys are the messages of refused operations.
var refusedKeys = map[Op]string{
	OpCheckout: "error.circ_checkout_refused",
	OpRenew:    "error.circ_renewal_refused",
	OpHold:     "error.circ_hold_refused",
}

// attempt is a refused (or overridden) operation, as recorded.
type attempt struct {
	op         Op
	readerID   int64
	category   string
	itemID     int64
	bibID      int64
	branch     string
	refusals   []rules.Refusal
	overridden bool
	// err is the domain error the caller returns (nil when overridden).
	err error
}

// refuse returns the attempt of a refused operation and its error: a
// Conflict listing every reason, or Forbidden when an override was asked
// by someone without circ.override, or Conflict error.circ_not_overridable
// when some reason may not be overridden.
func refuse(at attempt, overrideAsked bool, a auth.Actor) *attempt {
	cause := &Refused{Op: at.op, Refusals: at.refusals}
	reasons := strings.Join(reasonCodes(at.refusals), ", ")
	var e *apperr.Error
	switch {
	case overrideAsked && !a.Can(auth.PermCircOverride):
		e = apperr.New(apperr.Forbidden, "error.circ_override_forbidden", "Permission", string(auth.PermCircOverride), "Reasons", reasons)
	case overrideAsked:
		var fixed []string
		for _, r := range at.refusals {
			if !r.Overridable {
				fixed = append(fixed, string(r.Reason))
			}
		}
		e = apperr.New(apperr.Conflict, "error.circ_not_overridable", "Reasons", strings.Join(fixed, ", "))
	default:
		e = apperr.New(apperr.Conflict, refusedKeys[at.op], "Count", len(at.refusals), "Reasons", reasons,
			"Overridable", cause.Overridable())
	}
	at.err = e.WithCause(cause)
	return &at
}

// decide applies an override to refusals: it returns nil when the
// operation may go ahead (no refusal, or every one overridden by someone
// allowed), else the refused attempt.
func decide(at attempt, override string, a auth.Actor) *attempt {
	if len(at.refusals) == 0 {
		return nil
	}
	if override != "" && a.Can(auth.PermCircOverride) && rules.AllOverridable(at.refusals) {
		return nil
	}
	return refuse(at, override != "", a)
}

// record writes the attempt in circ_refusals with its reasons and sets
// the record's id in its error's Refused.
func (at *attempt) record(tx *db.Tx, a auth.Actor, loc *time.Location) error {
	id, err := tx.Insert(`INSERT INTO circ_refusals (at, day, op, reader_id, category, item_id, bib_id, branch, overridden,
		actor_id, actor_name, door) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		tx.Now, day(tx.Now, loc), string(at.op), nullID(at.readerID), at.category, nullID(at.itemID), nullID(at.bibID),
		at.branch, at.overridden, nullID(a.StaffID), actorName(a), string(a.Door))
	if err != nil {
		return fmt.Errorf("record refusal: %w", err)
	}
	var sb strings.Builder
	sb.WriteString(`INSERT INTO circ_refusal_reasons (refusal_id, reason) VALUES `)
	args := []any{id}
	seen := map[rules.Reason]bool{}
	for _, r := range at.refusals {
		if seen[r.Reason] {
			continue
		}
		seen[r.Reason] = true
		if len(args) > 1 {
			sb.WriteString(", ")
		}
		args = append(args, string(r.Reason))
		fmt.Fprintf(&sb, "($1, $%d)", len(args))
	}
	if _, err := tx.Exec(sb.String(), args...); err != nil {
		return fmt.Errorf("record refusal reasons: %w", err)
	}
	var r *Refused
	if errors.As(at.err, &r) {
		r.RefusalID = id
	}
	return nil
}

// ErrorKeys lists the translation keys of circulation's domain errors and
// of its own refusal reasons, for the translation test.
func ErrorKeys() []string {
	keys := []string{
		"error.circ_checkout_refused", "error.circ_renewal_refused", "error.circ_hold_refused",
		"error.circ_override_forbidden", "error.circ_not_overridable", "error.circ_due_needs_override",
		"error.circ_due_in_past", "error.circ_not_on_loan", "error.circ_loan_not_found", "error.circ_hold_not_found",
		"error.circ_hold_closed", "error.circ_proxy_not_found", "error.circ_proxy_self", "error.circ_proxy_exists",
		"error.circ_proxy_dates", "error.circ_proxy_revoked", "error.circ_already_recalled", "error.circ_hour_loan_recall",
		"error.circ_item_withdrawn", "error.circ_item_not_circulating", "error.circ_no_transit", "error.circ_damage_needs_loan", "error.circ_fee_invalid",
		"error.circ_options_invalid", "error.circ_hold_target", "error.circ_reader_required", "error.circ_stats_range",
		"error.circ_location_unknown", "error.not_your_account",
	}
	for _, r := range HoldReasons {
		keys = append(keys, policy.RefusalKey(r))
	}
	keys = append(keys, policy.RefusalKey(ReasonProxyNotAuthorised))
	return append(keys, policy.RefusalKeys()...)
}
