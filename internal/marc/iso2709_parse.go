package marc

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// ISO 2709 separators and sizes.
const (
	recordTerminator  = 0x1d // end of record (yaz: RS)
	fieldTerminator   = 0x1e // end of field and of the directory (yaz: FS)
	subfieldDelimiter = 0x1f // starts a subfield (yaz: IDFS)
	maxRecordLength   = 99999
	leaderLength      = 24
)

// parseConfig says how to parse one ISO 2709 record.
type parseConfig struct {
	lenient bool
	// utf8Chars makes an indicator or a subfield code one UTF-8 sequence
	// when the bytes form one (as yaz does for UTF-8 data); otherwise one
	// character is one byte.
	utf8Chars bool
}

// parser collects the problems of one record: in strict mode the first
// structural one is an error, in lenient mode they become warnings.
type parser struct {
	cfg       parseConfig
	warnings  []Warning
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
	p.warnings = append(p.warnings, Warning{Pos: pos, Message: msg})
	return true
}

// note records a harmless problem that yaz-marcdump reports and repairs (a
// leader position that does not matter to the structure). It is a warning in
// both modes.
func (p *parser) note(pos int, msg string) {
	p.warnings = append(p.warnings, Warning{Pos: pos, Message: msg})
}

// silent records a problem of field content that yaz-marcdump repairs
// without a word (a stray byte before the first subfield, an empty
// subfield, ...). It is a warning in both modes, marked Silent.
func (p *parser) silent(pos int, format string, args ...any) {
	p.warnings = append(p.warnings, Warning{Pos: pos, Message: fmt.Sprintf(format, args...), Silent: true})
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

// charLen returns the length of the character at s[i:end]: one byte, or one
// UTF-8 sequence if enabled and valid.
func (p *parser) charLen(s string, i, end int) int {
	if s[i] < utf8.RuneSelf || !p.cfg.utf8Chars {
		return 1
	}
	r, n := utf8.DecodeRuneInString(s[i:end])
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
func escapeBytes(b string) string {
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		if c := b[i]; c >= 0x20 && c < 0x7f {
			sb.WriteByte(c)
		} else {
			fmt.Fprintf(&sb, "\\x%02X", c)
		}
	}
	return sb.String()
}

// digitsStr returns the decimal value of s, or -1 if s holds a non-digit.
func digitsStr(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return -1
		}
		n = n*10 + int(d)
	}
	return n
}

// head is what the leader and the directory of a record say about it.
type head struct {
	lay      layout
	entryLen int  // bytes per directory entry
	end      int  // position of the directory's terminator
	base     int  // base address of data used (0 when the leader's is bad)
	entries  int  // directory entries to read
	clean    bool // see parseHead
}

// entry returns the length and starting position of directory entry k,
// or -1s if they are not all digits.
func (h *head) entry(s string, k int) (length, start int) {
	e := leaderLength + k*h.entryLen + 3
	if h.lay.lenLen == 4 && h.lay.startLen == 5 {
		return entry45(s[e : e+9])
	}
	length = digitsStr(s[e : e+h.lay.lenLen])
	start = digitsStr(s[e+h.lay.lenLen : e+h.lay.lenLen+h.lay.startLen])
	if length < 0 || start < 0 {
		return -1, -1
	}
	return length, start
}

// entry45 reads the field length (four digits) and starting position (five
// digits) of a directory entry, or -1s if they are not all digits.
func entry45(b string) (length, start int) {
	_ = b[8]
	d0, d1, d2, d3 := b[0]-'0', b[1]-'0', b[2]-'0', b[3]-'0'
	d4, d5, d6, d7, d8 := b[4]-'0', b[5]-'0', b[6]-'0', b[7]-'0', b[8]-'0'
	if d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || d4 > 9 || d5 > 9 || d6 > 9 || d7 > 9 || d8 > 9 {
		return -1, -1
	}
	length = int(d0)*1000 + int(d1)*100 + int(d2)*10 + int(d3)
	start = int(d4)*10000 + int(d5)*1000 + int(d6)*100 + int(d7)*10 + int(d8)
	return length, start
}

