package clc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Header is the first line of a table file.
const Header = "code\tcaption\tlevel\tparent"

// Status tells how a class of the table may be used.
type Status int

const (
	// Active is a class in use; its code is a plain class number.
	Active Status = iota
	// Alternative is a 交替类目, listed as "[code]": an alternative place
	// that a library uses only if it chooses to.
	Alternative
	// Discontinued is a 停用类目, listed as "{code}": no longer used.
	Discontinued
)

// String returns "active", "alternative" or "discontinued".
func (s Status) String() string {
	switch s {
	case Active:
		return "active"
	case Alternative:
		return "alternative"
	case Discontinued:
		return "discontinued"
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// Class is one row of the table.
type Class struct {
	Code    string // as in the file, with "[]" or "{}" if any: "TP311.13", "[D664]", "S727/728"
	Caption string
	Level   int    // 1 for a main class
	Parent  string // code of the parent row; "" for level 1
	Line    int    // line number in the file (the header is line 1)
	Status  Status // from the brackets around Code
	// Range is true for a span of classes, "S727/728", "C829.3/.7",
	// "T-013/-017": a heading above the classes it spans.
	Range bool
	// Replaces is the line of an earlier row with the same code that this
	// row moves to another parent (see Reader); 0 if none.
	Replaces int
}

// Bare returns Code without the "[]" or "{}" that mark its Status.
func (c Class) Bare() string { return bare(c.Code) }

func bare(code string) string {
	if len(code) >= 2 && (code[0] == '[' && code[len(code)-1] == ']' || code[0] == '{' && code[len(code)-1] == '}') {
		return code[1 : len(code)-1]
	}
	return code
}

// The kinds of row error. A *LineError wraps one of them (and, for
// ErrSyntax, the *SyntaxError).
var (
	ErrHeader    = errors.New("bad header")             // first line is not Header, or no input
	ErrFields    = errors.New("wrong number of fields") // not four tab-separated fields
	ErrCaption   = errors.New("empty caption")          // caption empty or blank
	ErrLevel     = errors.New("bad level")              // not a positive integer, or not parent's + 1
	ErrParent    = errors.New("bad parent")             // missing, unexpected or not defined earlier
	ErrDuplicate = errors.New("duplicate code")         // code defined before with another caption or level
)

// LineError is a problem in one line of a table file.
type LineError struct {
	Line int    // 1-based line number
	Code string // the code of the row, if it got that far
	Err  error
}

// Error names the line, the code and the problem.
func (e *LineError) Error() string {
	if e.Code != "" {
		return fmt.Sprintf("clc table: line %d: code %q: %v", e.Line, e.Code, e.Err)
	}
	return fmt.Sprintf("clc table: line %d: %v", e.Line, e.Err)
}

// Unwrap returns the problem.
func (e *LineError) Unwrap() error { return e.Err }

// Note records a row the Reader accepted although it is odd.
type Note struct {
	Line int
	Code string
	Msg  string
}

// String formats the note like an error message.
func (n Note) String() string {
	return fmt.Sprintf("line %d: code %q: %s", n.Line, n.Code, n.Msg)
}

// Reader reads a table file row by row, checking each row:
//
//   - the file starts with Header (a UTF-8 byte-order mark is allowed);
//     lines end in "\n" or "\r\n"; blank lines are skipped;
//   - a row has four tab-separated fields and a non-empty caption;
//   - the code is a class number (see ValidClassSyntax), possibly in "[]"
//     (Alternative) or "{}" (Discontinued), or a span "A/B" whose end B is a
//     class number or the tail that replaces the end of A (".7", "-017",
//     "39", "294.9");
//   - the level is a positive integer without sign or leading zero;
//   - a level-1 row has no parent; any other row names a parent defined on
//     an earlier line whose level is one less.
//
// A code may appear once, with two exceptions found in the real CLC file
// (/work/shared/testdata/clc/clc_flat.tsv), which are accepted and recorded
// as Notes rather than failing:
//
//   - a row identical to an earlier one (42 rows: the S727.x block under
//     "S727/728" is listed twice, and Q969.48+4.5 and Q969.556.5 repeat) is
//     skipped;
//   - a row with the caption and level of an earlier row of the same code but
//     another parent (8 rows: Q914.87 and Q914.88 move from Q914.81 to
//     Q914.86, and S727.1–.9 from the span S727/728 to S727) is returned with
//     Replaces set to the earlier line: the later row wins, and a consumer
//     must replace the earlier class (ReadAll does).
//
// A duplicate code with another caption or level is an error. After a row
// error Next may be called again to go on with the following line; errors
// of the header or of reading are final.
type Reader struct {
	sc    *bufio.Scanner
	line  int
	err   error // final error, or io.EOF
	seen  map[string]entry
	notes []Note
}

type entry struct {
	line    int
	caption string
	level   int
	parent  string
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	return &Reader{sc: sc, seen: make(map[string]entry)}
}

// Next returns the next accepted row. At the end of the input it returns
// io.EOF; a bad row gives a *LineError.
func (r *Reader) Next() (Class, error) {
	if r.err != nil {
		return Class{}, r.err
	}
	for r.sc.Scan() {
		r.line++
		text := strings.TrimSuffix(r.sc.Text(), "\r")
		if r.line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
			if text != Header {
				r.err = &LineError{Line: 1, Err: fmt.Errorf("%w: got %q, want %q", ErrHeader, text, Header)}
				return Class{}, r.err
			}
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		c, ok, err := r.row(text)
		if err != nil {
			return Class{}, err
		}
		if ok {
			return c, nil
		}
	}
	if err := r.sc.Err(); err != nil {
		r.err = fmt.Errorf("clc table: reading after line %d: %w", r.line, err)
		return Class{}, r.err
	}
	if r.line == 0 {
		r.err = &LineError{Line: 1, Err: fmt.Errorf("%w: empty input", ErrHeader)}
		return Class{}, r.err
	}
	r.err = io.EOF
	return Class{}, r.err
}

// Notes returns the odd rows accepted so far.
func (r *Reader) Notes() []Note { return r.notes }

// row checks one data line. ok is false for a skipped repeat.
func (r *Reader) row(text string) (c Class, ok bool, err error) {
	fields := strings.Split(text, "\t")
	if len(fields) != 4 {
		return c, false, &LineError{Line: r.line, Err: fmt.Errorf("%w: got %d, want 4 separated by tabs", ErrFields, len(fields))}
	}
	c = Class{Code: fields[0], Caption: strings.TrimSpace(fields[1]), Parent: fields[3], Line: r.line}
	fail := func(err error) (Class, bool, error) {
		return Class{}, false, &LineError{Line: r.line, Code: c.Code, Err: err}
	}
	if c.Status, c.Range, err = tableCode(c.Code); err != nil {
		return fail(err)
	}
	if c.Caption == "" {
		return fail(ErrCaption)
	}
	if c.Level, err = level(fields[2]); err != nil {
		return fail(err)
	}
	switch {
	case c.Level == 1 && c.Parent != "":
		return fail(fmt.Errorf("%w: a level-1 class has no parent, got %q", ErrParent, c.Parent))
	case c.Level > 1 && c.Parent == "":
		return fail(fmt.Errorf("%w: missing for a level-%d class", ErrParent, c.Level))
	case c.Level > 1:
		p, found := r.seen[c.Parent]
		if !found {
			return fail(fmt.Errorf("%w: %q is not defined on an earlier line", ErrParent, c.Parent))
		}
		if p.level != c.Level-1 {
			return fail(fmt.Errorf("%w: level %d under parent %q of level %d (line %d)", ErrLevel, c.Level, c.Parent, p.level, p.line))
		}
	}
	if prev, dup := r.seen[c.Code]; dup {
		switch {
		case prev.caption == c.Caption && prev.level == c.Level && prev.parent == c.Parent:
			r.notes = append(r.notes, Note{Line: r.line, Code: c.Code, Msg: fmt.Sprintf("repeats line %d; skipped", prev.line)})
			return Class{}, false, nil
		case prev.caption == c.Caption && prev.level == c.Level:
			r.notes = append(r.notes, Note{Line: r.line, Code: c.Code, Msg: fmt.Sprintf("moves from parent %q (line %d) to parent %q", prev.parent, prev.line, c.Parent)})
			c.Replaces = prev.line
		default:
			return fail(fmt.Errorf("%w: already defined on line %d as %q, level %d", ErrDuplicate, prev.line, prev.caption, prev.level))
		}
	}
	r.seen[c.Code] = entry{line: c.Line, caption: c.Caption, level: c.Level, parent: c.Parent}
	return c, true, nil
}

// level parses a positive decimal integer without sign or leading zero.
func level(s string) (int, error) {
	if s == "" || s[0] < '1' || s[0] > '9' || len(s) > 4 {
		return 0, fmt.Errorf("%w: %q is not a positive integer", ErrLevel, s)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a positive integer", ErrLevel, s)
	}
	return n, nil
}

// tableCode checks the code of a table row: a class number, possibly in
// "[]" or "{}", possibly a span "A/B".
func tableCode(code string) (Status, bool, error) {
	st := Active
	inner := bare(code)
	if inner != code {
		st = Alternative
		if code[0] == '{' {
			st = Discontinued
		}
	}
	left, right, isRange := strings.Cut(inner, "/")
	if err := ValidClassSyntax(left); err != nil {
		return st, isRange, err
	}
	if isRange {
		if err := rangeEnd(right); err != nil {
			return st, true, fmt.Errorf("%w %q: end of span %q: %v", ErrSyntax, code, right, err)
		}
	}
	return st, isRange, nil
}

// rangeEnd checks the end of a span: a class number, or the digits (after
// an optional "." or "-") that replace the tail of its start.
func rangeEnd(s string) error {
	if s != "" && isUpper(s[0]) {
		return ValidClassSyntax(s)
	}
	t := strings.TrimLeft(s, ".-")
	if len(s)-len(t) > 1 || t == "" {
		return errors.New("want a class number or digits")
	}
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) && !(t[i] == '.' && i > 0 && i+1 < len(t) && isDigit(t[i+1])) {
			return fmt.Errorf("unexpected %q", t[i])
		}
	}
	return nil
}

