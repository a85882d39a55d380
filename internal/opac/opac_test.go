package opac_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/marc"
	"lantai.dev/lantai/internal/opac"
)

var (
	cli     = auth.CLIActor("test")
	curator = auth.Actor{StaffID: 0, Name: "ref", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermOPACManage: true}}
	desk    = auth.Actor{Name: "desk", Door: auth.DoorWeb, Perms: auth.PermSet{auth.PermCatalogView: true}}
	t0      = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
)

// book stores a small CNMARC book and returns its id.
func book(t *testing.T, cat *catalog.Service, title string) int64 {
	t.Helper()
	r := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
	r.Add(marc.NewDataField("100", ' ', ' ', "a", "20230115d2021    em y0chiy50      ea"),
		marc.NewDataField("101", '0', ' ', "a", "chi"),
		marc.NewDataField("200", '1', ' ', "a", title, "f", "作者著"),
		marc.NewDataField("210", ' ', ' ', "a", "北京", "c", "中华书局", "d", "2021"))
	rec, err := cat.CreateRecord(context.Background(), cli, r)
	if err != nil {
		t.Fatal(err)
	}
	return rec.ID
}

func titles(l opac.List) string {
	var out []string
	for _, e := range l.Entries {
		out = append(out, e.Record.Title)
	}
	return strings.Join(out, ",")
}