// parseHead reads the leader and the directory of the record s (whole,
// normally ending in 0x1D) into leader, as yaz-marcdump does: the leader is
// checked and repaired, the directory read up to its terminator or its first
// bad entry. The head is clean when nothing but harmless leader positions
// needed a repair and the fields lie one after the other in directory order,
// each ending with the only field terminator it holds, up to the record
// terminator: the fields of a clean record cannot hold a structural problem,
// so they can be parsed later (parseBody) without changing what Next reports.
func (p *parser) parseHead(s string, leader *Leader) (h head, ok bool) {
	n := len(s)
	if n < leaderLength+1 {
		p.err = newProblem(ErrLength, "record has %d bytes, fewer than a leader and a terminator", n)
		return h, false
	}
	copy(leader[:], s[:leaderLength])
	h.clean = true
	if l := digitsStr(s[:5]); l < 0 {
		h.clean = false
		if !p.strict(ErrLeader, -1, "record length %q in the leader is not a number", s[:5]) {
			return h, false
		}
	} else if l != n {
		h.clean = false
		if !p.strict(ErrLength, -1, "record length %d in the leader differs from the actual length %d", l, n) {
			return h, false
		}
	}
	lay, probs := checkLeader(leader)
	h.lay = lay
	for _, pr := range probs {
		if pr.harmless {
			p.note(-1, pr.msg)
			continue
		}
		h.clean = false
		if !p.warn(ErrLeader, -1, "%s", pr.msg) {
			return h, false
		}
	}
	if s[n-1] != recordTerminator {
		h.clean = false
		if !p.strict(ErrLength, -1, "record does not end with a record terminator (0x1D)") {
			return h, false
		}
	}

	// The directory, up to its terminator.
	h.entryLen = 3 + lay.lenLen + lay.startLen
	end := leaderLength
	next := 0 // where the next field starts if the fields are in order
	for end < n && s[end] != fieldTerminator {
		if end+h.entryLen >= n {
			p.err = newProblem(ErrDirectory, "Directory offset %d: end of record. Missing FS char", end)
			return h, false
		}
		length, start := h.entry(s, h.entries)
		if length < 0 {
			h.clean = false
			if !p.warn(ErrDirectory, 0, "Directory offset %d: Bad value for data length and/or length starting (%s)", end, escapeBytes(s[end:end+h.entryLen])) {
				return h, false
			}
			break
		}
		if start != next || length <= 0 || lay.base < 0 || lay.base+next+length > n ||
			s[lay.base+next+length-1] != fieldTerminator {
			h.clean = false
		}
		next = start + length
		h.entries++
		end += h.entryLen
	}
	if end >= n {
		p.err = newProblem(ErrDirectory, "Directory offset %d: end of record. Missing FS char", end)
		return h, false
	}
	h.end = end
	h.base = max(lay.base, 0)
	if h.base != end+1 {
		h.clean = false
		if !p.warn(ErrDirectory, 0, "Base address not at end of directory, base %d, end %d", h.base, end+1) {
			return h, false
		}
	}
	if h.clean {
		// The fields fill the data area exactly and each ends with a
		// field terminator; there must be no other terminator.
		area := s[end:]
		h.clean = h.base+next == n-1 &&
			strings.Count(area, "\x1e") == h.entries+1 &&
			strings.IndexByte(area[:len(area)-1], recordTerminator) < 0
	}
	return h, true
}

// arena hands out the field and subfield slices of many records from a few
// large allocations, which spares the garbage collector much work. Each
// slice is capped, so appending to it never touches a neighbour. Arenas are
// shared through a pool, so records can be parsed on any goroutine.
type arena struct {
	f      []Field
	s      []Subfield
	delims []int32 // scratch: positions of subfield delimiters
}

const (
	arenaFields    = 1024
	arenaSubfields = 2048
)

var arenaPool = sync.Pool{New: func() any { return new(arena) }}

func (a *arena) fields(n int) []Field {
	if cap(a.f)-len(a.f) < n {
		a.f = make([]Field, 0, max(n, arenaFields))
	}
	l := len(a.f)
	a.f = a.f[:l+n]
	return a.f[l : l : l+n]
}

