package catalog_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/marc"
)

var cli = auth.CLIActor("test")

var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

func setup(t *testing.T, fn func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable)) {
	c := clock.NewSettable(t0)
	dbtest.EachWithClock(t, c, func(t *testing.T, d *db.DB) {
		c.Set(t0)
		fn(t, catalog.NewService(d), d, c)
	})
}

// isbn13 completes twelve digits with their ISBN-13 check digit.
func isbn13(twelve string) string {
	sum := 0
	for i, c := range twelve {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return twelve + string(rune('0'+(10-sum%10)%10))
}

// cnmarcBook builds a CNMARC book record.
func cnmarcBook(title, author, isbnText, class string) *marc.Record {
	r := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
	r.Add(
		marc.NewControlField("001", "CAL 0120"+title),
		marc.NewDataField("010", ' ', ' ', "a", isbnText, "d", "CNY39.80"),
		marc.NewDataField("100", ' ', ' ', "a", "20230115d2023    em y0chiy50      ea"),
		marc.NewDataField("101", '0', ' ', "a", "chi"),
		marc.NewDataField("200", '1', ' ', "a", title, "f", author+"著"),
		marc.NewDataField("210", ' ', ' ', "a", "北京", "c", "人民文学出版社", "d", "2023"),
		marc.NewDataField("690", ' ', ' ', "a", class, "v", "5"),
		marc.NewDataField("701", ' ', '0', "a", author, "4", "著"),
	)
	return r
}

func TestRecordStoredWholeAndVersioned(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		m := cnmarcBook("平凡的世界", "路遥", isbn13("978702010001"), "I247.5")
		want, err := marc.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := s.CreateRecord(ctx, cli, m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.GetRecord(ctx, cli, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.MARC, want) {
			t.Fatalf("stored MARC differs from the record written:\n%q\n%q", got.MARC, want)
		}
		parsed, _ := got.Parse()
		again, _ := marc.Marshal(parsed)
		if !bytes.Equal(again, got.MARC) {
			t.Fatal("stored MARC does not round-trip byte for byte")
		}
		if got.Title != "平凡的世界" || got.Format != "cnmarc" || got.ISBN != isbn13("978702010001") {
			t.Fatalf("derived: %+v", got)
		}
		// Edit: the old version is kept; an edit of a stale version is refused.
		m2 := cnmarcBook("平凡的世界（全三册）", "路遥", isbn13("978702010001"), "I247.5")
		c.Advance(time.Hour)
		upd, err := s.UpdateRecord(ctx, cli, rec.ID, m2, 1)
		if err != nil || upd.Version != 2 || upd.Title != "平凡的世界（全三册）" || !upd.UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("update: %+v %v", upd, err)
		}
		if _, err := s.UpdateRecord(ctx, cli, rec.ID, m, 1); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("stale edit: %v", err)
		}
		vs, err := s.RecordVersions(ctx, cli, rec.ID)
		if err != nil || len(vs) != 1 || vs[0].Version != 1 || !bytes.Equal(vs[0].MARC, want) {
			t.Fatalf("versions: %+v %v", vs, err)
		}
		// A record without a title is refused and nothing is stored.
		bad := &marc.Record{Leader: marc.DefaultLeader}
		bad.Add(marc.NewControlField("001", "x"))
		if _, err := s.CreateRecord(ctx, cli, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("record without title: %v", err)
		}
		list, _ := s.ListRecords(ctx, cli, catalog.RecordFilter{})
		if len(list) != 1 {
			t.Fatalf("%d records", len(list))
		}
		c.Advance(time.Minute)
		second, _ := s.CreateRecord(ctx, cli, cnmarcBook("第二本", "某", "", "I"))
		newest, _ := s.ListRecords(ctx, cli, catalog.RecordFilter{Newest: true})
		if len(newest) != 2 || newest[0].ID != second.ID {
			t.Fatalf("newest first: %+v", newest)
		}
	})
}

func newItem(recID int64, barcode string) catalog.NewItem {
	return catalog.NewItem{RecordID: recID, Barcode: barcode, Location: "processing", Collection: "zw", ItemType: "book", PriceFen: 3980}
}

