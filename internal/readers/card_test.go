package readers_test

import (
	"errors"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/readers"
)

// byCard runs the tx-level lookup circulation uses, in a transaction of
// its own.
func byCard(t *testing.T, e env, number string) (readers.Reader, error) {
	t.Helper()
	var r readers.Reader
	err := e.d.Write(ctx, func(tx *db.Tx) error {
		var err error
		r, err = readers.ByCard(tx, number)
		return err
	})
	return r, err
}

func TestCardLifecycle(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := register(t, e, "C001", "孙七")
		if got, err := byCard(t, e, "c001"); err != nil || got.ID != r.ID {
			t.Fatalf("active card: %+v %v", got, err)
		}
		if _, err := byCard(t, e, "C999"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("unknown card: %v", err)
		}

		// 挂失: refused from the moment the report commits.
		lost, err := e.r.ReportLost(ctx, desk, r.ID, "丢在食堂")
		if err != nil || lost.CardStatus != readers.CardLost || lost.LoanStatus() != "lost" || lost.Version != 2 {
			t.Fatalf("report lost: %+v %v", lost, err)
		}
		_, err = byCard(t, e, "C001")
		if !errors.Is(err, readers.ErrCardLost) || errors.Is(err, readers.ErrCardReplaced) {
			t.Fatalf("lost card: %v", err)
		}
		wantErr(t, "lost card", err, apperr.Conflict, "error.card_lost")
		_, err = e.r.ReportLost(ctx, desk, r.ID, "")
		wantErr(t, "report twice", err, apperr.Conflict, "error.card_already_lost")

		// 解挂: found again.
		if _, err := e.r.Unblock(ctx, desk, r.ID, "找到了"); err != nil {
			t.Fatal(err)
		}
		if _, err := byCard(t, e, "C001"); err != nil {
			t.Fatalf("after unblock: %v", err)
		}
		_, err = e.r.Unblock(ctx, desk, r.ID, "")
		wantErr(t, "unblock active card", err, apperr.Conflict, "error.card_not_lost")

		// Lost again, then 补办 with a fee: a new number, the old card kept
		// as replaced and refused for ever.
		if _, err := e.r.ReportLost(ctx, desk, r.ID, ""); err != nil {
			t.Fatal(err)
		}
		other := register(t, e, "C002", "周八")
		_, err = e.r.Replace(ctx, desk, r.ID, readers.Replacement{NewNumber: "C002"})
		wantErr(t, "replace with a used number", err, apperr.Conflict, "error.card_taken")
		noFees := auth.Actor{Name: "readers office", Perms: auth.PermSet{auth.PermCircReaders: true}}
		_, err = e.r.Replace(ctx, noFees, r.ID, readers.Replacement{NewNumber: "C003", FeeFen: 500})
		wantErr(t, "fee without circ.fees", err, apperr.Forbidden, "error.forbidden")
		rep, err := e.r.Replace(ctx, desk, r.ID, readers.Replacement{NewNumber: "c003", FeeFen: 500, Note: "补办"})
		if err != nil || rep.CardNumber != "C003" || rep.CardStatus != readers.CardActive {
			t.Fatalf("replace: %+v %v", rep, err)
		}
		_, err = byCard(t, e, "C001")
		if !errors.Is(err, readers.ErrCardReplaced) {
			t.Fatalf("replaced card: %v", err)
		}
		wantErr(t, "replaced card", err, apperr.Conflict, "error.card_replaced")
		if got, err := byCard(t, e, "C003"); err != nil || got.ID != r.ID {
			t.Fatalf("new card: %+v %v", got, err)
		}
		holder, old, err := e.r.GetByCard(ctx, desk, "C001")
		if err != nil || holder.ID != r.ID || old.Status != readers.CardReplaced || old.ReplacedAt == nil {
			t.Fatalf("old card for the desk: %+v %+v %v", holder, old, err)
		}
		cards, err := e.r.Cards(ctx, desk, r.ID)
		if err != nil || len(cards) != 2 || cards[0].Number != "C001" || cards[0].ReplacedBy != cards[1].ID ||
			cards[0].LostAt == nil || cards[1].Status != readers.CardActive {
			t.Fatalf("card history: %+v %v", cards, err)
		}
		events, err := e.r.CardHistory(ctx, desk, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var seq []string
		for _, ev := range events {
			seq = append(seq, ev.Card+":"+ev.Event)
		}
		want := []string{"C001:issued", "C001:lost", "C001:unblocked", "C001:lost", "C001:replaced", "C003:issued"}
		if len(seq) != len(want) {
			t.Fatalf("events %v, want %v", seq, want)
		}
		for i := range want {
			if seq[i] != want[i] {
				t.Fatalf("events %v, want %v", seq, want)
			}
		}
		st, err := e.f.Statement(ctx, desk, r.ID)
		if err != nil || st.OwedFen != 500 || len(st.Entries) != 1 || st.Entries[0].Kind != "card_replacement" {
			t.Fatalf("replacement fee: %+v %v", st, err)
		}
		if st, _ := e.f.Statement(ctx, desk, other.ID); st.OwedFen != 0 {
			t.Fatalf("the other reader owes %d", st.OwedFen)
		}

		// Expire and extend.
		exp, err := e.r.Expire(ctx, desk, r.ID, "")
		if err != nil || exp.CardStatus != readers.CardExpired || exp.LoanStatus() != "expired" {
			t.Fatalf("expire: %+v %v", exp, err)
		}
		if _, err := byCard(t, e, "C003"); !errors.Is(err, readers.ErrCardExpired) {
			t.Fatalf("expired card: %v", err)
		}
		_, err = e.r.Expire(ctx, desk, r.ID, "")
		wantErr(t, "expire twice", err, apperr.Conflict, "error.card_not_active")
		_, err = e.r.Extend(ctx, desk, r.ID, "2026-08-31") // yesterday in Shanghai
		wantErr(t, "extend into the past", err, apperr.Invalid, "error.expiry_past")
		_, err = e.r.Extend(ctx, desk, r.ID, "someday")
		wantErr(t, "extend to no date", err, apperr.Invalid, "error.expiry_invalid")
		ext, err := e.r.Extend(ctx, desk, r.ID, "2031/7/1")
		if err != nil || ext.ExpiresOn != "2031-07-01" || ext.CardStatus != readers.CardActive {
			t.Fatalf("extend: %+v %v", ext, err)
		}
		if _, err := byCard(t, e, "C003"); err != nil {
			t.Fatalf("extended card: %v", err)
		}
	})
}

