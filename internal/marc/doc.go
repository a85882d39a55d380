// Package marc reads and writes MARC records: MARC 21, UNIMARC and CNMARC in
// ISO 2709 ("binary MARC"), MARCXML (MARC 21 slim) and MARC-in-JSON, and
// converts their text to UTF-8 from MARC-8 (all its sets, EACC for CJK
// included), GB 18030/GBK, ISO 8859-1 and DanMARC2.
//
// A Record holds a Leader and an ordered list of Fields; a Field is a
// control field (Value) or a data field (Indicators and Subfields):
//
//	rd := marc.NewReader(f) // ISO 2709, charset detected per record
//	for {
//		rec, err := rd.Next()
//		if err == io.EOF {
//			break
//		}
//		var pe *marc.ParseError
//		if errors.As(err, &pe) {
//			log.Printf("skipping: %v", err) // names the record and offset
//			continue
//		}
//		if err != nil {
//			return err
//		}
//		title := rec.Field("245").Sub('a')
//		isbns := rec.Fields("020")
//		...
//	}
//
// Readers: Reader (ISO 2709), XMLReader (MARCXML), JSONReader
// (MARC-in-JSON), all RecordReaders; NewAutoReader picks one from the first
// bytes of the input. Writers: Writer (ISO 2709), XMLWriter, JSONWriter.
//
// By default readers fail a record whose structure cannot be trusted, with a
// *ParseError naming the record's number and offset, and go on with the next
// one. With Lenient set they repair what yaz-marcdump repairs and record it
// in the record's Warnings. The MARCXML and MARC-in-JSON that this package
// writes follow yaz-marcdump's layout byte for byte, comments for repaired
// problems included (XMLWriter.Comments).
//
// The MARC-8 tables are generated from the Library of Congress code tables
// by gen_marc8.go (go generate); marc8_tables.go must not be edited by hand.
package marc
