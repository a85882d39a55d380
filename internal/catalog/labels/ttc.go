package labels

import (
	"encoding/binary"
	"fmt"
)

// Tags of the first four bytes of a font file.
const (
	tagTTC      = 0x74746366 // "ttcf": a TrueType Collection
	tagTrueType = 0x00010000 // an sfnt with TrueType outlines
	tagApple    = 0x74727565 // "true": the same, Apple's spelling
	tagCFF      = 0x4F54544F // "OTTO": OpenType with CFF outlines
)

// sfntFromCollection returns face index of the TrueType Collection ttc as a
// standalone TrueType font (what fpdf can embed).
//
// A collection starts with the header
//
//	"ttcf"  uint32  the tag
//	uint16  uint16  major and minor version (1.0 or 2.0)
//	uint32          numFonts
//	uint32 × numFonts  offset of each face's table directory
//
// and each face's table directory is an ordinary sfnt header (sfntVersion,
// numTables, searchRange, entrySelector, rangeShift) followed by numTables
// records (tag, checksum, offset, length) whose offsets count from the start
// of the collection, so faces can share tables. The face is rebuilt by
// writing its header and records, then each table's bytes, 4-byte aligned,
// with the offsets rewritten to the new positions. The table checksums stay
// valid since the tables are unchanged; head.checkSumAdjustment is computed
// for the new file.
func sfntFromCollection(ttc []byte, index int) ([]byte, error) {
	be := binary.BigEndian
	if len(ttc) < 12 || be.Uint32(ttc) != tagTTC {
		return nil, fmt.Errorf("not a TrueType Collection (no %q header)", "ttcf")
	}
	numFonts := int(be.Uint32(ttc[8:]))
	if numFonts < 1 || 12+4*numFonts > len(ttc) {
		return nil, fmt.Errorf("collection header: %d faces do not fit %d bytes", numFonts, len(ttc))
	}
	if index < 0 || index >= numFonts {
		return nil, fmt.Errorf("face %d: the collection has %d faces (0–%d)", index, numFonts, numFonts-1)
	}
	dir := int(be.Uint32(ttc[12+4*index:]))
	if dir+12 > len(ttc) {
		return nil, fmt.Errorf("face %d: table directory at %d is past the end (%d bytes)", index, dir, len(ttc))
	}
	version := be.Uint32(ttc[dir:])
	if version == tagCFF {
		return nil, fmt.Errorf("face %d has CFF (PostScript) outlines, which cannot be embedded: use a TrueType font", index)
	}
	if version != tagTrueType && version != tagApple {
		return nil, fmt.Errorf("face %d: unknown sfnt version %#08x", index, version)
	}
	numTables := int(be.Uint16(ttc[dir+4:]))
	if dir+12+16*numTables > len(ttc) {
		return nil, fmt.Errorf("face %d: %d table records run past the end", index, numTables)
	}

	type table struct {
		tag            [4]byte
		checksum       uint32
		offset, length int
	}
	tables := make([]table, numTables)
	size := 12 + 16*numTables
	for i := range tables {
		rec := ttc[dir+12+16*i:]
		t := &tables[i]
		copy(t.tag[:], rec[:4])
		t.checksum = be.Uint32(rec[4:])
		t.offset = int(be.Uint32(rec[8:]))
		t.length = int(be.Uint32(rec[12:]))
		if t.offset < 0 || t.length < 0 || t.offset+t.length > len(ttc) {
			return nil, fmt.Errorf("face %d: table %q (%d bytes at %d) runs past the end (%d bytes)", index, t.tag, t.length, t.offset, len(ttc))
		}
		size += pad4(t.length)
	}

	out := make([]byte, size)
	copy(out[:12], ttc[dir:dir+12]) // sfnt header: version, numTables, search fields
	pos := 12 + 16*numTables
	headAt := -1
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec[:4], t.tag[:])
		be.PutUint32(rec[4:], t.checksum)
		be.PutUint32(rec[8:], uint32(pos))
		be.PutUint32(rec[12:], uint32(t.length))
		copy(out[pos:], ttc[t.offset:t.offset+t.length])
		if string(t.tag[:]) == "head" && t.length >= 12 {
			headAt = pos
		}
		pos += pad4(t.length)
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0)
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

// pad4 rounds n up to a multiple of 4.
func pad4(n int) int { return (n + 3) &^ 3 }

// checksum is the sfnt checksum: the sum of big-endian uint32 words, the
// last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