func TestExpireDue(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		a := register(t, e, "E001", "甲")
		b := register(t, e, "E002", "乙")
		if _, err := e.r.Update(ctx, desk, a.ID, readers.Details{Name: "甲", Category: "undergraduate", ExpiresOn: "2026-09-01"}, 0); err != nil {
			t.Fatal(err)
		}
		// 2026-09-01 23:30 in Shanghai: the card is still valid today.
		e.c.Set(time.Date(2026, 9, 1, 15, 30, 0, 0, time.UTC))
		if n, err := e.r.ExpireDue(ctx, desk); err != nil || n != 0 {
			t.Fatalf("on its last day: %d %v", n, err)
		}
		e.c.Set(time.Date(2026, 9, 1, 16, 30, 0, 0, time.UTC)) // 00:30 on the 2nd
		if n, err := e.r.ExpireDue(ctx, desk); err != nil || n != 1 {
			t.Fatalf("the day after: %d %v", n, err)
		}
		if got, _ := e.r.Get(ctx, desk, a.ID); got.CardStatus != readers.CardExpired || !got.ExpiredOn("2026-09-02") {
			t.Fatalf("expired reader: %+v", got)
		}
		if got, _ := e.r.Get(ctx, desk, b.ID); got.CardStatus != readers.CardActive {
			t.Fatalf("other reader: %+v", got)
		}
		if n, _ := e.r.ExpireDue(ctx, desk); n != 0 {
			t.Fatalf("expired twice: %d", n)
		}
	})
}

func TestBlock(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := register(t, e, "B001", "吴九")
		_, err := e.r.Block(ctx, desk, r.ID, " ")
		wantErr(t, "block without reason", err, apperr.Invalid, "error.block_reason_required")
		b, err := e.r.Block(ctx, desk, r.ID, "多次逾期")
		if err != nil || b.Status != readers.StatusBlocked || b.BlockReason != "多次逾期" || b.LoanStatus() != "blocked" {
			t.Fatalf("block: %+v %v", b, err)
		}
		// A blocked reader's card still identifies them: the loan rules refuse.
		if got, err := byCard(t, e, "B001"); err != nil || got.Status != readers.StatusBlocked {
			t.Fatalf("blocked reader by card: %+v %v", got, err)
		}
		_, err = e.r.Block(ctx, desk, r.ID, "again")
		wantErr(t, "block twice", err, apperr.Conflict, "error.reader_already_blocked")
		l, err := e.r.LiftBlock(ctx, desk, r.ID)
		if err != nil || l.Status != readers.StatusActive || l.BlockReason != "" {
			t.Fatalf("lift: %+v %v", l, err)
		}
		_, err = e.r.LiftBlock(ctx, desk, r.ID)
		wantErr(t, "lift twice", err, apperr.Conflict, "error.reader_not_blocked")
	})
}