// ReadAll reads a whole table and returns its classes and the notes on odd
// rows. It stops at the first error.
//
// The classes come in file order, with two changes that keep every class
// after its parent: a class moved to another parent (see Reader) takes the
// values of its last row but keeps the place of its first, and a parent
// listed after such a child is moved up to just before it. For the real file
// this gives Q914.86, Q914.87, Q914.88 and S727/728, S727, S727.1 … S727.9.
func ReadAll(r io.Reader) ([]Class, []Note, error) {
	rd := NewReader(r)
	var rows []Class
	index := make(map[string]int) // code → position in rows
	for {
		c, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, rd.Notes(), err
		}
		if c.Replaces != 0 {
			rows[index[c.Code]] = c
			continue
		}
		index[c.Code] = len(rows)
		rows = append(rows, c)
	}
	out := make([]Class, 0, len(rows))
	done := make(map[string]bool, len(rows))
	// Levels fall strictly towards the root, so this recursion ends.
	var emit func(c Class)
	emit = func(c Class) {
		if done[c.Code] {
			return
		}
		if c.Parent != "" {
			emit(rows[index[c.Parent]])
		}
		done[c.Code] = true
		out = append(out, c)
	}
	for _, c := range rows {
		emit(c)
	}
	return out, rd.Notes(), nil
}