func (a *arena) subfields(n int) []Subfield {
	if cap(a.s)-len(a.s) < n {
		a.s = make([]Subfield, 0, max(n, arenaSubfields))
	}
	l := len(a.s)
	a.s = a.s[:l+n]
	return a.s[l : l : l+n]
}

// parseBody reads the fields of the record s whose head is h, as yaz-marcdump
// does: field after field in directory order, each split at its separators.
// It stops at the first structural problem in strict mode.
func (p *parser) parseBody(s string, h *head) []Field {
	a := arenaPool.Get().(*arena)
	defer arenaPool.Put(a)
	n := len(s)
	fields := a.fields(h.entries)
	delims := findDelimiters(a.delims[:0], s)
	a.delims = delims
	var subs []Subfield
	if len(delims) > 0 {
		subs = a.subfields(len(delims))
	}
	dc := 0 // next entry of delims
	lay := &h.lay
	codeChars := max(lay.codeLen-1, 1)
	for k := 0; k < h.entries; k++ {
		entry := leaderLength + k*h.entryLen
		tag := s[entry : entry+3]
		dataLen, start := h.entry(s, k)
		i := start + h.base
		last := i + dataLen - 1 // where the field terminator should be
		pos := len(fields)
		if dataLen <= 0 {
			if !p.strict(ErrDirectory, pos, "Directory offset %d: field %s has length 0", entry, tag) {
				return fields
			}
			break
		}
		if last >= n {
			if !p.warn(ErrDirectory, pos, "Directory offset %d: Data out of bounds %d >= %d", entry, last, n) {
				return fields
			}
			break
		}
		fend := last
		if !h.clean {
			fend = -1 // found below, once the start of the content is known
		}
		data := false
		skip := 0
		if tag[0] != '0' || tag[1] != '0' {
			data = true
		} else if lay.indicators > 0 && lay.indicators < 4 {
			// DanMARC 00X fields have subfields: a delimiter after the
			// indicators (or one byte later) makes a data field. Unlike
			// yaz, only bytes of the field itself are looked at.
			if i+lay.indicators < last && s[i+lay.indicators] == subfieldDelimiter {
				data = true
			} else if i+lay.indicators+1 < last && s[i+lay.indicators+1] == subfieldDelimiter {
				data, skip = true, 1
			}
		}
		fields = fields[:pos+1]
		f := &fields[pos]
		f.Tag = tag
		if !data {
			if fend < 0 {
				fend = stopAt(s, i, last)
			}
			f.Control, f.Value = true, s[i:fend]
			i = fend
		} else {
			i += skip
			ind, ki := i, 0
			for ; ki < lay.indicators && ind < last; ki++ {
				if s[ind] < utf8.RuneSelf {
					ind++
				} else {
					ind += p.charLen(s, ind, last)
				}
			}
			f.Indicators = s[i:ind]
			if ki != lay.indicators || hasSeparator(s[i:ind]) {
				p.silent(pos, "field %s (directory offset %d): bad indicators %q", tag, entry, f.Indicators)
			}
			i = ind
			if fend < 0 {
				fend = stopAt(s, i, last)
			}
			if i < fend && s[i] != subfieldDelimiter {
				p.silent(pos, "field %s (directory offset %d): byte %q before the first subfield delimiter taken as one", tag, entry, s[i])
			}
			first := len(subs)
			// delims lists the delimiters of the record; find the first at
			// or after i (fields usually come in order).
			if dc > 0 && delims[dc-1] >= int32(i) {
				dc = sort.Search(len(delims), func(k int) bool { return delims[k] >= int32(i) })
			}
			for dc < len(delims) && delims[dc] < int32(i) {
				dc++
			}
			for i < fend {
				codeStart := i + 1
				i = fend
				for ; dc < len(delims) && int(delims[dc]) < fend; dc++ {
					q := int(delims[dc])
					if q < codeStart {
						continue
					}
					// A delimiter followed by a space or a control
					// character is data (as in newer yaz): it cannot
					// start a subfield code.
					if q+1 >= last {
						i = q
						break
					}
					if nc := s[q+1]; nc > 0x20 && nc != 0x7f || nc == subfieldDelimiter || nc == fieldTerminator || nc == recordTerminator {
						i = q
						break
					}
					p.silent(pos, "field %s (directory offset %d): subfield delimiter followed by %q kept as data", tag, entry, s[q+1])
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
				if c := s[codeStart]; c >= utf8.RuneSelf || codeChars > 1 {
					ce = codeStart
					for kc := 0; kc < codeChars && ce < i; kc++ {
						ce += p.charLen(s, ce, i)
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
				return fields
			}
		}
		if c := at(s, i); c != recordTerminator && c != fieldTerminator {
			if !p.warn(ErrField, pos+1, "No separator at end of field length=%d", dataLen) {
				return fields
			}
		} else if c == recordTerminator && !p.strict(ErrField, pos+1, "field %s (directory offset %d) ends with a record terminator", tag, entry) {
			return fields
		}
	}
	if !h.clean && h.base == h.end+1 && !p.inOrder(s, h) {
		// Not a problem, but such a record cannot be written back byte
		// for byte: the writer stores fields in directory order.
		p.silent(0, "fields are not stored one after the other in directory order")
	}
	return fields
}

// inOrder reports whether the fields of s lie one after the other in
// directory order up to the record terminator.
func (p *parser) inOrder(s string, h *head) bool {
	next := 0
	for k := 0; k < h.entries; k++ {
		length, start := h.entry(s, k)
		if start != next || length <= 0 {
			return false
		}
		next += length
	}
	return h.base+next == len(s)-1
}

// parseISO2709 parses one complete record (normally ending in 0x1D) without
// character conversion. Values are substrings of s.
func parseISO2709(s string, cfg parseConfig) (rec *Record, multiByte bool, err *problem) {
	p := parser{cfg: cfg}
	rec = &Record{}
	h, ok := p.parseHead(s, &rec.Leader)
	if !ok {
		return nil, false, p.err
	}
	rec.fields = p.parseBody(s, &h)
	if p.err != nil {
		return nil, false, p.err
	}
	rec.warnings = p.warnings
	return rec, p.multiByte, nil
}

// findDelimiters appends to dst the positions of all subfield delimiters
// (0x1F) in s, in order. It tests sixteen bytes at a time: a byte of x (or y)
// is zero exactly where s holds a delimiter, and m (n) gets the high bit of
// each such byte.
func findDelimiters(dst []int32, s string) []int32 {
	const ones, lows = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f
	i := 0
	for ; i+16 <= len(s); i += 16 {
		x := load64(s, i) ^ (subfieldDelimiter * ones)
		y := load64(s, i+8) ^ (subfieldDelimiter * ones)
		m := ^((x&lows + lows) | x | lows)
		n := ^((y&lows + lows) | y | lows)
		if m|n == 0 {
			continue
		}
		for ; m != 0; m &= m - 1 {
			dst = append(dst, int32(i+bits.TrailingZeros64(m)>>3))
		}
		for ; n != 0; n &= n - 1 {
			dst = append(dst, int32(i+8+bits.TrailingZeros64(n)>>3))
		}
	}
	for ; i < len(s); i++ {
		if s[i] == subfieldDelimiter {
			dst = append(dst, int32(i))
		}
	}
	return dst
}

// load64 returns the eight bytes of s at i as a little-endian number.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hasSeparator reports whether s holds an ISO 2709 separator.
func hasSeparator(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-recordTerminator <= subfieldDelimiter-recordTerminator {
			return true
		}
	}
	return false
}

// stopAt returns the position of the first field or record terminator in
// s[i:last], or last if there is none.
func stopAt(s string, i, last int) int {
	if i >= last {
		return i
	}
	seg := s[i:last]
	e := len(seg)
	if k := strings.IndexByte(seg, fieldTerminator); k >= 0 {
		e = k
	}
	if k := strings.IndexByte(seg[:e], recordTerminator); k >= 0 {
		e = k
	}
	return i + e
}

// at returns s[i], or 0 when i is outside s.
func at(s string, i int) byte {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}
