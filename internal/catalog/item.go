package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/search"
)

// Status is where an item stands.
type Status string

// The statuses of an item.
const (
	OnOrder      Status = "on_order"
	InProcessing Status = "in_processing"
	Available    Status = "available"
	OnLoan       Status = "on_loan"
	InTransit    Status = "in_transit"
	OnHoldShelf  Status = "on_hold_shelf"
	Missing      Status = "missing"
	InRepair     Status = "in_repair"
	Withdrawn    Status = "withdrawn"
	Lost         Status = "lost"
)

// Statuses lists every status in display order.
var Statuses = []Status{OnOrder, InProcessing, Available, OnLoan, InTransit, OnHoldShelf, Missing, InRepair, Withdrawn, Lost}

// Sources are the ways an item came to the library.
var Sources = []string{"purchase", "gift", "exchange", "legal_deposit", "transfer", "other"}

// Item is one physical copy (or an attached disc, with a parent).
type Item struct {
	ID          int64      `json:"id"`
	RecordID    int64      `json:"record_id"`
	ParentID    int64      `json:"parent_id,omitempty"`
	Barcode     string     `json:"barcode"`
	AccessionNo string     `json:"accession_no"`
	CallNumber  string     `json:"call_number"`
	Location    string     `json:"location"`
	Branch      string     `json:"branch"`
	Collection  string     `json:"collection"`
	ItemType    string     `json:"item_type"`
	Status      Status     `json:"status"`
	PriceFen    int64      `json:"price_fen"`
	Source      string     `json:"source"`
	Volume      string     `json:"volume,omitempty"`
	CopyNo      int        `json:"copy_no"`
	Notes       string     `json:"notes,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	AvailableAt *time.Time `json:"available_at,omitempty"`
}

func (it Item) summary() map[string]any {
	return map[string]any{"barcode": it.Barcode, "call_number": it.CallNumber, "location": it.Location,
		"collection": it.Collection, "item_type": it.ItemType, "status": it.Status, "price_fen": it.PriceFen}
}

const itemColumns = `i.id, i.bib_id, COALESCE(i.parent_id, 0), i.barcode, i.accession_no, i.call_number, i.location_code, l.branch_code,
	i.collection, i.item_type, i.status, i.price_fen, i.source, i.volume, i.copy_no, i.notes, i.created_at, i.updated_at, i.available_at`

const itemFrom = ` FROM items i JOIN locations l ON l.code = i.location_code`

func scanItem(sc interface{ Scan(...any) error }) (Item, error) {
	var it Item
	var avail db.Time
	var status string
	err := sc.Scan(&it.ID, &it.RecordID, &it.ParentID, &it.Barcode, &it.AccessionNo, &it.CallNumber, &it.Location, &it.Branch,
		&it.Collection, &it.ItemType, &status, &it.PriceFen, &it.Source, &it.Volume, &it.CopyNo, &it.Notes, &it.CreatedAt, &it.UpdatedAt, &avail)
	it.Status = Status(status)
	it.CreatedAt, it.UpdatedAt, it.AvailableAt = it.CreatedAt.UTC(), it.UpdatedAt.UTC(), avail.Ptr()
	return it, err
}

func getItem(tx *db.Tx, id int64) (Item, error) {
	it, err := scanItem(tx.QueryRow(`SELECT `+itemColumns+itemFrom+` WHERE i.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Item{}, notFound("error.item_not_found", "ID", id)
	}
	return it, err
}

// ItemByBarcode finds an item by its barcode inside a transaction (for
// other capabilities: circulation, inventory).
func ItemByBarcode(tx *db.Tx, barcode string) (Item, error) {
	it, err := scanItem(tx.QueryRow(`SELECT `+itemColumns+itemFrom+` WHERE i.barcode = $1`, strings.TrimSpace(barcode)))
	if errors.Is(err, sql.ErrNoRows) {
		return Item{}, notFound("error.barcode_not_found", "Barcode", barcode)
	}
	return it, err
}

