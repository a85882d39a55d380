package app_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/web"
)

// catalogIDs are the ids the catalogue's routes are opened with.
type catalogIDs struct{ Record, Item, Batch, Job string }

// concreteCatalog fills the wildcard of a catalogue or stacks route.
func concreteCatalog(pattern string, ids catalogIDs) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	id := ids.Record
	switch {
	case strings.HasPrefix(path, "/staff/catalog/items/"):
		id = ids.Item
	case strings.HasPrefix(path, "/staff/stacks/batches/"):
		id = ids.Batch
	case strings.HasPrefix(path, "/staff/catalog/import/"):
		id = ids.Job
	}
	return method, strings.NewReplacer("{$}", "", "{id}", id).Replace(path)
}

var cli = auth.CLIActor("test")

// marcForm is the MARC editor's form for the rows given as
// {tag, ind1, ind2, data}, with the CNMARC book leader.
func marcForm(action string, rows ...[4]string) url.Values {
	f := url.Values{"leader": {"00000nam0 2200000   450 "}, "action": {action}, "rows": {strconv.Itoa(len(rows))}, "template": {"cnmarc_book"}}
	for i, r := range rows {
		k := strconv.Itoa(i)
		f.Set("tag_"+k, r[0])
		f.Set("ind1_"+k, r[1])
		f.Set("ind2_"+k, r[2])
		f.Set("data_"+k, r[3])
	}
	return f
}

// pingfan is a CNMARC book as a cataloguer types it into the editor.
func pingfan(title string) [][4]string {
	return [][4]string{
		{"010", "", "", "$a 978-7-02-010000-2 $d CNY39.80"},
		{"100", "", "", "$a 20260901d2026    em y0chiy50      ea"},
		{"101", "0", "", "$a chi"},
		{"200", "1", "", "$a " + title + " $f 路遥著"},
		{"210", "", "", "$a 北京 $c 人民文学出版社 $d 2026"},
		{"215", "", "", "$a 3册 $d 21cm"},
		{"690", "", "", "$a I247.5 $v 5"},
		{"701", "", "0", "$a 路遥 $4 著"},
		{"", "", "", ""}, // an empty row, as the editor always offers
	}
}

var recordLocation = regexp.MustCompile(`^/staff/catalog/records/(\d+)\?done=flash\.record_created$`)

// createRecord saves a record through the editor and returns its id.
func createRecord(t *testing.T, c *apptest.Client, form url.Values) string {
	t.Helper()
	status, body, h := c.PostForm("/staff/catalog/records/new", form)
	m := recordLocation.FindStringSubmatch(h.Get("Location"))
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("save a new record: %d %q %.600s", status, h.Get("Location"), body)
	}
	return m[1]
}

// want fails the test unless body holds every string of wants.
func want(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q:\n%.2000s", what, w, mainOf(body))
		}
	}
}

// mainOf cuts a page down to its <main> for failure messages.
func mainOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	return body
}

func getOK(t *testing.T, c *apptest.Client, path string) string {
	t.Helper()
	status, body, _ := c.Get(path)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %.600s", path, status, mainOf(body))
	}
	return body
}

