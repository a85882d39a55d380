package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/fees"
)

// TestBrowserReaderDesk is the readers' desk in a real browser: a reader
// registered through the form (a mistake first, shown next to its field),
// the card reported lost, a fine paid in part and the receipt shown for
// printing. With LANTAI_SCREENSHOTS set it saves the pages at desk and
// phone sizes.
func TestBrowserReaderDesk(t *testing.T) {
	s := apptest.Start(t, "")
	s.CreateStaff(t, "zhaomin", auth.RoleCirculation)
	ctx := newBrowser(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	id := func(s string) chromedp.ID { return chromedp.ID(s) }
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		must(err)
		return s
	}
	must(chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/staff/circ/readers/new"),
		chromedp.WaitVisible(id("username")),
		chromedp.SendKeys(id("username"), "zhaomin"),
		chromedp.SendKeys(id("password"), "password-zhaomin"),
		chromedp.Click(id("login-submit")),
		chromedp.WaitVisible(id("reader-form")),
		chromedp.SendKeys(id("f-card_number"), "D0001"),
		chromedp.SendKeys(id("f-name"), "郑晓"),
		chromedp.SendKeys(id("f-id_number"), "110105194912310029"),
		chromedp.SetValue(id("f-category"), "undergraduate"),
		chromedp.SendKeys(id("f-phone"), "13812345678"),
		chromedp.Click(id("reader-save")),
		chromedp.WaitVisible(id("err-id_number")),
	))
	if e := text("#err-id_number"); !strings.Contains(e, "110***********0029") {
		t.Fatalf("the mistake next to the ID number: %q", e)
	}
	screenshots(t, ctx, "reader-new-error", s.URL+"/staff/circ/readers/new")
	good := residentID("11010519491231002")
	must(chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/staff/circ/readers/new"),
		chromedp.WaitVisible(id("reader-form")),
		chromedp.SendKeys(id("f-card_number"), "D0001"),
		chromedp.SendKeys(id("f-name"), "郑晓"),
		chromedp.SendKeys(id("f-id_number"), good),
		chromedp.SetValue(id("f-category"), "undergraduate"),
		chromedp.SendKeys(id("f-department"), "数学学院"),
		chromedp.Click(id("reader-save")),
		chromedp.WaitVisible(id("reader-details")),
	))
	if m := text("#id-masked"); m != "110***********"+good[14:] {
		t.Fatalf("masked ID number: %q", m)
	}
	readerURL, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	readerURL, _, _ = strings.Cut(readerURL, "?")
	must(chromedp.Do(ctx,
		chromedp.SendKeys(id("f-lost_note"), "电话挂失"),
		chromedp.Click(id("act-lost-submit")),
		chromedp.WaitVisible(id("act-unblock")),
	))
	if st := text("#card-status"); !strings.Contains(st, "已挂失") {
		t.Fatalf("card status after the lost report: %q", st)
	}
	screenshots(t, ctx, "reader-page", readerURL)

	r, _, err := s.App.Readers.GetByCard(t.Context(), cli, "D0001")
	must(err)
	if _, err := s.App.Fees.Charge(t.Context(), cli, fees.Charge{ReaderID: r.ID, Kind: fees.KindOverdue, AmountFen: 850, Note: "《数学分析》超期"}); err != nil {
		t.Fatal(err)
	}
	must(chromedp.Do(ctx,
		chromedp.Navigate(readerURL+"/fees"),
		chromedp.WaitVisible(id("fee-pay")),
		chromedp.SetValue(id("f-pay_amount"), "5"),
		chromedp.SendKeys(id("f-pay_desk"), "总服务台"),
		chromedp.Click(id("fee-pay-submit")),
		chromedp.WaitVisible(id("receipt-total")),
	))
	if total := text("#receipt-total"); !strings.Contains(total, "¥5.00") || !strings.Contains(total, "伍元整") {
		t.Fatalf("receipt total: %q", total)
	}
	receiptURL, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	screenshots(t, ctx, "fee-receipt", receiptURL)
	must(chromedp.Do(ctx, chromedp.Navigate(readerURL+"/fees"), chromedp.WaitVisible(id("statement"))))
	screenshots(t, ctx, "reader-fees", readerURL+"/fees")
	must(chromedp.Do(ctx, chromedp.Navigate(s.URL+"/staff/circ/cash-report"), chromedp.WaitVisible(id("cash-summary"))))
	if sum := text("#cash-summary"); !strings.Contains(sum, "¥5.00") {
		t.Fatalf("cash report: %q", sum)
	}
	screenshots(t, ctx, "cash-report", s.URL+"/staff/circ/cash-report")
}
