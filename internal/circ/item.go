package circ

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
)

// item is an item as circulation handles it: the catalogue's item (its
// Branch is its home branch), and its record's title and price.
type item struct {
	catalog.Item
	Title       string
	BibPriceFen int64
}

// price is the item's price, or its record's when the item has none.
func (it item) price() int64 {
	if it.PriceFen > 0 {
		return it.PriceFen
	}
	return it.BibPriceFen
}

// itemQuery reads what circulation needs of an item in one statement.
const itemQuery = `SELECT i.id, i.bib_id, i.barcode, i.call_number, i.location_code, l.branch_code, i.collection, i.item_type,
	i.status, i.price_fen, b.title, b.price_fen
	FROM items i JOIN locations l ON l.code = i.location_code JOIN bib_records b ON b.id = i.bib_id WHERE `

// lockItem finds an item by barcode (as catalog.ItemByBarcode does) and,
// on PostgreSQL, locks its row until the transaction ends: every method
// that changes an item's circulation locks it first. Under the lock the
// item's status is the latest committed.
func lockItem(tx *db.Tx, barcode string) (item, error) {
	barcode = strings.TrimSpace(barcode)
	it, err := scanItem(tx.QueryRow(itemQuery+`i.barcode = $1`+lockOf(tx), barcode))
	if errors.Is(err, sql.ErrNoRows) {
		return item{}, notFound("error.barcode_not_found", "Barcode", barcode)
	}
	if err != nil {
		return item{}, fmt.Errorf("item %s: %w", barcode, err)
	}
	return it, nil
}

// lockItemID is lockItem for an item known by id.
func lockItemID(tx *db.Tx, id int64) (item, error) {
	it, err := scanItem(tx.QueryRow(itemQuery+`i.id = $1`+lockOf(tx), id))
	if errors.Is(err, sql.ErrNoRows) {
		return item{}, notFound("error.item_not_found", "ID", id)
	}
	if err != nil {
		return item{}, fmt.Errorf("item %d: %w", id, err)
	}
	return it, nil
}

// lockOf locks the item row (only) of itemQuery on PostgreSQL.
func lockOf(tx *db.Tx) string {
	if tx.Dialect() == db.Postgres {
		return " FOR UPDATE OF i"
	}
	return ""
}

func scanItem(row *db.Row) (item, error) {
	var it item
	var status string
	err := row.Scan(&it.ID, &it.RecordID, &it.Barcode, &it.CallNumber, &it.Location, &it.Branch, &it.Collection, &it.ItemType,
		&status, &it.PriceFen, &it.Title, &it.BibPriceFen)
	it.Status = catalog.Status(status)
	return it, err
}
