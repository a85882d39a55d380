package catalog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog/clc"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/marc"
	"lantai.dev/lantai/internal/search"
)

// DuplicatePolicy says what an import does with a record that matches one
// already in the catalogue (by ISBN, or by title + first author + year).
type DuplicatePolicy string

// The duplicate policies.
const (
	DuplicateSkip    DuplicatePolicy = "skip"    // keep the existing record; the file's items join it
	DuplicateOverlay DuplicatePolicy = "overlay" // replace the existing record's MARC (old version kept); items join it
	DuplicateNew     DuplicatePolicy = "new"     // add the record anyway
)

// ParseDuplicatePolicy reads the --on-duplicate value.
func ParseDuplicatePolicy(s string) (DuplicatePolicy, error) {
	switch DuplicatePolicy(s) {
	case DuplicateSkip, DuplicateOverlay, DuplicateNew:
		return DuplicatePolicy(s), nil
	case "":
		return DuplicateSkip, nil
	}
	return "", fmt.Errorf("on-duplicate %q: use skip, overlay or new", s)
}

// ImportOptions tune an import.
type ImportOptions struct {
	OnDuplicate DuplicatePolicy
	ItemsFrom   HoldingsField
	// Defaults for items whose holdings field lacks a code. Codes the file
	// uses that the library does not have yet are added to its code lists
	// (named after the code, to be renamed later).
	Location, Collection, ItemType string
	// ItemStatus is the status of imported items (available by default:
	// an import usually brings a collection that is on the shelves).
	ItemStatus Status
	// BatchSize is the number of records written per transaction (500).
	BatchSize int
	// Source names the input (a file name) in the audit log.
	Source string
}

// ImportProgress counts an import's work so far.
type ImportProgress struct {
	Read     int `json:"read"`
	Created  int `json:"created"`
	Overlaid int `json:"overlaid"`
	Skipped  int `json:"skipped"`
	Failed   int `json:"failed"`
	Items    int `json:"items"`
	Warnings int `json:"warnings"` // records read with repairs (see marc.Record.Warnings)
}

// ImportFailure is a record that was not imported, and why.
type ImportFailure struct {
	Record int   // 1-based number of the record in the input
	Err    error // a *marc.ParseError, a domain error (*apperr.Error) or an internal error
}

// ImportSummary is the outcome of an import.
type ImportSummary struct {
	ImportProgress
	Failures []ImportFailure // the first MaxFailures failures
	Elapsed  time.Duration
}

// MaxFailures bounds the failures an import keeps in detail.
const MaxFailures = 10000

// pending is a record read and derived, waiting for its batch.
type pending struct {
	n     int
	raw   []byte
	d     derived
	items []heldItem
	text  string // the search tokens of the record as read, with its items' call numbers
}

// readBatch is a batch of records read and checked for writing, with the
// records that failed on the way.
type readBatch struct {
	records  []pending
	failures []ImportFailure
	read     int
	warnings int
	err      error // reading cannot go on
}

// readBatches reads rr into batches of opt.BatchSize records and sends
// them, closing out when the records end, reading fails or ctx ends.
func readBatches(ctx context.Context, rr marc.RecordReader, opt ImportOptions, out chan<- readBatch) {
	defer close(out)
	b := readBatch{records: make([]pending, 0, opt.BatchSize)}
	send := func() bool {
		select {
		case out <- b:
			b = readBatch{records: make([]pending, 0, opt.BatchSize)}
			return true
		case <-ctx.Done():
			return false
		}
	}
	n := 0
	for {
		if ctx.Err() != nil {
			return
		}
		m, err := rr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		n++
		b.read++
		var pe *marc.ParseError
		if errors.As(err, &pe) {
			if pe.Record > 0 {
				n = pe.Record
			}
			b.failures = append(b.failures, ImportFailure{Record: n, Err: err})
			continue
		}
		if err != nil {
			b.err = fmt.Errorf("read record %d: %w", n, err)
			send()
			return
		}
		if len(m.Warnings()) > 0 {
			b.warnings++
		}
		raw, err := marc.Marshal(m)
		if err != nil {
			b.failures = append(b.failures, ImportFailure{Record: n, Err: apperr.New(apperr.Invalid, "error.marc_invalid", "Reason", err.Error())})
			continue
		}
		d, err := derive(m)
		if err != nil {
			b.failures = append(b.failures, ImportFailure{Record: n, Err: err})
			continue
		}
		p := pending{n: n, raw: raw, d: d, items: holdingsOf(m, opt.ItemsFrom, d.PriceFen)}
		var calls []string
		for _, h := range p.items {
			if h.CallNumber != "" {
				calls = append(calls, h.CallNumber)
			}
		}
		p.text = searchText(d.Bib, calls)
		b.records = append(b.records, p)
		if len(b.records) == opt.BatchSize && !send() {
			return
		}
	}
	send()
}

