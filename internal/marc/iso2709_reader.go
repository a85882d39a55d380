package marc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// RecordReader is implemented by the readers of every MARC serialisation.
type RecordReader interface {
	// Next returns the next record. At the end of the input it returns
	// io.EOF. A *ParseError concerns one record only: calling Next again
	// goes on with the next record. Other errors are final.
	Next() (*Record, error)
}

// Reader reads ISO 2709 records (MARC 21, UNIMARC, CNMARC) from a stream of
// any size, one record at a time, converting their data to UTF-8.
//
// Next checks the leader and the directory of each record and that its
// fields end where the directory says; it splits the fields into subfields
// and converts their text when the record's fields are first used (see
// Record). Records whose structure needs more than a look at the directory
// (a repair in lenient mode, fields out of directory order) are parsed at
// once.
//
// To keep allocation low, records read by one Reader share memory with
// their neighbours (the text of a block of input, arrays of fields and
// subfields): a record kept for long keeps that memory alive. Record.Clone
// makes a record that holds only its own data.
//
// Configure it through its exported fields before the first call to Next.
type Reader struct {
	// Charset is the encoding of the input; CharsetAuto (the default)
	// detects it for each record (see DetectCharset).
	Charset Charset
	// Format is the format of the input, used to detect the charset and to
	// decide whether leader/09 is set; FormatUnknown (the default) detects
	// it for each record (see DetectFormat).
	Format Format
	// Lenient makes the reader repair what yaz-marcdump repairs (leader
	// values, bad directory entries, stray separators) and record each
	// repair in Record.Warnings() instead of failing the record. By default
	// any structural problem fails the record with a *ParseError.
	Lenient bool

	src     io.Reader
	buf     []byte
	start   int   // first unread byte in buf
	end     int   // end of valid data in buf
	offset  int64 // input offset of buf[0]
	eof     bool
	err     error // final read error
	records int
	// chunk is a string copy of buf[chunkAt:chunkAt+len(chunk)]; records
	// take their strings from it, so that many records share one copy.
	chunk   string
	chunkAt int
}

// The read buffer starts small, for inputs of one record, and grows to
// maxReadBuffer for long inputs (and beyond for records that need it).
const (
	minReadBuffer = 4 << 10
	maxReadBuffer = 64 << 10
)

// NewReader returns a Reader that reads ISO 2709 records from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{src: r, buf: make([]byte, minReadBuffer)}
}

// Offset returns the input offset of the next unread byte.
func (r *Reader) Offset() int64 { return r.offset + int64(r.start) }

// fill reads more input so that at least need bytes are available after
// r.start, unless the input ends first. It reports whether they are.
func (r *Reader) fill(need int) bool {
	for r.end-r.start < need && !r.eof {
		if r.start > 0 && (r.end == r.start || len(r.buf)-r.start < need) {
			// Move the unread bytes to the front, into a larger buffer
			// once the input has shown itself to be long.
			r.chunk = ""
			dst := r.buf
			if len(r.buf) < maxReadBuffer && r.offset+int64(r.start) >= int64(2*len(r.buf)) {
				dst = make([]byte, 2*len(r.buf))
			}
			copy(dst, r.buf[r.start:r.end])
			r.buf = dst
			r.offset += int64(r.start)
			r.end -= r.start
			r.start = 0
		}
		if need > len(r.buf)-r.start {
			r.chunk = ""
			nb := make([]byte, max(2*len(r.buf), need+r.start))
			copy(nb, r.buf[:r.end])
			r.buf = nb
		}
		if len(r.buf) == r.end {
			r.chunk = ""
			nb := make([]byte, 2*len(r.buf))
			copy(nb, r.buf[:r.end])
			r.buf = nb
		}
		n, err := r.src.Read(r.buf[r.end:])
		r.end += n
		if err == io.EOF {
			r.eof = true
		} else if err != nil {
			r.eof = true
			r.err = fmt.Errorf("marc: reading ISO 2709 input: %w", err)
		} else if n == 0 {
			continue
		}
	}
	return r.end-r.start >= need
}

// isFiller reports bytes found between records in real files (line ends,
// padding, DOS end-of-file) that carry no data and are skipped.
func isFiller(c byte) bool {
	return c == '\n' || c == '\r' || c == 0 || c == 0x1a || c == ' '
}

