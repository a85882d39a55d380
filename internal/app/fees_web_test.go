package app_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

var receiptLocation = regexp.MustCompile(`^/staff/circ/receipts/(SJ\d{4}-\d{6})\?done=flash\.fee_(\w+)$`)

// registerReader registers a reader through the service.
func registerReader(t *testing.T, s *apptest.Server, card, name, idNumber string) readers.Reader {
	t.Helper()
	r, err := s.App.Readers.Register(t.Context(), cli, card, readers.Details{Name: name, IDNumber: idNumber, Category: "undergraduate",
		Department: "物理学院", ExpiresOn: "2031-07-01"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFeesWeb is the fee desk's day: two charges, a partial payment with
// its printable receipt (number, items, amounts in yuan and in capitals),
// a payment too large and an amount that is not one refused next to their
// fields, a waiver refused to the desk and granted to the head of
// circulation, a refund, a deposit taken and partly given back, and the
// day's cash report summing it all per desk, person and method.
func TestFeesWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 9, 14, 10, 0, 0, 0, shanghai))
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		s.CreateStaff(t, "head", auth.RoleCirculation, auth.RoleDirector)
		s.CreateStaff(t, "office", auth.RoleOffice)
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		idNumber := residentID("44030619990101123")
		rd := registerReader(t, s, "F0001", "黄小明", idNumber)
		rid := itoa(rd.ID)
		c := s.NewClient(t)
		c.Login("desk", "password-desk")

		body := getOK(t, c, "/staff/circ/readers/"+rid+"/fees")
		want(t, "fees page", body, `id="fee-charge"`, `id="fee-deposit"`, "没有费用。", `id="owed">¥0.00`)
		for _, absent := range []string{`id="fee-pay"`, `id="fee-waive"`, `id="fee-refund"`, `id="fee-deposit_refund"`} {
			if strings.Contains(body, absent) {
				t.Errorf("fees page with nothing owed offers %s", absent)
			}
		}

		// Two charges through the form.
		status, _, h := c.PostForm("/staff/circ/readers/"+rid+"/fees/charge", url.Values{"charge_kind": {"damage"}, "charge_amount": {"12.50"}, "charge_note": {"《围城》污损"}})
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/circ/readers/"+rid+"/fees?done=flash.fee_charge" {
			t.Fatalf("charge: %d %s", status, h.Get("Location"))
		}
		status, body, _ = c.PostForm("/staff/circ/readers/"+rid+"/fees/charge", url.Values{"charge_kind": {"overdue"}, "charge_amount": {"三元"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("charge of a bad amount: %d", status)
		}
		want(t, "charge of a bad amount", body, `id="err-charge_amount">“三元”不是金额`, `<option value="overdue" selected>`)
		c.PostForm("/staff/circ/readers/"+rid+"/fees/charge", url.Values{"charge_kind": {"overdue"}, "charge_amount": {"3"}, "charge_note": {"超期 30 天"}})
		body = getOK(t, c, "/staff/circ/readers/"+rid+"/fees")
		want(t, "fees page with charges", body, `id="owed">¥15.50`, "污损赔款", "超期罚款", `id="fee-pay"`, `name="pay_amount" value="15.50"`,
			"第 1 项 · 污损赔款 · ¥12.50", `<option value="cash" selected>现金</option>`)
		noKeys(t, "fees page", body)

		// Too much, then not an amount: shown next to the amount.
		pay := url.Values{"pay_entry": {""}, "pay_amount": {"20"}, "pay_method": {"cash"}, "pay_desk": {"总服务台"}, "pay_note": {""}}
		status, body, _ = c.PostForm("/staff/circ/readers/"+rid+"/fees/pay", pay)
		if status != http.StatusConflict {
			t.Fatalf("pay too much: %d %.800s", status, mainOf(body))
		}
		want(t, "pay too much", body, "金额 ¥20.00 超过了应付的 ¥15.50", `name="pay_amount" value="20"`)
		pay.Set("pay_amount", "5元")
		status, body, _ = c.PostForm("/staff/circ/readers/"+rid+"/fees/pay", pay)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("pay a bad amount: %d", status)
		}
		want(t, "pay a bad amount", body, `id="err-pay_amount">“5元”不是金额`)

		// A partial payment: 5 yuan against the oldest charge; the receipt.
		pay.Set("pay_amount", "5")
		status, _, h = c.PostForm("/staff/circ/readers/"+rid+"/fees/pay", pay)
		m := receiptLocation.FindStringSubmatch(h.Get("Location"))
		if status != http.StatusSeeOther || m == nil || m[2] != "pay" {
			t.Fatalf("pay 5: %d %s", status, h.Get("Location"))
		}
		receipt := m[1]
		if receipt != "SJ2027-000001" {
			t.Errorf("first receipt %s", receipt)
		}
		body = getOK(t, c, h.Get("Location"))
		want(t, "receipt", body, "已收款。", `id="receipt-number">SJ2027-000001`, "2027-09-14 10:00:00", "黄小明", "F0001", `id="receipt-kind">缴费`,
			`id="receipt-method">现金`, "总服务台", "名desk", "污损赔款", "《围城》污损", `<td class="num">5.00</td>`,
			`<strong>¥5.00</strong> 元`, "<strong>伍元整</strong>", "本次之后：欠款 ¥10.50 · 押金 ¥0.00", `class="printable receipt"`, "读者签字")
		noKeys(t, "receipt", body)
		want(t, "reprint", getOK(t, c, "/staff/circ/receipts/"+receipt), "当前余额（补打）：欠款 ¥10.50")
		if status, _, _ := c.Get("/staff/circ/receipts/SJ2027-999999"); status != http.StatusNotFound {
			t.Errorf("unknown receipt: %d", status)
		}
		// The desk is remembered for the next form.
		want(t, "desk remembered", getOK(t, c, "/staff/circ/readers/"+rid+"/fees"), `name="pay_desk" value="总服务台"`)
		st, _ := s.App.Fees.Statement(ctx, cli, rd.ID)
		if st.OwedFen != 1050 || st.Entries[0].PaidFen != 500 || st.Entries[1].PaidFen != 0 {
			t.Fatalf("statement after paying 5: %+v", st)
		}
		overdueID := itoa(st.Entries[1].ID)

		// Waiving needs circ.fees.waive: the desk is refused, the head of
		// circulation (desk and director) waives the fine with a reason.
		waive := url.Values{"waive_entry": {overdueID}, "waive_amount": {""}, "waive_reason": {"系统故障导致超期"}, "waive_desk": {"总服务台"}}
		if status, _, _ := c.PostForm("/staff/circ/readers/"+rid+"/fees/waive", waive); status != http.StatusForbidden {
			t.Fatalf("desk waives: %d", status)
		}
		if st, _ := s.App.Fees.Statement(ctx, cli, rd.ID); st.OwedFen != 1050 {
			t.Fatalf("a refused waiver changed the account: %+v", st)
		}
		hc := s.NewClient(t)
		hc.Login("head", "password-head")
		want(t, "head's fees page", getOK(t, hc, "/staff/circ/readers/"+rid+"/fees"), `id="fee-waive"`, `id="fee-refund"`)
		status, body, _ = hc.PostForm("/staff/circ/readers/"+rid+"/fees/waive", url.Values{"waive_entry": {overdueID}, "waive_reason": {""}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("waive without a reason: %d", status)
		}
		want(t, "waive without a reason", body, `id="err-waive_reason">请填写原因。`)
		status, _, h = hc.PostForm("/staff/circ/readers/"+rid+"/fees/waive", waive)
		if m := receiptLocation.FindStringSubmatch(h.Get("Location")); status != http.StatusSeeOther || m == nil || m[2] != "waive" {
			t.Fatalf("waive: %d %s", status, h.Get("Location"))
		}
		want(t, "waiver receipt", getOK(t, hc, h.Get("Location")), `id="receipt-kind">减免`, "系统故障导致超期", "<strong>叁元整</strong>", "欠款 ¥7.50")

		// A refund of 2 of the 5 yuan paid (the book was only lightly
		// damaged after all).
		status, _, h = hc.PostForm("/staff/circ/readers/"+rid+"/fees/refund", url.Values{"refund_entry": {itoa(st.Entries[0].ID)},
			"refund_amount": {"2"}, "refund_method": {"wechat"}, "refund_desk": {"总服务台"}, "refund_reason": {"污损较轻"}})
		if m := receiptLocation.FindStringSubmatch(h.Get("Location")); status != http.StatusSeeOther || m == nil {
			t.Fatalf("refund: %d %s", status, h.Get("Location"))
		}
		want(t, "refund receipt", getOK(t, hc, h.Get("Location")), `id="receipt-kind">退款`, `id="receipt-method">微信支付`, "贰元整")

		// A deposit taken and partly given back.
		status, _, h = c.PostForm("/staff/circ/readers/"+rid+"/fees/deposit", url.Values{"deposit_amount": {"100"}, "deposit_method": {"alipay"}, "deposit_desk": {"总服务台"}})
		if m := receiptLocation.FindStringSubmatch(h.Get("Location")); status != http.StatusSeeOther || m == nil {
			t.Fatalf("deposit: %d %s", status, h.Get("Location"))
		}
		want(t, "deposit receipt", getOK(t, c, h.Get("Location")), `id="receipt-kind">收押金`, "壹佰元整", "押金 ¥100.00")
		status, body, _ = c.PostForm("/staff/circ/readers/"+rid+"/fees/deposit-refund", url.Values{"deposit_refund_amount": {"150"}, "deposit_refund_method": {"cash"}})
		if status != http.StatusConflict {
			t.Fatalf("give back too much: %d", status)
		}
		want(t, "give back too much", body, "退还 ¥150.00 超过了所交押金 ¥100.00")
		status, _, _ = c.PostForm("/staff/circ/readers/"+rid+"/fees/deposit-refund", url.Values{"deposit_refund_amount": {"30"}, "deposit_refund_method": {"cash"}, "deposit_refund_desk": {"二楼借还台"}})
		if status != http.StatusSeeOther {
			t.Fatalf("give back 30: %d", status)
		}

		// The reader's page shows the account.
		body = getOK(t, c, "/staff/circ/readers/"+rid)
		want(t, "reader's account", body, `id="owed">¥7.50`, `id="deposit">¥70.00`, `href="/staff/circ/receipts/SJ2027-000001"`, "系统故障导致超期")

		// The day's cash report: 5.00 cash in, 2.00 out by WeChat, 100
		// in by Alipay, 30 cash back at the second desk; 3.00 waived.
		body = getOK(t, c, "/staff/circ/cash-report?date=2027-09-14")
		want(t, "cash report", body, "收费日结 2027-09-14", "总服务台", "二楼借还台", "<td>desk</td>", "<td>head</td>", "现金", "微信支付", "支付宝",
			"合计收入 ¥105.00，支出 ¥32.00，净额 ¥73.00", "不涉及现金", `class="printable"`)
		noKeys(t, "cash report", body)
		rep, err := s.App.Fees.DailyCashReport(ctx, cli, "2027-09-14")
		if err != nil || rep.Total.InFen != 10500 || rep.Total.OutFen != 3200 || rep.Total.WaivedFen != 300 || rep.Total.Count != 5 {
			t.Fatalf("cash report: %+v %v", rep.Total, err)
		}
		want(t, "cash report of another day", getOK(t, c, "/staff/circ/cash-report?date=2027-09-13"), "这一天没有收付。")
		want(t, "cash report of today", getOK(t, c, "/staff/circ/cash-report"), "收费日结 2027-09-14", `name="date" value="2027-09-14"`)
		status, body, _ = c.Get("/staff/circ/cash-report?date=2027-13-01")
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad date: %d", status)
		}
		want(t, "bad date", body, `id="err-date">日期“2027-13-01”无效`)

		// The office reads the report; a cataloguer does not; the office
		// sees no receipts or accounts.
		o := s.NewClient(t)
		o.Login("office", "password-office")
		want(t, "office's cash report", getOK(t, o, "/staff/circ/cash-report?date=2027-09-14"), "合计收入 ¥105.00")
		want(t, "reports module", getOK(t, o, "/staff/modules/reports"), `href="/staff/circ/cash-report"`)
		for _, p := range []string{"/staff/circ/receipts/" + receipt, "/staff/circ/readers/" + rid + "/fees"} {
			if status, _, _ := o.Get(p); status != http.StatusForbidden {
				t.Errorf("office GET %s: %d", p, status)
			}
		}
		k := s.NewClient(t)
		k.Login("cat", "password-cat")
		if status, _, _ := k.Get("/staff/circ/cash-report"); status != http.StatusForbidden {
			t.Errorf("cataloguer's cash report: %d", status)
		}

		// The ledger is as the forms left it.
		es, err := s.App.Auth.ListAudit(ctx, cli, auth.AuditFilter{Door: auth.DoorWeb, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, e := range es {
			got[e.Action]++
		}
		for a, n := range map[string]int{"fee.charge": 2, "fee." + string(fees.TxPayment): 1, "fee.waiver": 1, "fee.refund": 1, "fee.deposit": 1, "fee.deposit_refund": 1} {
			if got[a] != n {
				t.Errorf("audit: %d × %s, want %d", got[a], a, n)
			}
		}
	})
}

