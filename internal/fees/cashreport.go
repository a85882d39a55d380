package fees

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// CashReport is the day's money at the desks 日结: for one calendar day in
// the library's zone, what each person took in and paid out at each desk,
// by method, with totals. Waivers and replacement copies move no money;
// they are shown beside it.
type CashReport struct {
	Date string    `json:"date"` // YYYY-MM-DD in the library's zone
	From time.Time `json:"from"` // the day's first moment, UTC
	To   time.Time `json:"to"`   // the next day's first moment, UTC
	// Lines has one line per desk, person and method (method "" for
	// waivers and replacement copies), sorted by desk, person, method.
	Lines []CashLine `json:"lines"`
	// People sums Lines per desk and person (Method "").
	People []CashLine `json:"people"`
	// Methods sums Lines per method (Desk and Actor "").
	Methods []CashLine `json:"methods"`
	Total   CashLine   `json:"total"`
}

// CashLine sums the transactions of one group.
type CashLine struct {
	Desk   string `json:"desk"`
	Actor  string `json:"actor"`
	Method Method `json:"method"`
	Count  int    `json:"count"` // transactions

	PaymentsFen       int64 `json:"payments_fen"`
	DepositsFen       int64 `json:"deposits_fen"`
	RefundsFen        int64 `json:"refunds_fen"`
	DepositRefundsFen int64 `json:"deposit_refunds_fen"`
	// InFen − OutFen = NetFen is the money the till should have gained.
	InFen  int64 `json:"in_fen"`
	OutFen int64 `json:"out_fen"`
	NetFen int64 `json:"net_fen"`

	WaivedFen   int64 `json:"waived_fen"`
	ReplacedFen int64 `json:"replaced_fen"`
}

func (l *CashLine) add(kind TxKind, n int, fen int64) {
	l.Count += n
	switch kind {
	case TxPayment:
		l.PaymentsFen += fen
		l.InFen += fen
	case TxDeposit:
		l.DepositsFen += fen
		l.InFen += fen
	case TxRefund:
		l.RefundsFen += fen
		l.OutFen += fen
	case TxDepositRefund:
		l.DepositRefundsFen += fen
		l.OutFen += fen
	case TxWaiver:
		l.WaivedFen += fen
	case TxReplacement:
		l.ReplacedFen += fen
	}
	l.NetFen = l.InFen - l.OutFen
}

// DayBounds returns the first moment of a calendar day written YYYY-MM-DD
// in loc and the first moment of the next day, in UTC.
func DayBounds(date string, loc *time.Location) (time.Time, time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(date), loc)
	if err != nil {
		return time.Time{}, time.Time{}, invalid("error.report_date_invalid", "date", "Value", date)
	}
	return d.UTC(), d.AddDate(0, 0, 1).UTC(), nil
}

// DailyCashReport sums a day's transactions per desk, person and method
// (circ.fees or reports.view). date is YYYY-MM-DD in the library's zone.
func (s *Service) DailyCashReport(ctx context.Context, a auth.Actor, date string) (CashReport, error) {
	if !a.CanAny(auth.PermCircFees, auth.PermReportsView) {
		return CashReport{}, a.Require(auth.PermCircFees)
	}
	from, to, err := DayBounds(date, s.loc)
	if err != nil {
		return CashReport{}, err
	}
	rep := CashReport{Date: from.In(s.loc).Format(time.DateOnly), From: from, To: to}
	type group struct {
		desk, actor, method, kind string
		n                         int
		fen                       int64
	}
	var groups []group
	err = s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT desk, actor_name, method, kind, COUNT(*), CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT)
			FROM fee_transactions WHERE created_at >= $1 AND created_at < $2
			GROUP BY desk, actor_name, method, kind`, from, to)
		groups, err = db.Collect(rows, err, func(r *sql.Rows) (group, error) {
			var g group
			return g, r.Scan(&g.desk, &g.actor, &g.method, &g.kind, &g.n, &g.fen)
		})
		return err
	})
	if err != nil {
		return CashReport{}, fmt.Errorf("cash report %s: %w", date, err)
	}
	type key struct{ desk, actor, method string }
	lines, people, methods := map[key]*CashLine{}, map[key]*CashLine{}, map[key]*CashLine{}
	get := func(m map[key]*CashLine, k key) *CashLine {
		if m[k] == nil {
			m[k] = &CashLine{Desk: k.desk, Actor: k.actor, Method: Method(k.method)}
		}
		return m[k]
	}
	for _, g := range groups {
		kind := TxKind(g.kind)
		get(lines, key{g.desk, g.actor, g.method}).add(kind, g.n, g.fen)
		get(people, key{g.desk, g.actor, ""}).add(kind, g.n, g.fen)
		get(methods, key{"", "", g.method}).add(kind, g.n, g.fen)
		rep.Total.add(kind, g.n, g.fen)
	}
	rep.Lines, rep.People, rep.Methods = sortedLines(lines), sortedLines(people), sortedLines(methods)
	return rep, nil
}

// sortedLines lists the lines by desk, person and method (methods in the
// order of Methods, non-cash last).
func sortedLines[K comparable](m map[K]*CashLine) []CashLine {
	rank := func(x Method) int {
		for i, y := range Methods {
			if x == y {
				return i
			}
		}
		return len(Methods)
	}
	out := make([]CashLine, 0, len(m))
	for _, l := range m {
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Desk != b.Desk {
			return a.Desk < b.Desk
		}
		if a.Actor != b.Actor {
			return a.Actor < b.Actor
		}
		return rank(a.Method) < rank(b.Method)
	})
	return out
}
