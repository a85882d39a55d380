package labels

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// needFont skips the test when the default CJK font is not installed,
// except under CI (which installs fonts-wqy-microhei), where it fails.
func needFont(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(DefaultFontPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CJK font missing under CI: %v (install fonts-wqy-microhei)", err)
		}
		t.Skipf("CJK font missing: %v (install fonts-wqy-microhei)", err)
	}
}

// poppler returns the path of a poppler-utils tool, or "" after logging
// that the check that needs it is skipped.
func poppler(t *testing.T, tool, check string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Logf("SKIPPED CHECK: %s not installed (apt-get install poppler-utils): %s not checked", tool, check)
		return ""
	}
	return path
}

var pageObject = regexp.MustCompile(`/Type /Page[^s]`)

// checkPDF checks that b looks like a whole PDF of pages pages.
func checkPDF(t *testing.T, b []byte, pages int) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", b[:min(len(b), 16)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("output does not end with %%%%EOF: %q", b[max(0, len(b)-16):])
	}
	if got := len(pageObject.FindAll(b, -1)); got != pages {
		t.Errorf("%d page objects, want %d", got, pages)
	}
	m := regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`).FindSubmatch(b)
	if m == nil {
		t.Errorf("no /Pages object with a /Count")
	} else if n, _ := strconv.Atoi(string(m[1])); n != pages {
		t.Errorf("/Count %d, want %d", n, pages)
	}
}

// pdfText extracts the text of the PDF with pdftotext, or returns false
// when pdftotext is missing.
func pdfText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	tool := poppler(t, "pdftotext", "the text of the labels")
	if tool == "" {
		return "", false
	}
	in := filepath.Join(t.TempDir(), "labels.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}

// renderPages renders every page of the PDF at dpi to grey images with
// pdftoppm, or returns nil when pdftoppm is missing.
func renderPages(t *testing.T, pdf []byte, dpi, pages int) []*image.Gray {
	t.Helper()
	tool := poppler(t, "pdftoppm", "that the barcodes decode")
	if tool == "" {
		return nil
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "labels.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	var imgs []*image.Gray
	for p := 1; p <= pages; p++ {
		prefix := filepath.Join(dir, "page"+strconv.Itoa(p))
		cmd := exec.Command(tool, "-r", strconv.Itoa(dpi), "-png", "-gray", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-singlefile", in, prefix)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm page %d: %v\n%s", p, err, out)
		}
		f, err := os.Open(prefix + ".png")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("page %d: %v", p, err)
		}
		g, ok := img.(*image.Gray)
		if !ok {
			g = image.NewGray(img.Bounds())
			for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
				for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
					g.Set(x, y, color.GrayModel.Convert(img.At(x, y)))
				}
			}
		}
		imgs = append(imgs, g)
	}
	return imgs
}

// px converts mm to pixels at dpi.
func px(mm float64, dpi int) int { return int(mm * float64(dpi) / 25.4) }

// cellImage returns the part of a page image that is the label at
// position pos of sheet.
func cellImage(page *image.Gray, sheet Sheet, pos, dpi int) *image.Gray {
	x, y := sheet.Cell(pos)
	r := image.Rect(px(x, dpi), px(y, dpi), px(x+sheet.LabelWidth, dpi), px(y+sheet.LabelHeight, dpi))
	return page.SubImage(r).(*image.Gray)
}

// readBarcode scans the rows of img for a Code 128 barcode.
func readBarcode(img *image.Gray) (decoded, bool) {
	b := img.Bounds()
	row := make([]bool, b.Dx())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := range row {
			row[x] = img.GrayAt(b.Min.X+x, y).Y < 128
		}
		if d, err := decodeRow(row, QuietModules-1); err == nil {
			return d, true
		}
	}
	return decoded{}, false
}

// blank reports whether img has no dark pixel.
func blank(img *image.Gray) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.GrayAt(x, y).Y < 128 {
				return false
			}
		}
	}
	return true
}
