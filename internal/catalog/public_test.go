package catalog_test

import (
	"context"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
)

// TestPublicReads reads the catalogue as the public catalogue does: with no
// actor at all, without withdrawn copies, and following merged records to
// where they went.
func TestPublicReads(t *testing.T) {
	setup(t, func(t *testing.T, s *catalog.Service, d *db.DB, c *clock.Settable) {
		ctx := context.Background()
		rec, err := s.CreateRecord(ctx, cli, cnmarcBook("活着", "余华", isbn13("978750636543"), "I247.57"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateItems(ctx, cli, newItem(rec.ID, "P0001"), 3); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Withdraw(ctx, cli, []string{"P0002"}, "worn", ""); err != nil {
			t.Fatal(err)
		}
		got, items, err := s.PublicRecord(ctx, rec.ID)
		if err != nil || got.Title != "活着" || len(got.MARC) == 0 {
			t.Fatalf("public record: %+v %v", got, err)
		}
		if len(items) != 2 || items[0].Barcode != "P0001" || items[1].Barcode != "P0003" || items[0].Branch != "main" {
			t.Fatalf("public items (withdrawn left out): %+v", items)
		}
		if _, _, err := s.PublicRecord(ctx, 999999); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("missing record: %v", err)
		}

		// a is merged into b, b later into c; d is deleted.
		mk := func(title, isbn string) catalog.Record {
			t.Helper()
			r, err := s.CreateRecord(ctx, cli, cnmarcBook(title, "作者"+title, isbn13(isbn), "K20"))
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		a, b, cc, dd := mk("甲", "978711100001"), mk("乙", "978711100002"), mk("丙", "978711100003"), mk("丁", "978711100004")
		if _, err := s.MergeRecords(ctx, cli, b.ID, []int64{a.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergeRecords(ctx, cli, cc.ID, []int64{b.ID}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteRecord(ctx, cli, dd.ID); err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			id, into int64
		}{{a.ID, cc.ID}, {b.ID, cc.ID}, {dd.ID, 0}} {
			ts, err := s.Tombstone(ctx, x.id)
			if err != nil || ts.RecordID != x.id || ts.MergedInto != x.into || ts.DeletedAt.IsZero() {
				t.Errorf("tombstone of %d: %+v %v, want merged into %d", x.id, ts, err, x.into)
			}
		}
		for _, id := range []int64{rec.ID, 999999} {
			if _, err := s.Tombstone(ctx, id); apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("tombstone of %d (live or never there): %v", id, err)
			}
		}

		var briefs map[int64]catalog.Brief
		err = d.Read(ctx, func(tx *db.Tx) error {
			briefs, err = catalog.Briefs(tx, []int64{rec.ID, a.ID, dd.ID, 999999})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(briefs) != 2 || briefs[rec.ID].Title != "活着" || briefs[rec.ID].Author != "余华" || briefs[rec.ID].Year != 2023 ||
			briefs[a.ID].ID != cc.ID || briefs[a.ID].Title != "丙" {
			t.Fatalf("briefs: %+v", briefs)
		}

		caps, err := s.ClassCaptions(ctx, []string{"I", "K"})
		if err != nil || len(caps) != 0 {
			t.Fatalf("captions without a table: %v %v", caps, err)
		}
		if _, err := s.ImportCLC(ctx, auth.CLIActor("t"), strings.NewReader("code\tcaption\tlevel\tparent\nI\t文学\t1\t\nI2\t中国文学\t2\tI\nK\t历史、地理\t1\t\n")); err != nil {
			t.Fatal(err)
		}
		caps, err = s.ClassCaptions(ctx, []string{"I", "K", "Z", "I2"})
		if err != nil || len(caps) != 3 || caps["I"] != "文学" || caps["K"] != "历史、地理" || caps["I2"] != "中国文学" {
			t.Fatalf("captions: %v %v", caps, err)
		}
	})
}
