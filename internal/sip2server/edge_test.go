package sip2server_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/sip2"
	"lantai.dev/lantai/internal/sip2server"
)

// passwords is a PasswordChecker over fixed passwords, counting checks.
type passwords struct {
	by    map[int64]string
	calls atomic.Int64
}

func (p *passwords) CheckPassword(ctx context.Context, a auth.Actor, readerID int64, password string) (bool, error) {
	p.calls.Add(1)
	return p.by[readerID] != "" && p.by[readerID] == password, nil
}

// TestPatronPasswords: an empty password is not checked; a given one is
// checked with the reader's password of the public catalogue
// (readers.Service.CheckPassword, found by NewCirculation on its own) —
// remembered for the session, forgotten when it ends — and a wrong one
// refuses every transaction and withholds the lists.
func TestPatronPasswords(t *testing.T) {
	clk := clock.NewSettable(t0)
	dbtest.EachWithClock(t, clk, func(t *testing.T, d *db.DB) {
		clk.Set(t0)
		// The real check: readers' own passwords.
		w := newWorld(t, d, clk, nil)
		lib := w.library()
		must(t, w.rd.SetPassword(context.Background(), admin, lib.zhang, "zhang-pw-1"))
		k := w.login("kiosk1", "secret-one", sip2.UTF8)
		if ps := k.status("2024001", sip2.LanguageChinese, "zhang-pw-1"); ps.ValidPatronPassword != sip2.Yes || has(ps.ScreenMessage, "密码") {
			t.Fatalf("the reader's password %+v", ps)
		}
		if ps := k.status("2024001", sip2.LanguageChinese, "123456"); ps.ValidPatronPassword != sip2.No || ps.ValidPatron != sip2.Yes ||
			!has(ps.ScreenMessage, "读者密码错误") {
			t.Fatalf("a wrong password %+v", ps)
		}
		if ps := k.status("2024002", sip2.LanguageChinese, "123456"); ps.ValidPatronPassword != sip2.No {
			t.Fatalf("a password for a reader without one %+v", ps)
		}
		co := k.ask(&sip2.Checkout{SCRenewalPolicy: true, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", ItemID: "T0001",
			PatronPassword: "123456"}).(*sip2.CheckoutResponse)
		if co.OK || !has(co.ScreenMessage, "读者密码错误") || co.TitleID != "三体" {
			t.Fatalf("checkout with a wrong password %+v", co)
		}
		co = k.ask(&sip2.Checkout{SCRenewalPolicy: true, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", ItemID: "T0001",
			PatronPassword: "zhang-pw-1"}).(*sip2.CheckoutResponse)
		if !co.OK {
			t.Fatalf("checkout with the right password %+v", co)
		}
		if n := w.count(`SELECT COUNT(*) FROM login_failures WHERE key = 'reader:2024001'`); n != 2 {
			t.Fatalf("%d failures counted against the card", n)
		}

		// A PasswordChecker of the deployment's own (Deps.Passwords), which
		// counts its checks: a second server over the same library.
		pw := &passwords{by: map[int64]string{lib.zhang: "123456"}}
		h := sip2server.NewCirculation(sip2server.Deps{DB: d, Circ: w.cs, Policy: w.pol, Readers: w.rd, Fees: w.fs, Catalog: w.cat, Passwords: pw})
		w.rig = serve(t, d, h)
		k = w.login("kiosk1", "secret-one", sip2.UTF8)
		if ps := k.status("2024001", sip2.LanguageChinese, "123456"); ps.ValidPatronPassword != sip2.Yes || has(ps.ScreenMessage, "密码") {
			t.Fatalf("right password %+v", ps)
		}
		if ps := k.status("2024001", sip2.LanguageChinese, "654321"); ps.ValidPatronPassword != sip2.No || !has(ps.ScreenMessage, "读者密码错误") {
			t.Fatalf("wrong password %+v", ps)
		}
		if ps := k.status("2024001", sip2.LanguageChinese, ""); ps.ValidPatronPassword != sip2.Unknown {
			t.Fatalf("no password %+v", ps)
		}
		calls := pw.calls.Load()
		for _, bc := range []string{"T0002", "W0001"} {
			co := k.ask(&sip2.Checkout{SCRenewalPolicy: true, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", ItemID: bc,
				PatronPassword: "123456"}).(*sip2.CheckoutResponse)
			if !co.OK {
				t.Fatalf("checkout with the right password %+v", co)
			}
		}
		if n := pw.calls.Load() - calls; n != 0 {
			t.Fatalf("the password was checked %d more times in the session", n)
		}
		var s sip2.Summary
		s[sip2.SummaryChargedItems] = true
		pi := k.ask(&sip2.PatronInformation{Language: sip2.LanguageChinese, TransactionDate: reqDate, Summary: s, InstitutionID: "LT",
			PatronID: "2024001", PatronPassword: "wrong"}).(*sip2.PatronInformationResponse)
		if pi.ValidPatronPassword != sip2.No || pi.ChargedItems != nil || pi.ChargedItemsCount != 3 {
			t.Fatalf("patron information with a wrong password %+v", pi)
		}
		for _, m := range []sip2.Message{
			&sip2.Renew{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", ItemID: "T0001", PatronPassword: "wrong"},
			&sip2.RenewAll{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", PatronPassword: "wrong"},
			&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", ItemID: "P0001", PatronPassword: "wrong"},
			&sip2.FeePaid{TransactionDate: reqDate, FeeType: sip2.FeeOther, PaymentType: sip2.PaymentCash, Currency: "CNY", FeeAmount: "1.00",
				InstitutionID: "LT", PatronID: "2024001", PatronPassword: "wrong"},
		} {
			ans := k.ask(m)
			if ok, msgs := outcome(ans); ok || !has(msgs, "读者密码错误") {
				t.Errorf("%s with a wrong password: %+v", m.Name(), ans)
			}
		}
		// The end of the session forgets the password checked.
		k.ask(&sip2.EndPatronSession{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001"})
		calls = pw.calls.Load()
		k.ask(&sip2.Renew{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", ItemID: "T0001", PatronPassword: "123456"})
		if pw.calls.Load() != calls+1 {
			t.Fatal("the password was not checked again after the end of the session")
		}
	})
}

// outcome is the ok flag and screen messages of an answer.
func outcome(m sip2.Message) (bool, []string) {
	switch m := m.(type) {
	case *sip2.RenewResponse:
		return m.OK, m.ScreenMessage
	case *sip2.RenewAllResponse:
		return m.OK, m.ScreenMessage
	case *sip2.HoldResponse:
		return m.OK, m.ScreenMessage
	case *sip2.FeePaidResponse:
		return m.PaymentAccepted, m.ScreenMessage
	case *sip2.CheckoutResponse:
		return m.OK, m.ScreenMessage
	case *sip2.CheckinResponse:
		return m.OK, m.ScreenMessage
	}
	return false, nil
}

// TestGB18030Machine: an older Chinese kiosk speaks GB18030; titles,
// names and screen messages reach it in GB18030, and its Chinese reaches
// Lantai intact.
func TestGB18030Machine(t *testing.T) {
	clk := clock.NewSettable(t0)
	dbtest.EachWithClock(t, clk, func(t *testing.T, d *db.DB) {
		clk.Set(t0)
		w := newWorld(t, d, clk, nil)
		w.library()
		g := w.login("oldkiosk", "secret-two", sip2.GB18030)
		gb := sip2.Codec{Charset: sip2.GB18030}

		raw := g.raw(string(gb.Format(&sip2.PatronStatusRequest{Language: sip2.LanguageChinese, TransactionDate: reqDate,
			InstitutionID: "兰台", PatronID: "2024001"})))
		if utf8.ValidString(raw) || strings.Contains(raw, "张三") {
			t.Fatalf("a GB18030 machine was answered in UTF-8: %q", raw)
		}
		m, err := gb.Parse([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		if ps := m.(*sip2.PatronStatusResponse); ps.PersonalName != "张三" || ps.InstitutionID != "兰台" {
			t.Fatalf("patron status in GB18030 %+v", ps)
		}
		co := g.checkout("2024001", "T0001")
		if !co.OK || co.TitleID != "三体" || !has(co.ScreenMessage, "借书成功：《三体》，应还日期 2026-10-01") {
			t.Fatalf("GB18030 checkout %+v", co)
		}
		co = g.checkout("2024001", "R0001")
		if co.OK || co.TitleID != "新华字典" || !has(co.ScreenMessage, "按借阅规则，此类文献不外借") {
			t.Fatalf("GB18030 refusal %+v", co)
		}
		ci := g.checkin("T0001")
		if !ci.OK || ci.TitleID != "三体" || !has(ci.ScreenMessage, "还书成功：《三体》") {
			t.Fatalf("GB18030 checkin %+v", ci)
		}
		// Chinese from the machine (a title) reaches Lantai intact.
		ho := g.ask(&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", TitleID: "平凡的世界"}).(*sip2.HoldResponse)
		if !ho.OK || !has(ho.ScreenMessage, "预约成功：《平凡的世界》") {
			t.Fatalf("GB18030 hold by title %+v", ho)
		}
	})
}

// TestFailuresAreAnswered: an internal error (the database gone) and even
// a panic are answered with the protocol's negative answer and a generic
// screen message, the error's text is never shown, and the connection
// goes on.
func TestFailuresAreAnswered(t *testing.T) {
	clk := clock.NewSettable(t0)
	d := dbtest.SQLite(t, clk)
	w := newWorld(t, d, clk, nil)
	w.library()
	k := w.login("kiosk1", "secret-one", sip2.UTF8)
	if co := k.checkout("2024001", "T0001"); !co.OK {
		t.Fatalf("checkout %+v", co)
	}
	// A handler without services panics on every request.
	broken := serve(t, d, sip2server.NewCirculation(sip2server.Deps{}))
	w.rig = broken
	b := w.login("kiosk1", "secret-one", sip2.UTF8)
	for line, answer := range map[string]string{
		"11YN20260901    100000                  AOLT|AA2024001|AB T0002|AC|": "120NUN",
		"09N20260901    10000020260901    100000APx|AOLT|ABT0002|AC|":         "100NUY",
		"2301920260901    100000AOLT|AA2024001|AC|AD|":                        "24YYYY",
	} {
		got := b.raw(line)
		if !strings.HasPrefix(got, answer) || !strings.Contains(got, "AF系统暂时无法办理，请到服务台。|") {
			t.Fatalf("answer to %q after a panic: %q", line, got)
		}
	}
	// The database closed under a working handler.
	d.Close()
	got := k.raw("11YN20260901    100000                  AOLT|AA2024001|ABT0002|AC|")
	if !strings.HasPrefix(got, "120") || !strings.Contains(got, "AF系统暂时无法办理，请到服务台。|") || strings.Contains(got, "sql") || strings.Contains(got, "closed") {
		t.Fatalf("answer with the database closed: %q", got)
	}
	if got := k.raw("1720260901    100000AOLT|ABT0002|"); !strings.HasPrefix(got, "18") {
		t.Fatalf("the connection did not go on: %q", got)
	}
}
