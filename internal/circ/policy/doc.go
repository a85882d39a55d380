// Package policy stores the loan rules of circulation: the rule rows of the
// policy matrix (reader category × item type × branch), the limit rows, the
// calendar of each branch and the circulation settings (time zone, whether
// fines count open days only, hold pickup days).
//
// The rules themselves — what a row means, which row wins, due dates and
// fines — are the pure functions of package circ/rules; this package keeps
// their data in the database, checks every change with those functions, and
// hands circulation a Snapshot of everything it needs, inside circulation's
// own transaction (Service.Load). Every change bumps a version counter in
// the same transaction, so a server node compares the version and reloads
// when another node changed the rules: no node ever lends under stale
// rules.
//
// Explain answers the staff question "what does this reader get for this
// item, and why": the winning rule and limit rows with the trail of the
// decision, as translation keys (StepKeys, RefusalKey).
package policy
