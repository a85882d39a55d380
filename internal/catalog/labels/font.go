package labels

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"
)

// DefaultFontPath is the CJK font used when Options.FontPath is empty:
// WenQuanYi Micro Hei (文泉驿微米黑) from Debian's fonts-wqy-microhei.
const DefaultFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

// ErrFontNotFound is wrapped by the error for a missing font file.
var ErrFontNotFound = errors.New("CJK font not found")

// fontFamily is the name the font is registered under in the PDF.
const fontFamily = "cjk"

// fontKey identifies a loaded font file: path, face and the file's identity,
// so a replaced file is read again.
type fontKey struct {
	path    string
	index   int
	size    int64
	modTime time.Time
}

var fontCache struct {
	sync.Mutex
	m map[fontKey][]byte
}

// loadFont returns the TrueType bytes of face index of the font at path,
// extracting it when the file is a TrueType Collection (.ttc), which fpdf
// cannot read. The result is cached for the life of the process.
func loadFont(path string, index int) ([]byte, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s (for %s install the Debian package fonts-wqy-microhei; or set Options.FontPath to another TrueType font with Chinese glyphs)",
			ErrFontNotFound, path, DefaultFontPath)
	}
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	key := fontKey{path, index, st.Size(), st.ModTime()}
	fontCache.Lock()
	defer fontCache.Unlock()
	if b, ok := fontCache.m[key]; ok {
		return b, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	b, err := trueType(data, index)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	if fontCache.m == nil {
		fontCache.m = make(map[fontKey][]byte)
	}
	fontCache.m[key] = b
	return b, nil
}

// trueType checks that data is a font fpdf can embed and returns it, or the
// face index of it for a collection. fpdf only prints a message (and
// registers no font) when it cannot parse a file, so the kind is checked
// here.
func trueType(data []byte, index int) ([]byte, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("not a font file (%d bytes)", len(data))
	}
	switch tag := binary.BigEndian.Uint32(data); tag {
	case tagTTC:
		return sfntFromCollection(data, index)
	case tagTrueType, tagApple:
		if index != 0 {
			return nil, fmt.Errorf("face %d: the file is a single font, not a collection", index)
		}
		return data, nil
	case tagCFF:
		return nil, errors.New("OpenType with CFF (PostScript) outlines cannot be embedded: use a TrueType font (.ttf or .ttc)")
	default:
		return nil, fmt.Errorf("not a TrueType font (starts with %#08x)", tag)
	}
}