// TestClearanceWeb clears a graduating reader: refused while they owe, and
// while they hold a deposit not given back; granted with the deposit given
// back, with a printable certificate; the reader can then not be changed.
func TestClearanceWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 6, 20, 15, 0, 0, 0, shanghai))
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		idNumber := residentID("11010820040505123")
		rd := registerReader(t, s, "G0001", "毕业生", idNumber)
		rid := itoa(rd.ID)
		if _, err := s.App.Fees.TakeDeposit(ctx, cli, fees.Deposit{ReaderID: rd.ID, AmountFen: 5000, Method: fees.MethodCash}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.App.Fees.Charge(ctx, cli, fees.Charge{ReaderID: rd.ID, Kind: fees.KindOverdue, AmountFen: 200}); err != nil {
			t.Fatal(err)
		}
		c := s.NewClient(t)
		c.Login("desk", "password-desk")
		want(t, "reader page", getOK(t, c, "/staff/circ/readers/"+rid), "还不能办理离校：未还 0 册，欠款 ¥2.00")
		body := getOK(t, c, "/staff/circ/readers/"+rid+"/clearance")
		want(t, "clearance page", body, "离校手续：毕业生", `id="owed">¥2.00`, `id="deposit">¥50.00`, "同时退还押金 ¥50.00", `id="clear-submit"`)
		noKeys(t, "clearance page", body)
		form := url.Values{"refund_deposit": {"1"}, "method": {"cash"}, "desk": {"总服务台"}, "note": {"2027 届毕业"}}
		status, body, _ := c.PostForm("/staff/circ/readers/"+rid+"/clearance", form)
		if status != http.StatusConflict {
			t.Fatalf("clear while owing: %d", status)
		}
		want(t, "clear while owing", body, "该读者尚有欠款 ¥2.00，请先结清再办理离校。")
		if _, err := s.App.Fees.Pay(ctx, cli, fees.Payment{ReaderID: rd.ID, AmountFen: 200, Method: fees.MethodCash}); err != nil {
			t.Fatal(err)
		}
		form.Del("refund_deposit")
		status, body, _ = c.PostForm("/staff/circ/readers/"+rid+"/clearance", form)
		if status != http.StatusConflict {
			t.Fatalf("clear keeping the deposit: %d", status)
		}
		want(t, "clear keeping the deposit", body, "押金 ¥50.00 未退")
		form.Set("refund_deposit", "1")
		status, _, h := c.PostForm("/staff/circ/readers/"+rid+"/clearance", form)
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/circ/readers/"+rid+"/certificate?done=flash.reader_cleared" {
			t.Fatalf("clear: %d %s", status, h.Get("Location"))
		}
		body = getOK(t, c, h.Get("Location"))
		want(t, "certificate", body, "离校手续已办妥。", `id="certificate-number">LX2027-00001`, "兹证明读者 毕业生（证号 G0001）已归还本馆全部书刊",
			readers.MaskIDNumber(idNumber), `id="deposit-refunded">¥50.00 · 收据号 <span class="mono">SJ2027-000003`, "2027 届毕业", "2027-06-20 15:00:00", "图书馆（盖章）", `class="printable certificate"`)
		noKeys(t, "certificate", body)
		if strings.Contains(body, idNumber) {
			t.Error("the certificate shows the whole ID number")
		}
		body = getOK(t, c, "/staff/circ/readers/"+rid)
		want(t, "cleared reader", body, `id="reader-status">已离校`, "已办理离校手续", `href="/staff/circ/readers/`+rid+`/certificate"`, `id="deposit">¥0.00`)
		for _, absent := range []string{`id="act-lost"`, `id="reader-edit"`, `id="act-photo"`} {
			if strings.Contains(body, absent) {
				t.Errorf("a cleared reader is offered %s", absent)
			}
		}
		if status, _, _ := c.PostForm("/staff/circ/readers/"+rid+"/lost", url.Values{}); status != http.StatusConflict {
			t.Errorf("lost card of a cleared reader: %d", status)
		}
		if status, _, _ := c.PostForm("/staff/circ/readers/"+rid+"/clearance", form); status != http.StatusConflict {
			t.Errorf("clear twice: %d", status)
		}
	})
}