func TestItemsStatusesAndHistory(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		rec, _ := s.CreateRecord(ctx, cli, cnmarcBook("活着", "余华", "9787506365437", "I247.57"))
		items, err := s.CreateItems(ctx, cli, newItem(rec.ID, "C0000998"), 3)
		if err != nil {
			t.Fatal(err)
		}
		var bcs, acc []string
		for _, it := range items {
			bcs = append(bcs, it.Barcode)
			acc = append(acc, it.AccessionNo)
			if it.Status != catalog.InProcessing || it.Branch != "main" {
				t.Fatalf("new item: %+v", it)
			}
		}
		if strings.Join(bcs, " ") != "C0000998 C0000999 C0001000" || strings.Join(acc, " ") != "00000001 00000002 00000003" {
			t.Fatalf("barcodes %v accession %v", bcs, acc)
		}
		if items[2].CopyNo != 3 {
			t.Fatalf("copy numbers: %d", items[2].CopyNo)
		}
		// A clash in the middle of a batch creates none of it.
		if _, err := s.CreateItems(ctx, cli, newItem(rec.ID, "C0000997"), 3); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("batch over an existing barcode: %v", err)
		}
		if _, err := s.GetItemByBarcode(ctx, cli, "C0000997"); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("half a batch was created: %v", err)
		}
		for _, bad := range []catalog.NewItem{
			{RecordID: rec.ID, Barcode: "X1", Location: "moon", Collection: "zw", ItemType: "book"},
			{RecordID: rec.ID, Barcode: "X1", Location: "stacks", Collection: "zz", ItemType: "book"},
			{RecordID: 999, Barcode: "X1", Location: "stacks", Collection: "zw", ItemType: "book"},
		} {
			if _, err := s.CreateItem(ctx, cli, bad); apperr.CodeOf(err) != apperr.InvalidReference {
				t.Errorf("%+v: %v", bad, err)
			}
		}
		// An accompanying disc is a child item.
		disc := newItem(rec.ID, "D0000001")
		disc.ItemType, disc.ParentID = "disc", items[0].ID
		if _, err := s.CreateItem(ctx, cli, disc); err != nil {
			t.Fatal(err)
		}
		// Accession numbers given from outside move the ledger on.
		given := newItem(rec.ID, "C0002000")
		given.AccessionNo = "00000100"
		s.CreateItem(ctx, cli, given)
		next, _ := s.CreateItem(ctx, cli, newItem(rec.ID, "C0002001"))
		if next.AccessionNo != "00000101" {
			t.Fatalf("accession after an imported one: %s", next.AccessionNo)
		}
		// Status by hand, with history; statuses owned by other work are refused.
		c.Advance(time.Minute)
		if _, err := s.ChangeItemStatus(ctx, cli, items[0].ID, catalog.InRepair, "spine loose"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ChangeItemStatus(ctx, cli, items[0].ID, catalog.OnLoan, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("manual on_loan: %v", err)
		}
		h, err := s.ItemHistory(ctx, cli, items[0].ID)
		if err != nil || len(h) != 2 || h[1].From != catalog.InProcessing || h[1].To != catalog.InRepair || h[1].Reason != "spine loose" || h[1].Actor != "cli:test" {
			t.Fatalf("history: %+v %v", h, err)
		}
		list, _ := s.RecordItems(ctx, cli, rec.ID)
		if len(list) != 6 {
			t.Fatalf("%d items", len(list))
		}
		if err := s.DeleteRecord(ctx, cli, rec.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("deleting a record with items: %v", err)
		}
	})
}

