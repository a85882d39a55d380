package labels

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// A missing font names the path and the package to install.
func TestFontMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-font.ttc")
	var buf bytes.Buffer
	err := Spine(&buf, presets["a4-5x13"], []SpineLabel{{Class: "I247.5"}}, Options{FontPath: path})
	if !errors.Is(err, ErrFontNotFound) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "fonts-wqy-microhei") {
		t.Errorf("err = %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written", buf.Len())
	}
}

// Files that are not TrueType fonts are errors naming the file, not the
// silent failure of fpdf.
func TestFontNotTrueType(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"junk.ttf":  []byte("this is not a font at all"),
		"cff.otf":   append([]byte("OTTO"), make([]byte, 20)...),
		"short.ttf": []byte("ttf"),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := Spine(&bytes.Buffer{}, presets["a4-5x13"], []SpineLabel{{Class: "I247.5"}}, Options{FontPath: path})
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err = %v", name, err)
		}
		if name == "cff.otf" && !strings.Contains(err.Error(), "CFF") {
			t.Errorf("%s: err = %v, want it to say CFF", name, err)
		}
	}
}

// A face extracted from a collection is a valid sfnt: its tables are those
// of the collection, the whole-file checksum is right, and fpdf embeds it.
func TestFontFromCollection(t *testing.T) {
	needFont(t)
	ttc, err := os.ReadFile(DefaultFontPath)
	if err != nil {
		t.Fatal(err)
	}
	be := binary.BigEndian
	numFonts := int(be.Uint32(ttc[8:]))
	for index := range numFonts {
		ttf, err := sfntFromCollection(ttc, index)
		if err != nil {
			t.Fatalf("face %d: %v", index, err)
		}
		if got := checksum(ttf); got != 0xB1B0AFBA {
			t.Errorf("face %d: file checksum %#x, want 0xB1B0AFBA", index, got)
		}
		dir := int(be.Uint32(ttc[12+4*index:]))
		numTables := int(be.Uint16(ttc[dir+4:]))
		if got := int(be.Uint16(ttf[4:])); got != numTables {
			t.Fatalf("face %d: %d tables, want %d", index, got, numTables)
		}
		for i := range numTables {
			old, rec := ttc[dir+12+16*i:], ttf[12+16*i:]
			tag := string(rec[:4])
			oldOff, oldLen := be.Uint32(old[8:]), be.Uint32(old[12:])
			off, n := be.Uint32(rec[8:]), be.Uint32(rec[12:])
			if tag != string(old[:4]) || n != oldLen || off%4 != 0 {
				t.Fatalf("face %d table %d: %q at %d (%d bytes)", index, i, tag, off, n)
			}
			if tag == "head" {
				continue // checkSumAdjustment differs
			}
			if !bytes.Equal(ttf[off:off+n], ttc[oldOff:oldOff+oldLen]) {
				t.Errorf("face %d: table %q differs", index, tag)
			}
			if sum := checksum(ttf[off : off+n]); sum != be.Uint32(rec[4:]) {
				t.Errorf("face %d: table %q checksum %#x, record says %#x", index, tag, sum, be.Uint32(rec[4:]))
			}
		}
		pdf := fpdf.New("P", "mm", "A4", "")
		if err := addFont(pdf, ttf); err != nil {
			t.Errorf("face %d: fpdf: %v", index, err)
		}
	}
	if _, err := sfntFromCollection(ttc, numFonts); err == nil || !strings.Contains(err.Error(), "faces") {
		t.Errorf("face %d of %d: err = %v", numFonts, numFonts, err)
	}
	// A truncated collection is an error, not a panic.
	for _, n := range []int{4, 16, 200, len(ttc) / 2} {
		if _, err := sfntFromCollection(ttc[:n], 0); err == nil {
			t.Errorf("collection cut to %d bytes: no error", n)
		}
	}
	// FontIndex chooses the face; a single font has only face 0.
	if _, err := loadFont(DefaultFontPath, numFonts-1); err != nil {
		t.Errorf("last face: %v", err)
	}
	if _, err := trueType(append([]byte{0, 1, 0, 0}, make([]byte, 12)...), 1); err == nil {
		t.Error("face 1 of a single font: no error")
	}
}