// Import reads every record from rr into the catalogue (catalog.import).
// Records are written in batches, each batch one transaction; a bad record
// (unreadable, no title, an item whose barcode is taken, …) is reported with
// its number and reason and never stops the others or leaves half of itself
// behind. progress, when not nil, is called after every batch.
func (s *Service) Import(ctx context.Context, a auth.Actor, rr marc.RecordReader, opt ImportOptions, progress func(ImportProgress)) (ImportSummary, error) {
	if err := a.Require(auth.PermCatalogImport); err != nil {
		return ImportSummary{}, err
	}
	if opt.OnDuplicate == "" {
		opt.OnDuplicate = DuplicateSkip
	}
	if opt.ItemsFrom == "" {
		opt.ItemsFrom = HoldingsNone
	}
	if opt.Location == "" {
		opt.Location = "stacks"
	}
	if opt.Collection == "" {
		opt.Collection = "zw"
	}
	if opt.ItemType == "" {
		opt.ItemType = "book"
	}
	if opt.ItemStatus == "" {
		opt.ItemStatus = Available
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 2000
	}
	start := time.Now()
	var sum ImportSummary
	fail := func(n int, err error) {
		sum.Failed++
		if len(sum.Failures) < MaxFailures {
			sum.Failures = append(sum.Failures, ImportFailure{Record: n, Err: err})
		}
	}
	// Reading, checking and tokenising the next batch runs while the
	// database writes this one.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan readBatch, 1)
	go readBatches(rctx, rr, opt, batches)
	for b := range batches {
		sum.Read += b.read
		sum.Warnings += b.warnings
		for _, f := range b.failures {
			fail(f.Record, f.Err)
		}
		if b.err != nil {
			return sum, b.err
		}
		if len(b.records) > 0 {
			if err := s.importBatch(ctx, a, b.records, opt, &sum, fail); err != nil {
				return sum, err
			}
		}
		if progress != nil {
			progress(sum.ImportProgress)
		}
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// importBatch writes a batch in one transaction, fast: duplicates looked up
// for the whole batch at once, new records inserted many rows per
// statement. If that transaction fails, the batch is written again record by
// record, each in a savepoint, so that only the bad records fail.
func (s *Service) importBatch(ctx context.Context, a auth.Actor, batch []pending, opt ImportOptions, sum *ImportSummary, fail func(int, error)) error {
	var got ImportProgress
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		got = ImportProgress{}
		return writeBatch(tx, a, batch, opt, &got)
	})
	if err == nil {
		addProgress(sum, got)
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	// Careful mode: one savepoint per record.
	var failures []ImportFailure
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		got, failures = ImportProgress{}, nil
		for _, p := range batch {
			var one ImportProgress
			err := tx.Savepoint(func() error { return writeBatch(tx, a, []pending{p}, opt, &one) })
			if err != nil {
				if _, domain := apperr.As(err); !domain && db.KindOf(err) == db.KindOther && !isConstraint(err) {
					return err // the database itself failed: stop
				}
				failures = append(failures, ImportFailure{Record: p.n, Err: err})
				continue
			}
			got = sumProgress(got, one)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import records %d–%d: %w", batch[0].n, batch[len(batch)-1].n, err)
	}
	addProgress(sum, got)
	for _, f := range failures {
		fail(f.Record, f.Err)
	}
	return nil
}

func isConstraint(err error) bool {
	switch db.KindOf(err) {
	case db.KindUnique, db.KindForeignKey, db.KindNotNull, db.KindCheck:
		return true
	}
	return false
}

func sumProgress(a, b ImportProgress) ImportProgress {
	a.Created += b.Created
	a.Overlaid += b.Overlaid
	a.Skipped += b.Skipped
	a.Items += b.Items
	return a
}

func addProgress(sum *ImportSummary, p ImportProgress) {
	sum.ImportProgress = sumProgress(sum.ImportProgress, p)
}

// writeBatch writes records inside tx and counts what it did in got.
func writeBatch(tx *db.Tx, a auth.Actor, batch []pending, opt ImportOptions, got *ImportProgress) error {
	ids, err := tx.ReserveIDs("bib_records", len(batch))
	if err != nil {
		return err
	}
	matches, err := batchMatches(tx, batch, opt.OnDuplicate)
	if err != nil {
		return err
	}
	// Records of this batch already seen, by ISBN and duplicate key, so a
	// file that repeats a record matches itself too.
	byISBN, byKey := map[string]int64{}, map[string]int64{}
	var fresh []int // indexes into batch of records to insert
	target := make([]int64, len(batch))
	for i, p := range batch {
		match := int64(0)
		if opt.OnDuplicate != DuplicateNew {
			match = matchOf(p.d, matches, byISBN, byKey)
		}
		switch {
		case match == 0:
			target[i] = ids[i]
			fresh = append(fresh, i)
			for _, n := range p.d.ISBNs {
				byISBN[n] = ids[i]
			}
			if p.d.DupKey != "" {
				byKey[p.d.DupKey] = ids[i]
			}
			got.Created++
		case opt.OnDuplicate == DuplicateOverlay:
			target[i] = match
			before, err := getRecordIfStored(tx, match)
			if err != nil {
				return err
			}
			if before.ID != 0 {
				if err := overlay(tx, a, before, p.raw, p.d); err != nil {
					return err
				}
				got.Overlaid++
			} else {
				got.Skipped++ // matched a record of this very batch
			}
		default:
			target[i] = match
			got.Skipped++
		}
	}
	if err := insertRecords(tx, batch, fresh, ids); err != nil {
		return err
	}
	isFresh := map[int64]bool{}
	for _, i := range fresh {
		isFresh[ids[i]] = true
	}
	grown := map[int64]bool{} // existing records that got items
	known := map[string]bool{}
	for i, p := range batch {
		for _, h := range p.items {
			if err := importItem(tx, target[i], h, opt, known); err != nil {
				return fmt.Errorf("item %s: %w", h.Barcode, err)
			}
			got.Items++
			if !isFresh[target[i]] {
				grown[target[i]] = true
			}
		}
	}
	// The search entries of the new records, many per statement, with the
	// call numbers of their items; then those of records that got items.
	texts := make([]string, len(fresh))
	freshIDs := make([]int64, len(fresh))
	for k, i := range fresh {
		texts[k], freshIDs[k] = batch[i].text, ids[i]
	}
	if err := search.StoreNew(tx, freshIDs, texts); err != nil {
		return err
	}
	search.Touch(tx, freshIDs...)
	for id := range grown {
		if err := reindex(tx, id); err != nil {
			return err
		}
	}
	summary := map[string]any{"source": opt.Source, "records": fmt.Sprintf("%d-%d", batch[0].n, batch[len(batch)-1].n),
		"created": got.Created, "overlaid": got.Overlaid, "skipped": got.Skipped, "items": got.Items}
	if len(fresh) > 0 {
		summary["first_id"], summary["last_id"] = ids[fresh[0]], ids[fresh[len(fresh)-1]]
	}
	return auth.Audit(tx, a, "record.import", "import", opt.Source, nil, summary)
}

// getRecordIfStored returns the record, or a zero Record when id was
// reserved for a record of the current batch that is not inserted yet.
func getRecordIfStored(tx *db.Tx, id int64) (Record, error) {
	r, err := getRecord(tx, id)
	if apperr.Is(err, apperr.NotFound) {
		return Record{}, nil
	}
	return r, err
}

type batchMatch struct {
	isbn map[string]int64
	key  map[string]int64
}

// batchMatches finds, for the whole batch at once, the existing records
// sharing an ISBN or a duplicate key with any of its records.
func batchMatches(tx *db.Tx, batch []pending, policy DuplicatePolicy) (batchMatch, error) {
	m := batchMatch{isbn: map[string]int64{}, key: map[string]int64{}}
	if policy == DuplicateNew {
		return m, nil
	}
	var isbns, keys []any
	for _, p := range batch {
		for _, n := range p.d.ISBNs {
			isbns = append(isbns, n)
		}
		if p.d.DupKey != "" {
			keys = append(keys, p.d.DupKey)
		}
	}
	lookup := func(q string, vals []any, into map[string]int64) error {
		if len(vals) == 0 {
			return nil
		}
		rows, err := tx.Query(q+" IN ("+placeholders(1, len(vals))+") ORDER BY 2", vals...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var id int64
			if err := rows.Scan(&k, &id); err != nil {
				return err
			}
			if _, seen := into[k]; !seen {
				into[k] = id
			}
		}
		return rows.Err()
	}
	if err := lookup(`SELECT isbn, bib_id FROM bib_isbns WHERE isbn`, isbns, m.isbn); err != nil {
		return m, err
	}
	return m, lookup(`SELECT dup_key, id FROM bib_records WHERE dup_key`, keys, m.key)
}

func matchOf(d derived, m batchMatch, byISBN, byKey map[string]int64) int64 {
	for _, n := range d.ISBNs {
		if id := m.isbn[n]; id != 0 {
			return id
		}
		if id := byISBN[n]; id != 0 {
			return id
		}
	}
	if d.DupKey != "" {
		if id := m.key[d.DupKey]; id != 0 {
			return id
		}
		return byKey[d.DupKey]
	}
	return 0
}

// placeholders returns "$from, $from+1, …" for n parameters.
func placeholders(from, n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("$" + itoa(from+i))
	}
	return sb.String()
}

