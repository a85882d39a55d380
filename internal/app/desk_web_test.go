package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/fees"
)

// deskItem adds a copy of record to the main library's stacks.
func deskItem(t *testing.T, s *apptest.Server, record int64, barcode, itemType string) {
	t.Helper()
	if _, err := s.App.Catalog.CreateItems(t.Context(), cli, catalog.NewItem{RecordID: record, Barcode: barcode, CallNumber: "I247.5/" + barcode,
		Location: "stacks", Collection: "zw", ItemType: itemType, Status: catalog.Available, PriceFen: 3000}, 1); err != nil {
		t.Fatal(err)
	}
}

// deskLibrary is a small library for the desk: three books, a reference
// book and two readers.
func deskLibrary(t *testing.T, s *apptest.Server) (records []int64) {
	t.Helper()
	for i, title := range []string{"平凡的世界", "围城", "活着", "现代汉语词典"} {
		id := plainBook(t, s, title, 2000+i, "I247.5")
		records = append(records, id)
		typ := "book"
		if i == 3 {
			typ = "reference"
		}
		deskItem(t, s, id, fmt.Sprintf("D%04d", i+1), typ)
	}
	registerReader(t, s, "R001", "张三", "")
	registerReader(t, s, "R002", "李四", "")
	return records
}

var loanRow = regexp.MustCompile(`id="loan-(\d+)"`)

