package search

import (
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/db"
)

// Attributes of records for facets, filters and ranking are kept packed in
// the table search_attrs: one row (a chunk) per 128 consecutive record
// ids, one fixed-size slot per record. A search over most of a million
// records reads about 8,000 rows instead of a million; a search with a few
// hundred hits reads a few hundred. The slots of a record are rewritten
// just before the transaction that changed the record or its items
// commits (Touch), so they are never behind the catalogue.
const (
	chunkBits = 7
	chunkLen  = 1 << chunkBits // slots per chunk
	slotSize  = 28
	chunkSize = chunkLen * slotSize

	// MaxFacetBranches is how many branches the branch facet and filter
	// read from the slots (bits of a 64-bit mask); a branch beyond them is
	// filtered by a query of its items instead, and is not counted.
	MaxFacetBranches = 64
)

// Slot layout (little-endian):
//
//	0      flags (1 = a record is there)
//	1–2    publication year (0 = unknown)
//	3      CLC main class letter, 0 = none
//	4–5    material type number (search_codes kind 'material')
//	6–7    language number (kind 'language')
//	8–15   branches that hold an item of the record (bit = branch number)
//	16–23  branches where an item is available now
//	24–27  how often the record's items were lent
const (
	offFlags     = 0
	offYear      = 1
	offClass     = 3
	offMaterial  = 4
	offLanguage  = 6
	offBranches  = 8
	offAvailable = 16
	offLoans     = 24
)

// attr is one record's slot, unpacked.
type attr struct {
	present   bool
	year      uint16
	class     byte
	material  uint16
	language  uint16
	branches  uint64
	available uint64
	loans     uint32
}

func (a attr) put(b []byte) {
	clear(b[:slotSize])
	if !a.present {
		return
	}
	b[offFlags] = 1
	binary.LittleEndian.PutUint16(b[offYear:], a.year)
	b[offClass] = a.class
	binary.LittleEndian.PutUint16(b[offMaterial:], a.material)
	binary.LittleEndian.PutUint16(b[offLanguage:], a.language)
	binary.LittleEndian.PutUint64(b[offBranches:], a.branches)
	binary.LittleEndian.PutUint64(b[offAvailable:], a.available)
	binary.LittleEndian.PutUint32(b[offLoans:], a.loans)
}

func slotAttr(b []byte) attr {
	return attr{
		present:   b[offFlags]&1 != 0,
		year:      binary.LittleEndian.Uint16(b[offYear:]),
		class:     b[offClass],
		material:  binary.LittleEndian.Uint16(b[offMaterial:]),
		language:  binary.LittleEndian.Uint16(b[offLanguage:]),
		branches:  binary.LittleEndian.Uint64(b[offBranches:]),
		available: binary.LittleEndian.Uint64(b[offAvailable:]),
		loans:     binary.LittleEndian.Uint32(b[offLoans:]),
	}
}

func chunkOf(id int64) int64 { return id >> chunkBits }

func slotOf(id int64) int { return int(id&(chunkLen-1)) * slotSize }

// codes maps the codes slots hold to their numbers and back, per kind.
type codes struct {
	num  map[string]map[string]uint16 // kind → code → n
	name map[string][]string          // kind → n → code
}

const (
	kindMaterial = "material"
	kindLanguage = "language"
	kindBranch   = "branch"
)

func loadCodes(tx *db.Tx) (*codes, error) {
	c := &codes{num: map[string]map[string]uint16{}, name: map[string][]string{}}
	rows, err := tx.Query(`SELECT kind, code, n FROM search_codes`)
	if err != nil {
		return nil, fmt.Errorf("search codes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, code string
		var n int
		if err := rows.Scan(&kind, &code, &n); err != nil {
			return nil, err
		}
		c.add(kind, code, uint16(n))
	}
	return c, rows.Err()
}

func (c *codes) add(kind, code string, n uint16) {
	if c.num[kind] == nil {
		c.num[kind] = map[string]uint16{}
	}
	c.num[kind][code] = n
	names := c.name[kind]
	for len(names) <= int(n) {
		names = append(names, "")
	}
	names[n] = code
	c.name[kind] = names
}

// lookup returns the number of code, if it has one.
func (c *codes) lookup(kind, code string) (uint16, bool) {
	n, ok := c.num[kind][code]
	return n, ok
}

// codeName returns the code numbered n.
func (c *codes) codeName(kind string, n uint16) string {
	if names := c.name[kind]; int(n) < len(names) {
		return names[n]
	}
	return ""
}

// intern returns the number of code, giving it the next free number when it
// has none. Numbers start at 1 for materials and languages (0 = none) and
// at 0 for branches (bit numbers). Two transactions numbering a new code at
// once: the loser's insert does nothing and it reads the winner's number,
// or takes the next one.
func (c *codes) intern(tx *db.Tx, kind, code string) (uint16, error) {
	if code == "" && kind != kindBranch {
		return 0, nil
	}
	if n, ok := c.lookup(kind, code); ok {
		return n, nil
	}
	for attempt := 0; attempt < 8; attempt++ {
		var next int
		if err := tx.QueryRow(`SELECT COALESCE(MAX(n) + 1, $2) FROM search_codes WHERE kind = $1`, kind, firstNumber(kind)).Scan(&next); err != nil {
			return 0, fmt.Errorf("number %s %q: %w", kind, code, err)
		}
		if next > 0xFFFF {
			return 0, fmt.Errorf("number %s %q: more than 65535 codes", kind, code)
		}
		if _, err := tx.Exec(`INSERT INTO search_codes (kind, code, n) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, kind, code, next); err != nil {
			return 0, fmt.Errorf("number %s %q: %w", kind, code, err)
		}
		var n int
		err := tx.QueryRow(`SELECT n FROM search_codes WHERE kind = $1 AND code = $2`, kind, code).Scan(&n)
		if err == nil {
			c.add(kind, code, uint16(n))
			return uint16(n), nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("number %s %q: %w", kind, code, err)
		}
	}
	return 0, fmt.Errorf("number %s %q: no free number", kind, code)
}

func firstNumber(kind string) int {
	if kind == kindBranch {
		return 0
	}
	return 1
}

// mainClass is the slot's class byte for a main class letter.
func mainClass(s string) byte {
	if len(s) == 1 && s[0] >= 'A' && s[0] <= 'Z' {
		return s[0]
	}
	return 0
}

// inList is "col IN ($n, …)" for the values, appended to args.
func inList[T any](col string, args *[]any, vals []T) string {
	var sb strings.Builder
	sb.WriteString(col)
	sb.WriteString(" IN (")
	for i, v := range vals {
		if i > 0 {
			sb.WriteString(", ")
		}
		*args = append(*args, v)
		sb.WriteString("$" + strconv.Itoa(len(*args)))
	}
	sb.WriteString(")")
	return sb.String()
}