// insertRecords inserts the records batch[fresh[…]] with their reserved ids,
// many rows per statement, and their ISBNs.
func insertRecords(tx *db.Tx, batch []pending, fresh []int, ids []int64) error {
	const cols = 20
	const perStmt = 400
	for start := 0; start < len(fresh); start += perStmt {
		end := min(start+perStmt, len(fresh))
		var sb strings.Builder
		sb.WriteString(`INSERT INTO bib_records (id, format, marc, title, sort_title, author, publisher, pub_year, edition, isbn, issn, class, language, material, dup_key, price_fen, main_class, title_pinyin, created_at, updated_at) VALUES `)
		args := make([]any, 0, (end-start)*cols)
		for k, i := range fresh[start:end] {
			if k > 0 {
				sb.WriteString(", ")
			}
			// Parameters strictly in order, none repeated: SQLite binds
			// those fastest (see db.sqliteSQL).
			sb.WriteString("(" + placeholders(len(args)+1, cols) + ")")
			d := batch[i].d
			args = append(args, ids[i], d.Format, batch[i].raw, d.Title, d.SortTitle, d.Author, d.Publisher, d.Year, d.Edition,
				d.ISBN, d.ISSN, d.Class, d.Language, d.Material, d.DupKey, d.PriceFen, clc.MainClass(d.Class), search.PinyinSortKey(d.Bib.Title), tx.Now, tx.Now)
		}
		if _, err := tx.Exec(sb.String(), args...); err != nil {
			return err
		}
	}
	var sb strings.Builder
	var args []any
	seen := map[string]bool{}
	for _, i := range fresh {
		for _, n := range batch[i].d.ISBNs {
			k := itoa64(ids[i]) + n
			if seen[k] {
				continue
			}
			seen[k] = true
			if len(args) > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(" + placeholders(len(args)+1, 2) + ")")
			args = append(args, ids[i], n)
			if len(args) >= 2000 {
				if _, err := tx.Exec(`INSERT INTO bib_isbns (bib_id, isbn) VALUES `+sb.String(), args...); err != nil {
					return err
				}
				sb.Reset()
				args = args[:0]
			}
		}
	}
	if len(args) > 0 {
		if _, err := tx.Exec(`INSERT INTO bib_isbns (bib_id, isbn) VALUES `+sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// importItem adds one item from a holdings field, adding any code the
// library does not have yet to its code list (known remembers the codes
// already checked in this batch).
func importItem(tx *db.Tx, recordID int64, h heldItem, opt ImportOptions, known map[string]bool) error {
	in := NewItem{RecordID: recordID, Barcode: h.Barcode, AccessionNo: h.AccessionNo, CallNumber: h.CallNumber,
		Location: first(h.Location, opt.Location), Collection: first(h.Collection, opt.Collection), ItemType: first(h.ItemType, opt.ItemType),
		Status: opt.ItemStatus, PriceFen: h.PriceFen, Source: "purchase", Volume: h.Volume, CopyNo: h.CopyNo, Notes: h.Notes}
	for _, c := range []struct {
		list CodeList
		code string
	}{{Locations, in.Location}, {Collections, in.Collection}, {ItemTypes, in.ItemType}} {
		if key := string(c.list) + "\x00" + c.code; !known[key] {
			if err := ensureCode(tx, c.list, c.code); err != nil {
				return err
			}
			known[key] = true
		}
	}
	_, err := storeItem(tx, in, true)
	return err
}

// ensureCode adds a code an import uses to its list, named after itself.
func ensureCode(tx *db.Tx, list CodeList, code string) error {
	if !codeRe.MatchString(code) {
		return invalid("error.code_invalid", string(list), "Code", code)
	}
	if list == Locations {
		_, err := tx.Exec(`INSERT INTO locations (code, branch_code, name_zh, name_en, kind)
			SELECT $1, (SELECT MIN(code) FROM branches), $1, $1, 'stacks' WHERE NOT EXISTS (SELECT 1 FROM locations WHERE code = $1)`, code)
		return err
	}
	_, err := tx.Exec(`INSERT INTO `+string(list)+` (code, name_zh, name_en) SELECT $1, $1, $1 WHERE NOT EXISTS (SELECT 1 FROM `+string(list)+` WHERE code = $1)`, code)
	return err
}

func itoa64(n int64) string { return fmt.Sprint(n) }
