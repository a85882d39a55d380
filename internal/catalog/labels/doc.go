// Package labels prints the labels of technical processing (技术加工) as
// PDF: spine labels (书标) with the call number split over lines, and
// barcode labels (条码标签) with the item barcode as Code 128. It is pure:
// it takes the labels' text and writes a PDF, with no database.
//
// # Sheets
//
// A Sheet describes the label stock: the page size, the margins, the number
// of columns and rows, the label size and the gaps between labels, in
// millimetres. Preset returns the built-in ones (see Presets): the common
// A4 stocks of 65, 40 and 24 labels and a roll printer's 50 × 30 mm label,
// one a page. Labels fill a sheet row by row; Options.Skip leaves the first
// positions of the first sheet empty so that a partly used sheet can be fed
// again, and Options.Borders outlines every position for a test print on
// plain paper.
//
// # Spine labels
//
// Spine prints each SpineLabel as up to four centred lines: collection,
// class number, book number, and volume and copy. ParseSpine and
// SpineFromCallNumber split a call number of package callno into those
// lines. The lines share the largest font size the label height allows,
// and a line too wide for the label shrinks on its own; a line that does
// not fit even at Options.MinFontSize is an error rather than overflowing.
//
// # Barcode labels
//
// Barcodes prints each BarcodeLabel as the library's name, the Code 128
// bars (github.com/boombuler/barcode/code128, drawn as vector rectangles),
// the barcode as text, and the title and call number on the last line.
// Modules are as wide as the label allows up to MaxModuleWidth (0.25 mm or
// more on every preset for the usual item barcodes: up to 16 digits, or two
// letters and 10 digits), or Options.ModuleWidth, with
// QuietModules blank modules on each side inside the label; a barcode that
// would need modules under MinModuleWidth is an error. Text that does not
// fit is shortened with "…".
//
// # Fonts
//
// Chinese text needs a font with Chinese glyphs, embedded (as the subset
// of the glyphs used) in the PDF. Options.FontPath names it; the default is
// DefaultFontPath, WenQuanYi Micro Hei of Debian's fonts-wqy-microhei. That
// file is a TrueType Collection (.ttc), which the PDF library
// (codeberg.org/go-pdf/fpdf) cannot read, so the face Options.FontIndex of
// a collection is rebuilt as a standalone TrueType font in memory: its
// table directory and tables are copied out of the collection with the
// offsets rewritten (ttc.go). Fonts with CFF (PostScript)
// outlines (.otf) cannot be embedded and are refused with an error. A
// loaded font is cached for the life of the process.
//
// # Errors
//
// Input is checked before anything is written: the sheet (labels that do
// not fit the page), the options, the font, and every label. An error about
// a label is a *LabelError with the label's index. The PDF is built in
// memory and written to the io.Writer in one piece only when it is
// complete, so a failed call writes nothing.
package labels