func TestCallNumbers(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		a, _ := s.CreateRecord(ctx, cli, cnmarcBook("围城", "钱钟书", isbn13("978702009000"), "I246.57"))
		b, _ := s.CreateRecord(ctx, cli, cnmarcBook("人生", "路遥", isbn13("978702010002"), "I246.57"))
		// An imported item already uses 种次号 41 in this class.
		old := newItem(a.ID, "OLD1")
		old.CallNumber = "I246.57/41"
		if _, err := s.CreateItem(ctx, cli, old); err != nil {
			t.Fatal(err)
		}
		// Peeking does not take the number; suggesting does.
		for i := 0; i < 2; i++ {
			if cn, err := s.PeekCallNumber(ctx, cli, b.ID, "zw", ""); err != nil || cn != "I246.57/42" {
				t.Fatalf("peek: %q %v", cn, err)
			}
		}
		cn, err := s.SuggestCallNumber(ctx, cli, b.ID, "zw", "")
		if err != nil || cn != "I246.57/42" {
			t.Fatalf("next 种次号 after 41: %q %v", cn, err)
		}
		if cn, _ := s.PeekCallNumber(ctx, cli, b.ID, "zw", ""); cn != "I246.57/43" {
			t.Fatalf("peek after a suggestion: %q", cn)
		}
		// Copies share their record's call number; another record may not take it.
		if cn, _ := s.SuggestCallNumber(ctx, cli, a.ID, "zw", ""); cn != "I246.57/41" {
			t.Fatalf("second copy of a: %q", cn)
		}
		steal := newItem(b.ID, "B1")
		steal.CallNumber = "I246.57/41"
		if _, err := s.CreateItem(ctx, cli, steal); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("another record's call number: %v", err)
		}
		// The same number in another collection is fine.
		steal.Collection = "wx"
		if _, err := s.CreateItem(ctx, cli, steal); err != nil {
			t.Fatal(err)
		}
		// Ancient books' four-part classification and local schemes are kept
		// as written and file after every CLC call number.
		ancient := newItem(b.ID, "G1")
		ancient.CallNumber = "集/12"
		if it, err := s.CreateItem(ctx, cli, ancient); err != nil || it.CallNumber != "集/12" {
			t.Fatalf("四部 call number: %+v %v", it, err)
		}
		bad := newItem(b.ID, "B2")
		bad.CallNumber = "not a call number!"
		if _, err := s.CreateItem(ctx, cli, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad call number: %v", err)
		}
		// Many cataloguers at once never get the same 种次号.
		const n = 24
		var mu sync.Mutex
		got := map[string]bool{}
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cn, err := s.SuggestCallNumber(ctx, cli, b.ID, "zw", "TP311.13")
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				got[cn] = true
				mu.Unlock()
			}()
		}
		wg.Wait()
		if len(got) != n {
			t.Fatalf("%d concurrent allocations gave %d distinct numbers", n, len(got))
		}
		if !got["TP311.13/1"] || !got["TP311.13/24"] {
			t.Fatalf("allocations: %v", got)
		}
		// The author-number rule.
		if err := s.SetBookNumberRule(ctx, cli, "author"); err != nil {
			t.Fatal(err)
		}
		cn, err = s.SuggestCallNumber(ctx, cli, b.ID, "wx", "I247.5")
		if err != nil || !strings.HasPrefix(cn, "I247.5/L") {
			t.Fatalf("author number for 路遥: %q %v", cn, err)
		}
	})
}

func TestDuplicateCheck(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		orig, _ := s.CreateRecord(ctx, cli, cnmarcBook("三体", "刘慈欣", "978-7-5366-9293-0", "I247.55"))
		// The same ISBN written as ISBN-10.
		dups, err := s.FindDuplicates(ctx, cli, cnmarcBook("三体（典藏版）", "刘慈欣", "7-5366-9293-5", "I247.55"), 0)
		if err != nil || len(dups) != 1 || dups[0].RecordID != orig.ID || dups[0].Reason != "isbn" {
			t.Fatalf("by ISBN: %+v %v", dups, err)
		}
		for _, text := range []string{"7-5366-9293-5", "978-7-5366-9293-0"} {
			dups, err := s.FindByISBN(ctx, cli, text)
			if err != nil || len(dups) != 1 || dups[0].RecordID != orig.ID {
				t.Fatalf("by ISBN %s: %+v %v", text, dups, err)
			}
		}
		if _, err := s.FindByISBN(ctx, cli, "978-7-5366-9293-1"); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad check digit: %v", err)
		}
		dups, _ = s.FindDuplicates(ctx, cli, cnmarcBook("三体", "刘慈欣", "", "I247.55"), 0)
		if len(dups) != 1 || dups[0].Reason != "title_author_year" {
			t.Fatalf("by title and author: %+v", dups)
		}
		dups, _ = s.FindDuplicates(ctx, cli, cnmarcBook("三体", "刘慈欣", "", "I247.55"), orig.ID)
		if len(dups) != 0 {
			t.Fatalf("the record itself: %+v", dups)
		}
		dups, _ = s.FindDuplicates(ctx, cli, cnmarcBook("球状闪电", "刘慈欣", "9787536692930X", "I247.55"), 0)
		if len(dups) != 0 {
			t.Fatalf("a different book: %+v", dups)
		}
	})
}