// NewItem is what it takes to add an item.
type NewItem struct {
	RecordID    int64  `json:"record_id"`
	ParentID    int64  `json:"parent_id,omitempty"`
	Barcode     string `json:"barcode"`
	AccessionNo string `json:"accession_no,omitempty"` // assigned in ledger order when empty
	CallNumber  string `json:"call_number,omitempty"`  // "" = none yet
	Location    string `json:"location"`
	Collection  string `json:"collection"`
	ItemType    string `json:"item_type"`
	Status      Status `json:"status,omitempty"` // in_processing when empty
	PriceFen    int64  `json:"price_fen"`
	Source      string `json:"source,omitempty"` // purchase when empty
	Volume      string `json:"volume,omitempty"`
	CopyNo      int    `json:"copy_no,omitempty"`
	Notes       string `json:"notes,omitempty"`
}

// CreateItem adds one item (catalog.items).
func (s *Service) CreateItem(ctx context.Context, a auth.Actor, in NewItem) (Item, error) {
	items, err := s.CreateItems(ctx, a, in, 1)
	if err != nil {
		return Item{}, err
	}
	return items[0], nil
}

// CreateItems adds count copies of an item in one transaction (batch item
// creation 批量加工): barcodes count up from in.Barcode (its trailing digits),
// copy numbers from in.CopyNo, accession numbers in ledger order. Either all
// are created or none.
func (s *Service) CreateItems(ctx context.Context, a auth.Actor, in NewItem, count int) ([]Item, error) {
	if err := a.Require(auth.PermCatalogItems); err != nil {
		return nil, err
	}
	if count < 1 || count > 500 {
		return nil, invalid("error.item_count", "count", "Max", 500)
	}
	barcodes, err := barcodeRun(in.Barcode, count)
	if err != nil {
		return nil, err
	}
	if count > 1 && in.AccessionNo != "" {
		return nil, invalid("error.accession_with_batch", "accession_no")
	}
	var out []Item
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		for i, bc := range barcodes {
			one := in
			one.Barcode = bc
			if one.CopyNo == 0 {
				one.CopyNo = 1
			}
			one.CopyNo += i
			it, err := insertItem(tx, one)
			if err != nil {
				return err
			}
			if err := auth.Audit(tx, a, "item.create", "item", it.ID, nil, it.summary()); err != nil {
				return err
			}
			out = append(out, it)
		}
		return reindex(tx, in.RecordID)
	})
	if err != nil {
		return nil, fmt.Errorf("create items: %w", err)
	}
	return out, nil
}

// barcodeRun returns count barcodes starting at first, counting up in its
// trailing digits and keeping their width: C0009 → C0009, C0010, C0011.
func barcodeRun(first string, count int) ([]string, error) {
	first = strings.TrimSpace(first)
	if first == "" {
		return nil, invalid("error.barcode_required", "barcode")
	}
	if strings.ContainsAny(first, " \t\r\n") || len(first) > 64 {
		return nil, invalid("error.barcode_invalid", "barcode", "Barcode", first)
	}
	if count == 1 {
		return []string{first}, nil
	}
	j := len(first)
	for j > 0 && first[j-1] >= '0' && first[j-1] <= '9' {
		j--
	}
	if j == len(first) {
		return nil, invalid("error.barcode_no_digits", "barcode", "Barcode", first)
	}
	prefix, digits := first[:j], first[j:]
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return nil, invalid("error.barcode_invalid", "barcode", "Barcode", first)
	}
	out := make([]string, count)
	for i := range out {
		s := strconv.FormatInt(n+int64(i), 10)
		if len(s) < len(digits) {
			s = strings.Repeat("0", len(digits)-len(s)) + s
		}
		out[i] = prefix + s
	}
	return out, nil
}

// insertItem validates and stores one item inside tx and returns it.
func insertItem(tx *db.Tx, in NewItem) (Item, error) {
	id, err := storeItem(tx, in, false)
	if err != nil {
		return Item{}, err
	}
	return getItem(tx, id)
}

