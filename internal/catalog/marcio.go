package catalog

import (
	"bufio"
	"fmt"
	"io"

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
