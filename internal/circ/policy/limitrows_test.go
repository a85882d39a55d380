package policy_test

import (
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

func TestLimitRows(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		seeded, err := s.Limits(ctx, desk)
		if err != nil || len(seeded) == 0 {
			t.Fatalf("seeded limits %v, %v", seeded, err)
		}
		law := rules.LimitRow{Category: "*", Branch: "LAW", Limits: rules.Limits{MaxLoans: 3, MaxFeesFen: rules.Unlimited, MaxOverdueItems: 0, MaxHolds: 1, DepositCoversLoans: true}}
		r, err := s.CreateLimit(ctx, admin, law)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Limit(ctx, desk, r.ID); err != nil || got != r || got.Limits != law.Limits {
			t.Fatalf("read back %+v, %v", got, err)
		}
		law.Limits.MaxLoans, law.Category = 5, "staff"
		if _, err := s.UpdateLimit(ctx, admin, r.ID, law); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Limit(ctx, desk, r.ID); got.Limits.MaxLoans != 5 || got.Key() != "staff/LAW" {
			t.Fatalf("after update %+v", got)
		}

		_, err = s.CreateLimit(ctx, admin, rules.LimitRow{Category: "child", Branch: "*", Limits: rules.Limits{MaxLoans: -2}})
		wantErr(t, err, apperr.Invalid, "error.circ_policy_negative", "max_loans")
		_, err = s.CreateLimit(ctx, admin, rules.LimitRow{Category: "child", Branch: "MOON"})
		wantErr(t, err, apperr.InvalidReference, "error.branch_unknown", "branch")
		_, err = s.CreateLimit(ctx, admin, rules.LimitRow{Category: "", Branch: "*"})
		wantErr(t, err, apperr.Invalid, "error.circ_policy_empty", "category")
		_, err = s.CreateLimit(ctx, admin, rules.LimitRow{Category: "staff", Branch: "LAW"})
		if e := wantErr(t, err, apperr.Conflict, "error.circ_limit_exists", ""); e.Args["Row"] != r.ID {
			t.Errorf("conflict args %v", e.Args)
		}
		_, err = s.UpdateLimit(ctx, admin, 9999, law)
		wantErr(t, err, apperr.NotFound, "error.circ_limit_not_found", "")

		if err := s.DeleteLimit(ctx, admin, r.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.Limit(ctx, desk, r.ID)
		wantErr(t, err, apperr.NotFound, "error.circ_limit_not_found", "")
		es := audits(t, d, "circ_limit")
		if len(es) != 3 || es[0].Action != "circ_limit.delete" || es[1].Action != "circ_limit.update" || es[2].Action != "circ_limit.create" {
			t.Errorf("audit entries %+v", es)
		}
	})
}
