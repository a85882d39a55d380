package search

import (
	"database/sql"
	"math/bits"

	"lantai.dev/lantai/internal/db"
)

// idSet is a sorted set of record ids asked about in ascending order (the
// order of the pass): has advances a cursor, so a pass over n hits costs
// O(n + len(ids)). A nil set has nothing.
type idSet struct {
	ids []int64
	at  int
}

func (s *idSet) has(id int64) bool {
	if s == nil {
		return false
	}
	for s.at < len(s.ids) && s.ids[s.at] < id {
		s.at++
	}
	return s.at < len(s.ids) && s.ids[s.at] == id
}

func trailingZeros(m uint64) int { return bits.TrailingZeros64(m) }

// When nearly every chunk between the first and the last needed one is
// needed (at least denseNeeded in denseOf), the pass reads that stretch of
// the chunk table in one ordered scan; otherwise it looks the chunks up by
// number. Measured on SQLite with a million records, a lookup costs about
// as much as a row of the scan, so only a nearly full stretch is scanned.
const (
	denseNeeded = 4
	denseOf     = 5
)

// eachSlot calls fn with the slot of every present record among ids
// (ascending), or of every record when all is set, in id order. The slot
// is valid only during the call.
func eachSlot(tx *db.Tx, ids []int64, all bool, fn func(id int64, slot []byte)) error {
	if !all && len(ids) == 0 {
		return nil
	}
	if all {
		return scanChunks(tx, `SELECT chunk, data FROM search_attrs ORDER BY chunk`, nil, func(ch int64, data []byte) {
			for i := 0; i < chunkLen; i++ {
				b := data[i*slotSize : (i+1)*slotSize]
				if b[offFlags]&1 != 0 {
					fn(ch<<chunkBits|int64(i), b)
				}
			}
		})
	}
	distinct := 1
	for i := 1; i < len(ids); i++ {
		if chunkOf(ids[i]) != chunkOf(ids[i-1]) {
			distinct++
		}
	}
	at := 0
	visit := func(ch int64, data []byte) {
		for at < len(ids) && chunkOf(ids[at]) < ch {
			at++
		}
		for ; at < len(ids) && chunkOf(ids[at]) == ch; at++ {
			b := data[slotOf(ids[at]):][:slotSize]
			if b[offFlags]&1 != 0 {
				fn(ids[at], b)
			}
		}
	}
	if span := chunkOf(ids[len(ids)-1]) - chunkOf(ids[0]) + 1; int64(distinct)*denseOf >= span*denseNeeded {
		return scanChunks(tx, `SELECT chunk, data FROM search_attrs WHERE chunk >= $1 AND chunk <= $2 ORDER BY chunk`,
			[]any{chunkOf(ids[0]), chunkOf(ids[len(ids)-1])}, visit)
	}
	var chunks []int64
	for i, id := range ids {
		if i == 0 || chunkOf(id) != chunkOf(ids[i-1]) {
			chunks = append(chunks, chunkOf(id))
		}
	}
	for start := 0; start < len(chunks); start += 128 {
		part := chunks[start:min(start+128, len(chunks))]
		var args []any
		err := scanChunks(tx, `SELECT chunk, data FROM search_attrs WHERE `+inList("chunk", &args, part)+` ORDER BY chunk`, args, visit)
		if err != nil {
			return err
		}
	}
	return nil
}

// scanChunks streams chunk rows to fn without copying their data.
func scanChunks(tx *db.Tx, query string, args []any, fn func(ch int64, data []byte)) error {
	return tx.Each(query, func(r *sql.Rows) error {
		var ch int64
		var data sql.RawBytes
		if err := r.Scan(&ch, &data); err != nil {
			return err
		}
		if len(data) < chunkSize {
			full := make([]byte, chunkSize)
			copy(full, data)
			data = full
		}
		fn(ch, data)
		return nil
	}, args...)
}

// topK keeps the k largest keys pushed (a min-heap).
type topK struct {
	k    int
	heap []uint64
}

func (t *topK) push(v uint64) {
	h := t.heap
	if len(h) < t.k {
		h = append(h, v)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if h[p] <= h[i] {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		t.heap = h
		return
	}
	if len(h) == 0 || v <= h[0] {
		return
	}
	h[0] = v
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && h[l] < h[m] {
			m = l
		}
		if r < len(h) && h[r] < h[m] {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// sorted returns the kept keys, largest first.
func (t *topK) sorted() []uint64 {
	out := append([]uint64(nil), t.heap...)
	slicesSortDesc(out)
	return out
}
