package fees_test

import (
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

func TestOwnStatement(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		cli := auth.CLIActor("t")
		rs := readers.NewService(d, nil)
		a, err := rs.Register(t.Context(), cli, "S001", readers.Details{Name: "甲", Category: "undergraduate", ExpiresOn: "2031-07-01"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := rs.Register(t.Context(), cli, "S002", readers.Details{Name: "乙", Category: "undergraduate", ExpiresOn: "2031-07-01"})
		if err != nil {
			t.Fatal(err)
		}
		f := fees.NewService(d, nil)
		if _, err := f.Charge(t.Context(), cli, fees.Charge{ReaderID: a.ID, Kind: fees.KindOther, AmountFen: 300, Note: "x"}); err != nil {
			t.Fatal(err)
		}
		me := auth.ReaderActor(a.ID, a.CardNumber, "")
		st, err := f.OwnStatement(t.Context(), me, a.ID)
		if err != nil || st.OwedFen != 300 {
			t.Fatalf("own statement: %+v %v", st, err)
		}
		if _, err := f.OwnStatement(t.Context(), me, b.ID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("someone else's statement: %v", err)
		}
		if _, err := f.OwnStatement(t.Context(), cli, a.ID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("staff through OwnStatement: %v", err)
		}
		if _, err := f.Statement(t.Context(), me, a.ID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a reader through Statement: %v", err)
		}
	})
}