// storeItem validates and stores one item and returns its id. trusted
// skips the look-ups its caller has already made (an import has just
// stored the record and added the codes its items use).
func storeItem(tx *db.Tx, in NewItem, trusted bool) (int64, error) {
	in.Barcode = strings.TrimSpace(in.Barcode)
	if in.Barcode == "" {
		return 0, invalid("error.barcode_required", "barcode")
	}
	if in.Status == "" {
		in.Status = InProcessing
	}
	if !validStatus(in.Status) || in.Status == Withdrawn || in.Status == OnLoan || in.Status == OnHoldShelf || in.Status == InTransit {
		return 0, invalid("error.item_status_invalid", "status", "Status", string(in.Status))
	}
	if in.Source == "" {
		in.Source = "purchase"
	}
	if !validSource(in.Source) {
		return 0, invalid("error.item_source_invalid", "source", "Source", in.Source)
	}
	if in.PriceFen < 0 {
		return 0, invalid("error.price_negative", "price_fen")
	}
	if in.CopyNo <= 0 {
		in.CopyNo = 1
	}
	if !trusted {
		if err := checkCodes(tx, in.Location, in.Collection, in.ItemType); err != nil {
			return 0, err
		}
		if _, err := getRecord(tx, in.RecordID); err != nil {
			if apperr.Is(err, apperr.NotFound) {
				return 0, apperr.New(apperr.InvalidReference, "error.record_not_found", "ID", in.RecordID).WithField("record_id")
			}
			return 0, err
		}
	}
	var parent any
	if in.ParentID != 0 {
		p, err := getItem(tx, in.ParentID)
		if err != nil {
			return 0, apperr.New(apperr.InvalidReference, "error.item_not_found", "ID", in.ParentID).WithField("parent_id")
		}
		if p.ParentID != 0 || p.RecordID != in.RecordID {
			return 0, invalid("error.parent_item_invalid", "parent_id")
		}
		parent = in.ParentID
	}
	cn, err := prepareCallNumber(tx, in.RecordID, in.Collection, in.CallNumber)
	if err != nil {
		return 0, err
	}
	if in.AccessionNo == "" {
		n, err := nextCounter(tx, "accession")
		if err != nil {
			return 0, err
		}
		in.AccessionNo = fmt.Sprintf("%08d", n)
	} else if n, err := strconv.ParseInt(in.AccessionNo, 10, 64); err == nil {
		if err := raiseCounter(tx, "accession", n); err != nil {
			return 0, err
		}
	}
	var availableAt any
	if in.Status == Available {
		availableAt = tx.Now
	}
	id, err := tx.Insert(`INSERT INTO items (bib_id, parent_id, barcode, accession_no, call_number, call_sort, call_class, call_book,
		location_code, collection, item_type, status, price_fen, source, volume, copy_no, notes, created_at, updated_at, available_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19)`,
		in.RecordID, parent, in.Barcode, in.AccessionNo, cn.text, cn.sort, cn.class, cn.book,
		in.Location, in.Collection, in.ItemType, string(in.Status), in.PriceFen, in.Source, in.Volume, in.CopyNo, in.Notes, tx.Now, availableAt)
	if db.IsUnique(err) {
		var n int
		if tx.QueryRow(`SELECT COUNT(*) FROM items WHERE barcode = $1`, in.Barcode).Scan(&n); n > 0 {
			return 0, apperr.New(apperr.Conflict, "error.barcode_taken", "Barcode", in.Barcode).WithField("barcode")
		}
		return 0, apperr.New(apperr.Conflict, "error.accession_taken", "AccessionNo", in.AccessionNo).WithField("accession_no")
	}
	if err != nil {
		return 0, err
	}
	if _, err := tx.Exec(`INSERT INTO item_status_history (item_id, at, from_status, to_status, actor_name, door, kind) VALUES ($1, $2, '', $3, '', '', $4)`,
		id, tx.Now, string(in.Status), NoteCreated); err != nil {
		return 0, err
	}
	return id, nil
}

func validStatus(s Status) bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

func validSource(s string) bool {
	for _, x := range Sources {
		if x == s {
			return true
		}
	}
	return false
}