// TestDeskWeb is the loan and return desks at work: a card and two items
// scanned, a refusal with every reason, an override with its reason, a
// return that fills a hold (hold shelf), one for a hold collected at
// another branch (transit for the reader), one returned away from home
// (transit home), and the printable return slip.
func TestDeskWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		addLawBranch(t, s)
		recs := deskLibrary(t, s)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		s.CreateStaff(t, "head", auth.RoleCirculation, auth.RoleDirector)
		c := s.NewClient(t)
		c.Login("desk", "password-desk")

		want(t, "desk", getOK(t, c, "/staff/circ/desk"), `id="f-scan"`, "autofocus", "扫描或输入读者证号")
		// The card: the reader panel.
		status, body, _ := c.PostForm("/staff/circ/desk", url.Values{"scan": {"R001"}})
		if status != http.StatusOK {
			t.Fatalf("scan card: %d %.1000s", status, mainOf(body))
		}
		want(t, "panel", body, `id="reader-panel"`, "张三", `name="card" value="R001"`, "扫描图书条码借出", "没有在借图书")
		// Two items, each lent at once and listed.
		status, body, _ = c.PostForm("/staff/circ/desk", url.Values{"card": {"R001"}, "scan": {"D0001"}})
		if status != http.StatusOK || !strings.Contains(body, `id="desk-done"`) {
			t.Fatalf("lend D0001: %d %.1500s", status, mainOf(body))
		}
		first := loanRow.FindStringSubmatch(body)
		if first == nil {
			t.Fatalf("no loan row: %.1500s", mainOf(body))
		}
		status, body, _ = c.PostForm("/staff/circ/desk", url.Values{"card": {"R001"}, "scan": {"D0002"}, "visit": {first[1]}})
		if status != http.StatusOK {
			t.Fatalf("lend D0002: %d %.1500s", status, mainOf(body))
		}
		want(t, "two loans", body, `id="visit-list"`, "平凡的世界", "围城", "在借图书（2）")
		ls, err := s.App.Circ.ReaderLoans(ctx, cli, mustReader(t, s, "R001"))
		if err != nil || len(ls) != 2 {
			t.Fatalf("loans: %v %v", ls, err)
		}

		// The reader's page lists the loans; the desk sets the catalogue
		// password, which the reader must change.
		rpath := "/staff/circ/readers/" + itoa(mustReader(t, s, "R001"))
		want(t, "reader page", getOK(t, c, rpath), `id="reader-loans"`, "平凡的世界", `id="act-password"`, "尚未设置")
		if st, body, _ := c.PostForm(rpath+"/password", url.Values{"password": {"abc"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="password-error"`) {
			t.Fatalf("short password: %d %.800s", st, mainOf(body))
		}
		if st, _, h := c.PostForm(rpath+"/password", url.Values{"password": {"start-123"}}); st != http.StatusSeeOther {
			t.Fatalf("set password: %d %s", st, h.Get("Location"))
		}
		want(t, "reader page after password", getOK(t, c, rpath+"?done=flash.reader_password_set"), "读者已有公共目录密码", "已设置读者的公共目录密码")

		// A refusal: a reference book and a debt over the limit, both
		// reasons shown; the desk may not override.
		if _, err := s.App.Fees.Charge(ctx, cli, fees.Charge{ReaderID: mustReader(t, s, "R002"), Kind: fees.KindOther, AmountFen: 2000, Note: "旧账"}); err != nil {
			t.Fatal(err)
		}
		status, body, _ = c.PostForm("/staff/circ/desk", url.Values{"card": {"R002"}, "scan": {"D0004"}})
		if status != http.StatusConflict {
			t.Fatalf("refused: %d %.1500s", status, mainOf(body))
		}
		want(t, "refusal", body, `id="refusal"`, `data-reason="item_not_for_loan"`, `data-reason="fees_over_limit"`, "circ.override")
		if strings.Contains(body, `id="override-form"`) {
			t.Fatal("the desk is offered an override")
		}
		noKeys(t, "refusal", body)
		// The head of circulation overrides with a reason.
		h := s.NewClient(t)
		h.Login("head", "password-head")
		status, body, _ = h.PostForm("/staff/circ/desk", url.Values{"card": {"R002"}, "scan": {"D0004"}})
		if status != http.StatusConflict || !strings.Contains(body, `id="override-form"`) {
			t.Fatalf("refused to head: %d %.1500s", status, mainOf(body))
		}
		status, body, _ = h.PostForm("/staff/circ/desk", url.Values{"card": {"R002"}, "barcode": {"D0004"}, "override": {"馆长同意借阅一周"}})
		if status != http.StatusOK || !strings.Contains(body, "馆长同意借阅一周") {
			t.Fatalf("override: %d %.1500s", status, mainOf(body))
		}

		// R002 holds 平凡的世界 (on loan to R001), to collect here.
		if _, err := s.App.Circ.PlaceHold(ctx, cli, circ.HoldRequest{Card: "R002", RecordID: recs[0], PickupBranch: "main", Override: "test"}); err != nil {
			t.Fatal(err)
		}
		// And 围城, to collect at the law library.
		if _, err := s.App.Circ.PlaceHold(ctx, cli, circ.HoldRequest{Card: "R002", RecordID: recs[1], PickupBranch: "LAW", Override: "test"}); err != nil {
			t.Fatal(err)
		}
		want(t, "returns", getOK(t, c, "/staff/circ/returns"), `id="f-scan"`, "autofocus")
		status, body, _ = c.PostForm("/staff/circ/returns", url.Values{"scan": {"D0001"}, "branch": {"main"}})
		if status != http.StatusOK {
			t.Fatalf("return D0001: %d %.1500s", status, mainOf(body))
		}
		want(t, "hold alert", body, `data-alert="hold"`, "预约书！放预约架", "李四", "R002", `id="receipt-link"`)
		status, body, _ = c.PostForm("/staff/circ/returns", url.Values{"scan": {"D0002"}, "branch": {"main"}, "earlier": {"D0001 平凡的世界"}})
		if status != http.StatusOK {
			t.Fatalf("return D0002: %d %.1500s", status, mainOf(body))
		}
		want(t, "transit alert", body, `data-alert="transit"`, "转运至 LAW", "李四", "D0001 平凡的世界")
		// 活着 lent, returned at the law library: home in transit.
		if _, err := s.App.Circ.Checkout(ctx, cli, "R001", "D0003", circ.CheckoutOptions{}); err != nil {
			t.Fatal(err)
		}
		status, body, _ = c.PostForm("/staff/circ/returns", url.Values{"scan": {"D0003"}, "branch": {"LAW"}})
		if status != http.StatusOK {
			t.Fatalf("return D0003: %d %.1500s", status, mainOf(body))
		}
		want(t, "transit home", body, `data-alert="transit"`, "转运！送回 main")
		noKeys(t, "returns", body)
		m := regexp.MustCompile(`href="(/staff/circ/loans/\d+/receipt)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no receipt link: %.1500s", mainOf(body))
		}
		want(t, "receipt", getOK(t, c, m[1]), "还书凭条", "活着", "张三", `id="receipt-returned"`)
		// An unknown barcode is said so.
		status, body, _ = c.PostForm("/staff/circ/returns", url.Values{"scan": {"NOPE"}})
		if status == http.StatusOK || !strings.Contains(body, `id="return-error"`) {
			t.Fatalf("unknown barcode: %d %.800s", status, mainOf(body))
		}
	})
}

// mustReader is the id of the reader with card.
func mustReader(t *testing.T, s *apptest.Server, card string) int64 {
	t.Helper()
	r, _, err := s.App.Readers.GetByCard(t.Context(), cli, card)
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}
