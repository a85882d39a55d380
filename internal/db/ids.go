package db

import (
	"fmt"
	"regexp"
)

var tableName = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// ReserveIDs hands out n new ids of table's auto-numbered id column inside a
// write transaction, so that bulk inserts can write many rows in one
// statement and still know each row's id. On PostgreSQL the ids come from
// the column's sequence; on SQLite, whose single writer this transaction
// holds, they follow the table's AUTOINCREMENT counter, which inserting the
// rows moves on.
func (t *Tx) ReserveIDs(table string, n int) ([]int64, error) {
	if !tableName.MatchString(table) {
		return nil, fmt.Errorf("reserve ids: bad table name %q", table)
	}
	if n <= 0 {
		return nil, nil
	}
	ids := make([]int64, 0, n)
	if t.dialect == Postgres {
		rows, err := t.Query(`SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var base int64
	err := t.QueryRow(`SELECT MAX(v) FROM (SELECT COALESCE(MAX(id), 0) AS v FROM `+table+
		` UNION ALL SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = $1), 0))`, table).Scan(&base)
	if err != nil {
		return nil, err
	}
	for i := 1; i <= n; i++ {
		ids = append(ids, base+int64(i))
	}
	return ids, nil
}

// Savepoint runs fn inside a savepoint: when fn fails, its changes are
// undone and the transaction goes on (used to isolate one bad record of a
// batch).
func (t *Tx) Savepoint(fn func() error) error {
	if _, err := t.Exec(`SAVEPOINT lantai_sp`); err != nil {
		return err
	}
	if err := fn(); err != nil {
		if _, rbErr := t.Exec(`ROLLBACK TO SAVEPOINT lantai_sp`); rbErr != nil {
			return fmt.Errorf("%w (and rollback to savepoint: %v)", err, rbErr)
		}
		t.Exec(`RELEASE SAVEPOINT lantai_sp`)
		return err
	}
	_, err := t.Exec(`RELEASE SAVEPOINT lantai_sp`)
	return err
}
