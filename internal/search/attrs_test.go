package search_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/search"
)

// chunks reads the packed attribute table.
func chunks(t *testing.T, d *db.DB) map[int64][]byte {
	t.Helper()
	out := map[int64][]byte{}
	err := d.Read(context.Background(), func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT chunk, data FROM search_attrs`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ch int64
			var data []byte
			if err := rows.Scan(&ch, &data); err != nil {
				return err
			}
			out[ch] = data
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameAsRebuilt checks that the slots written change by change equal those
// a full rebuild writes from the catalogue tables.
func sameAsRebuilt(t *testing.T, d *db.DB, step string) {
	t.Helper()
	before := chunks(t, d)
	if _, err := search.RebuildAttrs(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	after := chunks(t, d)
	var keys []int64
	for k := range after {
		keys = append(keys, k)
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		b, a := before[k], after[k]
		if b == nil {
			b = make([]byte, len(a))
		}
		if a == nil {
			a = make([]byte, len(b))
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: chunk %d written change by change differs from the rebuilt one\nincremental %x\nrebuilt     %x", step, k, b, a)
		}
	}
}

func TestAttributesFollowEveryChange(t *testing.T) {
	setup(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		d := f.d
		sameAsRebuilt(t, d, "records and items created")
		available := func(q string) int {
			t.Helper()
			res, err := f.e.Search(ctx, search.Request{Query: q, Facets: true})
			if err != nil {
				t.Fatal(err)
			}
			return res.Facets.Available
		}
		if n := available("三体"); n != 1 {
			t.Fatalf("三体 available: %d", n)
		}
		// An item goes missing: the very next search no longer counts it
		// as available, and the filter drops it.
		it, err := f.s.GetItemByBarcode(ctx, cli, "S1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.ChangeItemStatus(ctx, cli, it.ID, catalog.Missing, "not on the shelf"); err != nil {
			t.Fatal(err)
		}
		if n := available("三体"); n != 0 {
			t.Fatalf("三体 available after missing: %d", n)
		}
		res, _ := f.e.Search(ctx, search.Request{Query: "三体", Filters: search.Filters{Available: true}})
		if res.Total != 0 {
			t.Fatalf("available filter after missing: %d", res.Total)
		}
		sameAsRebuilt(t, d, "status changed")
		// Moved to another branch: the branch facet follows.
		loc := "east-stacks"
		if _, err := f.s.UpdateItem(ctx, cli, it.ID, catalog.ItemUpdate{Location: &loc}); err != nil {
			t.Fatal(err)
		}
		res, _ = f.e.Search(ctx, search.Request{Query: "三体", Filters: search.Filters{Branch: []string{"east"}}})
		if res.Total != 1 {
			t.Fatalf("branch filter after the move: %d", res.Total)
		}
		sameAsRebuilt(t, d, "item moved")
		// Withdrawn: no branch any more.
		if _, err := f.s.ChangeItemStatus(ctx, cli, it.ID, catalog.Available, "found"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Withdraw(ctx, cli, []string{"S1"}, "worn", ""); err != nil {
			t.Fatal(err)
		}
		res, _ = f.e.Search(ctx, search.Request{Query: "三体", Filters: search.Filters{Branch: []string{"east"}}})
		if res.Total != 0 {
			t.Fatalf("branch filter after withdrawal: %d", res.Total)
		}
		sameAsRebuilt(t, d, "withdrawn")
		// Merged and deleted records leave empty slots.
		if _, err := f.s.MergeRecords(ctx, cli, f.ids["history"], []int64{f.ids["geo"]}); err != nil {
			t.Fatal(err)
		}
		if err := f.s.DeleteRecord(ctx, cli, f.ids["history2"]); err != nil {
			t.Fatal(err)
		}
		sameAsRebuilt(t, d, "merged and deleted")
		res, _ = f.e.Search(ctx, search.Request{})
		if res.Total != len(f.ids)-2 {
			t.Fatalf("every record after a merge and a delete: %d, want %d", res.Total, len(f.ids)-2)
		}
	})
}

func TestTitleAndCallNumberOrdersAgree(t *testing.T) {
	setup(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		for _, sortBy := range []string{"title", "callno"} {
			for _, q := range []string{"", "历史", "中国 OR 三体 OR java OR 重庆"} {
				var pages [2][]int64
				for i, small := range []int{20000, 0} {
					restore := search.SetSmallSort(small)
					for page := 1; page <= 3; page++ {
						res, err := f.e.Search(ctx, search.Request{Query: q, Sort: sortBy, Page: page, PerPage: 2})
						if err != nil {
							t.Fatal(err)
						}
						pages[i] = append(pages[i], ids(res)...)
					}
					restore()
				}
				if fmt.Sprint(pages[0]) != fmt.Sprint(pages[1]) || len(pages[0]) == 0 {
					t.Fatalf("%s order of %q: sorting keys gives %v, walking the index %v", sortBy, q, pages[0], pages[1])
				}
			}
		}
	})
}

func TestReindexGivesTheSameAnswers(t *testing.T) {
	setup(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		queries := []string{"历史", "中国历史", "ti:三体", "callno:I247*", "cls:K*", "py:zgls", "java", ""}
		answers := func() []string {
			var out []string
			for _, q := range queries {
				res, err := f.e.Search(ctx, search.Request{Query: q, Facets: true})
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, fmt.Sprint(res.Total, ids(res), *res.Facets))
			}
			return out
		}
		before := answers()
		n, err := f.s.Reindex(ctx, cli, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n != len(f.ids) {
			t.Fatalf("reindexed %d records, want %d", n, len(f.ids))
		}
		after := answers()
		for i := range before {
			if before[i] != after[i] {
				t.Errorf("%q: before %s\nafter reindex %s", queries[i], before[i], after[i])
			}
		}
		sameAsRebuilt(t, f.d, "after reindex")
		// The index still follows changes after a rebuild.
		r, err := f.s.CreateRecord(ctx, cli, book("重建之后", "某人", "9787111000000", "K20", "2020"))
		if err != nil {
			t.Fatal(err)
		}
		res, _ := f.e.Search(ctx, search.Request{Query: "重建之后"})
		if res.Total != 1 || res.Hits[0].ID != r.ID {
			t.Fatalf("a record made after the rebuild: %v", ids(res))
		}
		if err := f.s.DeleteRecord(ctx, cli, r.ID); err != nil {
			t.Fatal(err)
		}
	})
}