// frame finds the next record in the input. It returns the record's bytes
// (valid until the next call), its input offset, and a problem when the
// leader's length does not lead to a record terminator (the record then runs
// to the next 0x1D, or to the end of the input).
func (r *Reader) frame() (rec []byte, off int64, prob *problem, err error) {
	for {
		for r.start < r.end && isFiller(r.buf[r.start]) {
			r.start++
		}
		if r.start < r.end {
			break
		}
		if !r.fill(1) {
			if r.err != nil {
				return nil, 0, nil, r.err
			}
			return nil, 0, nil, io.EOF
		}
	}
	off = r.Offset()
	r.fill(5)
	if n := digits(r.buf[r.start:min(r.start+5, r.end)]); n >= leaderLength+1 && r.end-r.start >= 5 {
		if r.fill(n) && r.buf[r.start+n-1] == recordTerminator {
			rec = r.buf[r.start : r.start+n]
			r.start += n
			return rec, off, nil, nil
		}
	}
	// Resynchronise on the next record terminator.
	scanned := 0
	for {
		if i := bytes.IndexByte(r.buf[r.start+scanned:r.end], recordTerminator); i >= 0 {
			n := scanned + i + 1
			rec = r.buf[r.start : r.start+n]
			r.start += n
			return rec, off, lengthProblem(rec), nil
		}
		scanned = r.end - r.start
		if !r.fill(scanned + 1) {
			if r.err != nil {
				return nil, 0, nil, r.err
			}
			rec = r.buf[r.start:r.end]
			r.start = r.end
			return rec, off, newProblem(ErrLength, "input ends inside the record (%d bytes without a record terminator)", len(rec)), nil
		}
	}
}

// lengthProblem explains why the leader's length did not frame rec.
func lengthProblem(rec []byte) *problem {
	l := digits(rec[:min(5, len(rec))])
	if l < 0 || len(rec) < 5 {
		return newProblem(ErrLength, "record length %q in the leader is not a number", rec[:min(5, len(rec))])
	}
	return newProblem(ErrLength, "record length %d in the leader does not match the record terminator after %d bytes", l, len(rec))
}

// Next returns the next record, converted to UTF-8 (unless Charset is
// CharsetRaw). It returns io.EOF at the end of the input and a *ParseError
// for a malformed record, after which it can go on with the next record.
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	raw, off, prob, err := r.frame()
	if err != nil {
		return nil, err
	}
	r.records++
	fail := func(p *problem) (*Record, error) {
		return nil, &ParseError{Record: r.records, Offset: off, Reason: p.reason, Err: p.kind}
	}
	if prob != nil && (!r.Lenient || len(raw) < leaderLength+1) {
		return fail(prob)
	}
	rec, err := r.decodeRecord(raw, r.str(raw))
	if err != nil {
		var p *problem
		if errors.As(err, &p) {
			return fail(p)
		}
		return nil, err
	}
	return rec, nil
}

// str returns raw (the record just framed, which ends at r.start) as a
// string, cut from the reader's current chunk string.
func (r *Reader) str(raw []byte) string {
	from, to := r.start-len(raw), r.start
	if r.chunk == "" || from < r.chunkAt || to > r.chunkAt+len(r.chunk) {
		// Chunks of at most 32 KB are small objects to the allocator.
		r.chunk, r.chunkAt = string(r.buf[from:min(r.end, max(to, from+32<<10))]), from
	}
	return r.chunk[from-r.chunkAt : to-r.chunkAt]
}

// decodeRecord reads the record raw (whose string form is s): it checks the
// leader and the directory, detects the charset and format as needed, and
// either leaves the fields to be parsed on first use (clean records) or
// parses and converts them now.
func (r *Reader) decodeRecord(raw []byte, s string) (*Record, error) {
	p := parser{cfg: parseConfig{lenient: r.Lenient}}
	rec := &Record{}
	h, ok := p.parseHead(s, &rec.Leader)
	if !ok {
		return nil, p.err
	}
	cs, format := r.Charset, r.Format
	switch cs {
	case CharsetRaw:
	case CharsetAuto:
		st := scanBytes(raw[leaderLength:])
		v := &fieldView{s: s, h: &h}
		if format == FormatUnknown {
			format = detectFormat(v, &rec.Leader)
		}
		cs = chooseCharset(st, format, rec.Leader[9], first100a(v))
		// ASCII (without MARC-8 escapes or control bytes) and valid UTF-8
		// are already what the records hold.
		if !(st.high || st.esc || st.ctrl) || cs == CharsetUTF8 && st.utf8 {
			cs = CharsetRaw
		}
	default:
		if format == FormatUnknown {
			format = detectFormat(&fieldView{s: s, h: &h}, &rec.Leader)
		}
		if cs == CharsetUTF8 && utf8.Valid(raw) {
			cs = CharsetRaw
		}
	}
	p.cfg.utf8Chars = !cs.singleByte()
	if r.Charset != CharsetRaw && format != FormatUNIMARC && format != FormatCNMARC {
		rec.Leader[9] = 'a'
	}
	if h.clean {
		rec.lazy = &lazyBody{s: s, h: h, cfg: p.cfg, cs: cs, warnings: p.warnings}
		return rec, nil
	}
	rec.fields = p.parseBody(s, &h)
	if p.err != nil {
		return nil, p.err
	}
	rec.warnings = p.warnings
	if cs != CharsetRaw {
		convertFields(rec.fields, &decoder{cs: cs})
	}
	return rec, nil
}