func TestMergeAndDelete(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		keep, _ := s.CreateRecord(ctx, cli, cnmarcBook("边城", "沈从文", "", "I246.5"))
		dup, _ := s.CreateRecord(ctx, cli, cnmarcBook("边城", "沈从文", "", "I246.5"))
		s.CreateItems(ctx, cli, newItem(dup.ID, "M001"), 2)
		if _, err := s.MergeRecords(ctx, cli, keep.ID, []int64{dup.ID}); err != nil {
			t.Fatal(err)
		}
		items, _ := s.RecordItems(ctx, cli, keep.ID)
		if len(items) != 2 {
			t.Fatalf("items after merge: %d", len(items))
		}
		if _, err := s.GetRecord(ctx, cli, dup.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("merged record still there: %v", err)
		}
		empty, _ := s.CreateRecord(ctx, cli, cnmarcBook("空", "某", "", "I"))
		if err := s.DeleteRecord(ctx, cli, empty.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWithdrawal(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		rec, _ := s.CreateRecord(ctx, cli, cnmarcBook("旧书", "某人", "", "I247"))
		items, _ := s.CreateItems(ctx, cli, newItem(rec.ID, "W0001"), 3)
		// A bad barcode anywhere withdraws nothing.
		if _, err := s.Withdraw(ctx, cli, []string{"W0001", "NOPE"}, "worn", ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("unknown barcode: %v", err)
		}
		if it, _ := s.GetItem(ctx, cli, items[0].ID); it.Status == catalog.Withdrawn {
			t.Fatal("an item was withdrawn by a failed batch")
		}
		if _, err := s.Withdraw(ctx, cli, []string{"W0001"}, "tired", ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("unknown reason: %v", err)
		}
		w, err := s.Withdraw(ctx, cli, []string{"W0001", " W0002 ", "W0001"}, "worn", "2026 weeding")
		if err != nil || len(w.Items) != 2 || w.TotalFen != 2*3980 || !strings.HasPrefix(w.LedgerNo, "ZX2026-") {
			t.Fatalf("withdrawal: %+v %v", w, err)
		}
		if _, err := s.Withdraw(ctx, cli, []string{"W0002"}, "worn", ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("withdrawing twice: %v", err)
		}
		ledger, err := s.Withdrawals(ctx, cli, time.Time{}, time.Time{}, 10)
		if err != nil || len(ledger) != 1 || ledger[0].Items[0].Title != "旧书" {
			t.Fatalf("ledger: %+v %v", ledger, err)
		}
		if _, err := d.Writer().Exec(`DELETE FROM withdrawals`); err == nil {
			t.Fatal("the withdrawal ledger could be deleted")
		}
		desk := auth.Actor{Name: "desk", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCatalogView: true}}
		if _, err := s.Withdraw(ctx, desk, []string{"W0003"}, "worn", ""); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("withdrawal without permission: %v", err)
		}
	})
}

func TestDistribution(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		rec, _ := s.CreateRecord(ctx, cli, cnmarcBook("新书", "作者", "", "I247"))
		tmpl := newItem(rec.ID, "N0001")
		tmpl.CallNumber = "I247/1"
		items, _ := s.CreateItems(ctx, cli, tmpl, 3)
		nocall, _ := s.CreateItem(ctx, cli, newItem(rec.ID, "N0100"))
		if _, err := s.SendBatch(ctx, cli, "stacks", []string{"N0100"}, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("sending an item without a call number: %v", err)
		}
		_ = nocall
		b, err := s.SendBatch(ctx, cli, "stacks", []string{"N0001", "N0002", "N0003"}, "")
		if err != nil || len(b.Items) != 3 || b.Status != "sent" {
			t.Fatalf("send: %+v %v", b, err)
		}
		if _, err := s.SendBatch(ctx, cli, "stacks", []string{"N0001"}, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("an item in two batches: %v", err)
		}
		cataloguer := auth.Actor{Name: "cat", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCatalogView: true, auth.PermCatalogDistribute: true}}
		if _, err := s.ReceiveBatch(ctx, cataloguer, b.ID, nil); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("cataloguing confirmed its own batch: %v", err)
		}
		c.Advance(2 * time.Hour)
		got, err := s.ReceiveBatch(ctx, cli, b.ID, map[int64]string{items[2].ID: "书标错误"})
		if err != nil || got.Status != "partly_rejected" {
			t.Fatalf("receive: %+v %v", got, err)
		}
		for i, it := range items {
			now, _ := s.GetItem(ctx, cli, it.ID)
			wantStatus, wantLoc := catalog.Available, "stacks"
			if i == 2 {
				wantStatus, wantLoc = catalog.InProcessing, "processing"
			}
			if now.Status != wantStatus || now.Location != wantLoc {
				t.Fatalf("item %d after receiving: %s at %s", i, now.Status, now.Location)
			}
		}
		if _, err := s.ReceiveBatch(ctx, cli, b.ID, nil); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("receiving twice: %v", err)
		}
		// The rejected item can go again; the new-books list shows the record once.
		if _, err := s.SendBatch(ctx, cli, "stacks", []string{"N0003"}, "relabelled"); err != nil {
			t.Fatal(err)
		}
		nb, err := s.NewBooks(ctx, t0, "", 10)
		if err != nil || len(nb) != 1 || nb[0].Copies != 2 || !nb[0].AvailableAt.Equal(t0.Add(2*time.Hour)) {
			t.Fatalf("new books: %+v %v", nb, err)
		}
		if nb, _ := s.NewBooks(ctx, t0, "TP", 10); len(nb) != 0 {
			t.Fatalf("class filter: %+v", nb)
		}
	})
}

