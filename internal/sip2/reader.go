package sip2

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// MaxLineLength is the default limit of a Reader on the length of a line.
const MaxLineLength = 64 << 10

// Reader reads messages from a connection, one per line. A line ends with
// CR, as the protocol says; LF and CR LF are accepted too. Empty lines
// (such as the LF of a CR LF) are skipped. A Reader is for one goroutine.
type Reader struct {
	// Codec parses the lines read by ReadMessage. It may be changed
	// between reads, such as after a machine has logged in.
	Codec Codec
	// MaxLineLength is the longest line accepted, in bytes, without its
	// terminator; NewReader sets it to the package's MaxLineLength.
	MaxLineLength int

	br      *bufio.Reader
	line    []byte
	discard bool // the rest of a too-long line is still to be skipped
}

// NewReader returns a Reader on r with the zero Codec.
func NewReader(r io.Reader) *Reader {
	return &Reader{MaxLineLength: MaxLineLength, br: bufio.NewReaderSize(r, 4096)}
}

// ReadLine returns the next non-empty line, without its terminator. The
// slice is valid until the next call. At the end of input it returns
// io.EOF, or io.ErrUnexpectedEOF with the partial line if the last line had
// no terminator. A line longer than MaxLineLength gives ErrLineTooLong as
// soon as the limit is passed; the next call skips the rest of that line.
func (r *Reader) ReadLine() ([]byte, error) {
	limit := r.MaxLineLength
	if limit <= 0 {
		limit = MaxLineLength
	}
	r.line = r.line[:0]
	for {
		data, err := r.br.Peek(1)
		if len(data) == 0 {
			if err == nil {
				err = io.ErrNoProgress
			}
			if errors.Is(err, io.EOF) {
				if len(r.line) > 0 && !r.discard {
					return r.line, io.ErrUnexpectedEOF
				}
				r.discard = false
				return nil, io.EOF
			}
			return nil, err
		}
		data, _ = r.br.Peek(r.br.Buffered())
		i := bytes.IndexAny(data, "\r\n")
		chunk := data
		if i >= 0 {
			chunk = data[:i]
		}
		if !r.discard {
			if len(r.line)+len(chunk) > limit {
				r.discard = i < 0
				_, _ = r.br.Discard(len(chunk) + boolInt(i >= 0))
				r.line = r.line[:0]
				return nil, ErrLineTooLong
			}
			r.line = append(r.line, chunk...)
		}
		_, _ = r.br.Discard(len(chunk))
		if i < 0 {
			continue
		}
		_, _ = r.br.Discard(1) // the terminator
		if r.discard {
			r.discard = false
			continue
		}
		if len(r.line) > 0 {
			return r.line, nil
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ReadMessage reads the next line and parses it with r.Codec. A line that
// does not parse gives its error (see Codec.Parse); the connection can go on
// with the next line.
func (r *Reader) ReadMessage() (Message, error) {
	line, err := r.ReadLine()
	if err != nil {
		return nil, err
	}
	return r.Codec.Parse(line)
}

// Writer writes messages to a connection, each ended with CR. A Writer is
// for one goroutine.
type Writer struct {
	// Codec formats the messages. It may be changed between writes.
	Codec Codec

	w   io.Writer
	buf []byte
}

// NewWriter returns a Writer on w with the zero Codec.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// WriteMessage formats m with w.Codec and writes it and a CR in one Write.
func (w *Writer) WriteMessage(m Message) error {
	w.buf = append(append(w.buf[:0], w.Codec.Format(m)...), '\r')
	_, err := w.w.Write(w.buf)
	return err
}
