package marc

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ISO 2709 separators.
const (
	recordTerminator   = 0x1d // end of record (yaz: RS)
	fieldTerminator    = 0x1e // end of field and of the directory (yaz: FS)
	subfieldDelimiter  = 0x1f // starts a subfield (yaz: IDFS)
	maxRecordLength    = 99999
	leaderLength       = 24
	defaultEntryLength = 12
)

// parseConfig says how to parse one ISO 2709 record.
type parseConfig struct {
	// dir is scratch space for the directory, reused between records.
	dir *[]dirEntry
	// arena provides the slices of fields and subfields (nil: allocate).
	arena *arena
	// str, if not empty, holds the same bytes as the record as a string.
	str     string
	lenient bool
	// utf8Chars makes an indicator or a subfield code one UTF-8 sequence
	// when the bytes form one (as yaz does for UTF-8 data); otherwise one
	// character is one byte.
	utf8Chars bool
}

// parser collects the problems of one record: in strict mode the first one
// is an error, in lenient mode they become the record's warnings.
type parser struct {
	cfg       parseConfig
	rec       *Record
	err       *problem
	multiByte bool // an indicator or code took more than one byte
}

// warn records a structural problem found after pos fields, in the words of
// yaz-marcdump: an error in strict mode (warn returns false and parsing
// stops), a warning in lenient mode.
func (p *parser) warn(kind error, pos int, format string, args ...any) bool {
	msg := fmt.Sprintf(format, args...)
	if !p.cfg.lenient {
		p.err = &problem{kind: kind, reason: msg}
		return false
	}
	p.rec.Warnings = append(p.rec.Warnings, Warning{Pos: pos, Message: msg})
	return true
}

// note records a harmless problem that yaz-marcdump reports and repairs
// (a leader position that does not matter to the structure). It is a
// warning in both modes.
func (p *parser) note(pos int, msg string) {
	p.rec.Warnings = append(p.rec.Warnings, Warning{Pos: pos, Message: msg})
}

// silent records a problem of field content that yaz-marcdump repairs
// without a word (a stray byte before the first subfield, an empty
// subfield, ...). It is a warning in both modes, marked Silent.
func (p *parser) silent(pos int, format string, args ...any) {
	p.rec.Warnings = append(p.rec.Warnings, Warning{Pos: pos, Message: fmt.Sprintf(format, args...), Silent: true})
}

// strict records a structural problem that yaz-marcdump does not report: an
// error in strict mode (strict returns false), a silent warning in lenient
// mode.
func (p *parser) strict(kind error, pos int, format string, args ...any) bool {
	if p.cfg.lenient {
		p.silent(pos, format, args...)
		return true
	}
	p.err = newProblem(kind, format, args...)
	return false
}

// charLen returns the length of the character at b[i:end]: one byte, or one
// UTF-8 sequence if enabled and valid.
func (p *parser) charLen(b []byte, i, end int) int {
	if b[i] < utf8.RuneSelf || !p.cfg.utf8Chars {
		return 1
	}
	r, n := utf8.DecodeRune(b[i:end])
	if r == utf8.RuneError && n <= 1 {
		return 1
	}
	if n > 1 {
		p.multiByte = true
	}
	return n
}

// escapeBytes writes b the way yaz does in its messages: printable ASCII as
// is, other bytes as \xHH.
func escapeBytes(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c >= 0x20 && c < 0x7f {
			sb.WriteByte(c)
		} else {
			fmt.Fprintf(&sb, "\\x%02X", c)
		}
	}
	return sb.String()
}

// dirEntry is one directory entry: the field's length and starting position.
type dirEntry struct{ length, start int }

// arena hands out the field and subfield slices of many records from a few
// large allocations, which spares the garbage collector most of a reader's
// work. Each slice is capped, so appending to it never touches a neighbour.
// A nil arena allocates each slice on its own.
type arena struct {
	f []Field
	s []Subfield
}

const (
	arenaFields    = 1024
	arenaSubfields = 2048
)

func (a *arena) fields(n int) []Field {
	if a == nil {
		return make([]Field, 0, n)
	}
	if cap(a.f)-len(a.f) < n {
		a.f = make([]Field, 0, max(n, arenaFields))
	}
	l := len(a.f)
	a.f = a.f[:l+n]
	return a.f[l:l:l+n]
}

func (a *arena) subfields(n int) []Subfield {
	if a == nil {
		return make([]Subfield, 0, n)
	}
	if cap(a.s)-len(a.s) < n {
		a.s = make([]Subfield, 0, max(n, arenaSubfields))
	}
	l := len(a.s)
	a.s = a.s[:l+n]
	return a.s[l:l:l+n]
}