func testdata(t *testing.T, rel string) string {
	t.Helper()
	for dir, _ := os.Getwd(); dir != "/"; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "..", "shared", "testdata", rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("shared/testdata/%s not found beside the repository", rel)
	return ""
}

func TestClassificationTable(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		if _, err := s.ImportCLC(ctx, cli, strings.NewReader("code\tcaption\tlevel\tparent\nA\tx\t1\t\nA1\ty\tlevel-two\tA\n")); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad file: %v", err)
		}
		f, err := os.Open(testdata(t, "clc/clc_flat.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		n, err := s.ImportCLC(ctx, cli, f)
		if err != nil || n < 45000 {
			t.Fatalf("import: %d %v", n, err)
		}
		mains, err := s.ClassChildren(ctx, cli, "")
		if err != nil || len(mains) != 22 || mains[0].Code != "A" || mains[len(mains)-1].Code != "Z" {
			t.Fatalf("main classes: %d %v", len(mains), err)
		}
		kids, _ := s.ClassChildren(ctx, cli, "TP3")
		var codes []string
		for _, k := range kids {
			codes = append(codes, k.Code)
		}
		if !sort.SliceIsSorted(codes, func(i, j int) bool { return false }) || len(codes) == 0 {
			t.Fatalf("TP3 children: %v", codes)
		}
		chk, err := s.CheckClass(ctx, cli, "I247.5")
		if err != nil || !chk.Known || chk.Nearest.Caption == "" {
			t.Fatalf("I247.5: %+v %v", chk, err)
		}
		chk, err = s.CheckClass(ctx, cli, "TP311.138")
		if err != nil || chk.Known || chk.Nearest == nil || !strings.HasPrefix("TP311.138", chk.Nearest.Code) {
			t.Fatalf("TP311.138: %+v %v", chk, err)
		}
		if _, err := s.CheckClass(ctx, cli, "1X"); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad syntax: %v", err)
		}
	})
}

func sqliteDB(t *testing.T) *db.DB { return dbtest.SQLite(t, nil) }

func postgresDB(t *testing.T) *db.DB { return dbtest.Postgres(t, nil) }

// TestShelfOrderInTheDatabase checks that the database orders call numbers
// as shelves do (on PostgreSQL the key column needs the "C" collation).
func TestShelfOrderInTheDatabase(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		rec, _ := s.CreateRecord(ctx, cli, cnmarcBook("多卷书", "编者", "", "I247.5"))
		want := []string{"I247/3", "I247.5/2", "I247.5/12", "I247.5/12:2", "I247.5/120", "I247.57/3",
			"R711-62/1", "R711:R83/1", "R711+R173/1", "R711.1/1", "TP3-05/1", "TP30/1", "TP311.13/L123"}
		order := []int{4, 0, 12, 8, 2, 10, 6, 1, 11, 7, 3, 9, 5}
		for i, k := range order {
			in := newItem(rec.ID, "S"+itoaTest(i))
			in.CallNumber = want[k]
			if _, err := s.CreateItem(ctx, cli, in); err != nil {
				t.Fatal(err)
			}
		}
		items, _ := s.RecordItems(ctx, cli, rec.ID)
		var got []string
		for _, it := range items {
			got = append(got, it.CallNumber)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("shelf order from the database:\n got %v\nwant %v", got, want)
		}
	})
}

func itoaTest(i int) string { return string(rune('A' + i)) }
