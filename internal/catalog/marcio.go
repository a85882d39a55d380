package catalog

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"time"

	"lantai.dev/lantai/internal/auth"

	"lantai.dev/lantai/internal/marc"
)

// OpenMARC returns a reader for MARC records in r, in whichever
// serialization the data shows (ISO 2709, MARCXML, MARC-in-JSON). format
// (auto, marc21, unimarc, cnmarc) and encoding (auto, utf-8, marc8,
// gb18030) apply to ISO 2709; MARCXML and JSON are UTF-8 by definition.
// The ISO 2709 reader repairs what yaz-marcdump repairs and notes each
// repair on the record.
func OpenMARC(r io.Reader, format, encoding string) (marc.RecordReader, marc.Serialization, error) {
	cs, err := marc.ParseCharset(orDefault(encoding, "auto"))
	if err != nil {
		return nil, 0, fmt.Errorf("encoding %q: use auto, utf-8, marc8 or gb18030", encoding)
	}
	var f marc.Format
	switch orDefault(format, "auto") {
	case "auto":
		f = marc.FormatUnknown
	case "marc21":
		f = marc.FormatMARC21
	case "unimarc":
		f = marc.FormatUNIMARC
	case "cnmarc":
		f = marc.FormatCNMARC
	default:
		return nil, 0, fmt.Errorf("format %q: use auto, marc21, unimarc or cnmarc", format)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	ser := marc.Sniff(head)
	switch ser {
	case marc.MARCXML:
		return marc.NewXMLReader(br), ser, nil
	case marc.MARCJSON:
		return marc.NewJSONReader(br), ser, nil
	}
	rd := marc.NewReader(br)
	rd.Charset = cs
	rd.Format = f
	rd.Lenient = true
	return rd, ser, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// MARCWriter writes records in one of the export serializations.
type MARCWriter struct {
	// ContentType and Ext describe the serialization for downloads.
	ContentType, Ext string
	write            func(*marc.Record) error
	close            func() error
	buf              *bufio.Writer
}

// ExportFormats are the serializations an export can write.
var ExportFormats = []string{"iso2709", "marcxml", "json"}

// NewMARCWriter returns a buffered writer of format (iso2709, the default;
// marcxml, a collection; json, MARC-in-JSON one object per line).
func NewMARCWriter(w io.Writer, format string) (*MARCWriter, error) {
	buf := bufio.NewWriterSize(w, 256<<10)
	mw := &MARCWriter{buf: buf, close: func() error { return nil }}
	switch format {
	case "", "iso2709":
		mw.ContentType, mw.Ext, mw.write = "application/marc", "mrc", marc.NewWriter(buf).Write
	case "marcxml":
		x := marc.NewXMLWriter(buf)
		mw.ContentType, mw.Ext, mw.write, mw.close = "application/marcxml+xml", "xml", x.Write, x.Close
	case "json":
		j := marc.NewJSONWriter(buf)
		mw.ContentType, mw.Ext, mw.write, mw.close = "application/json", "json", j.Write, j.Close
	default:
		return nil, fmt.Errorf("format %q: use iso2709, marcxml or json", format)
	}
	return mw, nil
}

// WriteRaw writes one stored record (ISO 2709 as the catalogue keeps it).
func (w *MARCWriter) WriteRaw(id int64, raw []byte) error {
	m, err := marc.Unmarshal(raw)
	if err != nil {
		return fmt.Errorf("record %d: %w", id, err)
	}
	return w.write(m)
}

// Close finishes the serialization and flushes the buffer.
func (w *MARCWriter) Close() error {
	if err := w.close(); err != nil {
		return err
	}
	return w.buf.Flush()
}

// ExportTo streams the records Export selects into w and finishes it
// (catalog.export). begin, when not nil, runs once just before the first
// byte is written — or at the end when there is no record — so that an
// HTTP front door can set its headers; started reports whether it ran. An
// error with started false means nothing was written and the caller may
// still answer with an error; after that the stream is cut short.
func (s *Service) ExportTo(ctx context.Context, a auth.Actor, since time.Time, w *MARCWriter, begin func()) (n int, started bool, err error) {
	start := func() {
		if !started {
			started = true
			if begin != nil {
				begin()
			}
		}
	}
	n, err = s.Export(ctx, a, since, func(id int64, raw []byte) error {
		start()
		return w.WriteRaw(id, raw)
	})
	if err != nil {
		return n, started, err
	}
	start()
	return n, started, w.Close()
}
