package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/marc"
)

// ImportJob is an import running in the background, or finished.
type ImportJob struct {
	ID         int64            `json:"id"`
	CreatedAt  time.Time        `json:"created_at"`
	Actor      string           `json:"actor"`
	FileName   string           `json:"file_name"`
	FileSize   int64            `json:"file_size"`
	Options    ImportJobOptions `json:"options"`
	Status     string           `json:"status"` // running, done, failed, interrupted
	BytesRead  int64            `json:"bytes_read"`
	Progress   ImportProgress   `json:"progress"`
	Failures   []JobFailure     `json:"failures"`
	Error      string           `json:"error,omitempty"`
	StartedAt  *time.Time       `json:"started_at,omitempty"`
	FinishedAt *time.Time       `json:"finished_at,omitempty"`
}

// Percent is how much of the file has been read.
func (j ImportJob) Percent() int {
	if j.FileSize <= 0 {
		return 0
	}
	return int(100 * j.BytesRead / j.FileSize)
}

// ImportJobOptions are the options of a job as chosen by the person.
type ImportJobOptions struct {
	Format      string          `json:"format"`
	Encoding    string          `json:"encoding"`
	OnDuplicate DuplicatePolicy `json:"on_duplicate"`
	ItemsFrom   HoldingsField   `json:"items_from"`
	Location    string          `json:"location,omitempty"`
	Collection  string          `json:"collection,omitempty"`
	ItemType    string          `json:"item_type,omitempty"`
}

// JobFailure is a failed record of a job, kept so that it can be explained
// in any language later: a domain error as its key and arguments, a read
// error as the reader's text.
type JobFailure struct {
	Record int            `json:"record"`
	Key    string         `json:"key,omitempty"`
	Args   map[string]any `json:"args,omitempty"`
	Text   string         `json:"text,omitempty"`
}

// maxJobFailures bounds the failures a job row keeps.
const maxJobFailures = 1000

func jobFailures(fs []ImportFailure) []JobFailure {
	out := make([]JobFailure, 0, min(len(fs), maxJobFailures))
	for _, f := range fs {
		if len(out) == maxJobFailures {
			break
		}
		jf := JobFailure{Record: f.Record}
		var pe *marc.ParseError
		if e, ok := apperr.As(f.Err); ok {
			jf.Key, jf.Args = e.Key, e.Args
		} else if errors.As(f.Err, &pe) {
			jf.Text = pe.Error()
		} else {
			jf.Key = "error.import_record_internal"
		}
		out = append(out, jf)
	}
	return out
}

// StartImportJob records a job and runs the import of the file that open
// returns in the background (catalog.import); it returns the job at once.
// The job's row is updated after every batch, so any node can show its
// progress. done, when not nil, is called when the job ends (tests).
func (s *Service) StartImportJob(ctx context.Context, a auth.Actor, fileName string, size int64, opt ImportJobOptions,
	open func() (io.ReadCloser, error), done func()) (ImportJob, error) {
	if err := a.Require(auth.PermCatalogImport); err != nil {
		return ImportJob{}, err
	}
	policy, err := ParseDuplicatePolicy(string(opt.OnDuplicate))
	if err != nil {
		return ImportJob{}, invalid("error.import_option", "on_duplicate", "Option", "on_duplicate", "Value", opt.OnDuplicate)
	}
	holdings, err := ParseHoldingsField(string(opt.ItemsFrom))
	if err != nil {
		return ImportJob{}, invalid("error.import_option", "items_from", "Option", "items_from", "Value", opt.ItemsFrom)
	}
	opt.OnDuplicate, opt.ItemsFrom = policy, holdings
	if _, _, err := OpenMARC(emptyReader{}, opt.Format, opt.Encoding); err != nil {
		return ImportJob{}, invalid("error.import_option", "format", "Option", "format/encoding", "Value", err.Error())
	}
	optJSON, _ := json.Marshal(opt)
	var job ImportJob
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		var actorID any
		if a.StaffID != 0 {
			actorID = a.StaffID
		}
		id, err := tx.Insert(`INSERT INTO import_jobs (created_at, actor_id, actor_name, file_name, file_size, options, status, started_at)
			VALUES ($1, $2, $3, $4, $5, $6, 'running', $1)`, tx.Now, actorID, a.Name, fileName, size, string(optJSON))
		if err != nil {
			return err
		}
		if job, err = getJob(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "import.start", "import_job", id, nil, map[string]any{"file": fileName, "options": opt})
	})
	if err != nil {
		return ImportJob{}, err
	}
	go s.runJob(context.WithoutCancel(ctx), a, job.ID, opt, open, done)
	return job, nil
}

type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, io.EOF }

// CountingReader counts the bytes read through it, for progress reports;
// N may be read while another goroutine reads.
type CountingReader struct {
	R io.Reader
	n atomic.Int64
}

// Read reads from R and counts.
func (c *CountingReader) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// N returns how many bytes have been read.
func (c *CountingReader) N() int64 { return c.n.Load() }

