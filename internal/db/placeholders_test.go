package db

import "testing"

func TestRewritePlaceholders(t *testing.T) {
	cases := map[string]string{
		`SELECT 1`:                                `SELECT 1`,
		`SELECT $1, $2, $10`:                      `SELECT ?1, ?2, ?10`,
		`SELECT $1, $1`:                           `SELECT ?1, ?1`,
		`SELECT $2, $1`:                           `SELECT ?2, ?1`,
		`SELECT '$1', "$2" FROM t WHERE a = $1`:   `SELECT '$1', "$2" FROM t WHERE a = ?`,
		`SELECT 'it''s $1' || $1 || $2`:           `SELECT 'it''s $1' || ? || ?`,
		`SELECT price$ FROM t WHERE x = $1`:       `SELECT price$ FROM t WHERE x = ?`,
		`INSERT INTO t VALUES ($1, $2), ($3, $4)`: `INSERT INTO t VALUES (?, ?), (?, ?)`,
		`SELECT $1, $12`:                          `SELECT ?1, ?12`,
	}
	for in, want := range cases {
		if got := rewritePlaceholders(in); got != want {
			t.Errorf("%s\n got %s\nwant %s", in, got, want)
		}
	}
}
