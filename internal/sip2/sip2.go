// Package sip2 encodes and decodes the messages of 3M's Standard
// Interchange Protocol 2.00 (SIP2), the protocol self-check machines,
// security gates and book drops use to talk to an integrated library system.
//
// A message is one line of text: a two-digit message identifier, fixed-length
// fields in a fixed order, then variable-length fields, each a two-letter
// field identifier, a value and a "|" terminator. A machine that uses error
// detection ends every message with a sequence number ("AY" and one digit)
// and a checksum ("AZ" and four hexadecimal digits); the line ends with a
// carriage return.
//
// Every message type is a struct in this package (*Checkout, *CheckinResponse
// and so on). [Parse] turns a line into one of them and [Format] turns one
// back into a line; a [Codec] does the same with a connection's options
// (character set and error detection), and [Reader] and [Writer] frame
// messages on a connection. The package is the codec only: it knows nothing
// of patrons, items or the circulation rules.
//
// A parsed message keeps everything it was sent: fields the struct does not
// model are kept in [Meta.Unknown], and the order in which the fields came is
// kept in [Meta.FieldOrder], so formatting a parsed message gives back the
// line it came from.
package sip2

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Message is one SIP2 message. The message types of this package (pointers
// to the structs, such as *Checkout) are its only implementations.
type Message interface {
	// Code returns the two-digit message identifier, such as "11".
	Code() string
	// Name returns the message's name in the specification, in lower
	// case, such as "checkout"; errors use it.
	Name() string
	// Metadata returns the fields every message has.
	Metadata() *Meta
}

// Codec parses and formats messages with a connection's options. The zero
// Codec reads and writes UTF-8 without error detection; it still verifies a
// checksum that a message carries.
type Codec struct {
	// Charset is the character set of the bytes on the connection.
	Charset Charset
	// ErrorDetection makes Format end each message with a sequence number
	// (AY) and a checksum (AZ), and Parse refuse a message without a
	// checksum, as a machine configured for error detection expects.
	ErrorDetection bool
}

// Errors that Parse, Verify and Reader return, to test for with errors.Is.
var (
	// ErrChecksum is a checksum (AZ) that does not match the message. The
	// protocol answers such a message with a request to resend (96).
	ErrChecksum = errors.New("sip2: bad checksum")
	// ErrNoChecksum is a message without a checksum where one is required.
	ErrNoChecksum = errors.New("sip2: no checksum")
	// ErrLineTooLong is a line longer than the Reader's limit.
	ErrLineTooLong = errors.New("sip2: line too long")
)

// ParseError describes a message that could not be parsed.
type ParseError struct {
	Code  string // message identifier, such as "11"; empty if there was none
	Name  string // message name, such as "checkout"; empty if unknown
	Pos   int    // byte offset in the line (after character set decoding)
	Field string // what was wrong: `fixed field "transaction date"`, `field BO (fee acknowledged)`; may be empty
	Msg   string // what was expected and what was found
}

// Error returns the message, such as
// `sip2: checkout (11): fixed field "transaction date" at position 4: want 18 characters "YYYYMMDDZZZZHHMMSS", got "2021081"`.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("sip2: ")
	if e.Name != "" {
		fmt.Fprintf(&b, "%s (%s): ", e.Name, e.Code)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%s at position %d: ", e.Field, e.Pos)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ChecksumError is a message whose checksum does not match its bytes.
// It matches ErrChecksum with errors.Is.
type ChecksumError struct {
	Code string // message identifier, such as "11"
	Name string // message name, such as "checkout"; empty if unknown
	Got  string // the four hex digits received
	Want string // the four hex digits computed over the bytes received
}

// Error returns a description naming the message and both checksums.
func (e *ChecksumError) Error() string {
	who := ""
	if e.Name != "" {
		who = fmt.Sprintf("%s (%s): ", e.Name, e.Code)
	}
	return fmt.Sprintf("sip2: %sbad checksum: got AZ%s, computed AZ%s", who, e.Got, e.Want)
}

// Is reports whether target is ErrChecksum.
func (e *ChecksumError) Is(target error) bool { return target == ErrChecksum }

// Parse parses one message with the zero Codec: UTF-8, checksum verified if
// the message has one. A trailing CR, LF or CR LF is ignored.
func Parse(line []byte) (Message, error) { return Codec{}.Parse(line) }

// Format formats m with the zero Codec: UTF-8, without sequence number and
// checksum, without the CR terminator.
func Format(m Message) []byte { return Codec{}.Format(m) }

// Parse parses one message. A trailing CR, LF or CR LF is ignored; one
// inside the line is an error. The checksum, if present, is verified over
// the bytes as received, before the character set is decoded; a mismatch is
// a *ChecksumError (errors.Is(err, ErrChecksum)), which the protocol answers
// with a RequestSCResend. Fixed-length fields are checked for length and
// content, variable-length fields for their terminator; anything wrong is a
// *ParseError naming the message, the field and its position. A missing
// required variable field is not an error: the server decides what it
// needs. Parse never panics, whatever line holds.
func (c Codec) Parse(line []byte) (Message, error) {
	line = trimTerminator(line)
	if len(line) < 2 {
		return nil, &ParseError{Msg: fmt.Sprintf("want a two-digit message identifier, got %q", line)}
	}
	code := string(line[:2])
	l := registry[code]
	name := ""
	if l != nil {
		name = l.name
	}
	body, seq, hasSum, err := splitTrailer(line)
	if err != nil {
		err.Code, err.Name = code, name
		return nil, err
	}
	if l == nil {
		return nil, &ParseError{Msg: fmt.Sprintf("unknown message identifier %q", code)}
	}
	if i := bytes.IndexAny(body, "\r\n"); i >= 0 {
		return nil, &ParseError{Code: code, Name: name, Pos: i, Field: "text",
			Msg: "CR or LF inside the message (a message ends at its CR)"}
	}
	if c.ErrorDetection && !hasSum {
		return nil, fmt.Errorf("sip2: %s (%s): %w", name, code, ErrNoChecksum)
	}
	text, bad := c.Charset.decode(body)
	if bad >= 0 {
		return nil, &ParseError{Code: code, Name: name, Pos: bad, Field: "text",
			Msg: "invalid UTF-8 (is the machine sending GB18030?)"}
	}
	return l.decode(text, seq)
}

// Format formats m as one line, without the CR terminator: the message
// identifier, the fixed-length fields, the variable-length fields and, with
// error detection, the sequence number and checksum. The text is encoded in
// the Codec's character set before the checksum is computed, so the
// checksum is over the bytes as sent.
//
// Format writes what it is given into the protocol's shape and never fails:
// a fixed-length field is padded or cut to its length, a number outside its
// digits is clamped, and "|", CR and LF inside a value (which would end the
// field or the message) become spaces.
//
// A message from Parse (its Meta.FieldOrder is set) is written with its
// fields in the order they were received, including empty optional fields;
// other messages in the order of the specification, optional fields only
// when set.
func (c Codec) Format(m Message) []byte {
	if m == nil {
		return nil
	}
	rv := reflect.ValueOf(m)
	seq := NoSeq
	b := make([]byte, 0, 128)
	b = appendClean(b, m.Code())
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		meta := m.Metadata()
		seq = meta.Seq
		if l := byType[rv.Type().Elem()]; l != nil {
			b = l.encode(b, rv.Elem(), meta)
			if l.noSeq {
				seq = NoSeq
			}
		} else {
			b = encodeUnknown(b, meta)
		}
	}
	b = c.Charset.encode(b)
	if c.ErrorDetection {
		b = appendTrailer(b, seq)
	}
	return b
}

func trimTerminator(line []byte) []byte {
	for len(line) > 0 && (line[len(line)-1] == '\r' || line[len(line)-1] == '\n') {
		line = line[:len(line)-1]
	}
	return line
}

// decode parses text (the message without its trailer) into a new message.
func (l *layout) decode(text string, seq int) (Message, error) {
	rv := reflect.New(l.typ)
	m := rv.Interface().(Message)
	v := rv.Elem()
	pos := 2
	for i := range l.fixed {
		fs := &l.fixed[i]
		if len(text)-pos < fs.width {
			return nil, l.fixedError(fs, pos, text[pos:], "")
		}
		s := text[pos : pos+fs.width]
		if detail, ok := fs.set(v.Field(fs.index), s); !ok {
			return nil, l.fixedError(fs, pos, s, detail)
		}
		pos += fs.width
	}
	meta := m.Metadata()
	meta.Seq = seq
	if l.noSeq {
		meta.Seq = NoSeq
	}
	meta.FieldOrder = make([]string, 0, strings.Count(text[pos:], "|"))
	var seen uint64
	for pos < len(text) {
		end := strings.IndexByte(text[pos:], '|')
		if end < 0 {
			return nil, &ParseError{Code: l.code, Name: l.name, Pos: pos, Field: "variable field",
				Msg: fmt.Sprintf(`missing field terminator "|" after %q`, text[pos:])}
		}
		seg := text[pos : pos+end]
		id, value := splitField(seg)
		meta.FieldOrder = append(meta.FieldOrder, id)
		j := l.varIndex(id)
		switch {
		case j < 0:
			meta.Unknown = append(meta.Unknown, Field{ID: id, Value: value})
		case l.vars[j].kind == varList:
			f := v.Field(l.vars[j].index)
			f.Set(reflect.Append(f, reflect.ValueOf(value).Convert(f.Type().Elem())))
		case seen&(1<<j) != 0:
			// A second occurrence of a single field: keep it, unmodelled.
			meta.Unknown = append(meta.Unknown, Field{ID: id, Value: value})
		default:
			seen |= 1 << j
			vs := &l.vars[j]
			f := v.Field(vs.index)
			if vs.kind == varFlag {
				t, ok := parseFlagValue(value)
				if !ok {
					return nil, &ParseError{Code: l.code, Name: l.name, Pos: pos,
						Field: fmt.Sprintf("field %s (%s)", id, vs.name),
						Msg:   fmt.Sprintf(`want "Y" or "N", got %q`, value)}
				}
				f.SetUint(uint64(t))
			} else {
				f.SetString(value)
			}
		}
		pos += end + 1
	}
	return m, nil
}

func (l *layout) fixedError(fs *fixedSpec, pos int, got, detail string) error {
	want := fs.describe()
	if detail != "" {
		want += " (" + detail + ")"
	}
	return &ParseError{Code: l.code, Name: l.name, Pos: pos,
		Field: "fixed field " + strconv.Quote(fs.name), Msg: fmt.Sprintf("want %s, got %q", want, got)}
}

// Field identifiers are two printable ASCII characters.
func splitField(seg string) (id, value string) {
	if len(seg) >= 2 && printable(seg[0]) && printable(seg[1]) {
		return seg[:2], seg[2:]
	}
	return "", seg
}

func printable(c byte) bool { return c >= 0x20 && c < 0x7f && c != '|' }

// encode appends the fixed and variable fields of v.
func (l *layout) encode(b []byte, v reflect.Value, meta *Meta) []byte {
	for i := range l.fixed {
		b = l.fixed[i].appendValue(b, v.Field(l.fixed[i].index))
	}
	var used [64]int // values of each variable field written so far
	var unknownUsed []bool
	if len(meta.Unknown) > 0 {
		unknownUsed = make([]bool, len(meta.Unknown))
	}
	if meta.FieldOrder != nil {
		for _, id := range meta.FieldOrder {
			if j := l.varIndex(id); j >= 0 {
				vs := &l.vars[j]
				f := v.Field(vs.index)
				if vs.kind == varList {
					if used[j] < f.Len() {
						b = appendField(b, id, f.Index(used[j]).String())
						used[j]++
						continue
					}
				} else if used[j] == 0 {
					b = appendField(b, id, vs.value(f))
					used[j] = 1
					continue
				}
			}
			for k := range meta.Unknown {
				if !unknownUsed[k] && meta.Unknown[k].ID == id {
					unknownUsed[k] = true
					b = appendField(b, id, meta.Unknown[k].Value)
					break
				}
			}
		}
	}
	for j := range l.vars {
		vs := &l.vars[j]
		f := v.Field(vs.index)
		if vs.kind == varList {
			for ; used[j] < f.Len(); used[j]++ {
				b = appendField(b, vs.id, f.Index(used[j]).String())
			}
			continue
		}
		// An empty field is written if required, or if Unknown holds
		// another field with its identifier, which must stay the extra one.
		if used[j] == 0 && (vs.isSet(f) || vs.required && meta.FieldOrder == nil || hasField(meta.Unknown, vs.id)) {
			b = appendField(b, vs.id, vs.value(f))
		}
	}
	for k, f := range meta.Unknown {
		if unknownUsed == nil || !unknownUsed[k] {
			b = appendField(b, f.ID, f.Value)
		}
	}
	return b
}

func hasField(fields []Field, id string) bool {
	for _, f := range fields {
		if f.ID == id {
			return true
		}
	}
	return false
}

func encodeUnknown(b []byte, meta *Meta) []byte {
	for _, f := range meta.Unknown {
		b = appendField(b, f.ID, f.Value)
	}
	return b
}

// appendField appends id, value and "|", with "|", CR and LF in either
// turned into spaces.
func appendField(b []byte, id, value string) []byte {
	b = appendClean(b, id)
	b = appendClean(b, value)
	return append(b, '|')
}

func appendClean(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '|' || c == '\r' || c == '\n' {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}

// validUTF8 returns the offset of the first invalid UTF-8 byte in b, or -1.
func validUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