func (s *Service) runJob(ctx context.Context, a auth.Actor, id int64, opt ImportJobOptions, open func() (io.ReadCloser, error), done func()) {
	if done != nil {
		defer done()
	}
	finish := func(status string, sum ImportSummary, jobErr string) {
		fails, _ := json.Marshal(jobFailures(sum.Failures))
		s.db.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(`UPDATE import_jobs SET status = $1, read = $2, created = $3, overlaid = $4, skipped = $5, failed = $6,
				items = $7, warnings = $8, failures = $9, error = $10, finished_at = $11, bytes_read = file_size WHERE id = $12`,
				status, sum.Read, sum.Created, sum.Overlaid, sum.Skipped, sum.Failed, sum.Items, sum.Warnings, string(fails), jobErr, tx.Now, id)
			return err
		})
	}
	f, err := open()
	if err != nil {
		finish("failed", ImportSummary{}, "cannot open the uploaded file")
		return
	}
	defer f.Close()
	cr := &CountingReader{R: f}
	rr, _, err := OpenMARC(cr, opt.Format, opt.Encoding)
	if err != nil {
		finish("failed", ImportSummary{}, err.Error())
		return
	}
	sum, err := s.Import(ctx, a, rr, ImportOptions{OnDuplicate: opt.OnDuplicate, ItemsFrom: opt.ItemsFrom, Location: opt.Location,
		Collection: opt.Collection, ItemType: opt.ItemType, Source: fmt.Sprintf("job %d", id)},
		func(p ImportProgress) {
			s.db.Write(ctx, func(tx *db.Tx) error {
				_, err := tx.Exec(`UPDATE import_jobs SET bytes_read = $1, read = $2, created = $3, overlaid = $4, skipped = $5, failed = $6, items = $7, warnings = $8, heartbeat = $9 WHERE id = $10`,
					cr.N(), p.Read, p.Created, p.Overlaid, p.Skipped, p.Failed, p.Items, p.Warnings, tx.Now, id)
				return err
			})
		})
	if err != nil {
		// Batches committed so far stay; the job says where it stopped.
		finish("failed", sum, "stopped after record "+itoa(sum.Read)+": the database failed (see the server log)")
		return
	}
	finish("done", sum, "")
}

const jobColumns = `id, created_at, actor_name, file_name, file_size, options, status, bytes_read, read, created, overlaid, skipped,
	failed, items, warnings, failures, error, started_at, finished_at`

func scanJob(sc interface{ Scan(...any) error }) (ImportJob, error) {
	var j ImportJob
	var opts, fails string
	var started, finished db.Time
	err := sc.Scan(&j.ID, &j.CreatedAt, &j.Actor, &j.FileName, &j.FileSize, &opts, &j.Status, &j.BytesRead, &j.Progress.Read,
		&j.Progress.Created, &j.Progress.Overlaid, &j.Progress.Skipped, &j.Progress.Failed, &j.Progress.Items, &j.Progress.Warnings,
		&fails, &j.Error, &started, &finished)
	if err != nil {
		return j, err
	}
	j.CreatedAt = j.CreatedAt.UTC()
	json.Unmarshal([]byte(opts), &j.Options)
	json.Unmarshal([]byte(fails), &j.Failures)
	j.StartedAt, j.FinishedAt = started.Ptr(), finished.Ptr()
	return j, nil
}

func getJob(tx *db.Tx, id int64) (ImportJob, error) {
	j, err := scanJob(tx.QueryRow(`SELECT `+jobColumns+` FROM import_jobs WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ImportJob{}, notFound("error.import_job_not_found", "ID", id)
	}
	return j, err
}

// GetImportJob returns one job (catalog.import).
func (s *Service) GetImportJob(ctx context.Context, a auth.Actor, id int64) (ImportJob, error) {
	if err := a.Require(auth.PermCatalogImport); err != nil {
		return ImportJob{}, err
	}
	var j ImportJob
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { j, err = getJob(tx, id); return })
	return j, err
}

// ImportJobs lists recent jobs, newest first (catalog.import).
func (s *Service) ImportJobs(ctx context.Context, a auth.Actor, limit int) ([]ImportJob, error) {
	if err := a.Require(auth.PermCatalogImport); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	var out []ImportJob
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT ` + jobColumns + ` FROM import_jobs ORDER BY id DESC LIMIT ` + itoa(limit))
		out, err = db.Collect(rows, err, func(r *sql.Rows) (ImportJob, error) { return scanJob(r) })
		return err
	})
	return out, err
}

// MarkInterruptedJobs marks as interrupted the running jobs that have not
// reported progress for quiet (their server stopped; the batches they
// committed stay). Any node may run it: a live job reports every batch.
func (s *Service) MarkInterruptedJobs(ctx context.Context, quiet time.Duration) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(`UPDATE import_jobs SET status = 'interrupted', finished_at = $1
			WHERE status = 'running' AND COALESCE(heartbeat, started_at) < $2`, tx.Now, tx.Now.Add(-quiet))
		return err
	})
}
