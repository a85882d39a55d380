package db

import "sync"

// SQL in Lantai numbers its parameters $1, $2 … as PostgreSQL does. SQLite
// reads "$1" as a parameter *named* "$1" and looks every name up in a list,
// which grows quadratically for statements with thousands of parameters
// (bulk inserts); "?1" is a numbered parameter and costs nothing. So for
// SQLite every query is rewritten once and the result cached.
var sqliteQueries sync.Map // query text → rewritten text

// sqliteSQL rewrites $N parameters for SQLite outside string literals and
// quoted identifiers: to plain "?" when they appear exactly in the order
// $1, $2, $3 … (the bulk statements; SQLite keeps no name list for plain
// "?"), else to "?N".
func sqliteSQL(q string) string {
	if v, ok := sqliteQueries.Load(q); ok {
		return v.(string)
	}
	out := rewritePlaceholders(q)
	if len(q) < 4096 { // do not cache the long, one-off bulk statements
		sqliteQueries.Store(q, out)
	}
	return out
}

func rewritePlaceholders(q string) string {
	// First pass: find the parameters and whether they run 1, 2, 3 … once each.
	type param struct{ start, end, n int }
	var params []param
	sequential := true
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '$' && i+1 < len(q) && q[i+1] >= '0' && q[i+1] <= '9':
			j, n := i+1, 0
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				n = n*10 + int(q[j]-'0')
				j++
			}
			params = append(params, param{i, j, n})
			if n != len(params) {
				sequential = false
			}
			i = j - 1
		}
	}
	if len(params) == 0 {
		return q
	}
	out := make([]byte, 0, len(q))
	last := 0
	for _, p := range params {
		out = append(out, q[last:p.start]...)
		if sequential {
			out = append(out, '?')
		} else {
			out = append(out, '?')
			out = append(out, q[p.start+1:p.end]...)
		}
		last = p.end
	}
	return string(append(out, q[last:]...))
}
