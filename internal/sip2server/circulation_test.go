package sip2server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/sip2"
	"lantai.dev/lantai/internal/sip2server"
)

// library is the catalogue and readers the conversations work with.
type library struct {
	santi, huozhe, weicheng, pingfan int64
	zhang, li, lost                  int64
}

func (w *world) library() library {
	w.t.Helper()
	var l library
	l.santi = w.record("三体", "刘慈欣")
	w.items(l.santi, "stacks", "book", "T0001", "T0002")
	l.huozhe = w.record("活着", "余华")
	w.items(l.huozhe, "north_stacks", "book", "H0001")
	l.weicheng = w.record("围城", "钱锺书")
	w.items(l.weicheng, "stacks", "book", "W0001")
	l.pingfan = w.record("平凡的世界", "路遥")
	w.items(l.pingfan, "stacks", "book", "P0001")
	w.items(w.record("新华字典", "商务印书馆"), "stacks", "reference", "R0001")
	w.items(w.record("红楼梦", "曹雪芹"), "stacks", "book", "D0001")
	w.items(w.record("红楼梦", "曹雪芹"), "stacks", "book", "D0002")
	l.zhang = w.reader("2024001", "张三", "undergraduate").ID
	l.li = w.reader("2024002", "李四", "undergraduate").ID
	l.lost = w.reader("2024003", "王五", "undergraduate").ID
	if _, err := w.rd.ReportLost(context.Background(), admin, l.lost, "丢了"); err != nil {
		w.t.Fatal(err)
	}
	return l
}