// parseISO2709 parses one complete record (normally ending in 0x1D) without
// any character conversion. Values are substrings of one copy of buf.
func parseISO2709(buf []byte, cfg parseConfig) (*Record, *parser) {
	if cfg.dir == nil {
		cfg.dir = new([]dirEntry)
	}
	rec := &Record{}
	p := &parser{cfg: cfg, rec: rec}
	n := len(buf)
	if n < leaderLength+1 {
		p.err = newProblem(ErrLength, "record has %d bytes, fewer than a leader and a terminator", n)
		return nil, p
	}
	copy(rec.Leader[:], buf[:leaderLength])
	if l := digits(buf[:5]); l < 0 {
		if !p.strict(ErrLeader, -1, "record length %q in the leader is not a number", buf[:5]) {
			return nil, p
		}
	} else if l != n && !p.strict(ErrLength, -1, "record length %d in the leader differs from the actual length %d", l, n) {
		return nil, p
	}
	lay, probs := checkLeader(&rec.Leader)
	for _, pr := range probs {
		if pr.harmless {
			p.note(-1, pr.msg)
		} else if !p.warn(ErrLeader, -1, "%s", pr.msg) {
			return nil, p
		}
	}
	if buf[n-1] != recordTerminator && !p.strict(ErrLength, -1, "record does not end with a record terminator (0x1D)") {
		return nil, p
	}

	// First pass: read the directory up to its terminator.
	entryLen := 3 + lay.lenLen + lay.startLen
	end := leaderLength
	dir := (*cfg.dir)[:0]
	for end < n && buf[end] != fieldTerminator {
		if end+entryLen >= n {
			p.err = newProblem(ErrDirectory, "Directory offset %d: end of record. Missing FS char", end)
			return nil, p
		}
		length := digits(buf[end+3 : end+3+lay.lenLen])
		start := digits(buf[end+3+lay.lenLen : end+entryLen])
		if length < 0 || start < 0 {
			if !p.warn(ErrDirectory, 0, "Directory offset %d: Bad value for data length and/or length starting (%s)", end, escapeBytes(buf[end:end+entryLen])) {
				return nil, p
			}
			break
		}
		dir = append(dir, dirEntry{length: length, start: start})
		end += entryLen
	}
	*cfg.dir = dir
	entries := len(dir)
	if end >= n {
		p.err = newProblem(ErrDirectory, "Directory offset %d: end of record. Missing FS char", end)
		return nil, p
	}
	base := lay.base
	if base < 0 {
		base = 0
	}
	if base != end+1 {
		if !p.warn(ErrDirectory, 0, "Base address not at end of directory, base %d, end %d", base, end+1) {
			return nil, p
		}
	}

	// Second pass: the fields. One string holds all their bytes.
	s := cfg.str
	if len(s) != n {
		s = string(buf)
	}
	rec.fields = cfg.arena.fields(entries)
	var subs []Subfield
	area := buf[min(end, n):]
	if d := bytes.Count(area, []byte{subfieldDelimiter}); d > 0 {
		subs = cfg.arena.subfields(d)
	}
	// A clean record's fields follow each other without gaps up to the
	// record terminator, each ends with a field terminator, and the data
	// area holds no other terminator: then no field needs to be searched for
	// stray terminators.
	clean := base == end+1
	next := 0
	for _, e := range dir {
		if !clean || e.start != next || e.length <= 0 || base+next+e.length > n || buf[base+next+e.length-1] != fieldTerminator {
			clean = false
			break
		}
		next += e.length
	}
	inOrder := clean && base+next == n-1
	clean = inOrder &&
		bytes.Count(area, []byte{fieldTerminator}) == entries+1 &&
		bytes.IndexByte(area[:len(area)-1], recordTerminator) < 0
	if !inOrder && p.err == nil {
		// Not a problem, but such a record cannot be written back
		// byte for byte: the writer stores fields in directory order.
		p.silent(0, "fields are not stored one after the other in directory order")
	}
	codeChars := max(lay.codeLen-1, 1)
	for k, e := range dir {
		entry := leaderLength + k*entryLen
		tag := s[entry : entry+3]
		dataLen, start := e.length, e.start
		i := start + base
		last := i + dataLen - 1 // where the field terminator should be
		pos := len(rec.fields)
		if dataLen <= 0 {
			if !p.strict(ErrDirectory, pos, "Directory offset %d: field %s has length 0", entry, tag) {
				return nil, p
			}
			break
		}
		if last >= n {
			if !p.warn(ErrDirectory, pos, "Directory offset %d: Data out of bounds %d >= %d", entry, last, n) {
				return nil, p
			}
			break
		}
		fend := last
		if !clean {
			fend = -1 // found below, once the start of the content is known
		}
		data := false
		skip := 0
		if tag[0] != '0' || tag[1] != '0' {
			data = true
		} else if lay.indicators > 0 && lay.indicators < 4 {
			// DanMARC 00X fields have subfields: a delimiter after the
			// indicators (or one byte later) makes a data field.
			if at(buf, i+lay.indicators) == subfieldDelimiter {
				data = true
			} else if at(buf, i+lay.indicators+1) == subfieldDelimiter {
				data, skip = true, 1
			}
		}
		rec.fields = rec.fields[:pos+1]
		f := &rec.fields[pos]
		f.Tag = tag
		if !data {
			if fend < 0 {
				fend = stopAt(buf, i, last)
			}
			f.Control, f.Value = true, s[i:fend]
			i = fend
		} else {
			i += skip
			ind, k := i, 0
			for ; k < lay.indicators && ind < last; k++ {
				ind += p.charLen(buf, ind, last)
			}
			f.Indicators = s[i:ind]
			if k != lay.indicators || hasSeparator(buf[i:ind]) {
				p.silent(pos, "field %s (directory offset %d): bad indicators %q", tag, entry, f.Indicators)
			}
			i = ind
			if fend < 0 {
				fend = stopAt(buf, i, last)
			}
			if i < fend && buf[i] != subfieldDelimiter {
				p.silent(pos, "field %s (directory offset %d): byte %q before the first subfield delimiter taken as one", tag, entry, buf[i])
			}
			first := len(subs)
			for i < fend {
				codeStart := i + 1
				i++
				for i < fend {
					// Subfields are short: look at a few bytes before
					// calling the vectorised search.
					j, stop := i, min(i+24, fend)
					for j < stop && buf[j] != subfieldDelimiter {
						j++
					}
					if j == stop && j < fend {
						k := bytes.IndexByte(buf[j:fend], subfieldDelimiter)
						if k < 0 {
							j = fend
						} else {
							j += k
						}
					}
					i = j
					if i >= fend {
						break
					}
					if i+1 >= last {
						break
					}
					// A delimiter followed by a space or a control
					// character is data (as in newer yaz): it cannot
					// start a subfield code.
					if nc := buf[i+1]; nc > 0x20 && nc != 0x7f || nc == subfieldDelimiter || nc == fieldTerminator || nc == recordTerminator {
						break
					}
					p.silent(pos, "field %s (directory offset %d): subfield delimiter followed by %q kept as data", tag, entry, buf[i+1])
					i++
				}
				if i <= codeStart {
					if codeStart < last {
						p.silent(pos, "field %s (directory offset %d): empty subfield dropped", tag, entry)
					} else {
						p.silent(pos, "field %s (directory offset %d): subfield delimiter at the end of the field dropped", tag, entry)
					}
					continue
				}
				ce := codeStart + 1
				if c := buf[codeStart]; c >= utf8.RuneSelf || codeChars > 1 {
					ce = codeStart
					for k := 0; k < codeChars && ce < i; k++ {
						ce += p.charLen(buf, ce, i)
					}
				} else if c <= 0x20 || c == 0x7f {
					p.silent(pos, "field %s (directory offset %d): bad subfield code %q", tag, entry, c)
				}
				subs = append(subs, Subfield{Code: s[codeStart:ce], Value: s[ce:i]})
			}
			if len(subs) > first {
				f.Subfields = subs[first:len(subs):len(subs)]
			}
		}
		if i < last {
			if !p.warn(ErrField, pos+1, "Separator but not at end of field length=%d", dataLen) {
				return nil, p
			}
		}
		if c := at(buf, i); c != recordTerminator && c != fieldTerminator {
			if !p.warn(ErrField, pos+1, "No separator at end of field length=%d", dataLen) {
				return nil, p
			}
		} else if c == recordTerminator && !p.strict(ErrField, pos+1, "field %s (directory offset %d) ends with a record terminator", tag, entry) {
			return nil, p
		}
	}
	return rec, p
}

// hasSeparator reports whether b holds an ISO 2709 separator.
func hasSeparator(b []byte) bool {
	for _, c := range b {
		if c == recordTerminator || c == fieldTerminator || c == subfieldDelimiter {
			return true
		}
	}
	return false
}

// stopAt returns the position of the first field or record terminator in
// b[i:last], or last if there is none.
func stopAt(b []byte, i, last int) int {
	if i >= last {
		return i
	}
	seg := b[i:last]
	e := len(seg)
	if k := bytes.IndexByte(seg, fieldTerminator); k >= 0 {
		e = k
	}
	if k := bytes.IndexByte(seg[:e], recordTerminator); k >= 0 {
		e = k
	}
	return i + e
}

// at returns b[i], or 0 when i is outside b.
func at(b []byte, i int) byte {
	if i < 0 || i >= len(b) {
		return 0
	}
	return b[i]
}
