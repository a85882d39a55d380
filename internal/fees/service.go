// Package fees is the fee ledger 费用: overdue fines, lost and damaged
// items, processing and card-replacement fees (entries), and what settles
// them — payments (partial ones too), waivers, replacement copies 赔书 and
// refunds — as well as deposits 押金 taken and given back (transactions).
//
// The ledger is append-only (the database refuses UPDATE and DELETE on it):
// what a reader owes and the deposit they hold are always derived from the
// rows. Money is an integer number of fen. Every transaction has a receipt
// number; the daily cash report sums the money per desk, person and method.
//
// Each business operation is one Service method in one transaction with a
// permission check and an audit entry. Circulation, which charges a fine
// inside its own check-in transaction, uses the tx-level functions
// (ChargeTx, BalanceTx, …), which leave the permission check to their
// caller.
package fees

import (
	"fmt"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Service is the fee ledger.
type Service struct {
	db  *db.DB
	loc *time.Location
}

// NewService returns the fee ledger over d. loc is the library's time zone,
// which decides what "a day" is in the daily cash report (Asia/Shanghai
// when nil).
func NewService(d *db.DB, loc *time.Location) *Service {
	if loc == nil {
		loc = DefaultLocation()
	}
	return &Service{db: d, loc: loc}
}

// DefaultLocation is Asia/Shanghai, or a fixed UTC+8 zone when the system
// has no zone database (the same thing since 1992).
func DefaultLocation() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// Kind is what a fee entry charges for.
type Kind string

// The kinds of charge.
const (
	KindOverdue         Kind = "overdue"          // 超期罚款
	KindLost            Kind = "lost"             // 丢失赔款 (the item's price)
	KindProcessing      Kind = "processing"       // 加工费 of a lost item
	KindDamage          Kind = "damage"           // 污损赔款
	KindCardReplacement Kind = "card_replacement" // 补证费
	KindOther           Kind = "other"
)

// Kinds lists the kinds of charge in display order.
var Kinds = []Kind{KindOverdue, KindLost, KindProcessing, KindDamage, KindCardReplacement, KindOther}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// TxKind is what a ledger transaction does.
type TxKind string

// The kinds of transaction.
const (
	TxPayment       TxKind = "payment"        // money in against charges
	TxWaiver        TxKind = "waiver"         // charges forgiven, no money
	TxReplacement   TxKind = "replacement"    // a lost item settled by a replacement copy (赔书), no money
	TxRefund        TxKind = "refund"         // money out against a paid charge, which is annulled
	TxDeposit       TxKind = "deposit"        // a deposit taken (money in, held)
	TxDepositRefund TxKind = "deposit_refund" // a deposit given back (money out)
)

// TxKinds lists the kinds of transaction in display order.
var TxKinds = []TxKind{TxPayment, TxWaiver, TxReplacement, TxRefund, TxDeposit, TxDepositRefund}

// moves tells whether a transaction moves money (and so needs a method).
func (k TxKind) moves() bool { return k != TxWaiver && k != TxReplacement }

// Method is how money changed hands.
type Method string

// The payment methods.
const (
	MethodCash     Method = "cash"
	MethodWeChat   Method = "wechat"
	MethodAlipay   Method = "alipay"
	MethodCard     Method = "card" // bank or campus card
	MethodTransfer Method = "transfer"
	MethodOther    Method = "other"
)

// Methods lists the payment methods in display order.
var Methods = []Method{MethodCash, MethodWeChat, MethodAlipay, MethodCard, MethodTransfer, MethodOther}

// Valid reports whether m is one of Methods.
func (m Method) Valid() bool {
	for _, x := range Methods {
		if x == m {
			return true
		}
	}
	return false
}

// MaxAmountFen bounds a single charge or transaction (¥1,000,000), which
// catches a price typed in fen where yuan were meant.
const MaxAmountFen = 100_000_000

// FormatYuan writes an amount of fen as yuan with two decimals: 1250 →
// "12.50", -5 → "-0.05".
func FormatYuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}

func invalid(key, field string, args ...any) error {
	return apperr.New(apperr.Invalid, key, args...).WithField(field)
}

func conflict(key string, args ...any) error { return apperr.New(apperr.Conflict, key, args...) }

func notFound(key string, args ...any) error { return apperr.New(apperr.NotFound, key, args...) }

// nextCounter returns the next value of a named counter, atomically within
// the transaction.
func nextCounter(tx *db.Tx, name string) (int64, error) {
	var v int64
	err := tx.QueryRow(`INSERT INTO counters (name, value) VALUES ($1, 1)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`, name).Scan(&v)
	return v, err
}

// actorName is the name stored with a ledger row (as the audit log does).
func actorName(a auth.Actor) string {
	if a.Name == "" {
		return "unknown"
	}
	return a.Name
}