// checkCodes makes sure the location, collection and item type exist.
func checkCodes(tx *db.Tx, location, collection, itemType string) error {
	checks := []struct{ table, field, value, key string }{
		{"locations", "location", location, "error.location_unknown"},
		{"collections", "collection", collection, "error.collection_unknown"},
		{"item_types", "item_type", itemType, "error.item_type_unknown"},
	}
	for _, c := range checks {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM `+c.table+` WHERE code = $1`, c.value).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return apperr.New(apperr.InvalidReference, c.key, "Code", c.value).WithField(c.field)
		}
	}
	return nil
}

// GetItem returns one item (catalog.view).
func (s *Service) GetItem(ctx context.Context, a auth.Actor, id int64) (Item, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return Item{}, err
	}
	var it Item
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { it, err = getItem(tx, id); return })
	return it, err
}

// GetItemByBarcode returns one item by barcode (catalog.view).
func (s *Service) GetItemByBarcode(ctx context.Context, a auth.Actor, barcode string) (Item, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return Item{}, err
	}
	var it Item
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { it, err = ItemByBarcode(tx, barcode); return })
	return it, err
}

// RecordItems lists a record's items in shelf order (catalog.view).
func (s *Service) RecordItems(ctx context.Context, a auth.Actor, recordID int64) ([]Item, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return nil, err
	}
	var out []Item
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT `+itemColumns+itemFrom+` WHERE i.bib_id = $1 ORDER BY i.call_sort, i.copy_no, i.id`, recordID)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Item, error) { return scanItem(r) })
		return err
	})
	return out, err
}

// ItemUpdate changes an item's descriptive data; nil fields stay.
type ItemUpdate struct {
	CallNumber *string `json:"call_number"`
	Location   *string `json:"location"`
	Collection *string `json:"collection"`
	ItemType   *string `json:"item_type"`
	PriceFen   *int64  `json:"price_fen"`
	Source     *string `json:"source"`
	Volume     *string `json:"volume"`
	CopyNo     *int    `json:"copy_no"`
	Notes      *string `json:"notes"`
}