// TestCirculationConversation has a self-check machine go through every
// message Lantai answers, against the real services, and checks what the
// machine is told and what the library records.
func TestCirculationConversation(t *testing.T) {
	clk := clock.NewSettable(t0)
	dbtest.EachWithClock(t, clk, func(t *testing.T, d *db.DB) {
		clk.Set(t0)
		w := newWorld(t, d, clk, nil)
		lib := w.library()
		k := w.login("kiosk1", "secret-one", sip2.UTF8)

		// The status answer lists what the handler supports.
		st := k.ask(&sip2.SCStatus{StatusCode: sip2.StatusOK, MaxPrintWidth: 40, ProtocolVersion: "2.00"}).(*sip2.ACSStatus)
		if st.SupportedMessages != "YYYNYYYYYYYYNYYY" || !st.CheckoutOK || !st.CheckinOK || !st.ACSRenewalPolicy || !st.StatusUpdateOK {
			t.Fatalf("ACS status %+v", st)
		}

		// Patron status: a reader in good standing, an unknown card, a lost card.
		ps := k.status("2024001", sip2.LanguageChinese, "")
		if ps.ValidPatron != sip2.Yes || ps.PersonalName != "张三" || ps.PatronStatus != (sip2.PatronStatus{}) ||
			ps.FeeAmount != "0.00" || ps.Currency != "CNY" || ps.Language != sip2.LanguageChinese || ps.ValidPatronPassword != sip2.Unknown ||
			ps.InstitutionID != "LT" || ps.PatronID != "2024001" {
			t.Fatalf("patron status %+v", ps)
		}
		ps = k.status("9999999", sip2.LanguageChinese, "")
		if ps.ValidPatron != sip2.No || !ps.PatronStatus[sip2.ChargePrivilegesDenied] || !has(ps.ScreenMessage, "没有证号为 9999999 的借书证") {
			t.Fatalf("unknown patron %+v", ps)
		}
		ps = k.status("2024003", sip2.LanguageChinese, "")
		if ps.ValidPatron != sip2.Yes || !ps.PatronStatus[sip2.CardReportedLost] || !ps.PatronStatus[sip2.ChargePrivilegesDenied] ||
			!ps.PatronStatus[sip2.RenewalPrivilegesDenied] || !ps.PatronStatus[sip2.HoldPrivilegesDenied] || !has(ps.ScreenMessage, "读者证已挂失") {
			t.Fatalf("lost card %+v", ps)
		}

		// Checkout: lent, with the due date in the library's zone.
		co := k.checkout("2024001", "T0001")
		if !co.OK || co.RenewalOK || co.Desensitize != sip2.Yes || co.DueDate != dueOn("2026-10-01") || co.TitleID != "三体" ||
			co.MediaType != sip2.MediaBook || co.MagneticMedia != sip2.No || !has(co.ScreenMessage, "借书成功：《三体》，应还日期 2026-10-01") {
			t.Fatalf("checkout %+v", co)
		}
		// The loan is the desk's: same rules, the machine's branch and desk,
		// audited with door sip2 and the machine as actor.
		if n := w.count(`SELECT COUNT(*) FROM loans WHERE reader_id = $1 AND branch = 'main' AND desk = 'sip2:kiosk1'
			AND door = 'sip2' AND actor_name = 'sip2:kiosk1' AND returned_at IS NULL`, lib.zhang); n != 1 {
			t.Fatalf("%d loans as expected", n)
		}
		if n := w.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'loan.checkout' AND door = 'sip2' AND actor_name = 'sip2:kiosk1'`); n != 1 {
			t.Fatalf("%d audit entries of the checkout", n)
		}
		// Refused: a reference book; every reason on the screen, recorded.
		co = k.checkout("2024001", "R0001")
		if co.OK || co.Desensitize != sip2.No || co.TitleID != "新华字典" || !has(co.ScreenMessage, "借书未成功") ||
			!has(co.ScreenMessage, "此类文献不外借") || co.DueDate != "" {
			t.Fatalf("refused checkout %+v", co)
		}
		if n := w.count(`SELECT COUNT(*) FROM circ_refusals WHERE op = 'checkout' AND door = 'sip2' AND actor_name = 'sip2:kiosk1'`); n != 1 {
			t.Fatalf("%d refusals recorded", n)
		}
		// A lost card: refused, with the reason.
		if co := k.checkout("2024003", "T0002"); co.OK || !has(co.ScreenMessage, "读者证已挂失") {
			t.Fatalf("checkout on a lost card %+v", co)
		}
		// Unknown item, unknown patron, nothing at all: negative answers.
		if co := k.checkout("2024001", "NOPE"); co.OK || !has(co.ScreenMessage, "找不到条码为 NOPE 的单册") || co.ItemID != "NOPE" {
			t.Fatalf("unknown item %+v", co)
		}
		if co := k.checkout("0000000", "T0002"); co.OK || !has(co.ScreenMessage, "没有证号为 0000000 的借书证") || co.TitleID != "三体" {
			t.Fatalf("unknown patron %+v", co)
		}
		if got := k.raw("11YN20260901    100000                  AOLT|AA|AB|AC|"); !strings.HasPrefix(got, "120NUN") || !strings.Contains(got, "AF请出示读者证。|") {
			t.Fatalf("empty checkout: %q", got)
		}
		// The same item again for the same patron: a machine that may not
		// renew is refused; one that may renews it.
		co = k.ask(&sip2.Checkout{SCRenewalPolicy: false, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", ItemID: "T0001"}).(*sip2.CheckoutResponse)
		if co.OK || !has(co.ScreenMessage, "本机不办理续借") {
			t.Fatalf("renewal at a machine that may not renew %+v", co)
		}
		co = k.checkout("2024001", "T0001")
		if !co.OK || !co.RenewalOK || co.DueDate != dueOn("2026-10-31") || !has(co.ScreenMessage, "续借成功") {
			t.Fatalf("checkout as renewal %+v", co)
		}

		// Item information of a loan.
		ii := k.ask(&sip2.ItemInformation{TransactionDate: reqDate, InstitutionID: "LT", ItemID: "T0001"}).(*sip2.ItemInformationResponse)
		if ii.CirculationStatus != sip2.CirculationCharged || ii.DueDate != dueOn("2026-10-31") || ii.HoldQueueLength != "0" ||
			ii.TitleID != "三体" || ii.PermanentLocation != "stacks" || ii.MediaType != sip2.MediaBook || !has(ii.ScreenMessage, "借出") {
			t.Fatalf("item information %+v", ii)
		}
		ii = k.ask(&sip2.ItemInformation{TransactionDate: reqDate, InstitutionID: "LT", ItemID: "ZZZ"}).(*sip2.ItemInformationResponse)
		if ii.CirculationStatus != sip2.CirculationOther || ii.TitleID != "" || !has(ii.ScreenMessage, "找不到条码") {
			t.Fatalf("unknown item information %+v", ii)
		}

		// Renew: W0001 lent then renewed; T0001 has no renewal left.
		if co := k.checkout("2024001", "W0001"); !co.OK {
			t.Fatalf("checkout W0001 %+v", co)
		}
		rn := k.ask(&sip2.Renew{TransactionDate: reqDate, NBDueDate: "", InstitutionID: "LT", PatronID: "2024001", ItemID: "W0001"}).(*sip2.RenewResponse)
		if !rn.OK || !rn.RenewalOK || rn.DueDate != dueOn("2026-10-31") || rn.TitleID != "围城" || !has(rn.ScreenMessage, "续借成功") {
			t.Fatalf("renew %+v", rn)
		}
		rn = k.ask(&sip2.Renew{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", ItemID: "T0001"}).(*sip2.RenewResponse)
		if rn.OK || rn.RenewalOK || !has(rn.ScreenMessage, "续借未成功") || !has(rn.ScreenMessage, "已续借 1 次，达到上限 1 次") {
			t.Fatalf("refused renewal %+v", rn)
		}
		// Another reader's loan is not theirs to renew.
		rn = k.ask(&sip2.Renew{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", ItemID: "W0001"}).(*sip2.RenewResponse)
		if rn.OK || !has(rn.ScreenMessage, "未借出") {
			t.Fatalf("renewal of another reader's loan %+v", rn)
		}
		// Renew by title (of one of two records called 红楼梦: the one the
		// patron has on loan).
		for _, bc := range []string{"P0001", "D0002"} {
			if co := k.checkout("2024001", bc); !co.OK {
				t.Fatalf("checkout %s %+v", bc, co)
			}
		}
		rn = k.ask(&sip2.Renew{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", TitleID: "红楼梦"}).(*sip2.RenewResponse)
		if !rn.OK || rn.ItemID != "D0002" || rn.DueDate != dueOn("2026-10-31") {
			t.Fatalf("renew by title %+v", rn)
		}
		rn = k.ask(&sip2.Renew{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001", TitleID: "活着"}).(*sip2.RenewResponse)
		if rn.OK || !has(rn.ScreenMessage, "您没有借《活着》") {
			t.Fatalf("renew by the title of no loan %+v", rn)
		}
		// Renew all: P0001 is renewed, the others are not.
		ra := k.ask(&sip2.RenewAll{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001"}).(*sip2.RenewAllResponse)
		if !ra.OK || ra.RenewedCount != 1 || ra.UnrenewedCount != 3 || strings.Join(ra.RenewedItems, ",") != "P0001" ||
			strings.Join(ra.UnrenewedItems, ",") != "T0001,W0001,D0002" || !has(ra.ScreenMessage, "续借成功 1 册，未能续借 3 册") ||
			!has(ra.ScreenMessage, "W0001《围城》未能续借：已续借 1 次") {
			t.Fatalf("renew all %+v", ra)
		}
		if ra := k.ask(&sip2.RenewAll{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "nobody"}).(*sip2.RenewAllResponse); ra.OK || !has(ra.ScreenMessage, "没有证号") {
			t.Fatalf("renew all of nobody %+v", ra)
		}

		// Patron information: counts, limits, and the list asked for.
		pi := k.info("2024001", sip2.SummaryChargedItems, "", "")
		if pi.ValidPatron != sip2.Yes || pi.ChargedItemsCount != 4 || pi.OverdueItemsCount != 0 || pi.ChargedItemsLimit != "0010" ||
			pi.HoldItemsLimit != "0005" || pi.OverdueItemsLimit != "0000" || pi.FeeLimit != "10.00" ||
			strings.Join(pi.ChargedItems, ",") != "T0001,W0001,P0001,D0002" || pi.OverdueItems != nil || pi.HomePhone != "" || pi.Email != "" {
			t.Fatalf("patron information %+v", pi)
		}
		pi = k.info("2024001", sip2.SummaryChargedItems, "2", "2")
		if strings.Join(pi.ChargedItems, ",") != "W0001" || pi.ChargedItemsCount != 4 {
			t.Fatalf("patron information, second item %+v", pi)
		}

		// Holds: 李四 holds 三体 (any copy) by a copy's barcode, and 活着 by its
		// title to collect at north; a title two records share is refused.
		ho := k.ask(&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", ItemID: "T0001"}).(*sip2.HoldResponse)
		if !ho.OK || ho.QueuePosition != "1" || ho.PickupLocation != "main" || ho.TitleID != "三体" || ho.Available ||
			ho.ExpirationDate != dueOn("2027-02-28") || !has(ho.ScreenMessage, "预约成功：《三体》，排在第 1 位，取书地点 总馆") {
			t.Fatalf("hold %+v", ho)
		}
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", TitleID: "活着",
			PickupLocation: "north", ExpirationDate: "2026-12-31"}).(*sip2.HoldResponse)
		if !ho.OK || ho.PickupLocation != "north" || ho.ExpirationDate != dueOn("2026-12-31") || !has(ho.ScreenMessage, "北校区分馆") {
			t.Fatalf("hold by title %+v", ho)
		}
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", TitleID: "活着"}).(*sip2.HoldResponse)
		if ho.OK || !has(ho.ScreenMessage, "读者已预约此书") {
			t.Fatalf("second hold %+v", ho)
		}
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", TitleID: "红楼梦"}).(*sip2.HoldResponse)
		if ho.OK || !has(ho.ScreenMessage, "有 2 种") {
			t.Fatalf("ambiguous title %+v", ho)
		}
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", TitleID: "不存在的书"}).(*sip2.HoldResponse)
		if ho.OK || !has(ho.ScreenMessage, "没有题名为“不存在的书”") {
			t.Fatalf("unknown title %+v", ho)
		}
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", ItemID: "D0001",
			PickupLocation: "moon"}).(*sip2.HoldResponse)
		if ho.OK || !has(ho.ScreenMessage, "没有代码为 moon 的分馆") {
			t.Fatalf("unknown pickup branch %+v", ho)
		}
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldAdd, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", ItemID: "D0001",
			ExpirationDate: "31/12/2026"}).(*sip2.HoldResponse)
		if ho.OK || !has(ho.ScreenMessage, "日期“31/12/2026”无效") {
			t.Fatalf("bad expiry %+v", ho)
		}
		pi = k.info("2024002", sip2.SummaryUnavailableHoldItems, "", "")
		if pi.UnavailableHoldsCount != 2 || pi.HoldItemsCount != 0 || strings.Join(pi.UnavailableHoldItems, ",") != "三体,活着" {
			t.Fatalf("unavailable holds %+v", pi)
		}
		// Change is not possible yet; cancel by title.
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldChange, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", TitleID: "活着", PickupLocation: "main"}).(*sip2.HoldResponse)
		if ho.OK || !has(ho.ScreenMessage, "请到服务台") {
			t.Fatalf("hold change %+v", ho)
		}
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldDelete, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", TitleID: "活着"}).(*sip2.HoldResponse)
		if !ho.OK || !has(ho.ScreenMessage, "已取消预约：《活着》") {
			t.Fatalf("hold cancel %+v", ho)
		}
		ho = k.ask(&sip2.Hold{HoldMode: sip2.HoldDelete, TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002", TitleID: "活着"}).(*sip2.HoldResponse)
		if ho.OK || !has(ho.ScreenMessage, "没有找到您对此书的预约") {
			t.Fatalf("second cancel %+v", ho)
		}
		if n := w.count(`SELECT COUNT(*) FROM holds WHERE reader_id = $1 AND status = 'cancelled' AND door = 'sip2'`, lib.li); n != 1 {
			t.Fatalf("%d cancelled holds", n)
		}

		// Checkin: T0001 goes to the hold shelf for 李四.
		ci := k.checkin("T0001")
		if !ci.OK || !ci.Resensitize || !ci.Alert || ci.AlertType != sip2.AlertLocalHold || ci.SortBin != sip2server.SortBinHoldShelf ||
			ci.DestinationLocation != "main" || ci.HoldPatronID != "2024002" || ci.HoldPatronName != "李四" || ci.PatronID != "2024001" ||
			ci.PermanentLocation != "stacks" || ci.TitleID != "三体" || ci.MediaType != sip2.MediaBook || ci.CallNumber != "I247.5/T0001" ||
			ci.CollectionCode != "zw" || !has(ci.ScreenMessage, "还书成功：《三体》") || !has(ci.ScreenMessage, "请交给工作人员") {
			t.Fatalf("checkin to the hold shelf %+v", ci)
		}
		pi = k.info("2024002", sip2.SummaryHoldItems, "", "")
		if pi.HoldItemsCount != 1 || strings.Join(pi.HoldItems, ",") != "T0001" {
			t.Fatalf("available holds %+v", pi)
		}
		ii = k.ask(&sip2.ItemInformation{TransactionDate: reqDate, InstitutionID: "LT", ItemID: "T0001"}).(*sip2.ItemInformationResponse)
		if ii.CirculationStatus != sip2.CirculationOnHoldShelf || ii.HoldQueueLength != "1" || ii.HoldPickupDate != dueOn("2026-09-08") ||
			ii.CurrentLocation != "main" {
			t.Fatalf("item on the hold shelf %+v", ii)
		}
		// W0001 back to the shelves.
		ci = k.checkin("W0001")
		if !ci.OK || !ci.Resensitize || ci.Alert || ci.SortBin != sip2server.SortBinShelve || ci.DestinationLocation != "stacks" || ci.AlertType != "" {
			t.Fatalf("checkin to the shelves %+v", ci)
		}
		// H0001, of the north branch, lent and returned at the main one:
		// in transit home.
		if co := k.checkout("2024001", "H0001"); !co.OK {
			t.Fatalf("checkout H0001 %+v", co)
		}
		ci = k.checkin("H0001")
		if !ci.OK || !ci.Alert || ci.AlertType != sip2.AlertTransfer || ci.SortBin != sip2server.SortBinGoHome || ci.DestinationLocation != "north" ||
			ci.PermanentLocation != "north_stacks" || !has(ci.ScreenMessage, "此书须送往北校区分馆") {
			t.Fatalf("checkin away from home %+v", ci)
		}
		// Not on loan: taken back all the same.
		ci = k.checkin("T0002")
		if !ci.OK || ci.Alert || !has(ci.ScreenMessage, "此书原未借出") {
			t.Fatalf("checkin of an item not on loan %+v", ci)
		}
		// Unknown: refused, for staff.
		ci = k.checkin("XXXX")
		if ci.OK || ci.Resensitize || !ci.Alert || ci.SortBin != sip2server.SortBinStaff || ci.AlertType != sip2.AlertOther || !has(ci.ScreenMessage, "还书未成功") {
			t.Fatalf("checkin of an unknown item %+v", ci)
		}

		// Item status update: properties stored, audited, read back.
		iu := k.ask(&sip2.ItemStatusUpdate{TransactionDate: reqDate, InstitutionID: "LT", ItemID: "T0002", ItemProperties: "RFID:E0040100A1B2"}).(*sip2.ItemStatusUpdateResponse)
		if !iu.ItemPropertiesOK || iu.ItemProperties != "RFID:E0040100A1B2" || iu.TitleID != "三体" {
			t.Fatalf("item status update %+v", iu)
		}
		ii = k.ask(&sip2.ItemInformation{TransactionDate: reqDate, InstitutionID: "LT", ItemID: "T0002"}).(*sip2.ItemInformationResponse)
		if ii.ItemProperties != "RFID:E0040100A1B2" || ii.CirculationStatus != sip2.CirculationAvailable {
			t.Fatalf("item properties read back %+v", ii)
		}
		if n := w.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'item.sip2_properties' AND door = 'sip2'`); n != 1 {
			t.Fatalf("%d audit entries of item properties", n)
		}
		iu = k.ask(&sip2.ItemStatusUpdate{TransactionDate: reqDate, InstitutionID: "LT", ItemID: "T0002", ItemProperties: strings.Repeat("x", 501)}).(*sip2.ItemStatusUpdateResponse)
		if iu.ItemPropertiesOK || iu.ItemProperties != "RFID:E0040100A1B2" || !has(iu.ScreenMessage, "最多 500 个字符") {
			t.Fatalf("item properties too long %+v", iu)
		}
		iu = k.ask(&sip2.ItemStatusUpdate{TransactionDate: reqDate, InstitutionID: "LT", ItemID: "NOPE", ItemProperties: "x"}).(*sip2.ItemStatusUpdateResponse)
		if iu.ItemPropertiesOK || !has(iu.ScreenMessage, "找不到条码") {
			t.Fatalf("item properties of an unknown item %+v", iu)
		}
		if co := k.checkout("2024003", "T0002"); co.OK || co.ItemProperties != "RFID:E0040100A1B2" {
			t.Fatalf("refused checkout with item properties %+v", co)
		}
		if co := k.checkout("2024001", "T0002"); !co.OK {
			t.Fatalf("checkout T0002 %+v", co)
		}
		if ci := k.checkin("T0002"); ci.ItemProperties != "RFID:E0040100A1B2" {
			t.Fatalf("checkin with item properties %+v", ci)
		}
		if co := k.checkout("2024001", "T0002"); !co.OK {
			t.Fatalf("checkout T0002 again %+v", co)
		}

		// Fees: a charge, listed with its number, paid in part by that
		// number; the same payment sent again is not taken twice.
		e, err := w.fs.Charge(context.Background(), admin, fees.Charge{ReaderID: lib.zhang, Kind: fees.KindOther, AmountFen: 500})
		must(t, err)
		pi = k.info("2024001", sip2.SummaryFineItems, "", "")
		if pi.FineItemsCount != 1 || strings.Join(pi.FineItems, ",") != fmt.Sprintf("%d 5.00 其他费用", e.ID) || pi.FeeAmount != "5.00" {
			t.Fatalf("fine items %+v", pi)
		}
		pay := func(amount, feeID, txID string, pt sip2.PaymentType, cur string) *sip2.FeePaidResponse {
			return k.ask(&sip2.FeePaid{TransactionDate: reqDate, FeeType: sip2.FeeOther, PaymentType: pt, Currency: cur, FeeAmount: amount,
				InstitutionID: "LT", PatronID: "2024001", FeeID: feeID, TransactionID: txID}).(*sip2.FeePaidResponse)
		}
		fp := pay("2.50", fmt.Sprint(e.ID), "TX-1", sip2.PaymentCash, "CNY")
		if !fp.PaymentAccepted || fp.TransactionID != "TX-1" || !has(fp.ScreenMessage, "已付款 2.50 元") || !has(fp.ScreenMessage, "尚欠 2.50 元") {
			t.Fatalf("fee paid %+v", fp)
		}
		if fp := pay("2.50", fmt.Sprint(e.ID), "TX-1", sip2.PaymentCash, "CNY"); !fp.PaymentAccepted || !has(fp.ScreenMessage, "已经收过") {
			t.Fatalf("repeated payment %+v", fp)
		}
		if n := w.count(`SELECT COUNT(*) FROM fee_transactions WHERE reader_id = $1 AND kind = 'payment' AND method = 'cash'
			AND desk = 'sip2:kiosk1' AND door = 'sip2' AND note = 'SIP2 BK TX-1' AND amount_fen = 250`, lib.zhang); n != 1 {
			t.Fatalf("%d payments recorded", n)
		}
		for _, c := range []struct {
			amount, feeID, cur string
			want               string
		}{
			{"10.00", "", "CNY", "超过了应付的"},
			{"abc", "", "CNY", "金额“abc”无效"},
			{"-1", "", "CNY", "无效"},
			{"1.234", "", "CNY", "无效"},
			{"1.00", "", "USD", "不能以 USD 付款"},
			{"1.00", "x7", "CNY", "费用编号“x7”无效"},
			{"1.00", "999999", "CNY", "没有编号为 999999 的费用"},
		} {
			if fp := pay(c.amount, c.feeID, "", sip2.PaymentCreditCard, c.cur); fp.PaymentAccepted || !has(fp.ScreenMessage, c.want) || !has(fp.ScreenMessage, "付款未成功") {
				t.Errorf("pay %+v: %+v", c, fp)
			}
		}
		if fp := pay("2.5", "", "TX-2", sip2.PaymentType("05"), "   "); !fp.PaymentAccepted || !has(fp.ScreenMessage, "尚欠 0.00 元") {
			t.Fatalf("second payment %+v", fp)
		}
		if n := w.count(`SELECT COUNT(*) FROM fee_transactions WHERE reader_id = $1 AND method = 'other'`, lib.zhang); n != 1 {
			t.Fatalf("payment type 05 not taken as other: %d", n)
		}

		// End of the session.
		es := k.ask(&sip2.EndPatronSession{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024001"}).(*sip2.EndSessionResponse)
		if !es.EndSession || es.PatronID != "2024001" || !has(es.ScreenMessage, "再见") {
			t.Fatalf("end session %+v", es)
		}

		// A patron who asks in English is answered in English until the
		// session ends.
		ps = k.status("2024002", sip2.LanguageEnglish, "")
		if ps.Language != sip2.LanguageEnglish {
			t.Fatalf("language %+v", ps)
		}
		if co := k.checkout("2024002", "R0001"); co.OK || !has(co.ScreenMessage, "The item could not be borrowed.") {
			t.Fatalf("English refusal %+v", co)
		}
		k.ask(&sip2.EndPatronSession{TransactionDate: reqDate, InstitutionID: "LT", PatronID: "2024002"})
		if co := k.checkout("2024002", "R0001"); !has(co.ScreenMessage, "借书未成功") {
			t.Fatalf("language after the session %+v", co)
		}

		// Block patron and patron enable are answered with the patron's
		// status; nothing is blocked.
		if got := k.raw("01Y20260901    100000AOLT|ALcard kept|AA2024001|AC|"); !strings.HasPrefix(got, "24              019") || !strings.Contains(got, "AE张三|") {
			t.Fatalf("block patron: %q", got)
		}
		if got := k.raw("2520260901    100000AOLT|AA2024001|"); !strings.HasPrefix(got, "26              019") || !strings.Contains(got, "BLY|") {
			t.Fatalf("patron enable: %q", got)
		}
		if n := w.count(`SELECT COUNT(*) FROM readers WHERE status <> 'active'`); n != 0 {
			t.Fatalf("%d readers blocked", n)
		}

		// Overdue: a month and a half later, the status says so and the
		// return charges the fine.
		clk.Set(t0.Add(45 * 24 * time.Hour))
		ps = k.status("2024001", sip2.LanguageChinese, "")
		if !ps.PatronStatus[sip2.TooManyItemsOverdue] || !ps.PatronStatus[sip2.ChargePrivilegesDenied] || ps.PatronStatus[sip2.RenewalPrivilegesDenied] ||
			!has(ps.ScreenMessage, "册超期未还") {
			t.Fatalf("overdue patron %+v", ps)
		}
		pi = k.info("2024001", sip2.SummaryOverdueItems, "", "")
		if pi.OverdueItemsCount != 1 || strings.Join(pi.OverdueItems, ",") != "T0002" {
			t.Fatalf("overdue items %+v", pi)
		}
		ci = k.checkin("T0002")
		if !ci.OK || !has(ci.ScreenMessage, "罚款 1.50 元") {
			t.Fatalf("late return %+v", ci)
		}
	})
}