// TestReaderCategoriesWeb: the director adds, changes, deactivates and
// deletes reader categories; the desk reads them; an inactive category is
// not offered for new readers; a category in use cannot be deleted.
func TestReaderCategoriesWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		s.CreateStaff(t, "dir", auth.RoleDirector)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		c := s.NewClient(t)
		c.Login("dir", "password-dir")
		body := getOK(t, c, "/staff/circ/categories")
		want(t, "categories", body, `id="category-undergraduate"`, "本科生", "Undergraduate", `id="category-create"`)
		noKeys(t, "categories", body)
		status, body, _ := c.PostForm("/staff/circ/categories", url.Values{"code": {"访问学者"}, "name_zh": {"访问学者"}, "name_en": {"Visiting scholar"}, "active": {"1"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad code: %d", status)
		}
		want(t, "bad code", body, `id="err-code">代码“访问学者”无效`)
		status, body, _ = c.PostForm("/staff/circ/categories", url.Values{"code": {"visiting"}, "name_zh": {"访问学者"}, "name_en": {"Visiting scholar"}, "sort": {"x"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad sort: %d", status)
		}
		want(t, "bad sort", body, `id="err-sort">“x”不是整数`)
		status, _, h := c.PostForm("/staff/circ/categories", url.Values{"code": {"visiting"}, "name_zh": {"访问学者"}, "name_en": {"Visiting scholar"}, "sort": {"60"}, "active": {"1"}})
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/circ/categories?done=flash.category_created#category-visiting" {
			t.Fatalf("create: %d %s", status, h.Get("Location"))
		}
		status, body, _ = c.PostForm("/staff/circ/categories", url.Values{"code": {"visiting"}, "name_zh": {"访"}, "name_en": {"V"}})
		if status != http.StatusConflict {
			t.Fatalf("twice: %d", status)
		}
		want(t, "twice", body, `id="err-code">读者类别代码 visiting 已存在`)

		// Renamed and made inactive: no longer offered for new readers.
		want(t, "category page", getOK(t, c, "/staff/circ/categories/visiting"), `name="name_zh" value="访问学者"`, `id="category-delete"`)
		status, _, _ = c.PostForm("/staff/circ/categories/visiting", url.Values{"name_zh": {"访问学者（短期）"}, "name_en": {"Visiting scholar"}, "sort": {"60"}})
		if status != http.StatusSeeOther {
			t.Fatalf("update: %d", status)
		}
		cats, _ := s.App.Readers.Categories(ctx, true)
		var found bool
		for _, cat := range cats {
			if cat.Code == "visiting" {
				found = true
				if cat.Active || cat.NameZH != "访问学者（短期）" {
					t.Fatalf("after the update: %+v", cat)
				}
			}
		}
		if !found {
			t.Fatal("visiting is gone")
		}
		d := s.NewClient(t)
		d.Login("desk", "password-desk")
		body = getOK(t, d, "/staff/circ/readers/new")
		if strings.Contains(body, `value="visiting"`) {
			t.Error("an inactive category is offered for new readers")
		}
		body = getOK(t, d, "/staff/circ/categories")
		want(t, "desk's categories", body, "访问学者（短期）", "停用")
		if strings.Contains(body, `id="category-create"`) {
			t.Error("the desk is offered the form for a new category")
		}
		if status, _, _ := d.PostForm("/staff/circ/categories/visiting/delete", url.Values{}); status != http.StatusForbidden {
			t.Errorf("desk deletes a category: %d", status)
		}

		// In use: not deleted; unused: deleted.
		registerReader(t, s, "C0001", "读者甲", "")
		status, body, _ = c.PostForm("/staff/circ/categories/undergraduate/delete", url.Values{})
		if status != http.StatusConflict {
			t.Fatalf("delete a category in use: %d", status)
		}
		want(t, "delete a category in use", body, "还有 1 位读者，不能删除")
		status, _, h = c.PostForm("/staff/circ/categories/visiting/delete", url.Values{})
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/circ/categories?done=flash.category_deleted" {
			t.Fatalf("delete: %d %s", status, h.Get("Location"))
		}
		if status, _, _ := c.Get("/staff/circ/categories/visiting"); status != http.StatusNotFound {
			t.Errorf("deleted category's page: %d", status)
		}
	})
}