// UpdateItem changes an item (catalog.items). Its status changes only
// through ChangeItemStatus and the operations that own a status.
func (s *Service) UpdateItem(ctx context.Context, a auth.Actor, id int64, u ItemUpdate) (Item, error) {
	if err := a.Require(auth.PermCatalogItems); err != nil {
		return Item{}, err
	}
	var out Item
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := getItem(tx, id)
		if err != nil {
			return err
		}
		n := before
		set := func(dst *string, v *string) {
			if v != nil {
				*dst = strings.TrimSpace(*v)
			}
		}
		set(&n.CallNumber, u.CallNumber)
		set(&n.Location, u.Location)
		set(&n.Collection, u.Collection)
		set(&n.ItemType, u.ItemType)
		set(&n.Source, u.Source)
		set(&n.Volume, u.Volume)
		set(&n.Notes, u.Notes)
		if u.PriceFen != nil {
			if *u.PriceFen < 0 {
				return invalid("error.price_negative", "price_fen")
			}
			n.PriceFen = *u.PriceFen
		}
		if u.CopyNo != nil && *u.CopyNo > 0 {
			n.CopyNo = *u.CopyNo
		}
		if !validSource(n.Source) {
			return invalid("error.item_source_invalid", "source", "Source", n.Source)
		}
		if err := checkCodes(tx, n.Location, n.Collection, n.ItemType); err != nil {
			return err
		}
		cn := callNumberParts{text: before.CallNumber}
		if n.CallNumber != before.CallNumber || n.Collection != before.Collection {
			if cn, err = prepareCallNumber(tx, n.RecordID, n.Collection, n.CallNumber); err != nil {
				return err
			}
			if _, err := tx.Exec(`UPDATE items SET call_number = $1, call_sort = $2, call_class = $3, call_book = $4 WHERE id = $5`,
				cn.text, cn.sort, cn.class, cn.book, id); err != nil {
				return err
			}
			if err := reindex(tx, n.RecordID); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE items SET location_code = $1, collection = $2, item_type = $3, price_fen = $4, source = $5,
			volume = $6, copy_no = $7, notes = $8, updated_at = $9 WHERE id = $10`,
			n.Location, n.Collection, n.ItemType, n.PriceFen, n.Source, n.Volume, n.CopyNo, n.Notes, tx.Now, id); err != nil {
			return err
		}
		search.Touch(tx, n.RecordID)
		if out, err = getItem(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "item.update", "item", id, before.summary(), out.summary())
	})
	return out, err
}

// ManualStatuses are the statuses staff may set by hand, in display order;
// the others belong to the work that causes them (loans, holds, transit,
// withdrawal).
var ManualStatuses = []Status{Available, InProcessing, Missing, InRepair, Lost, OnOrder}

// IsManual reports whether staff may set status s by hand.
func IsManual(s Status) bool {
	for _, m := range ManualStatuses {
		if m == s {
			return true
		}
	}
	return false
}

// ChangeItemStatus sets an item's status by hand with a reason
// (catalog.items): found, missing, to repair, back from repair, lost.
func (s *Service) ChangeItemStatus(ctx context.Context, a auth.Actor, id int64, to Status, reason string) (Item, error) {
	if err := a.Require(auth.PermCatalogItems); err != nil {
		return Item{}, err
	}
	if !IsManual(to) {
		return Item{}, invalid("error.status_not_manual", "status", "Status", string(to))
	}
	var out Item
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		it, err := getItem(tx, id)
		if err != nil {
			return err
		}
		if !IsManual(it.Status) {
			return apperr.New(apperr.Conflict, "error.status_owned", "Status", string(it.Status))
		}
		if err := SetItemStatus(tx, a, id, to, StatusNote{Kind: NoteManual, Reason: reason}); err != nil {
			return err
		}
		out, err = getItem(tx, id)
		return err
	})
	return out, err
}

// StatusNote says why an item's status changed: the kind of work, the
// number of its document (ledger, batch, loan) and a reason.
type StatusNote struct {
	Kind   string `json:"kind"`
	Ref    string `json:"ref,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// The kinds of status change the catalogue makes; other capabilities add
// their own (loan, return, hold, transit, inventory …).
const (
	NoteManual       = "manual"       // set by hand, Reason as typed
	NoteCreated      = "created"      // the item was added
	NoteWithdrawal   = "withdrawal"   // Ref: ledger number; Reason: reason code
	NoteDistribution = "distribution" // Ref: batch number
)

// SetItemStatus changes an item's status inside a transaction and keeps the
// change in the item's history, with an audit entry. It is the one way any
// capability (circulation, inventory, withdrawal) changes a status; it does
// not check permissions — the calling service method has.
func SetItemStatus(tx *db.Tx, a auth.Actor, id int64, to Status, note StatusNote) error {
	if !validStatus(to) {
		return invalid("error.item_status_invalid", "status", "Status", string(to))
	}
	var from string
	var bib int64
	if err := tx.QueryRow(`SELECT status, bib_id FROM items WHERE id = $1`+tx.ForUpdate(), id).Scan(&from, &bib); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("error.item_not_found", "ID", id)
		}
		return err
	}
	search.Touch(tx, bib)
	if Status(from) == to {
		return nil
	}
	q := `UPDATE items SET status = $1, updated_at = $2 WHERE id = $3`
	if to == Available {
		q = `UPDATE items SET status = $1, updated_at = $2, available_at = COALESCE(available_at, $2) WHERE id = $3`
	}
	if _, err := tx.Exec(q, string(to), tx.Now, id); err != nil {
		return err
	}
	if note.Kind == "" {
		note.Kind = NoteManual
	}
	if _, err := tx.Exec(`INSERT INTO item_status_history (item_id, at, from_status, to_status, actor_name, door, kind, ref, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		id, tx.Now, from, string(to), a.Name, string(a.Door), note.Kind, note.Ref, note.Reason); err != nil {
		return err
	}
	return auth.Audit(tx, a, "item.status", "item", id, map[string]any{"status": from}, map[string]any{"status": to, "note": note})
}

// StatusChange is one line of an item's status history.
type StatusChange struct {
	At    time.Time `json:"at"`
	From  Status    `json:"from"`
	To    Status    `json:"to"`
	Actor string    `json:"actor"`
	Door  string    `json:"door"`
	StatusNote
}

// ItemHistory returns an item's status changes, oldest first (catalog.view).
func (s *Service) ItemHistory(ctx context.Context, a auth.Actor, id int64) ([]StatusChange, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return nil, err
	}
	var out []StatusChange
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT at, from_status, to_status, actor_name, door, kind, ref, reason FROM item_status_history WHERE item_id = $1 ORDER BY id`, id)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (StatusChange, error) {
			var c StatusChange
			var from, to string
			err := r.Scan(&c.At, &from, &to, &c.Actor, &c.Door, &c.Kind, &c.Ref, &c.Reason)
			c.From, c.To, c.At = Status(from), Status(to), c.At.UTC()
			return c, err
		})
		return err
	})
	return out, err
}