// TestReadingLists curates a list from creation to deletion: entries added,
// noted, reordered and removed, a merged and a deleted record, publication,
// the public reads, the permission and the audit trail.
func TestReadingLists(t *testing.T) {
	c := clock.NewSettable(t0)
	dbtest.EachWithClock(t, c, func(t *testing.T, d *db.DB) {
		c.Set(t0)
		ctx := context.Background()
		cat, s := catalog.NewService(d), opac.NewService(d)
		a, b, cc, dd := book(t, cat, "论语"), book(t, cat, "孟子"), book(t, cat, "大学"), book(t, cat, "中庸")

		if _, err := s.CreateList(ctx, desk, opac.ListInput{TitleZH: "四书"}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("create without opac.manage: %v", err)
		}
		if _, err := s.CreateList(ctx, curator, opac.ListInput{TitleEN: "Four Books"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("no Chinese title: %v", err)
		}
		if _, err := s.CreateList(ctx, curator, opac.ListInput{TitleZH: strings.Repeat("书", opac.MaxTitle+1)}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("long title: %v", err)
		}
		l, err := s.CreateList(ctx, curator, opac.ListInput{TitleZH: " 四书 ", DescriptionZH: "儒家经典入门"})
		if err != nil || l.TitleZH != "四书" || l.Published || l.Count != 0 || !l.CreatedAt.Equal(t0) {
			t.Fatalf("create: %+v %v", l, err)
		}
		if l.Title("en") != "四书" || l.Description("en") != "儒家经典入门" {
			t.Fatalf("English falls back to Chinese: %q %q", l.Title("en"), l.Description("en"))
		}
		c.Set(t0.Add(time.Hour))
		if l, err = s.UpdateList(ctx, curator, l.ID, opac.ListInput{TitleZH: "四书", TitleEN: "The Four Books", DescriptionZH: "儒家经典入门", DescriptionEN: "Confucian classics"}); err != nil || l.Title("en") != "The Four Books" || !l.UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("rename: %+v %v", l, err)
		}
		for _, id := range []int64{b, a, cc} {
			if l, err = s.AddEntry(ctx, curator, l.ID, id, ""); err != nil {
				t.Fatal(err)
			}
		}
		if got := titles(l); got != "孟子,论语,大学" || l.Count != 3 {
			t.Fatalf("entries: %s (%d)", got, l.Count)
		}
		if _, err := s.AddEntry(ctx, curator, l.ID, a, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("twice the same record: %v", err)
		}
		if _, err := s.AddEntry(ctx, curator, l.ID, 999999, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a record that does not exist: %v", err)
		}
		if _, err := s.AddEntry(ctx, curator, 999999, a, ""); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("a list that does not exist: %v", err)
		}
		if l, err = s.MoveEntry(ctx, curator, l.ID, a, 1); err != nil || titles(l) != "论语,孟子,大学" {
			t.Fatalf("move up: %s %v", titles(l), err)
		}
		if l, err = s.MoveEntry(ctx, curator, l.ID, a, 99); err != nil || titles(l) != "孟子,大学,论语" {
			t.Fatalf("move to the end: %s %v", titles(l), err)
		}
		if l, err = s.MoveEntry(ctx, curator, l.ID, a, 0); err != nil || titles(l) != "论语,孟子,大学" || l.Entries[2].Position != 3 {
			t.Fatalf("move to the start: %s %v", titles(l), err)
		}
		if l, err = s.SetEntryNote(ctx, curator, l.ID, b, "  亚圣之书 "); err != nil || l.Entries[1].Note != "亚圣之书" {
			t.Fatalf("note: %+v %v", l.Entries, err)
		}
		if _, err := s.SetEntryNote(ctx, curator, l.ID, dd, "x"); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("note of a record not on the list: %v", err)
		}
		if _, err := s.SetEntryNote(ctx, curator, l.ID, b, strings.Repeat("注", opac.MaxNote+1)); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("long note: %v", err)
		}
		if l, err = s.AddEntry(ctx, curator, l.ID, dd, "中庸之道"); err != nil {
			t.Fatal(err)
		}
		if l, err = s.RemoveEntry(ctx, curator, l.ID, b); err != nil || titles(l) != "论语,大学,中庸" || l.Entries[2].Position != 3 {
			t.Fatalf("remove: %s %v", titles(l), err)
		}

		// Not published yet: the public sees nothing.
		if _, err := s.PublishedList(ctx, l.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("unpublished list in public: %v", err)
		}
		if pub, err := s.PublishedLists(ctx, 10); err != nil || len(pub) != 0 {
			t.Fatalf("published lists: %+v %v", pub, err)
		}
		c.Set(t0.Add(2 * time.Hour))
		if l, err = s.Publish(ctx, curator, l.ID, true); err != nil || !l.Published || l.PublishedAt == nil || !l.PublishedAt.Equal(t0.Add(2*time.Hour)) {
			t.Fatalf("publish: %+v %v", l, err)
		}
		other, _ := s.CreateList(ctx, curator, opac.ListInput{TitleZH: "草稿"})

		// 大学 is merged into 论语's neighbour 孟子, 中庸 deleted: the list
		// follows the merge and the public no longer sees 中庸.
		if _, err := cat.MergeRecords(ctx, cli, b, []int64{cc}); err != nil {
			t.Fatal(err)
		}
		if err := cat.DeleteRecord(ctx, cli, dd); err != nil {
			t.Fatal(err)
		}
		staff, err := s.List(ctx, curator, l.ID)
		if err != nil || len(staff.Entries) != 3 || !staff.Entries[2].Gone || staff.Entries[1].Record.ID != b || staff.Entries[1].RecordID != cc {
			t.Fatalf("staff view after merge and delete: %+v %v", staff.Entries, err)
		}
		pub, err := s.PublishedList(ctx, l.ID)
		if err != nil || titles(pub) != "论语,孟子" || pub.Count != 2 || pub.Entries[0].Record.Author == "" {
			t.Fatalf("public list: %s %+v %v", titles(pub), pub, err)
		}
		if _, err := s.AddEntry(ctx, curator, l.ID, b, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("the record a listed one was merged into: %v", err)
		}
		if all, err := s.PublishedLists(ctx, 10); err != nil || len(all) != 1 || all[0].ID != l.ID {
			t.Fatalf("published lists: %+v %v", all, err)
		}
		if all, err := s.Lists(ctx, curator); err != nil || len(all) != 2 || all[0].ID != other.ID {
			t.Fatalf("staff lists, newest change first: %+v %v", all, err)
		}
		if _, err := s.Lists(ctx, desk); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("staff lists without opac.manage: %v", err)
		}
		if l, err = s.Publish(ctx, curator, l.ID, false); err != nil || l.Published {
			t.Fatalf("unpublish: %+v %v", l, err)
		}
		if _, err := s.PublishedList(ctx, l.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("unpublished again: %v", err)
		}
		if err := s.DeleteList(ctx, desk, l.ID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("delete without opac.manage: %v", err)
		}
		if err := s.DeleteList(ctx, curator, l.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.List(ctx, curator, l.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("deleted list: %v", err)
		}

		entries, err := auth.NewService(d, auth.Config{}).ListAudit(ctx, cli, auth.AuditFilter{Entity: "reading_list", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, e := range entries {
			count[e.Action]++
		}
		for action, n := range map[string]int{"reading_list.create": 2, "reading_list.update": 1, "reading_list.entry_add": 4,
			"reading_list.entry_move": 3, "reading_list.entry_note": 1, "reading_list.entry_remove": 1,
			"reading_list.publish": 1, "reading_list.unpublish": 1, "reading_list.delete": 1} {
			if count[action] != n {
				t.Errorf("audit %s: %d entries, want %d (%v)", action, count[action], n, count)
			}
		}
	})
}
