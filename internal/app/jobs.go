package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// dailyJob is work done once a library day, as the system: its name (the
// key of its job_runs rows) and what it does, answering a summary for the
// log.
type dailyJob struct {
	name string
	run  func(ctx context.Context, a auth.Actor) ([]any, error)
}

// dailyJobs are the circulation's daily jobs, in the order they run:
// holds past their last day, holds not collected from the hold shelf in
// time (the item goes to the next reader or back), loans anonymised after
// the retention period, and cards past their expiry date.
func (a *App) dailyJobs() []dailyJob {
	return []dailyJob{
		{"expire_holds", func(ctx context.Context, ac auth.Actor) ([]any, error) {
			n, err := a.Circ.ExpireHolds(ctx, ac)
			return []any{"holds", n}, err
		}},
		{"expire_pickups", func(ctx context.Context, ac auth.Actor) ([]any, error) {
			rel, err := a.Circ.ExpirePickups(ctx, ac)
			moved := 0
			for _, r := range rel {
				if r.Item != nil {
					moved++
				}
			}
			return []any{"holds", len(rel), "items_rerouted", moved}, err
		}},
		{"anonymise_loans", func(ctx context.Context, ac auth.Actor) ([]any, error) {
			n, err := a.Circ.AnonymiseLoans(ctx, ac)
			return []any{"loans", n}, err
		}},
		{"expire_cards", func(ctx context.Context, ac auth.Actor) ([]any, error) {
			n, err := a.Readers.ExpireDue(ctx, ac)
			return []any{"cards", n}, err
		}},
	}
}

// RunDailyJobs runs each daily job that has not yet run on this library
// day, on this node or any other sharing the database: a job runs on the
// node that inserts its job_runs row for the day (ON CONFLICT DO NOTHING
// lets exactly one insert win, on SQLite and PostgreSQL alike). A job that
// fails gives its row back, to be tried again at the next round. It
// answers the names of the jobs this call ran.
func (a *App) RunDailyJobs(ctx context.Context) ([]string, error) {
	snap, err := a.Policy.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var ran []string
	var firstErr error
	for _, j := range a.dailyJobs() {
		if ctx.Err() != nil {
			return ran, ctx.Err()
		}
		day, claimed, err := a.claimJob(ctx, j.name, snap.Location)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			a.Log.Warn("daily job: claim", "job", j.name, "err", err)
			continue
		}
		if !claimed {
			continue
		}
		start := time.Now()
		summary, err := j.run(ctx, auth.SystemActor())
		if err != nil {
			a.Log.Warn("daily job failed", "job", j.name, "day", day, "err", err)
			if rerr := a.releaseJob(context.WithoutCancel(ctx), j.name, day); rerr != nil {
				a.Log.Warn("daily job: release", "job", j.name, "err", rerr)
			}
			if firstErr == nil {
				firstErr = fmt.Errorf("daily job %s: %w", j.name, err)
			}
			continue
		}
		if err := a.finishJob(ctx, j.name, day, summaryText(summary)); err != nil {
			a.Log.Warn("daily job: finish", "job", j.name, "err", err)
		}
		a.Log.Info("daily job done", append([]any{"job", j.name, "day", day, "took", time.Since(start).Round(time.Millisecond)}, summary...)...)
		ran = append(ran, j.name)
	}
	return ran, firstErr
}

// claimJob inserts the job's row for the library day of the database's
// clock; claimed says whether this call inserted it.
func (a *App) claimJob(ctx context.Context, name string, zone *time.Location) (day string, claimed bool, err error) {
	err = a.DB.Write(ctx, func(tx *db.Tx) error {
		day = tx.Now.In(zone).Format(time.DateOnly)
		n, err := tx.ExecAffected(`INSERT INTO job_runs (name, day, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, name, day, tx.Now)
		claimed = n == 1
		return err
	})
	return day, claimed, err
}

// finishJob notes when the job ended and what it did.
func (a *App) finishJob(ctx context.Context, name, day, result string) error {
	return a.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(`UPDATE job_runs SET finished_at = $1, result = $2 WHERE name = $3 AND day = $4`, tx.Now, result, name, day)
		return err
	})
}

// releaseJob gives back the day's row of a job that failed.
func (a *App) releaseJob(ctx context.Context, name, day string) error {
	return a.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(`DELETE FROM job_runs WHERE name = $1 AND day = $2`, name, day)
		return err
	})
}

// summaryText writes a job's summary pairs as "key=value key=value".
func summaryText(kv []any) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%v=%v", kv[i], kv[i+1])
	}
	return b.String()
}
