package marc

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// Serialization is a way of writing MARC records to bytes.
type Serialization int

const (
	// ISO2709 is the exchange format of ISO 2709 ("binary MARC", .mrc).
	ISO2709 Serialization = iota
	// MARCXML is MARC 21 slim XML.
	MARCXML
	// MARCJSON is MARC-in-JSON.
	MARCJSON
)

// String returns the name of s.
func (s Serialization) String() string {
	switch s {
	case ISO2709:
		return "ISO 2709"
	case MARCXML:
		return "MARCXML"
	case MARCJSON:
		return "MARC-in-JSON"
	}
	return fmt.Sprintf("Serialization(%d)", int(s))
}

// Sniff tells the serialization of data from its first bytes (after any
// byte-order mark and white space): '<' is MARCXML, '{' or '[' is
// MARC-in-JSON, anything else ISO 2709.
func Sniff(data []byte) Serialization {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) > 0 {
		switch data[0] {
		case '<':
			return MARCXML
		case '{', '[':
			return MARCJSON
		}
	}
	return ISO2709
}

// NewAutoReader returns a reader for r in whichever serialization its first
// bytes show (see Sniff), with default settings, and the serialization.
func NewAutoReader(r io.Reader) (RecordReader, Serialization, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, ISO2709, fmt.Errorf("marc: reading the start of the input: %w", err)
	}
	s := Sniff(head)
	switch s {
	case MARCXML:
		return NewXMLReader(br), s, nil
	case MARCJSON:
		return NewJSONReader(br), s, nil
	}
	return NewReader(br), s, nil
}

// Unmarshal reads the single ISO 2709 record in data (strictly, detecting
// its charset) and converts it to UTF-8.
func Unmarshal(data []byte) (*Record, error) {
	rd := NewReader(bytes.NewReader(data))
	rec, err := rd.Next()
	if err == io.EOF {
		return nil, fmt.Errorf("marc: no record in %d bytes: %w", len(data), ErrLength)
	}
	return rec, err
}