// TestCatalogWebCataloguingToShelf is a cataloguer's day in the staff
// client: a record through the MARC editor, the duplicate warning, a stale
// edit, a malformed row, three copies with a suggested call number, a status
// change, a withdrawal, a batch sent to the stacks and received there by the
// circulation desk with one book sent back, and the new-books list.
func TestCatalogWebCataloguingToShelf(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := context.Background()
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		c := s.NewClient(t)
		c.Login("cat", "password-cat")

		// The editor opens on the CNMARC book template.
		body := getOK(t, c, "/staff/catalog/records/new")
		want(t, "new-record editor", body, `name="leader" value="00000nam0 2200000   450 "`, `value="690"`, `value="801"`, "查重", "增加空行")

		// "More rows" gives five more empty rows and keeps what was typed.
		status, body, _ := c.PostForm("/staff/catalog/records/new", marcForm("more", pingfan("平凡的世界")...))
		if status != 200 || !strings.Contains(body, `name="rows" value="14"`) || !strings.Contains(body, "$a 平凡的世界 $f 路遥著") {
			t.Fatalf("more rows: %d %.1500s", status, mainOf(body))
		}

		// Save: the record page shows the fields, the MARC and no items.
		id := createRecord(t, c, marcForm("save", pingfan("平凡的世界")...))
		body = getOK(t, c, "/staff/catalog/records/"+id+"?done=flash.record_created")
		want(t, "record page", body, "书目记录已保存", "<h1>平凡的世界</h1>", "路遥", "I247.5", "9787020100002",
			`<b>$a</b> 平凡的世界`, "200 1  $a 平凡的世界", "还没有单册", "/staff/catalog/records/"+id+"/edit")

		// The same book again: the duplicate check warns and does not save…
		status, body, _ = c.PostForm("/staff/catalog/records/new", marcForm("save", pingfan("平凡的世界")...))
		if status != http.StatusConflict {
			t.Fatalf("duplicate not caught: %d %.600s", status, mainOf(body))
		}
		want(t, "duplicate warning", body, "查重发现 1 条可能重复的记录", `href="/staff/catalog/records/`+id+`"`, "ISBN 相同", `name="dup_ok"`, "$a 平凡的世界 $f 路遥著")
		// …until the cataloguer ticks "save anyway".
		f := marcForm("save", pingfan("平凡的世界")...)
		f.Set("dup_ok", "1")
		id2 := createRecord(t, c, f)
		if id2 == id {
			t.Fatal("save anyway did not make a second record")
		}
		recs, err := s.App.Catalog.ListRecords(ctx, cli, catalog.RecordFilter{})
		if err != nil || len(recs) != 2 {
			t.Fatalf("records after the duplicate: %d %v", len(recs), err)
		}

		// Edit: the editor sends the version it started from; a second save
		// of the same stale version is refused with a way to reload.
		body = getOK(t, c, "/staff/catalog/records/"+id+"/edit")
		want(t, "edit form", body, `name="version" value="1"`, ">$a 平凡的世界 $f 路遥著</textarea>", "查重发现 1 条")
		edit := marcForm("save", pingfan("平凡的世界（修订版）")...)
		edit.Set("version", "1")
		edit.Set("dup_ok", "1")
		if status, body, h := c.PostForm("/staff/catalog/records/"+id+"/edit", edit); status != http.StatusSeeOther || h.Get("Location") != "/staff/catalog/records/"+id+"?done=flash.record_saved" {
			t.Fatalf("edit: %d %s %.600s", status, h.Get("Location"), mainOf(body))
		}
		edit = marcForm("save", pingfan("平凡的世界（又一稿）")...)
		edit.Set("version", "1")
		edit.Set("dup_ok", "1")
		status, body, _ = c.PostForm("/staff/catalog/records/"+id+"/edit", edit)
		if status != http.StatusConflict {
			t.Fatalf("stale edit: %d %.600s", status, mainOf(body))
		}
		want(t, "stale edit", body, "这条记录已被他人修改（现为第 2 版）", `href="/staff/catalog/records/`+id+`/edit"`, "又一稿")
		if rec, _ := s.App.Catalog.GetRecord(ctx, cli, mustID(t, id)); rec.Title != "平凡的世界（修订版）" || rec.Version != 2 {
			t.Fatalf("after the stale edit: %q v%d", rec.Title, rec.Version)
		}
		body = getOK(t, c, "/staff/catalog/records/"+id)
		want(t, "versions", body, "历史版本", "200 1  $a 平凡的世界 $f 路遥著")

		// Malformed rows: every mistake names its row, nothing is saved.
		bad := pingfan("人生")
		bad[2] = [4]string{"10", "0", "", "$a chi"}
		bad[5] = [4]string{"215", "12", "", "$a 3册"}
		bad[6] = [4]string{"690", "", "", "I247.5"}
		bad[7] = [4]string{"701", "", "0", "$a 路遥 $ 著"}
		status, body, _ = c.PostForm("/staff/catalog/records/new", marcForm("save", bad...))
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("malformed rows: %d %.600s", status, mainOf(body))
		}
		want(t, "malformed rows", body, `role="alert"`, "有 4 处需要修改",
			"第 3 行：字段号“10”必须是 3 个字母或数字", `href="#tag-2"`,
			"第 6 行（215）：指示符 1“12”必须是一个字符", "第 7 行（690）：数据必须以子字段标识开头",
			"第 8 行（701）：“$”后面必须是子字段代码", `aria-invalid="true"`)
		if recs, _ := s.App.Catalog.ListRecords(ctx, cli, catalog.RecordFilter{}); len(recs) != 2 {
			t.Fatalf("a malformed record was saved: %d records", len(recs))
		}

		// Three copies with a suggested call number (种次号).
		items := "/staff/catalog/records/" + id + "/items/new"
		body = getOK(t, c, items)
		want(t, "item form", body, `name="barcode"`, "建议索书号", `<option value="book" selected>普通图书</option>`, "采购")
		form := url.Values{"barcode": {"T0001"}, "count": {"3"}, "location": {"processing"}, "collection": {"zw"}, "item_type": {"book"},
			"price": {"39.80"}, "source": {"purchase"}, "action": {"suggest"}}
		status, body, _ = c.PostForm(items, form)
		if status != 200 {
			t.Fatalf("suggest: %d %.600s", status, mainOf(body))
		}
		want(t, "suggested call number", body, "已填入建议的索书号：I247.5/1", `name="call_number" value="I247.5/1"`, `value="T0001"`, `value="39.80"`)
		form.Set("call_number", "I247.5/1")
		form.Set("price", "39.8.0")
		form.Set("action", "save")
		status, body, _ = c.PostForm(items, form)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad price: %d", status)
		}
		want(t, "bad price", body, "价格“39.8.0”无效", `id="i-price"`)
		form.Set("price", "39.80")
		if status, body, h := c.PostForm(items, form); status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "flash.items_created") {
			t.Fatalf("create 3 items: %d %s %.600s", status, h.Get("Location"), mainOf(body))
		}
		body = getOK(t, c, "/staff/catalog/records/"+id)
		want(t, "record with items", body, "单册（3）", "T0001", "T0002", "T0003", "I247.5/1", "加工中", "39.80", "采编部（加工中）")
		if strings.Contains(body, "/delete\"") {
			t.Error("a record with items offers to delete it")
		}

		// A status change by hand, with its reason, in the history.
		status, _, h := c.Get("/staff/catalog?barcode=T0001")
		if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/staff/catalog/items/") {
			t.Fatalf("find by barcode: %d %s", status, h.Get("Location"))
		}
		itemPage := h.Get("Location")
		if status, body, _ = c.PostForm(itemPage+"/status", url.Values{"status": {"in_repair"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "请写明更改状态的原因") {
			t.Fatalf("status without a reason: %d %.600s", status, mainOf(body))
		}
		if status, _, h = c.PostForm(itemPage+"/status", url.Values{"status": {"in_repair"}, "reason": {"书脊开裂"}}); status != http.StatusSeeOther {
			t.Fatalf("status change: %d", status)
		}
		body = getOK(t, c, h.Get("Location"))
		want(t, "item history", body, "状态已更改", "修补中", "书脊开裂", "cat", "新建")

		// Withdrawal: a wrong barcode names itself and withdraws nothing.
		status, body, _ = c.PostForm("/staff/catalog/withdrawals", url.Values{"barcodes": {"T0001\r\nNOPE99\r\n"}, "reason": {"damaged"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("withdraw a wrong barcode: %d", status)
		}
		want(t, "bad withdrawal", body, "NOPE99", `role="alert"`, "T0001\r\nNOPE99")
		if it, _ := s.App.Catalog.GetItemByBarcode(ctx, cli, "T0001"); it.Status != catalog.InRepair {
			t.Fatalf("T0001 after the refused withdrawal: %s", it.Status)
		}
		if status, _, h = c.PostForm("/staff/catalog/withdrawals", url.Values{"barcodes": {"T0001\n"}, "reason": {"damaged"}, "note": {"水渍"}}); status != http.StatusSeeOther {
			t.Fatalf("withdraw: %d", status)
		}
		body = getOK(t, c, "/staff/catalog/withdrawals?done=flash.withdrawn")
		want(t, "ledger", body, "已注销，并记入注销帐", "ZX", "严重损坏", "共 1 单，1 册，金额 39.80 元", "水渍")
		body = getOK(t, c, "/staff/catalog/withdrawals/print")
		want(t, "printable ledger", body, "注销帐", "T0001", "平凡的世界（修订版）", "合计 1 册", "制表：")

		// Distribution: T0002 and T0003 go to the stacks.
		if status, body, _ = c.PostForm("/staff/catalog/batches", url.Values{"barcodes": {"T0002\nT0001"}, "to_location": {"stacks"}}); status != http.StatusConflict || !strings.Contains(body, "T0001") {
			t.Fatalf("send a withdrawn item: %d %.600s", status, mainOf(body))
		}
		if status, _, h = c.PostForm("/staff/catalog/batches", url.Values{"barcodes": {"T0002\nT0003"}, "to_location": {"stacks"}, "note": {"九月新书"}}); status != http.StatusSeeOther {
			t.Fatalf("send batch: %d", status)
		}
		body = getOK(t, c, "/staff/catalog/batches")
		want(t, "batches", body, "DC", "待验收", "九月新书", "2 册，退回 0 册")
		batches, err := s.App.Catalog.Batches(ctx, cli, "", 10)
		if err != nil || len(batches) != 1 {
			t.Fatalf("batches: %v %v", batches, err)
		}
		batch := itoa(batches[0].ID)

		// The circulation desk receives it and sends T0003 back.
		d := s.NewClient(t)
		d.Login("desk", "password-desk")
		body = getOK(t, d, "/staff/")
		want(t, "desk home", body, `href="/staff/stacks/batches"`)
		body = getOK(t, d, "/staff/stacks/batches")
		want(t, "stacks list", body, `href="/staff/stacks/batches/`+batch+`"`, batches[0].BatchNo)
		body = getOK(t, d, "/staff/stacks/batches/"+batch)
		want(t, "batch check", body, "T0002", "T0003", "I247.5/1", "确认验收")
		t2, _ := s.App.Catalog.GetItemByBarcode(ctx, cli, "T0002")
		t3, _ := s.App.Catalog.GetItemByBarcode(ctx, cli, "T0003")
		o2, o3, r3 := "outcome_"+itoa(t2.ID), "outcome_"+itoa(t3.ID), "reason_"+itoa(t3.ID)
		status, body, _ = d.PostForm("/staff/stacks/batches/"+batch, url.Values{o2: {"accept"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("unchecked item: %d", status)
		}
		want(t, "unchecked item", body, "条码 T0003 尚未核对", `value="accept" checked`)
		status, body, _ = d.PostForm("/staff/stacks/batches/"+batch, url.Values{o2: {"accept"}, o3: {"reject"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "退回条码 T0003 时请写明原因") {
			t.Fatalf("reject without a reason: %d %.600s", status, mainOf(body))
		}
		if status, _, h = d.PostForm("/staff/stacks/batches/"+batch, url.Values{o2: {"accept"}, o3: {"reject"}, r3: {"书标贴错"}}); status != http.StatusSeeOther {
			t.Fatalf("receive: %d", status)
		}
		body = getOK(t, d, h.Get("Location"))
		want(t, "received batch", body, "验收结果已记录", "部分退回", "已接收", "退回: 书标贴错")
		if t2, _ = s.App.Catalog.GetItemByBarcode(ctx, cli, "T0002"); t2.Status != catalog.Available || t2.Location != "stacks" {
			t.Fatalf("accepted item: %s at %s", t2.Status, t2.Location)
		}
		if t3, _ = s.App.Catalog.GetItemByBarcode(ctx, cli, "T0003"); t3.Status != catalog.InProcessing {
			t.Fatalf("rejected item: %s", t3.Status)
		}
		body = getOK(t, c, "/staff/catalog/batches")
		want(t, "batches after the check", body, "部分退回", "2 册，退回 1 册", "书标贴错")

		// The book is on the shelf: the new-books list shows it.
		body = getOK(t, c, "/staff/catalog/new-books?days=30&class=I")
		want(t, "new books", body, "平凡的世界（修订版）", "I247.5/1", "新书 1 种")
		body = getOK(t, c, "/staff/catalog/new-books?days=30&class=TP")
		want(t, "new books in another class", body, "这段时间没有新书上架")

		// The desk may receive but not catalogue.
		for _, p := range []string{"/staff/catalog/records/new", "/staff/catalog/records/" + id + "/edit", "/staff/catalog/records/" + id + "/items/new"} {
			if status, _, _ := d.Get(p); status != http.StatusForbidden {
				t.Errorf("circulation GET %s: %d, want 403", p, status)
			}
		}
		if status, _, _ := d.PostForm("/staff/catalog/records/new", marcForm("save", pingfan("偷偷编目")...)); status != http.StatusForbidden {
			t.Errorf("circulation POST of the MARC editor: %d, want 403", status)
		}
		// …and sees the catalogue without the cataloguer's buttons.
		body = getOK(t, d, "/staff/catalog/records/"+id)
		if strings.Contains(body, "/edit\"") || strings.Contains(body, "/items/new\"") || strings.Contains(body, "/merge\"") {
			t.Errorf("the desk sees editing buttons: %.1500s", mainOf(body))
		}
	})
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCatalogPagesForEveryRole opens every catalogue and stacks page with
// ids that exist, as every built-in role: the roles in allowedRoles get the
// page (200), the others 403.
func TestCatalogPagesForEveryRole(t *testing.T) {
	s := apptest.Start(t, "")
	ctx := context.Background()
	s.CreateStaff(t, "cat", auth.RoleCataloguer)
	c := s.NewClient(t)
	c.Login("cat", "password-cat")
	id := createRecord(t, c, marcForm("save", pingfan("平凡的世界")...))
	items, err := s.App.Catalog.CreateItems(ctx, cli, catalog.NewItem{RecordID: mustID(t, id), Barcode: "R0001", CallNumber: "I247.5/1",
		Location: "processing", Collection: "zw", ItemType: "book"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.App.Catalog.SendBatch(ctx, cli, "stacks", []string{"R0001"}, "")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	job, err := s.App.Catalog.StartImportJob(ctx, cli, "empty.mrc", 0, catalog.ImportJobOptions{},
		func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("")), nil }, func() { close(done) })
	if err != nil {
		t.Fatal(err)
	}
	<-done
	ids := catalogIDs{Record: id, Item: itoa(items[0].ID), Batch: itoa(b.ID), Job: itoa(job.ID)}
	for _, role := range auth.BuiltinRoles {
		s.CreateStaff(t, "r_"+role.Code, role.Code)
		rc := s.NewClient(t)
		rc.Login("r_"+role.Code, "password-r_"+role.Code)
		for _, rt := range web.StaffRoutes() {
			method, path := concreteCatalog(rt.Pattern, ids)
			if method != "GET" || !(strings.HasPrefix(path, "/staff/catalog") || strings.HasPrefix(path, "/staff/stacks")) {
				continue
			}
			allowed := false
			for _, r := range allowedRoles[rt.Pattern] {
				allowed = allowed || r == role.Code
			}
			status, body, _ := rc.Get(path)
			switch {
			case allowed && status != http.StatusOK:
				t.Errorf("%s as %s: %d, want 200 (%.400s)", path, role.Code, status, mainOf(body))
			case !allowed && status != http.StatusForbidden:
				t.Errorf("%s as %s: %d, want 403", path, role.Code, status)
			case allowed:
				noRawKeys(t, path, body)
			}
		}
	}
}

// TestCatalogNamesTranslated makes sure every code the catalogue screens
// name — statuses, reasons, sources, kinds, batch states — has its name in
// both languages (they are looked up by prefix, which the translation test
// cannot see).
func TestCatalogNamesTranslated(t *testing.T) {
	tr := i18n.MustLoad()
	var keys []string
	for _, st := range catalog.Statuses {
		keys = append(keys, "item_status."+string(st))
	}
	for _, r := range catalog.WithdrawalReasons {
		keys = append(keys, "withdrawal_reason."+r)
	}
	for _, src := range catalog.Sources {
		keys = append(keys, "item_source."+src)
	}
	for _, k := range catalog.LocationKinds {
		keys = append(keys, "location_kind."+k)
	}
	for _, x := range []string{"sent", "confirmed", "partly_rejected", "rejected"} {
		keys = append(keys, "batch_status."+x)
	}
	for _, x := range []string{"pending", "accepted", "rejected"} {
		keys = append(keys, "batch_outcome."+x)
	}
	for _, x := range []string{"isbn", "title_author_year"} {
		keys = append(keys, "duplicate_reason."+x)
	}
	for _, x := range []string{"cnmarc_book", "marc21_book", "cnmarc_serial", "marc21_serial"} {
		keys = append(keys, "catalog.skeleton."+x)
	}
	for _, x := range []string{"cnmarc", "marc21"} {
		keys = append(keys, "catalog.format."+x)
	}
	for _, l := range []catalog.CodeList{catalog.Branches, catalog.Locations, catalog.Collections, catalog.ItemTypes} {
		keys = append(keys, "catalog.codes."+string(l))
	}
	for _, x := range []string{"record_created", "record_saved", "records_merged", "record_deleted", "item_created", "items_created",
		"item_saved", "item_status_changed", "withdrawn", "batch_sent", "batch_received", "code_saved"} {
		keys = append(keys, "flash."+x)
	}
	for _, k := range keys {
		for _, loc := range i18n.Locales {
			if !tr.Has(loc, k) {
				t.Errorf("%s is missing in %s", k, loc)
			}
		}
	}
}

// TestCatalogWebHousekeeping covers the catalogue's other screens: the
// look-ups of the home page, a MARC 21 record, merging and deleting records,
// editing an item, the code lists, the classification browser and labels.
func TestCatalogWebHousekeeping(t *testing.T) {
	s := apptest.Start(t, "")
	ctx := context.Background()
	s.CreateStaff(t, "cat", auth.RoleCataloguer)
	s.CreateStaff(t, "sys", auth.RoleSystems)
	c := s.NewClient(t)
	c.Login("cat", "password-cat")
	a := createRecord(t, c, marcForm("save", pingfan("平凡的世界")...))
	f := marcForm("save", pingfan("平凡的世界")...)
	f.Set("dup_ok", "1")
	b := createRecord(t, c, f)
	if _, err := s.App.Catalog.CreateItems(ctx, cli, catalog.NewItem{RecordID: mustID(t, b), Barcode: "H0001", CallNumber: "I247.5/7",
		Location: "processing", Collection: "zw", ItemType: "book", PriceFen: 2500}, 2); err != nil {
		t.Fatal(err)
	}

	// Home: the look-ups, and the records changed lately.
	body := getOK(t, c, "/staff/catalog")
	want(t, "catalogue home", body, "按条码查找", "按 ISBN 查重", "最近修改的记录", `href="/staff/catalog/records/`+b+`"`)
	body = getOK(t, c, "/staff/catalog?isbn=7-02-010000-7")
	want(t, "ISBN check", body, "ISBN 9787020100002 查重结果", "已有 2 条记录使用这个 ISBN", `href="/staff/catalog/records/`+a+`"`)
	body = getOK(t, c, "/staff/catalog?isbn=978-7-111-11111-5")
	want(t, "ISBN not held", body, "馆藏中没有这个 ISBN 的记录", `href="/staff/catalog/records/new?template=cnmarc_book&amp;isbn=9787111111115"`)
	for q, msg := range map[string]string{"isbn=12345": "“12345”不是有效的 ISBN", "id=abc": "“abc”不是记录号", "barcode=NOPE": "NOPE", "id=99999": "99999"} {
		if status, body, _ := c.Get("/staff/catalog?" + q); status != http.StatusUnprocessableEntity || !strings.Contains(body, msg) {
			t.Errorf("look-up %s: %d, want 422 with %q", q, status, msg)
		}
	}
	if status, _, h := c.Get("/staff/catalog?id=" + a); status != http.StatusSeeOther || h.Get("Location") != "/staff/catalog/records/"+a {
		t.Errorf("open by id: %d %s", status, h.Get("Location"))
	}
	body = getOK(t, c, "/staff/catalog/records/new?template=cnmarc_book&isbn=9787111111115")
	want(t, "editor with the ISBN", body, ">$a 9787111111115 $b  $d </textarea>")

	// A MARC 21 record from its template; "check" runs the duplicate check
	// without saving.
	body = getOK(t, c, "/staff/catalog/records/new?template=marc21_book")
	want(t, "MARC 21 template", body, `value="00000nam a2200000 i 4500"`, `value="245"`, `value="264"`, "$a  $2 clc")
	m21 := url.Values{"leader": {"00000nam a2200000 i 4500"}, "rows": {"4"}, "template": {"marc21_book"},
		"tag_0": {"020"}, "data_0": {"$a 9780262033848"},
		"tag_1": {"100"}, "ind1_1": {"1"}, "data_1": {"$a Cormen, Thomas H. $e author."},
		"tag_2": {"245"}, "ind1_2": {"1"}, "ind2_2": {"0"}, "data_2": {"$a Introduction to algorithms / $c Thomas H. Cormen."},
		"tag_3": {"084"}, "data_3": {"$a  $2 clc"}}
	m21.Set("action", "check")
	status, body, _ := c.PostForm("/staff/catalog/records/new", m21)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("half-filled 084: %d", status)
	}
	want(t, "half-filled 084", body, "第 4 行（084）：子字段 $a 为空")
	m21.Set("data_3", "$a TP301.6 $2 clc")
	status, body, _ = c.PostForm("/staff/catalog/records/new", m21)
	if status != http.StatusOK || !strings.Contains(body, "查重完毕：没有发现重复记录") {
		t.Fatalf("check: %d %.600s", status, mainOf(body))
	}
	if recs, _ := s.App.Catalog.ListRecords(ctx, cli, catalog.RecordFilter{}); len(recs) != 2 {
		t.Fatalf("check saved the record: %d records", len(recs))
	}
	m21.Set("action", "save")
	id21 := createRecord(t, c, m21)
	body = getOK(t, c, "/staff/catalog/records/"+id21)
	want(t, "MARC 21 record", body, "Introduction to algorithms", "MARC 21", "245 10 $a Introduction to algorithms /")

	// Merge b into a: without the confirmation nothing happens.
	if status, body, _ := c.PostForm("/staff/catalog/records/"+a+"/merge", url.Values{"others": {b}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "请勾选确认") {
		t.Fatalf("merge unconfirmed: %d", status)
	}
	if status, body, _ := c.PostForm("/staff/catalog/records/"+a+"/merge", url.Values{"others": {"999999"}, "confirm": {"1"}}); status != http.StatusUnprocessableEntity {
		t.Fatalf("merge of a missing record: %d %.300s", status, mainOf(body))
	}
	body = getOK(t, c, "/staff/catalog/records/"+a)
	want(t, "possible duplicates", body, "下列记录可能与本记录重复", `href="/staff/catalog/records/`+b+`"`)
	if status, _, h := c.PostForm("/staff/catalog/records/"+a+"/merge", url.Values{"others": {b}, "confirm": {"1"}}); status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "flash.records_merged") {
		t.Fatalf("merge: %d %s", status, h.Get("Location"))
	}
	body = getOK(t, c, "/staff/catalog/records/"+a)
	want(t, "merged record", body, "H0001", "H0002", "单册（2）")
	if status, _, _ := c.Get("/staff/catalog/records/" + b); status != http.StatusNotFound {
		t.Errorf("merged record still there: %d", status)
	}

	// Delete: only a record without items, only when confirmed.
	body = getOK(t, c, "/staff/catalog/records/"+a+"/delete")
	want(t, "delete a record with items", body, "这条记录还有 2 个单册，不能删除")
	body = getOK(t, c, "/staff/catalog/records/"+id21+"/delete")
	want(t, "delete form", body, "我确认删除这条书目记录")
	if status, _, _ := c.PostForm("/staff/catalog/records/"+id21+"/delete", url.Values{}); status != http.StatusUnprocessableEntity {
		t.Errorf("unconfirmed delete: %d", status)
	}
	if status, _, h := c.PostForm("/staff/catalog/records/"+id21+"/delete", url.Values{"confirm": {"1"}}); status != http.StatusSeeOther || h.Get("Location") != "/staff/catalog?done=flash.record_deleted" {
		t.Fatalf("delete: %d %s", status, h.Get("Location"))
	}
	if _, err := s.App.Catalog.GetRecord(ctx, cli, mustID(t, id21)); err == nil {
		t.Error("deleted record still there")
	}

	// Edit an item.
	it, _ := s.App.Catalog.GetItemByBarcode(ctx, cli, "H0001")
	itemPath := "/staff/catalog/items/" + itoa(it.ID)
	body = getOK(t, c, itemPath)
	want(t, "item page", body, `name="price" value="25.00"`, "I247.5/7", "状态记录")
	edit := url.Values{"call_number": {"I247.5/7"}, "location": {"processing"}, "collection": {"zw"}, "item_type": {"reference"},
		"price": {"abc"}, "source": {"gift"}, "volume": {"上册"}, "copy_no": {"1"}, "notes": {"扉页有签名"}}
	if status, body, _ := c.PostForm(itemPath, edit); status != http.StatusUnprocessableEntity || !strings.Contains(body, "价格“abc”无效") || !strings.Contains(body, "扉页有签名") {
		t.Fatalf("bad item edit: %d %.400s", status, mainOf(body))
	}
	edit.Set("price", "¥ 31.5")
	if status, _, _ := c.PostForm(itemPath, edit); status != http.StatusSeeOther {
		t.Fatalf("item edit: %d", status)
	}
	if it, _ = s.App.Catalog.GetItem(ctx, cli, it.ID); it.PriceFen != 3150 || it.ItemType != "reference" || it.Source != "gift" || it.Volume != "上册" {
		t.Fatalf("edited item: %+v", it)
	}

	// Code lists: everybody in the catalogue reads them, the systems office
	// keeps them.
	body = getOK(t, c, "/staff/catalog/codes")
	want(t, "codes for the cataloguer", body, "采编部（加工中）", "中文图书", "随书光盘", "代码表由有“系统参数”权限的人员")
	if strings.Contains(body, `action="/staff/catalog/codes"`) {
		t.Error("the cataloguer sees the code forms")
	}
	sys := s.NewClient(t)
	sys.Login("sys", "password-sys")
	body = getOK(t, sys, "/staff/catalog/codes")
	want(t, "codes for the systems office", body, `action="/staff/catalog/codes"`, `name="kind"`)
	if status, body, _ := sys.PostForm("/staff/catalog/codes", url.Values{"list": {"locations"}, "code": {"a b"}, "name_zh": {"一"}, "name_en": {"One"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "a b") {
		t.Fatalf("bad code: %d", status)
	}
	if status, body, _ := sys.PostForm("/staff/catalog/codes", url.Values{"list": {"shelves"}, "code": {"x"}, "name_zh": {"一"}, "name_en": {"One"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "没有代码表“shelves”") {
		t.Fatalf("unknown code list: %d", status)
	}
	if status, _, _ := sys.PostForm("/staff/catalog/codes", url.Values{"list": {"locations"}, "code": {"rr1"}, "name_zh": {"第一阅览室"}, "name_en": {"Reading room 1"}, "branch": {"main"}, "kind": {"reading_room"}}); status != http.StatusSeeOther {
		t.Fatalf("save a location: %d", status)
	}
	body = getOK(t, c, "/staff/catalog/codes")
	want(t, "new location", body, "第一阅览室", "阅览室")

	// The classification browser and the class check.
	body = getOK(t, c, "/staff/catalog/classes")
	want(t, "no table", body, "还没有载入分类表")
	table := "code\tcaption\tlevel\tparent\nI\t文学\t1\t\nI2\t中国文学\t2\tI\nI24\t小说\t3\tI2\nI247\t新体小说\t4\tI24\nI247.5\t新体长篇、中篇小说\t5\tI247\n"
	if _, err := s.App.Catalog.ImportCLC(ctx, cli, strings.NewReader(table)); err != nil {
		t.Fatal(err)
	}
	body = getOK(t, c, "/staff/catalog/classes")
	want(t, "main classes", body, `href="/staff/catalog/classes?parent=I"`, "文学")
	body = getOK(t, c, "/staff/catalog/classes?parent=I24")
	want(t, "breadcrumbs", body, `<code>I</code> 文学`, `<code>I2</code> 中国文学`, `aria-current="page"><code>I24</code> 小说`, "新体小说")
	body = getOK(t, c, "/staff/catalog/classes?check=I247.5")
	want(t, "known class", body, "I247.5 在分类表中：新体长篇、中篇小说")
	body = getOK(t, c, "/staff/catalog/classes?check=I247.57")
	want(t, "nearest class", body, "I247.57 不在分类表中；它是 I247.5（新体长篇、中篇小说）的细分")
	if status, body, _ := c.Get("/staff/catalog/classes?check=%3F%3F"); status != http.StatusUnprocessableEntity || !strings.Contains(body, `role="alert"`) {
		t.Errorf("malformed class: %d", status)
	}

	// Labels: a PDF of spine or barcode labels; a book without a call
	// number names itself.
	if _, err := s.App.Catalog.CreateItem(ctx, cli, catalog.NewItem{RecordID: mustID(t, a), Barcode: "H0009", Location: "processing", Collection: "zw", ItemType: "book"}); err != nil {
		t.Fatal(err)
	}
	body = getOK(t, c, "/staff/catalog/labels")
	want(t, "labels form", body, "书标", "条码标签", "a4-5x13", "A4 65 枚")
	if status, body, _ := c.PostForm("/staff/catalog/labels", url.Values{"barcodes": {"H0001\nH0009"}, "kind": {"spine"}, "sheet": {"a4-5x13"}, "start": {"1"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "条码 H0009 还没有索书号") {
		t.Fatalf("spine label without a call number: %d %.300s", status, mainOf(body))
	}
	if status, body, _ := c.PostForm("/staff/catalog/labels", url.Values{"barcodes": {"H0001"}, "kind": {"spine"}, "sheet": {"a4-5x13"}, "start": {"66"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "1 到 65") {
		t.Fatalf("start beyond the sheet: %d %.300s", status, mainOf(body))
	}
	if _, err := os.Stat("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"); err != nil && os.Getenv("CI") == "" {
		t.Log("labels PDF not tested: fonts-wqy-microhei is not installed")
		return
	}
	for _, kind := range []string{"spine", "barcode"} {
		status, body, h := c.PostForm("/staff/catalog/labels", url.Values{"barcodes": {"H0001\nH0002"}, "kind": {kind}, "sheet": {"a4-4x10"}, "start": {"3"}, "library": {"兰台图书馆"}})
		if status != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF") {
			t.Errorf("%s labels: %d %s %.300s", kind, status, h.Get("Content-Type"), mainOf(body))
		}
	}
}

// TestBrowserCatalogueARecord catalogues a book in a real browser, without
// JavaScript of our own: the CNMARC template, a mistake named by its row,
// the saved record, three copies with a suggested call number. With
// LANTAI_SCREENSHOTS set it saves the pages at desk and phone sizes.
func TestBrowserCatalogueARecord(t *testing.T) {
	s := apptest.Start(t, "")
	s.CreateStaff(t, "wangfang", auth.RoleCataloguer)
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
		chromedp.Navigate(s.URL+"/staff/catalog/records/new"),
		chromedp.WaitVisible(id("username")),
		chromedp.SendKeys(id("username"), "wangfang"),
		chromedp.SendKeys(id("password"), "password-wangfang"),
		chromedp.Click(id("login-submit")),
		chromedp.WaitVisible(id("leader")),
	))
	// The CNMARC book template: 010 is row 2, 200 row 6, 690 row 12, 701 row 13.
	must(chromedp.Do(ctx,
		chromedp.SetValue(id("data-1"), "$a 978-7-02-010000-2 $d CNY39.80"),
		chromedp.SetValue(id("data-5"), "$a 平凡的世界 $f 路遥著"),
		chromedp.SetValue(id("data-6"), "$a 北京 $c 人民文学出版社 $d 2026"),
		chromedp.SetValue(id("data-11"), "$a I247.5 $v 5"),
		chromedp.SetValue(id("data-12"), "$a 路遥 $4 著"),
		chromedp.SetValue(id("tag-14"), "20"),
		chromedp.SetValue(id("data-14"), "$a 多余的一行"),
		chromedp.Click(id("save")),
		chromedp.WaitVisible(id("problems")),
	))
	if p := text("#problems"); !strings.Contains(p, "第 15 行") || !strings.Contains(p, "字段号“20”") {
		t.Fatalf("the mistake is not named by its row: %q", p)
	}
	screenshots(t, ctx, "catalog-editor-error", s.URL+"/staff/catalog/records/new")
	must(chromedp.Do(ctx, // again, right, on a fresh template
		chromedp.Navigate(s.URL+"/staff/catalog/records/new"),
		chromedp.WaitVisible(id("leader")),
		chromedp.SetValue(id("data-1"), "$a 978-7-02-010000-2 $d CNY39.80"),
		chromedp.SetValue(id("data-5"), "$a 平凡的世界 $f 路遥著"),
		chromedp.SetValue(id("data-6"), "$a 北京 $c 人民文学出版社 $d 2026"),
		chromedp.SetValue(id("data-11"), "$a I247.5 $v 5"),
		chromedp.SetValue(id("data-12"), "$a 路遥 $4 著"),
		chromedp.Click(id("save")),
		chromedp.WaitVisible(id("items-h")),
	))
	if h := text("h1"); h != "平凡的世界" {
		t.Fatalf("record page heading %q", h)
	}
	recordURL, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	recordURL, _, _ = strings.Cut(recordURL, "?")
	must(chromedp.Do(ctx,
		chromedp.Navigate(recordURL+"/items/new"),
		chromedp.WaitVisible(id("i-barcode")),
		chromedp.SendKeys(id("i-barcode"), "B0001"),
		chromedp.SetValue(id("i-count"), "3"),
		chromedp.SendKeys(id("i-price"), "39.80"),
		chromedp.Click(id("suggest")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	))
	cn, err := chromedp.Run(ctx, chromedp.Value(id("i-callno")))
	must(err)
	if cn != "I247.5/1" {
		t.Fatalf("suggested call number %q", cn)
	}
	screenshots(t, ctx, "catalog-items-new", recordURL+"/items/new")
	must(chromedp.Do(ctx,
		chromedp.Navigate(recordURL+"/items/new"),
		chromedp.WaitVisible(id("i-barcode")),
		chromedp.SendKeys(id("i-barcode"), "B0001"),
		chromedp.SetValue(id("i-count"), "3"),
		chromedp.SendKeys(id("i-price"), "39.80"),
		chromedp.SetValue(id("i-callno"), "I247.5/1"),
		chromedp.Click(id("create-items")),
		chromedp.WaitVisible(id("items-h")),
	))
	if items := text("#items"); !strings.Contains(items, "B0003") || !strings.Contains(items, "加工中") {
		t.Fatalf("items on the record page: %q", items)
	}
	screenshots(t, ctx, "catalog-record", recordURL)
}

// rawKey finds a translation key shown instead of its text (what T gives
// for a key it does not know).
var rawKey = regexp.MustCompile(`\b(catalog|item_status|withdrawal_reason|item_source|material|language|batch_status|batch_outcome|location_kind|duplicate_reason|class_status|label_sheet|error|flash)\.[a-z_]+`)

func noRawKeys(t *testing.T, path, body string) {
	t.Helper()
	if k := rawKey.FindString(mainOf(body)); k != "" {
		t.Errorf("%s shows the untranslated key %s", path, k)
	}
}

// TestCatalogPagesInEnglish opens the catalogue's pages in English, with
// something on each, and finds no untranslated key.
func TestCatalogPagesInEnglish(t *testing.T) {
	s := apptest.Start(t, "")
	ctx := context.Background()
	s.CreateStaff(t, "cat", auth.RoleCataloguer)
	s.CreateStaff(t, "desk", auth.RoleCirculation)
	c := s.NewClient(t)
	c.Login("cat", "password-cat")
	c.PostForm("/staff/language", url.Values{"locale": {"en"}, "back": {"/staff/"}})
	id := createRecord(t, c, marcForm("save", pingfan("平凡的世界")...))
	items, err := s.App.Catalog.CreateItems(ctx, cli, catalog.NewItem{RecordID: mustID(t, id), Barcode: "E0001", CallNumber: "I247.5/1",
		Location: "processing", Collection: "zw", ItemType: "book", PriceFen: 3980}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.App.Catalog.ChangeItemStatus(ctx, cli, items[0].ID, catalog.InRepair, "spine"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.App.Catalog.Withdraw(ctx, cli, []string{"E0001"}, "worn", ""); err != nil {
		t.Fatal(err)
	}
	b, err := s.App.Catalog.SendBatch(ctx, cli, "stacks", []string{"E0002", "E0003"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.App.Catalog.ReceiveBatch(ctx, cli, b.ID, map[int64]string{items[2].ID: "wrong label"}); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{
		"/staff/catalog?isbn=9787020100002":                 "Duplicate check for ISBN 9787020100002",
		"/staff/catalog/records/" + id:                      "Items (4)",
		"/staff/catalog/records/" + id + "/edit":            "Check for duplicates",
		"/staff/catalog/records/new?template=marc21_serial": "Serial (MARC 21)",
		"/staff/catalog/records/" + id + "/items/new":       "Suggest a call number",
		"/staff/catalog/items/" + itoa(items[0].ID):         "Withdrawn (ZX",
		"/staff/catalog/items/" + itoa(items[1].ID):         "Received from distribution (DC",
		"/staff/catalog/withdrawals":                        "1 entries, 1 items, 39.80 yuan",
		"/staff/catalog/withdrawals/print":                  "Withdrawal ledger",
		"/staff/catalog/batches":                            "Partly sent back",
		"/staff/catalog/classes?check=I247.5":               "No classification table has been loaded yet",
		"/staff/catalog/new-books?days=7":                   "1 new titles on the shelves since",
		"/staff/catalog/codes":                              "Technical services (processing)",
		"/staff/catalog/labels":                             "A4, 65 labels",
		"/staff/catalog/records/" + id + "/delete":          "cannot be deleted",
	}
	for path, w := range pages {
		body := getOK(t, c, path)
		want(t, path, body, `lang="en"`, w)
		noRawKeys(t, path, body)
	}
	status, body, _ := c.PostForm("/staff/catalog/records/new", marcForm("save", [4]string{"20", "12", "", "x"}))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("malformed row: %d", status)
	}
	want(t, "malformed row in English", body, `Row 1: the tag &#34;20&#34; must be three letters or digits.`)
	noRawKeys(t, "malformed row", body)

	d := s.NewClient(t)
	d.Login("desk", "password-desk")
	d.PostForm("/staff/language", url.Values{"locale": {"en"}, "back": {"/staff/"}})
	for path, w := range map[string]string{"/staff/stacks/batches": "Batches received", "/staff/stacks/batches/" + itoa(b.ID): "wrong label"} {
		body := getOK(t, d, path)
		want(t, path, body, w)
		noRawKeys(t, path, body)
	}
}
