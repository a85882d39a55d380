package demo

import (
	"context"
	"errors"
	"testing"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/search"
)

// TestPopulate loads 400 records into an empty catalogue and checks that
// every planned item is there with its call number, location and status,
// that the status changes have their history, that search finds the
// records, and that a second run is refused.
func TestPopulate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc := catalog.NewService(d)
		a := auth.CLIActor("tester")
		const n = 400
		g := New(11)
		var last Progress
		sum, err := Populate(ctx, d, svc, a, g, Options{Records: n, BatchSize: 150, Progress: func(p Progress) { last = p }})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Records != n || sum.Chinese+sum.Western != n || sum.Western == 0 || len(sum.Failures) > 0 {
			t.Fatalf("summary %+v", sum)
		}
		if last.Phase != "statuses" || last.Done != n {
			t.Errorf("last progress %+v", last)
		}
		planned := 0
		changed := 0
		for i := range n {
			items := g.Items(i)
			planned += len(items)
			var recordID int64
			for _, it := range items {
				got, err := svc.GetItemByBarcode(ctx, a, it.Barcode)
				if err != nil {
					t.Fatalf("record %d, item %s: %v", i, it.Barcode, err)
				}
				if recordID == 0 {
					recordID = got.RecordID
				}
				wantColl := g.Kind(i).Collection()
				if got.RecordID != recordID || got.Status != it.Status || got.Location != it.Location || got.Collection != wantColl ||
					got.CopyNo != it.Copy || got.CallNumber == "" || got.PriceFen <= 0 && wantColl == "zw" {
					t.Fatalf("record %d: item %+v, planned %+v", i, got, it)
				}
				if it.Status == catalog.Missing && changed == 0 {
					changed++
					h, err := svc.ItemHistory(ctx, a, got.ID)
					if err != nil || len(h) != 2 || h[1].To != catalog.Missing || h[1].Kind != catalog.NoteManual {
						t.Fatalf("history of missing item %s: %+v %v", it.Barcode, h, err)
					}
				}
			}
		}
		if sum.Items != planned {
			t.Errorf("%d items imported, %d planned", sum.Items, planned)
		}
		if changed == 0 {
			t.Log("no missing item among these records")
		}
		codes, err := svc.Codes(ctx, catalog.Locations)
		if err != nil || len(codes) < len(Locations)+2 {
			t.Errorf("locations %v %v", codes, err)
		}
		res, err := search.NewEngine(d).Search(ctx, search.Request{Query: "中国"})
		if err != nil || res.Total == 0 {
			t.Fatalf("search 中国: %d hits, %v", res.Total, err)
		}
		if _, err := Populate(ctx, d, svc, a, New(11), Options{Records: 10}); !errors.Is(err, ErrNotEmpty) {
			t.Fatalf("second run: %v, want ErrNotEmpty", err)
		}
	})
}
